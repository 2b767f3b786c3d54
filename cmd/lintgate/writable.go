package main

import (
	"slices"

	"github.com/lintgate/lintgate/internal/atomicfile"
)

// checkWritable refuses, before any work, the output files (and the next
// baseline, when given) that the user may not write: a read-only file is
// exit 2, not a replaced one, and no other output is written either.
func checkWritable(dir string, outputs []output, more ...string) error {
	paths := slices.Clone(more)
	for _, o := range outputs {
		paths = append(paths, o.path)
	}
	for _, p := range paths {
		if p == "" || p == "-" || p == toStderr {
			continue
		}
		if err := atomicfile.CheckWritable(resolve(dir, p)); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
	}
	return nil
}
