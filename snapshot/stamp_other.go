//go:build !linux

package snapshot

import (
	"fmt"
	"io/fs"
)

// statStamp is what the GOROOT hash cache compares: size, mode and
// modification time.
func statStamp(fi fs.FileInfo) string {
	return fmt.Sprintf("%d %o %d", fi.Size(), fi.Mode(), fi.ModTime().UnixNano())
}
