package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/sarif"
)

func newMergeCmd(e *env) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "merge -o OUT IN...",
		Short: "Merge SARIF logs (lintgate shards, other tools) into one",
		Long: `Merge SARIF logs into one that GitHub code scanning accepts. Runs of the
same tool, version and category (automationDetails.id), such as the logs of
"lintgate run --shard I/N", become one run: rules are unioned and re-indexed,
artifacts are folded into the locations that used them, and identical
results appear once. Runs of other tools stay separate; more than 20 runs is
an error. "-" reads stdin. Every input is checked against the SARIF schema
(exit 2 with the file and the JSON pointer of each problem); the output is
written atomically, and only when it validates.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if output == "" {
				return usageError("merge: -o OUT is required")
			}
			dir, err := os.Getwd()
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			if output != "-" { // refused before any work
				if err := atomicfile.CheckWritable(resolve(dir, output)); err != nil {
					return &ExitError{Code: ExitUsage, Err: err}
				}
			}
			var inputs []sarif.MergeInput
			for _, name := range args {
				shown, data, err := readSarifInput(e, name)
				if err != nil {
					return &ExitError{Code: ExitUsage, Err: err}
				}
				inputs = append(inputs, sarif.MergeInput{Name: shown, Data: data})
			}
			data, err := sarif.Merge(inputs)
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			if err := writeOutput(e, dir, output, data); err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the merged log to `file` (- for stdout)")
	return cmd
}
