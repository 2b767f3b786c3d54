package main

import (
	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/runner"
)

func newGolangciCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "golangci-lint [args...]",
		Short: "Run the embedded, pinned golangci-lint itself",
		Long: `Run the golangci-lint embedded in lintgate exactly as the real binary
would run, with its arguments, output and exit code. A copy or link of the
lintgate binary named golangci-lint behaves the same way.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			code, err := runner.SelfExecutor{}.Run(cmd.Context(), runner.Command{
				Args: args, Stdin: e.stdin, Stdout: e.stdout, Stderr: e.stderr,
			})
			if err != nil {
				return &ExitError{Code: ExitTool, Err: err}
			}
			if code != 0 {
				return &ExitError{Code: code}
			}
			return nil
		},
	}
}
