//go:build unix

package interrupt

import (
	"context"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestNotify: the first signal cancels the context with the signal as
// its cause, the second calls exit with 128+signal.
func TestNotify(t *testing.T) {
	exited := make(chan int, 1)
	ctx, stop := Notify(context.Background(), func(code int) { exited <- code })
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	s, ok := Of(ctx)
	if !ok || s.ExitCode() != 143 || s.Error() != "interrupted by SIGTERM" {
		t.Fatalf("cause %v (%v), want SIGTERM, exit 143", context.Cause(ctx), ok)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("second signal: exit %d, want 130", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second signal did not exit")
	}
}

// TestCommand: a child is sent the signal that interrupted lintgate, not
// killed, and Wait returns once it has ended.
func TestCommand(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cmd := exec.CommandContext(ctx, "sleep", "60")
		Command(ctx, cmd)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cancel(&Signal{Sig: sig})
		start := time.Now()
		_ = cmd.Wait() // the error says the context was cancelled
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != sig {
			t.Errorf("child ended by %v (status %v), want %v", ws.Signal(), cmd.ProcessState, sig)
		}
		if d := time.Since(start); d > WaitDelay/2 {
			t.Errorf("Wait took %v", d)
		}
	}
}
