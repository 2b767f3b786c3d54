package sarif

import (
	"os"
	"path/filepath"

	"github.com/lintgate/lintgate/finding"
)

// sourceCache reads each source file once, to convert byte columns to
// UTF-16 code units (and, later, to hash lines).
type sourceCache struct {
	root  string
	read  func(string) ([]byte, error)
	files map[string]*sourceFile
}

type sourceFile struct {
	data   []byte
	err    error
	hashes []string // GitHub line hashes, computed on first use
}

func newSourceCache(root string, read func(string) ([]byte, error)) *sourceCache {
	if read == nil {
		read = os.ReadFile
	}
	return &sourceCache{root: root, read: read, files: map[string]*sourceFile{}}
}

func (c *sourceCache) file(path string) *sourceFile {
	if f, ok := c.files[path]; ok {
		return f
	}
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(c.root, abs)
	}
	data, err := c.read(abs)
	f := &sourceFile{data: data, err: err}
	c.files[path] = f
	return f
}

// column converts p's byte column to UTF-16 code units. ok is false when
// the source cannot be read: a byte column would be wrong on non-ASCII
// lines, so the caller omits the column.
func (c *sourceCache) column(p finding.Position) (int, bool) {
	if p.Column <= 0 {
		return 0, false
	}
	f := c.file(p.Path)
	if f.err != nil {
		return 0, false
	}
	line := LineAt(f.data, p.Line)
	if line == nil {
		return 0, false
	}
	return UTF16Column(line, p.Column), true
}

// lineHash returns GitHub's primaryLocationLineHash for p's line, or ""
// when the source cannot be read or the line does not exist.
func (c *sourceCache) lineHash(p finding.Position) string {
	f := c.file(p.Path)
	if f.err != nil || p.Line <= 0 {
		return ""
	}
	if f.hashes == nil {
		f.hashes = LineHashes(f.data)
	}
	if p.Line > len(f.hashes) {
		return ""
	}
	return f.hashes[p.Line-1]
}
