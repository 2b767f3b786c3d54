//go:build !unix

package runner

import "io/fs"

// fileOwner is unknown where files have no user ids.
func fileOwner(fs.FileInfo) (int, bool) { return 0, false }
