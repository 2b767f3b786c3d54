package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/lintgate/lintgate/internal/atomicfile"
)

// The GOROOT hash cache. Hashing GOROOT reads about 12,000 files; the
// cache keeps the hash of a GOROOT whose files all still have the same
// names, sizes, modes, modification and change times, devices and inodes
// as when it was hashed (statStamp), so that a pre-commit hook pays for a
// directory walk, not for reading 250 MB. What it trusts: that a file
// whose stat data is unchanged has unchanged content. Someone who can
// write GOROOT can restore a modification time; restoring the change
// time takes setting the system clock, which needs root. --strict never
// reads the cache. Only the hash is cached: the checksum database is
// asked every time (its own cache answers without the network).
type gorootCacheEntry struct {
	Stamp string `json:"stamp"`
	Hash  string `json:"hash"`
}

// hashGoRoot is the h1 of GOROOT's files, from the cache when o allows
// and the stat data match; sums (the file hashes) are nil then.
func hashGoRoot(o Options, root string, files []gorootFile) (string, []string, error) {
	if len(files) == 0 {
		return "", nil, fmt.Errorf("GOROOT %s holds no files", root)
	}
	stamp := sha256.New()
	for _, f := range files {
		_, _ = fmt.Fprintf(stamp, "%s\x00%s\x00%s\n", f.name, f.path, f.stamp) // a hash.Hash never fails a write
	}
	key := hex.EncodeToString(stamp.Sum(nil))
	var cacheFile string
	if o.CacheDir != "" {
		id := sha256.Sum256([]byte(root + "\x00" + files[0].name))
		cacheFile = filepath.Join(o.CacheDir, "goroot", hex.EncodeToString(id[:8])+".json")
	}
	if cacheFile != "" && !o.Strict {
		var e gorootCacheEntry
		if data, err := os.ReadFile(cacheFile); err == nil && json.Unmarshal(data, &e) == nil && e.Stamp == key && e.Hash != "" {
			return e.Hash, nil, nil
		}
	}
	sums, err := fileHashes(root, files)
	if err != nil {
		return "", nil, err
	}
	h := hash1(files, sums)
	if cacheFile != "" {
		if data, err := json.Marshal(gorootCacheEntry{Stamp: key, Hash: h}); err == nil && os.MkdirAll(filepath.Dir(cacheFile), 0o750) == nil {
			_ = atomicfile.WriteFile(cacheFile, data, 0o644) // a cache: a failed write costs a hash next time
		}
	}
	return h, sums, nil
}
