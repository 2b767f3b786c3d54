package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"sync"

	"github.com/lintgate/lintgate/internal/interrupt"
)

// argsEnv tells a golangci-lint child started by StartChild to read its
// arguments from stdin before it does anything.
const argsEnv = "LINTGATE_GOLANGCI_ARGS"

// ExitNotStarted is the exit code of a child that was ended before it
// received its arguments: it ran nothing.
const ExitNotStarted = 125

// Child is a golangci-lint child process started before its arguments
// are known. A lintgate process spends its first ~90 ms initialising the
// packages of every linter it links; a child started at once pays that
// while the parent checks the policy and writes the effective config.
// Until Run hands over the arguments the child only waits, blocked on a
// read of its stdin: it has read no configuration, loaded no plugin and
// started no go command, so a policy violation can end it (Cancel) with
// nothing run.
//
// A Child is an Executor for one run: the first Run whose directory and
// environment are the child's goes to it, every other one to a fresh
// SelfExecutor process (the reruns without broken packages).
type Child struct {
	mu       sync.Mutex
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	dir      string
	env      []string
	out, log lateWriter
	used     bool
}

// StartChild starts the embedded golangci-lint in dir with env (nil: the
// current environment), waiting for its arguments.
func StartChild(ctx context.Context, dir string, env []string) (*Child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("locating the lintgate binary: %w", err)
	}
	return startChild(ctx, self, dir, env)
}

func startChild(ctx context.Context, path, dir string, env []string) (*Child, error) {
	c := &Child{dir: dir, env: env}
	cmd := exec.CommandContext(ctx, path)
	interrupt.Command(ctx, cmd)
	cmd.Args = []string{GolangciName}
	cmd.Dir = dir
	base := env
	if base == nil {
		base = os.Environ()
	}
	cmd.Env = append(slices.Clip(base), argsEnv+"=stdin")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", GolangciName, err)
	}
	cmd.Stdout, cmd.Stderr = &c.out, &c.log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", GolangciName, err)
	}
	c.cmd, c.stdin = cmd, stdin
	return c, nil
}

// Run implements Executor: the first matching command runs in the child.
func (c *Child) Run(ctx context.Context, cmd Command) (int, error) {
	c.mu.Lock()
	mine := !c.used && cmd.Dir == c.dir && slices.Equal(cmd.Env, c.env)
	c.used = c.used || mine // claimed in the same critical section as the check
	c.mu.Unlock()
	if !mine {
		c.Cancel()
		return SelfExecutor{}.Run(ctx, cmd)
	}
	c.out.set(cmd.Stdout)
	c.log.set(cmd.Stderr)
	msg, err := json.Marshal(cmd.Args)
	if err == nil {
		_, err = c.stdin.Write(msg)
	}
	if cerr := c.stdin.Close(); err == nil {
		err = cerr
	}
	if err != nil { // the child died before it got its arguments
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		return -1, fmt.Errorf("%s: handing over the arguments: %w", GolangciName, err)
	}
	return exitStatus(GolangciName, c.cmd.Wait())
}

// Cancel ends a child that has not run, and reaps it; after Run it does
// nothing. It is safe to call more than once.
func (c *Child) Cancel() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used {
		return
	}
	c.used = true
	_ = c.stdin.Close()      // a child still reading sees EOF and exits
	_ = c.cmd.Process.Kill() // one still initialising is killed
	_ = c.cmd.Wait()         // its status says only that it was ended
}

// exitStatus maps what exec.Cmd.Wait returns to an exit code, and an
// error only for a child that did not exit by itself.
func exitStatus(name string, err error) (int, error) {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ee.ExitCode() < 0 { // killed by a signal
			return -1, fmt.Errorf("%s: %w", name, err)
		}
		return ee.ExitCode(), nil
	}
	if err != nil {
		return -1, fmt.Errorf("%s: %w", name, err)
	}
	return 0, nil
}

// awaitArgs is the child's side: started by StartChild, it blocks until
// the parent sends the arguments, and reports false when the parent
// closed the pipe without any (the run was called off). Started any
// other way it returns os.Args unchanged.
func awaitArgs() ([]string, bool) {
	if os.Getenv(argsEnv) != "stdin" {
		return os.Args, true
	}
	_ = os.Unsetenv(argsEnv) // not for golangci-lint's own children
	data, err := io.ReadAll(os.Stdin)
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return nil, false
	}
	var args []string
	if err := json.Unmarshal(data, &args); err != nil {
		return nil, false
	}
	return append([]string{os.Args[0]}, args...), true
}

// lateWriter holds what a child writes before Run names the writer (a
// panic in its initialisation), then forwards.
type lateWriter struct {
	mu  sync.Mutex
	w   io.Writer
	buf bytes.Buffer
}

func (l *lateWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.w == nil {
		return l.buf.Write(p)
	}
	return l.w.Write(p)
}

func (l *lateWriter) set(w io.Writer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if w == nil {
		w = io.Discard
	}
	l.w = w
	_, _ = w.Write(l.buf.Bytes()) // as the child wrote it
	l.buf.Reset()
}
