package snapshot

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// maxEntry bounds one file of a bundle (a toolchain zip is ~70 MB).
const maxEntry = 1 << 30

// Bundle is a checked bundle: every file is listed in its manifest with
// the right sha256, and nothing else is in it.
type Bundle struct {
	// Manifest maps each file's name to its hex sha256.
	Manifest     map[string]string
	ManifestData []byte
	// ManifestSig is the manifest's signature, nil when unsigned.
	ManifestSig []byte
	// Snapshot is the bundle's snapshot.
	Snapshot []byte
}

// CheckBundle reads a whole bundle without writing anything: every entry
// must be a regular file with a plain relative name (no "..", no absolute
// path, no link, no device, no duplicate), the manifest must list every
// other file with its sha256 and nothing that is missing. name names the
// bundle in errors.
func CheckBundle(name string, r io.Reader) (*Bundle, error) {
	b := &Bundle{}
	got := map[string]string{}
	err := walkArchive(r, func(hdr *tar.Header, content io.Reader) error {
		h := sha256.New()
		var keep bytes.Buffer
		w := io.Writer(h)
		switch hdr.Name {
		case BundleManifest, BundleManifestSig, BundleSnapshot:
			w = io.MultiWriter(h, &keep)
		}
		if _, err := io.Copy(w, content); err != nil {
			return err
		}
		got[hdr.Name] = hex.EncodeToString(h.Sum(nil))
		switch hdr.Name {
		case BundleManifest:
			b.ManifestData = keep.Bytes()
		case BundleManifestSig:
			b.ManifestSig = keep.Bytes()
		case BundleSnapshot:
			b.Snapshot = keep.Bytes()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if b.ManifestData == nil {
		return nil, fmt.Errorf("%s: no %s: not a lintgate bundle", name, BundleManifest)
	}
	if b.Manifest, err = parseManifest(b.ManifestData); err != nil {
		return nil, fmt.Errorf("%s: %s:%w", name, BundleManifest, err)
	}
	if err := compareManifest(b.Manifest, got); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if b.Snapshot == nil {
		return nil, fmt.Errorf("%s: no %s", name, BundleSnapshot)
	}
	return b, nil
}

// walkArchive calls fn for every entry of a gzip-compressed tar, after
// checking that the entry is a regular file with a safe name.
func walkArchive(r io.Reader, fn func(*tar.Header, io.Reader) error) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("not a gzip-compressed tar: %w", err)
	}
	tr := tar.NewReader(zr)
	seen := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return zr.Close()
		}
		if err != nil {
			return err
		}
		if err := safeEntry(hdr, seen); err != nil {
			return err
		}
		if err := fn(hdr, io.LimitReader(tr, maxEntry)); err != nil {
			return fmt.Errorf("%s: %w", hdr.Name, err)
		}
	}
}

