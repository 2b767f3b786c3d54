package sarif

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/lintgate/lintgate/finding"
)

// Sources converts findings' byte columns to the UTF-16 code units SARIF,
// GitHub and editors count in, reading each source file once; the other
// output formats share it with the SARIF builder.
type Sources struct{ c *sourceCache }

// NewSources reads files below root with read (nil: os.ReadFile).
func NewSources(root string, read func(string) ([]byte, error)) *Sources {
	return &Sources{c: newSourceCache(root, read)}
}

// SetFingerprints is the package's SetFingerprints on these sources: a
// log built with them as its Input.Sources reads, splits and scans no
// file a second time.
func (s *Sources) SetFingerprints(fs []finding.Finding) {
	paths := make([]string, len(fs))
	for i, f := range fs {
		paths[i] = f.Pos.Path
	}
	s.c.prefetch(paths, false, true) // no line hashes: only the SARIF log has them
	setFingerprints(s.c, fs)
}

// UTF16Column converts p's byte column; ok is false when the column is
// unknown or the source cannot be read.
func (s *Sources) UTF16Column(p finding.Position) (col int, ok bool) {
	return s.c.column(p)
}

// sourceCache reads each source file once, to convert byte columns and
// offsets to UTF-16 positions, hash lines and cut snippets.
type sourceCache struct {
	root  string
	read  func(string) ([]byte, error)
	files map[string]*sourceFile
}

type sourceFile struct {
	data   []byte
	err    error
	starts []int      // byte offset of each line's first byte, computed on first use
	hashes []lineHash // GitHub line hashes, computed on first use
	decls  []declSpan // top-level declarations, parsed on first use
	parsed bool
}

// decl is the top-level declaration around line n of the file at path.
func (f *sourceFile) decl(path string, n int) finding.Decl {
	if f.err != nil {
		return finding.Decl{}
	}
	if !f.parsed {
		f.decls, f.parsed = parseDecls(path, f.data), true
	}
	return declAt(f.decls, n)
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
	f := c.load(path)
	c.files[path] = f
	return f
}

// load reads path (relative to the root unless absolute); it touches no
// state of c.
func (c *sourceCache) load(path string) *sourceFile {
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(c.root, abs)
	}
	data, err := c.read(abs)
	return &sourceFile{data: data, err: err}
}

// prefetch reads the files of paths not read yet and computes their line
// starts, their GitHub line hashes when hashes is set and their top-level
// declarations when decls is set, on all CPUs: files are independent. c.read must be safe for
// concurrent use (os.ReadFile is).
func (c *sourceCache) prefetch(paths []string, hashes, decls bool) {
	var todo []string
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			continue
		}
		seen[p] = true
		// A file read before (the fingerprints' pass) may still lack
		// what is asked now.
		if f, ok := c.files[p]; !ok || f.err == nil && (hashes && f.hashes == nil || decls && !f.parsed) {
			todo = append(todo, p)
		}
	}
	files := make([]*sourceFile, len(todo))
	for i, p := range todo {
		files[i] = c.files[p]
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(todo); i = int(next.Add(1) - 1) {
				f := files[i]
				if f == nil {
					f = c.load(todo[i])
				}
				if f.err == nil {
					f.lineStarts()
					if hashes && f.hashes == nil {
						f.hashes = lineHashes(f.data)
					}
					if decls && !f.parsed {
						f.decls, f.parsed = parseDecls(todo[i], f.data), true
					}
				}
				files[i] = f
			}
		})
	}
	wg.Wait()
	for i, p := range todo {
		c.files[p] = files[i]
	}
}

// lineStarts returns the byte offset at which each line starts. Lines are
// separated by "\n" (a "\r" before it belongs to the terminator), and the
// text after the last "\n" is a line even when empty.
func (f *sourceFile) lineStarts() []int {
	if f.starts == nil {
		f.starts = append(make([]int, 0, 64), 0)
		for i, c := range f.data {
			if c == '\n' {
				f.starts = append(f.starts, i+1)
			}
		}
	}
	return f.starts
}

// line returns the 1-based line n without its terminator, or nil when the
// file has no such line.
func (f *sourceFile) line(n int) []byte {
	starts := f.lineStarts()
	if n < 1 || n > len(starts) {
		return nil
	}
	end := len(f.data)
	if n < len(starts) {
		end = starts[n] - 1
	}
	l := bytes.TrimSuffix(f.data[starts[n-1]:end], []byte("\r"))
	return l[:len(l):len(l)]
}

// position converts a byte offset into a 1-based line and UTF-16 column.
// ok is false when the offset is outside the file.
func (f *sourceFile) position(offset int) (line, col int, ok bool) {
	if f.err != nil || offset < 0 || offset > len(f.data) {
		return 0, 0, false
	}
	starts := f.lineStarts()
	i := sort.SearchInts(starts, offset+1) - 1 // last line starting at or before offset
	return i + 1, UTF16Column(f.data[starts[i]:], offset-starts[i]+1), true
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
	line := f.line(p.Line)
	if line == nil {
		return 0, false
	}
	return UTF16Column(line, p.Column), true
}

// logColumn is the log's startColumn for p: in UTF-16 code units from
// the source, or, for a file that cannot be read (gone since the lint;
// lint says so in a notification), the tool's own column, which is what
// is known.
func (c *sourceCache) logColumn(p finding.Position) (int, bool) {
	if p.Column > 0 && c.file(p.Path).err != nil {
		return p.Column, true
	}
	return c.column(p)
}

// lineHash returns GitHub's primaryLocationLineHash for p's line, or ""
// when the source cannot be read or the line does not exist.
func (c *sourceCache) lineHash(p finding.Position) string {
	f := c.file(p.Path)
	if f.err != nil || p.Line <= 0 {
		return ""
	}
	if f.hashes == nil {
		f.hashes = lineHashes(f.data)
	}
	if p.Line > len(f.hashes) {
		return ""
	}
	return f.hashes[p.Line-1].String()
}

// maxSnippet bounds the bytes of a region's snippet: a long multi-line
// range (a duplicated block) is located by its lines, not copied.
const maxSnippet = 1024

// snippet returns the text of the region that starts at p (byte column;
// 0 means the line's start) and runs to the end of line endLine, without
// the final line terminator, as SARIF defines a region with no endColumn.
// ok is false when the source cannot be read, the lines do not exist or
// the text is longer than maxSnippet.
func (c *sourceCache) snippet(p finding.Position, endLine int) (string, bool) {
	f := c.file(p.Path)
	if f.err != nil || p.Line <= 0 {
		return "", false
	}
	endLine = max(endLine, p.Line)
	first, last := f.line(p.Line), f.line(endLine)
	if first == nil || last == nil {
		return "", false
	}
	starts := f.lineStarts()
	from := starts[p.Line-1] + min(max(p.Column-1, 0), len(first))
	to := starts[endLine-1] + len(last)
	if to-from > maxSnippet {
		return "", false
	}
	return string(f.data[from:to]), true
}
