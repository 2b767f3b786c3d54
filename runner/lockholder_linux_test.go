package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLockHint: the hint names the process that holds the lock (from
// /proc/locks), else says what to do.
func TestLockHint(t *testing.T) {
	dir := t.TempDir()
	if got := lockHint(dir); !strings.Contains(got, "another golangci-lint holds it, or the file is not yours") {
		t.Errorf("no lock: hint %q", got)
	}
	f, err := os.Create(filepath.Join(dir, "golangci-lint.lock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() }) // closing releases the lock
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	got := lockHint(dir)
	want := fmt.Sprintf("is held by process %d (", os.Getpid())
	if !strings.Contains(got, want) {
		t.Errorf("held by this test: hint %q, want it to contain %q", got, want)
	}
}
