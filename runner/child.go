package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lintgate/lintgate/internal/interrupt"
	"github.com/lintgate/lintgate/runner/internal/prestart"
)

// argsEnv tells a golangci-lint child started by StartChild to read its
// arguments from stdin before it does anything.
const argsEnv = prestart.ArgsEnv

// ExitNotStarted is the exit code of a child that was ended before it
// received its arguments: it ran nothing.
const ExitNotStarted = 125

// Child is a golangci-lint child process started before its arguments
// are known. A lintgate process spends its first ~150 ms initialising the
// packages of every linter it links; a child started at once pays that
// while the parent does the same and then checks the policy and writes
// the effective config. On Linux the child was started before the
// parent's own initialisation (package prestart), and StartChild adopts
// it; elsewhere StartChild starts one. Until Run hands over the
// directory, environment and arguments the child only waits, blocked on
// a read of its stdin: it has read no configuration, loaded no plugin and
// started no go command, so a policy violation can end it (Cancel) with
// nothing run.
//
// A Child is an Executor for one run: the first Run whose directory and
// environment are the child's goes to it, every other one to a fresh
// SelfExecutor process (the reruns without broken packages).
type Child struct {
	mu       sync.Mutex
	proc     *os.Process
	stdin    io.WriteCloser
	wait     func() (*os.ProcessState, error)
	state    *os.ProcessState // once waited for
	dir      string
	env      []string
	out, log lateWriter
	used     bool
}

// handover is what Run writes to a waiting child's stdin.
type handover struct {
	Dir  string   `json:"dir"`
	Env  []string `json:"env"`
	Args []string `json:"args"`
}

// StartChild returns the embedded golangci-lint for dir and env (nil:
// the current environment), waiting for its arguments: the child started
// with this process when there is one, else a new one.
func StartChild(ctx context.Context, dir string, env []string) (*Child, error) {
	if pc, ok := prestart.Take(); ok {
		return adopt(ctx, pc, dir, env)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("locating the lintgate binary: %w", err)
	}
	return startChild(ctx, self, dir, env)
}

// EndPrestarted ends and reaps the child started with this process if
// no run took it (the command did not lint after all).
func EndPrestarted() {
	if pc, ok := prestart.Take(); ok {
		endPrestarted(pc)
	}
}

func endPrestarted(pc prestart.Child) {
	if c, err := adopt(context.Background(), pc, "", nil); err == nil {
		c.Cancel()
	}
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
	c.proc, c.stdin = cmd.Process, stdin
	c.wait = func() (*os.ProcessState, error) {
		err := cmd.Wait()
		return cmd.ProcessState, exitedOK(err)
	}
	return c, nil
}

// adopt makes a Child of one started with the process: its pipes become
// files, its output is copied as os/exec would copy it, and ctx ends it
// as interrupt.Command ends a command.
func adopt(ctx context.Context, pc prestart.Child, dir string, env []string) (*Child, error) {
	stdin := os.NewFile(pc.Stdin, GolangciName+" stdin")
	stdout := os.NewFile(pc.Stdout, GolangciName+" stdout")
	stderr := os.NewFile(pc.Stderr, GolangciName+" stderr")
	p, err := os.FindProcess(pc.Pid)
	if err != nil { // on Unix FindProcess always succeeds
		_, _, _ = stdin.Close(), stdout.Close(), stderr.Close()
		return nil, fmt.Errorf("%s: %w", GolangciName, err)
	}
	c := &Child{dir: dir, env: env, proc: p, stdin: stdin}
	var copies sync.WaitGroup
	copies.Go(func() { _, _ = io.Copy(&c.out, stdout) })
	copies.Go(func() { _, _ = io.Copy(&c.log, stderr) })
	stop := interrupt.Process(ctx, p)
	c.wait = func() (*os.ProcessState, error) {
		st, err := p.Wait()
		stop()
		// What the child wrote last, unless a process it started holds
		// the pipes open: then, as os/exec's WaitDelay, not for long.
		copied := make(chan struct{})
		go func() { copies.Wait(); close(copied) }()
		select {
		case <-copied:
		case <-time.After(interrupt.WaitDelay):
		}
		_, _ = stdout.Close(), stderr.Close()
		return st, err
	}
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
	h := handover{Dir: c.dir, Env: c.env, Args: cmd.Args}
	if h.Env == nil {
		h.Env = os.Environ()
	}
	msg, err := json.Marshal(h)
	if err == nil {
		_, err = c.stdin.Write(msg)
	}
	if cerr := c.stdin.Close(); err == nil {
		err = cerr
	}
	if err != nil { // the child died before it got its arguments
		_ = c.proc.Kill()
		_, _ = c.reap() // how it ended says nothing more than err
		return -1, fmt.Errorf("%s: handing over the arguments: %w", GolangciName, err)
	}
	st, err := c.reap()
	return exitStatus(GolangciName, st, err)
}

// reap waits for the child and keeps its state.
func (c *Child) reap() (*os.ProcessState, error) {
	st, err := c.wait()
	c.state = st
	return st, err
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
	_ = c.stdin.Close() // a child still reading sees EOF and exits
	_ = c.proc.Kill()   // one still initialising is killed
	_, _ = c.reap()     // its status says only that it was ended
}

// exitStatus maps how a child ended to an exit code, and an error only
// for a child that did not exit by itself.
func exitStatus(name string, st *os.ProcessState, err error) (int, error) {
	switch {
	case err != nil:
		return -1, fmt.Errorf("%s: %w", name, err)
	case st == nil:
		return -1, fmt.Errorf("%s: not waited for", name)
	case st.ExitCode() < 0: // killed by a signal
		return -1, fmt.Errorf("%s: %s", name, st)
	}
	return st.ExitCode(), nil
}

// startedBy is how this golangci-lint process was started: "stdin"
// (StartChild), prestart.ByProcessStart, or "" (run directly).
var startedBy string

// StartedWithParent reports whether this golangci-lint child was
// started at its parent's start (package prestart), for tests to prove
// that the parent's initialisation was overlapped.
func StartedWithParent() bool { return startedBy == prestart.ByProcessStart }

// awaitArgs is the child's side: started by StartChild or package
// prestart, it blocks until the parent hands over the directory,
// environment and arguments, takes the first two, and reports false when
// the parent closed the pipe without any (the run was called off).
// Started any other way it returns os.Args unchanged.
func awaitArgs() ([]string, bool) {
	startedBy = os.Getenv(argsEnv)
	if startedBy != "stdin" && startedBy != prestart.ByProcessStart {
		startedBy = ""
		return os.Args, true
	}
	_ = os.Unsetenv(argsEnv) // not for golangci-lint's own children
	data, err := io.ReadAll(os.Stdin)
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return nil, false
	}
	var h handover
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, false
	}
	if h.Env != nil {
		os.Clearenv()
		for _, kv := range h.Env {
			if k, v, ok := strings.Cut(kv, "="); ok && k != argsEnv {
				_ = os.Setenv(k, v) // a name the parent had set
			}
		}
	}
	if h.Dir != "" {
		if err := os.Chdir(h.Dir); err != nil {
			fmt.Fprintf(os.Stderr, "lintgate: %v\n", err)
			return nil, false
		}
		_ = os.Setenv("PWD", h.Dir) // as a shell's cd
	}
	return append([]string{os.Args[0]}, h.Args...), true
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
