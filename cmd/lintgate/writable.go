package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lintgate/lintgate/internal/atomicfile"
)

// target is a file an output writes, and what names it.
type target struct {
	path string // as given
	what string // "the sarif output", "--write-baseline"
}

// checkOutputs refuses, before any work, output files (and the next
// baseline, when given) that cannot all be written: two outputs to one
// file (one would be lost), a directory that does not exist, a file the
// user may not write (exit 2, not a replaced file). No output is written
// then.
func checkOutputs(dir string, outputs []output, baseline string) error {
	var ts []target
	if baseline != "" {
		ts = append(ts, target{baseline, "--write-baseline"})
	}
	for _, o := range outputs {
		if o.path != "-" && o.path != toStderr {
			ts = append(ts, target{o.path, "the " + o.format + " output"})
		}
	}
	seen := map[string]target{}
	for _, t := range ts {
		abs := sameFileKey(resolve(dir, t.path))
		if first, ok := seen[abs]; ok {
			return usageError("%s: %s and %s both write this file, and one would be lost: give each its own file", t.path, first.what, t.what)
		}
		seen[abs] = t
		if err := checkDir(dir, t.path); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		if err := atomicfile.CheckWritable(resolve(dir, t.path)); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
	}
	return nil
}

// sameFileKey names a file the same way however the path spells it:
// cleaned, absolute, its directory's symbolic links resolved.
func sameFileKey(path string) string {
	path = filepath.Clean(path)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		path = filepath.Join(d, filepath.Base(path))
	}
	return path
}

// checkDir says what to do when the directory of an output file is
// missing or not a directory.
func checkDir(dir, path string) error {
	parent := filepath.Dir(path)
	fi, err := os.Stat(resolve(dir, parent))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: directory %s does not exist: create it (mkdir -p %s) or write elsewhere", path, parent, parent)
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("%s: %s is not a directory: write elsewhere", path, parent)
	}
	return nil
}
