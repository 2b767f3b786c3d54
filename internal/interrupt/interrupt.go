package interrupt

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// WaitDelay is how long a child may take to end after it was sent the
// signal, before it is killed.
const WaitDelay = 10 * time.Second

// Signals are the signals that interrupt lintgate.
var Signals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// Signal is the cause of a context cancelled by a signal.
type Signal struct{ Sig os.Signal }

func (s *Signal) Error() string { return "interrupted by " + Name(s.Sig) }

// ExitCode is the shell's code for a process ended by the signal:
// 128 + its number.
func (s *Signal) ExitCode() int {
	if n, ok := s.Sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

// Name is the signal's conventional name: SIGINT, SIGTERM.
func Name(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// Of returns the signal that cancelled ctx, if one did.
func Of(ctx context.Context) (*Signal, bool) {
	s, ok := errors.AsType[*Signal](context.Cause(ctx))
	return s, ok
}

// Notify returns a context that the first of Signals cancels, with a
// *Signal cause, and calls exit with the signal's code on the second.
// stop ends the watch.
func Notify(parent context.Context, exit func(code int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	c := make(chan os.Signal, 2)
	signal.Notify(c, Signals...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-c:
			cancel(&Signal{Sig: sig})
		case <-done:
			return
		}
		select {
		case sig := <-c:
			exit((&Signal{Sig: sig}).ExitCode())
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(c)
		close(done)
		cancel(context.Canceled)
	}
}

// Command makes cmd, made with exec.CommandContext(ctx, ...), end the
// way lintgate does when ctx is cancelled: its process group (it gets
// one of its own) is sent the signal that interrupted lintgate, or
// SIGKILL for any other cancellation, as exec.CommandContext does; it is
// killed if it has not ended within WaitDelay. Its Wait returns once it
// has ended.
func Command(ctx context.Context, cmd *exec.Cmd) {
	ownGroup(cmd)
	cmd.Cancel = func() error { return end(ctx, cmd.Process) }
	cmd.WaitDelay = WaitDelay
}

// end sends p's process group the signal that cancelled ctx, SIGKILL for
// any other cancellation; where that cannot be sent (Windows: no SIGINT),
// it kills p.
func end(ctx context.Context, p *os.Process) error {
	sig := os.Kill
	if s, ok := Of(ctx); ok {
		sig = s.Sig
	}
	if err := signalGroup(p, sig); err != nil {
		return p.Kill()
	}
	return nil
}

// Process makes p, a child in a process group of its own that os/exec
// did not start, end as Command makes a command end when ctx is
// cancelled: its group is sent the signal that interrupted lintgate (or
// SIGKILL), and p is killed if it has not ended within WaitDelay. Call
// stop once p has been waited for.
func Process(ctx context.Context, p *os.Process) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		_ = end(ctx, p) // a process that has ended cannot be signalled
		select {
		case <-done:
		case <-time.After(WaitDelay):
			_ = p.Kill()
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}
