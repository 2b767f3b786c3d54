package runner

import (
	"errors"
	"syscall"
	"testing"
)

// TestPrestartedEnded: the child started with a process that did not
// lint is ended and reaped (EndPrestarted), having run nothing.
func TestPrestartedEnded(t *testing.T) {
	pc := startPrestarted(t)
	var ws syscall.WaitStatus
	endPrestarted(*pc)
	if _, err := syscall.Wait4(pc.Pid, &ws, syscall.WNOHANG, nil); !errors.Is(err, syscall.ECHILD) {
		t.Errorf("wait4 after endPrestarted: %v; want ECHILD (reaped)", err)
	}
	if err := syscall.Kill(pc.Pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the ended child is still there: kill 0: %v", err)
	}
	EndPrestarted() // this test process started none: does nothing
}
