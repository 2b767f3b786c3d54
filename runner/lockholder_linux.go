package runner

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockHolder names the process that holds an flock on path, from
// /proc/locks (its pid and command line), or "" when none is found.
func lockHolder(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	dev := uint64(st.Dev) //nolint:unconvert // Dev is not uint64 on every linux port
	major := (dev>>8)&0xfff | (dev>>32)&^uint64(0xfff)
	minor := dev&0xff | (dev>>12)&^uint64(0xff)
	id := fmt.Sprintf("%02x:%02x:%d", major, minor, st.Ino)
	locks, err := os.ReadFile("/proc/locks")
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(locks))
	for sc.Scan() {
		// 1: FLOCK  ADVISORY  WRITE 22090 fe:00:10027475 0 EOF
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[1] != "FLOCK" || f[5] != id {
			continue
		}
		pid, err := strconv.Atoi(f[4])
		if err != nil {
			continue
		}
		return fmt.Sprintf("process %d (%s)", pid, commandLine(pid))
	}
	return ""
}

// commandLine is a process's command line on one line, shortened to 120
// bytes.
func commandLine(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || len(b) == 0 {
		return "command line unknown"
	}
	s := strings.Join(strings.Fields(string(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))), " ")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}
