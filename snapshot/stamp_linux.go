package snapshot

import (
	"fmt"
	"io/fs"
	"syscall"
)

// statStamp is what the GOROOT hash cache compares: size, mode,
// modification and change times, device and inode. The change time
// cannot be set back without setting the system clock.
func statStamp(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Sprintf("%d %o %d", fi.Size(), fi.Mode(), fi.ModTime().UnixNano())
	}
	return fmt.Sprintf("%d %o %d %d.%d %d %d", fi.Size(), fi.Mode(), fi.ModTime().UnixNano(), st.Ctim.Sec, st.Ctim.Nsec, st.Dev, st.Ino)
}
