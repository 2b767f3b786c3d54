package ide

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/internal/atomicfile"
)

// Options say what an export writes, and where.
type Options struct {
	// Root is the absolute module root. Every file is written below it,
	// and none through a symlink that leads outside it.
	Root string
	// Lintgate is the absolute path of the lintgate binary the launchers
	// run.
	Lintgate string
	// Config is the effective golangci-lint configuration, written to
	// .lintgate/golangci.yml.
	Config []byte
	// Name names a file in messages, given its absolute path; nil means
	// the path relative to Root.
	Name func(abs string) string
}

// File is one planned file of an export.
type File struct {
	// Path is the file's slash-separated path relative to the module root.
	Path string
	// Target is the absolute path that is read and written: Path below
	// the root, with symlinks that stay inside the root resolved.
	Target string
	// Exists reports whether the file exists; Old is its content.
	Exists bool
	Old    []byte
	// New is the content after the export.
	New []byte
	// Exec asks for an executable file.
	Exec bool
	// Mode is the permission bits the file has, or gets when created; an
	// Exec file is written with 0755 added.
	Mode fs.FileMode
	// Notes tell the user what the merge changed that they may not expect.
	Notes []string
}

// Changed reports whether writing f changes the file.
func (f File) Changed() bool {
	return !f.Exists || !bytes.Equal(f.Old, f.New) || (f.Exec && f.Mode&0o100 == 0)
}

// ParseError is a file that cannot be read as what it should be, at a
// position (1-based line, byte column).
type ParseError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// planner collects the files of an export and the problems found.
type planner struct {
	o     Options
	files []File
	errs  []error
}

func (p *planner) name(abs string) string {
	if p.o.Name != nil {
		return p.o.Name(abs)
	}
	if rel, err := filepath.Rel(p.o.Root, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return abs
}

// read resolves and reads the file at rel (a slash path below the root).
func (p *planner) read(rel string) (File, bool) {
	abs := filepath.Join(p.o.Root, filepath.FromSlash(rel))
	target, err := resolveTarget(p.o.Root, rel)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s: %w", p.name(abs), err))
		return File{}, false
	}
	f := File{Path: rel, Target: target, Mode: 0o644}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return f, true
	case err == nil && !fi.Mode().IsRegular():
		err = errors.New("not a regular file")
	}
	if err == nil {
		f.Old, err = os.ReadFile(target)
	}
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s: %w", p.name(abs), unwrapPath(err)))
		return File{}, false
	}
	f.Exists, f.Mode = true, fi.Mode().Perm()
	return f, true
}

// put plans a file lintgate owns whole.
func (p *planner) put(rel string, data []byte, exec bool) {
	f, ok := p.read(rel)
	if !ok {
		return
	}
	f.New, f.Exec = data, exec
	if exec && !f.Exists {
		f.Mode = 0o755
	}
	p.files = append(p.files, f)
}

// mergeFunc computes a file's new content from its old one (nil when it
// does not exist), with notes for the user; a *ParseError leaves it alone.
type mergeFunc func(old []byte) (data []byte, notes []string, err error)

// merge plans a file lintgate shares with the user.
func (p *planner) merge(rel string, fn mergeFunc) {
	f, ok := p.read(rel)
	if !ok {
		return
	}
	data, notes, err := fn(f.Old)
	if pe, ok := errors.AsType[*ParseError](err); ok {
		pe.Path = p.name(filepath.Join(p.o.Root, filepath.FromSlash(rel)))
	} else if err != nil {
		err = fmt.Errorf("%s: %w", p.name(f.Target), err)
	}
	if err != nil {
		p.errs = append(p.errs, err)
		return
	}
	f.New, f.Notes = data, notes
	p.files = append(p.files, f)
}

// result is the planned files sorted by path, or every problem. An
// existing file that would change but is read-only is a problem.
func (p *planner) result() ([]File, error) {
	for _, f := range p.files {
		if f.Exists && f.Changed() {
			if ro, ok := errors.AsType[*atomicfile.ReadOnlyError](atomicfile.CheckWritable(f.Target)); ok {
				ro.Path = p.name(filepath.Join(p.o.Root, filepath.FromSlash(f.Path)))
				p.errs = append(p.errs, ro)
			}
		}
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	slices.SortFunc(p.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return p.files, nil
}

// resolveTarget is the path to read and write for rel below root: every
// symlink on the way is followed, and one that leads outside root (or
// nowhere) is an error.
func resolveTarget(root, rel string) (string, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	cur := realRoot
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		next := filepath.Join(cur, part)
		fi, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) {
			return filepath.Join(append([]string{cur}, parts[i:]...)...), nil
		}
		if err != nil {
			return "", unwrapPath(err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			what := "a symlink" // the file itself
			if i < len(parts)-1 {
				what = strings.Join(parts[:i+1], "/") + " is a symlink"
			}
			link, _ := os.Readlink(next)
			resolved, err := filepath.EvalSymlinks(next)
			if err != nil {
				return "", fmt.Errorf("%s to %s, which does not exist; not writing through it", what, link)
			}
			if !within(realRoot, resolved) {
				return "", fmt.Errorf("%s to %s, outside the module root %s; not writing through it", what, resolved, root)
			}
			next = resolved
		}
		cur = next
	}
	return cur, nil
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// unwrapPath drops the path from an *fs.PathError: messages name the file
// as the user knows it.
func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// Write writes the files that change, all or none: every new content is
// first written to a temporary file beside its target (creating the
// directories it needs), and only when all of them are ready are they
// renamed into place. When one cannot be prepared, the temporary files and
// the directories Write created are removed and no target changes. Plan
// first: Write assumes the files were checked (see VSCode and GoLand).
func Write(files []File) (err error) {
	var pending []*atomicfile.Pending
	var created []string // directories made here, parents first
	defer func() {
		if err == nil {
			return
		}
		for _, p := range pending {
			p.Abort()
		}
		for i := len(created) - 1; i >= 0; i-- {
			_ = os.Remove(created[i]) // only if still empty; best effort
		}
	}()
	for _, f := range files {
		if !f.Changed() {
			continue
		}
		dirs, err := mkdirAll(filepath.Dir(f.Target))
		created = append(created, dirs...)
		if err != nil {
			return err
		}
		mode := f.Mode
		if f.Exec {
			mode |= 0o755
		}
		p, err := atomicfile.Prepare(f.Target, f.New, mode)
		if err != nil {
			return err
		}
		pending = append(pending, p)
	}
	for i, p := range pending {
		if err := p.Commit(); err != nil {
			pending = pending[i+1:] // the rest are still temporary files
			return err
		}
	}
	return nil
}

// mkdirAll is os.MkdirAll that returns the directories it created,
// parents first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		missing = append(missing, d)
	}
	slices.Reverse(missing)
	for i, d := range missing {
		if err := os.Mkdir(d, 0o750); err != nil && !errors.Is(err, fs.ErrExist) {
			return missing[:i], err
		}
	}
	return missing, nil
}