// safeEntry refuses what could write outside the bundle's directory or
// anything but a plain file.
func safeEntry(hdr *tar.Header, seen map[string]bool) error {
	n := hdr.Name
	switch {
	case hdr.Typeflag != tar.TypeReg:
		return fmt.Errorf("entry %q is not a regular file (type %q): refused", n, hdr.Typeflag)
	case !fs.ValidPath(n) || strings.Contains(n, `\`) || !filepath.IsLocal(filepath.FromSlash(n)):
		return fmt.Errorf("entry %q is not a plain relative path: refused", n)
	case seen[n]:
		return fmt.Errorf("entry %q appears twice: refused", n)
	case hdr.Size > maxEntry:
		return fmt.Errorf("entry %q is %d bytes, more than a bundle holds: refused", n, hdr.Size)
	}
	switch {
	case n == BundleManifest, n == BundleManifestSig, n == BundleSnapshot, n == SignatureFile(BundleSnapshot):
	case strings.HasPrefix(n, BundleProxy+"/"):
	default:
		return fmt.Errorf("entry %q is not part of a lintgate bundle: refused", n)
	}
	seen[n] = true
	return nil
}

// parseManifest reads "HEX  NAME" lines.
func parseManifest(data []byte) (map[string]string, error) {
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if _, err := hex.DecodeString(sum); !ok || err != nil || len(sum) != 64 || name == "" {
			return nil, fmt.Errorf("%d: want \"SHA256  NAME\", got %q", line, sc.Text())
		}
		if _, dup := m[name]; dup {
			return nil, fmt.Errorf("%d: %s listed twice", line, name)
		}
		m[name] = sum
	}
	return m, sc.Err()
}

// compareManifest checks the files found against the manifest.
func compareManifest(manifest, got map[string]string) error {
	var problems []string
	for name, sum := range got {
		want, ok := manifest[name]
		switch {
		case name == BundleManifest || name == BundleManifestSig:
		case !ok:
			problems = append(problems, name+" is not in the manifest")
		case want != sum:
			problems = append(problems, fmt.Sprintf("%s has sha256 %s, the manifest says %s", name, sum, want))
		}
	}
	for name := range manifest {
		if _, ok := got[name]; !ok {
			problems = append(problems, name+" is in the manifest but not in the bundle")
		}
	}
	if len(problems) > 0 {
		problems = sortedNonNil(problems)
		return fmt.Errorf("does not match its manifest: %s", strings.Join(problems, "; "))
	}
	return nil
}

// VerifySignature checks the manifest's signature (and so, through the
// sha256 sums, every file) against an allowed_signers list.
func (b *Bundle) VerifySignature(signers []AllowedSigner, allowedName string, now time.Time) (Signer, error) {
	if b.ManifestSig == nil {
		return Signer{}, fmt.Errorf("the bundle is not signed (no %s; sign it with snapshot bundle --sign)", BundleManifestSig)
	}
	return Verify(b.ManifestData, b.ManifestSig, signers, allowedName, now)
}

// Extract unpacks a checked bundle into dir, which must not exist: into a
// temporary directory beside it first, checking every file against the
// manifest again as it is written, then renamed into place, with files
// 0444 and directories 0555. On any error nothing is left behind.
func (b *Bundle) Extract(r io.Reader, dir string) (err error) {
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".unpack-")
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := root.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = MakeWritable(tmp)
			_ = os.RemoveAll(tmp)
		}
	}()
	err = walkArchive(r, func(hdr *tar.Header, content io.Reader) error {
		return b.extractFile(root, hdr.Name, content)
	})
	if err != nil {
		return err
	}
	if err := readOnlyTree(root); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// extractFile writes one checked entry, inside root only (os.Root refuses
// any path that would leave it, symlinks included).
func (b *Bundle) extractFile(root *os.Root, name string, content io.Reader) error {
	want, listed := b.Manifest[name]
	switch name {
	case BundleManifest:
		sum := sha256.Sum256(b.ManifestData)
		want, listed = hex.EncodeToString(sum[:]), true
	case BundleManifestSig:
	default:
		if !listed {
			return errors.New("not in the manifest")
		}
	}
	p := filepath.FromSlash(name)
	if err := root.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return err
	}
	f, err := root.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(f, h), content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if sum := hex.EncodeToString(h.Sum(nil)); listed && sum != want {
		return fmt.Errorf("changed since it was checked: sha256 %s, the manifest says %s", sum, want)
	}
	return nil
}

// readOnlyTree makes files 0444 and directories 0555, deepest first, as
// the go command leaves its module cache: readable by everyone, written
// by no one.
func readOnlyTree(root *os.Root) error {
	var dirs []string
	err := fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return root.Chmod(p, 0o444)
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := root.Chmod(dirs[i], 0o555); err != nil {
			return err
		}
	}
	return nil
}

// MakeWritable undoes readOnlyTree so that a tree can be removed.
func MakeWritable(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer func() { _ = root.Close() }() // nothing written through it
	return fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = root.Chmod(p, 0o700)
		}
		return err
	})
}

// SameManifest says whether dir already holds this bundle, unpacked.
func (b *Bundle) SameManifest(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, BundleManifest))
	return err == nil && bytes.Equal(data, b.ManifestData)
}
