package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/internal/interrupt"
)

// env is what every command may touch: its streams. Commands never use
// os.Stdout or os.Args directly.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// Main runs lintgate with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if s, ok := interrupt.Of(ctx); ok { // whatever the command made of it
		_, _ = fmt.Fprintf(stderr, "lintgate: %v: the run was stopped and nothing was written\n", s)
		return s.ExitCode()
	}
	var ee *ExitError
	if err != nil && (!errors.As(err, &ee) || ee.Err != nil) {
		_, _ = fmt.Fprintf(stderr, "lintgate: %v\n", err) // nothing better to do if stderr fails
	}
	return exitCode(err)
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "lintgate",
		Short: "Pinned golangci-lint, staticcheck and revive, one policy, one SARIF log",
		Long: `lintgate runs golangci-lint, staticcheck and revive at versions pinned
together, and writes every finding into one SARIF 2.1.0 log.

Exit codes: 0 gate passed; 1 findings fail the gate; 2 usage or config error;
3 policy violation; 4 a tool failed (crash, packages that do not load);
42 snapshot drift.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	root.AddCommand(newRunCmd(e), newBaselineCmd(e), newMergeCmd(e), newSarifCmd(e), newPolicyCmd(e), newInitCmd(e), newRulesCmd(e), newHookCmd(e), newIdeCmd(e), newSnapshotCmd(e), newVersionCmd(e), newGolangciCmd(e))
	strictGroups(root)
	return root
}

// warnf tells the user something on stderr, prefixed "lintgate: ". A
// failing stderr has nowhere to be reported.
func (e *env) warnf(format string, args ...any) {
	_, _ = fmt.Fprintf(e.stderr, "lintgate: "+format+"\n", args...)
}
