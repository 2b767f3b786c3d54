package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/sarif"
)

func newMergeCmd(e *env) *cobra.Command {
	var out string
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
			if out == "" {
				return usageError("merge: -o OUT is required")
			}
			dir, err := os.Getwd()
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			// Refused before any work, as run refuses its outputs.
			if err := checkOutputs(dir, []output{{format: "sarif", path: out}}, ""); err != nil {
				return err
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
			if err := writeOutput(e, dir, out, data); err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the merged log to `file` (- for stdout)")
	return cmd
}
