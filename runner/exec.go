package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/lintgate/lintgate/internal/interrupt"
)

// Command is one run of a tool.
type Command struct {
	// Args are the arguments after the program name.
	Args   []string
	Dir    string
	Env    []string // nil means the current environment
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Executor runs golangci-lint. The real one re-executes lintgate; tests
// can fake a tool.
type Executor interface {
	// Run runs the command and returns its exit code. err is non-nil only
	// when the command could not be started or was killed by a signal.
	Run(ctx context.Context, c Command) (exitCode int, err error)
}

// SelfExecutor runs the golangci-lint embedded in the running binary in a
// child process: os.Executable() with argv[0] "golangci-lint".
type SelfExecutor struct{}

// Run implements Executor.
func (SelfExecutor) Run(ctx context.Context, c Command) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return -1, fmt.Errorf("locating the lintgate binary: %w", err)
	}
	return runProgram(ctx, self, GolangciName, c)
}

// runProgram runs path with argv[0] set to name. Both busybox dispatch and
// testscript's command dispatch look at argv[0], so it must be the command
// name, never the binary's own.
func runProgram(ctx context.Context, path, name string, c Command) (int, error) {
	cmd := exec.CommandContext(ctx, path)
	interrupt.Command(ctx, cmd)
	cmd.Args = append([]string{name}, c.Args...)
	cmd.Dir, cmd.Env = c.Dir, c.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, c.Stdout, c.Stderr
	return exitStatus(name, cmd.ProcessState, exitedOK(cmd.Run()))
}

// exitedOK is the error of exec.Cmd's Run or Wait without the one that
// says only that the process exited non-zero: its state tells that.
func exitedOK(err error) error {
	if _, exited := errors.AsType[*exec.ExitError](err); exited {
		return nil
	}
	return err
}
