// Package atomicfile writes files so that a reader (or a crash) never sees
// half of one: the data goes to a temporary file in the same directory,
// which is synced and then renamed over the target. A replaced file keeps
// its permissions, and a read-only one is refused ([ErrReadOnly]).
// [Prepare] and [Pending.Commit] split a write in two, so that a caller can
// get every file of a set ready before it replaces any.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrReadOnly is the error of a write to a file that is read-only.
var ErrReadOnly = errors.New("the file is read-only")

// WriteFile writes data to path atomically. A new file gets the
// permissions perm; a file that is replaced keeps its own, plus the
// execute bits of perm (a script must stay runnable). A read-only file
// (see CheckWritable) is not replaced: the error is ErrReadOnly. On error
// the target is left as it was and no temporary file remains. An
// existing target that is not a regular file (a device such as
// /dev/null, a named pipe) is written in place instead.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	p, err := Prepare(path, data, perm)
	if err != nil {
		return err
	}
	return p.Commit()
}

// A Pending write is a file's new content, written and synced to a
// temporary file beside the target, waiting to be renamed over it; several
// Pending writes let a caller check that every file can be written before
// it replaces any. Commit or Abort each one.
type Pending struct {
	path, tmp string
	special   []byte // the data for a device or pipe, written in place by Commit
}

// Prepare does all of WriteFile but the final rename: every check (a
// directory, a read-only file, a missing or unwritable directory, a full
// disk) fails here, leaving nothing behind.
func Prepare(path string, data []byte, perm os.FileMode) (p *Pending, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if fi, serr := os.Stat(path); serr == nil {
		if fi.IsDir() {
			return nil, fmt.Errorf("%s: is a directory", path)
		}
		if !fi.Mode().IsRegular() {
			// A device or pipe (/dev/null, /dev/stdout, a FIFO) is written to,
			// never replaced: renaming over /dev/null would destroy it.
			return &Pending{path: path, special: data}, nil
		}
		if err := checkMode(path, fi); err != nil {
			return nil, err
		}
		perm = fi.Mode().Perm() | perm&0o111
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name()) // best effort: the write already failed
		}
	}()
	if _, err := f.Write(data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, errors.Join(err, f.Close()))
	}
	if err := f.Chmod(perm); err != nil {
		return nil, fmt.Errorf("%s: %w", path, errors.Join(err, f.Close()))
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, errors.Join(err, f.Close()))
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Pending{path: path, tmp: f.Name()}, nil
}

// Commit renames the temporary file over the target; on error the
// temporary file is removed and the target is as it was.
func (p *Pending) Commit() error {
	if p.tmp == "" {
		return writeSpecial(p.path, p.special)
	}
	if err := os.Rename(p.tmp, p.path); err != nil {
		p.Abort()
		return fmt.Errorf("%s: %w", p.path, unwrapPathError(err))
	}
	return nil
}

// Abort removes the temporary file; the target is left as it was.
func (p *Pending) Abort() {
	if p.tmp != "" {
		_ = os.Remove(p.tmp) // best effort: nothing else refers to it
	}
}

// CheckWritable returns an error wrapping ErrReadOnly when path is an
// existing regular file that the user may not write: one without the
// write permission that applies to the user, or, for root (whom the
// system lets write anything), one without any write permission. A file
// that does not exist yet is writable here; whether its directory is
// shows when it is written.
func CheckWritable(path string) error {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	return checkMode(path, fi)
}

func checkMode(path string, fi os.FileInfo) error {
	if fi.Mode().Perm()&0o222 != 0 && mayWrite(path) {
		return nil
	}
	return &ReadOnlyError{Path: path, Mode: fi.Mode().Perm()}
}

// ReadOnlyError is a file the user may not write; it is ErrReadOnly.
type ReadOnlyError struct {
	Path string
	Mode os.FileMode // its permissions
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s: %v (mode %04o): make it writable (chmod u+w) or write elsewhere", e.Path, ErrReadOnly, e.Mode)
}

// Is makes errors.Is(err, ErrReadOnly) true.
func (e *ReadOnlyError) Is(target error) bool { return target == ErrReadOnly }

// mayWrite asks the system whether the user may open path for writing;
// the file is opened without truncation and closed at once.
func mayWrite(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return !errors.Is(err, os.ErrPermission)
	}
	_ = f.Close() // opened for the permission check only; nothing was written
	return true
}

// unwrapPathError drops the temp file's name from an error, so messages
// name the file the user asked for.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeSpecial writes to an existing non-regular file in place.
func writeSpecial(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Close()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
