// Package atomicfile writes files so that a reader (or a crash) never sees
// half of one: the data goes to a temporary file in the same directory,
// which is synced and then renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile writes data to path atomically with the given permissions.
// On error the target is left as it was and no temporary file remains.
// An existing target that is not a regular file (a device such as
// /dev/null, a named pipe) is written in place instead.
func WriteFile(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return fmt.Errorf("%s: is a directory", path)
		}
		// A device or pipe (/dev/null, /dev/stdout, a FIFO) is written to,
		// never replaced: renaming over /dev/null would destroy it.
		return writeSpecial(path, data)
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name()) // best effort: the write already failed
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, errors.Join(err, f.Close()))
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("%s: %w", path, errors.Join(err, f.Close()))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, errors.Join(err, f.Close()))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return nil
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
