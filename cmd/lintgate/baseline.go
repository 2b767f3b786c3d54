package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/sarif"
)

func newBaselineCmd(e *env) *cobra.Command {
	o := runOptions{failOn: "none", max: -1, baselineCmd: true, progress: progressAuto}
	cmd := &cobra.Command{
		Use:   "baseline -o FILE [packages]",
		Short: "Lint and write the log a later run --baseline FILE compares with",
		Long: `Lint like "lintgate run" and write the SARIF log to FILE as a baseline:
the findings a later "lintgate run --baseline FILE --new-only" tolerates.
Findings are matched by their lintgate/v1 fingerprint, which survives lines
inserted above them, so the baseline stays valid as the code moves.

No result limit applies and no gate: the exit code is 0, or 4 when a package
did not load (a baseline that misses a package would make its findings new).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.writeBaseline == "" {
				return usageError("baseline: -o FILE is required")
			}
			return runLint(cmd, e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.StringVarP(&o.writeBaseline, "output", "o", "", "write the baseline to `file`")
	f.StringVar(&o.category, "category", sarif.DefaultCategory, "SARIF automationDetails.id")
	f.StringVar(&o.config, "config", "", "use this golangci-lint v2 config `file` instead of the module's .golangci.yml")
	f.BoolVar(&o.defaults, "default-config", false, "ignore the module's .golangci.yml and use lintgate's embedded default")
	f.StringVar(&o.policy, "policy", "", "use this policy `file` instead of the module's lintgate.yml")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "show golangci-lint's log")
	return cmd
}

// readBaseline reads and parses the baseline log path (relative to dir).
// at is where lintgate.yml names it (gate.baseline), invalid when
// --baseline did: messages blame the one the user wrote, and say how to
// record the baseline.
func readBaseline(dir, path string, at rules.Pos) (*sarif.Baseline, error) {
	path = resolve(dir, path)
	name := displayPath(path)
	data, err := os.ReadFile(path)
	if err != nil {
		reason := err.Error()
		if pe, ok := errors.AsType[*fs.PathError](err); ok {
			reason = pe.Err.Error()
		}
		if errors.Is(err, fs.ErrNotExist) {
			reason = "no such file"
		}
		if at.IsValid() {
			return nil, fmt.Errorf("%s: gate.baseline %s: %s; record it with lintgate baseline -o %s, or remove gate.baseline from %s", at, name, reason, name, at.File)
		}
		return nil, fmt.Errorf("--baseline %s: %s; record a baseline with lintgate baseline -o %s", name, reason, name)
	}
	b, err := sarif.ParseBaseline(name, data)
	if err != nil {
		return nil, fmt.Errorf("%w; record a baseline with lintgate baseline -o %s", err, name)
	}
	return b, nil
}
