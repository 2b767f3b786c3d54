package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// ToolchainModule is the module path of the Go toolchains the go command
// downloads (GOTOOLCHAIN): golang.org/toolchain@v0.0.1-go1.26.8.linux-amd64
// holds the release's binary distribution.
const ToolchainModule = "golang.org/toolchain"

// GOROOT file mappings between an installed binary distribution and its
// toolchain module (cmd/distpack): the module leaves out api/, doc/,
// misc/ and test/; every nested go.mod is named _go.mod in it; and its
// go.env says GOTOOLCHAIN=auto where a distribution may say
// GOTOOLCHAIN=local (the official Docker images do).
var gorootExcluded = []string{"api", "doc", "misc", "test"}

// toolchainVersion is the toolchain module version of a Go release for
// the host ("" for a Go that names no release: a development build).
func toolchainVersion(goversion, goos, goarch string) string {
	if !releaseRE.MatchString(goversion) || goos == "" || goarch == "" {
		return ""
	}
	return "v0.0.1-" + goversion + "." + goos + "-" + goarch
}

// gorootFile is a file of GOROOT: its name in the module and on disk.
type gorootFile struct {
	name, path string
	stamp      string // size, times and inode, for the hash cache
}

// listGoRoot lists the files of GOROOT that its toolchain module holds,
// named as the module names them (prefix/rel, go.mod as _go.mod),
// sorted. A symbolic link counts as the file it points to.
func listGoRoot(root, prefix string) ([]gorootFile, error) {
	var files []gorootFile
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if slices.Contains(gorootExcluded, rel) {
				return filepath.SkipDir
			}
			return nil
		}
		fi, err := os.Stat(path) // follows links
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			return nil
		}
		name := rel
		if d.Name() == "go.mod" {
			name = strings.TrimSuffix(rel, "go.mod") + "_go.mod"
		}
		files = append(files, gorootFile{name: prefix + "/" + name, path: path, stamp: statStamp(fi)})
		return nil
	})
	slices.SortFunc(files, func(a, b gorootFile) int { return strings.Compare(a.name, b.name) })
	return files, err
}

// openGoRootFile opens a file of GOROOT as its module holds it.
func openGoRootFile(root string, f gorootFile) (io.ReadCloser, error) {
	if filepath.Clean(f.path) != filepath.Join(root, "go.env") {
		return os.Open(f.path)
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		return nil, err
	}
	data = goEnvAsModule(data)
	return io.NopCloser(bytes.NewReader(data)), nil
}

// goEnvAsModule maps a distribution's go.env to the module's.
func goEnvAsModule(data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	for i, l := range lines {
		if strings.TrimRight(l, "\r\n") == "GOTOOLCHAIN=local" {
			lines[i] = strings.Replace(l, "local", "auto", 1)
		}
	}
	return []byte(strings.Join(lines, ""))
}

// fileHashes hashes the files' contents (sha256, hex) in parallel, one
// worker per CPU, in the files' order.
func fileHashes(root string, files []gorootFile) ([]string, error) {
	sums := make([]string, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				sums[i], errs[i] = hashFile(root, files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", files[i].path, err)
		}
	}
	return sums, nil
}

func hashFile(root string, f gorootFile) (string, error) {
	r, err := openGoRootFile(root, f)
	if err != nil {
		return "", err
	}
	defer func() { _ = r.Close() }() // read only
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hash1 combines file hashes as dirhash.Hash1 does: the sha256 of the
// lines "<sha256 hex>  <name>\n" of the files sorted by name, base64,
// prefixed "h1:". (dirhash.Hash1 reads the files one after another;
// this is its summary over hashes computed in parallel, and a test
// checks that both agree.)
func hash1(files []gorootFile, sums []string) string {
	h := sha256.New()
	for i, f := range files {
		_, _ = fmt.Fprintf(h, "%s  %s\n", sums[i], f.name) // a hash.Hash never fails a write
	}
	return "h1:" + base64.StdEncoding.EncodeToString(h.Sum(nil))
}
