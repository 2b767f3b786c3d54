package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/snapshot"
)

type snapshotDiffOptions struct {
	dir    string
	strict bool
}

func newSnapshotDiffCmd(e *env) *cobra.Command {
	var o snapshotDiffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show the drift between two snapshots, in verify's format (exit 42 when they differ)",
		Long: `Compare two snapshots and print their differences in verify's format:

  ~ key old -> new    changed
  + key value         only in NEW
  - key value         only in OLD
  ! problem           integrity failure recorded in NEW

To see when and how the lint environment changed, compare an old commit's
snapshot with today's:

  git show main~20:lintgate.snapshot.json > old.json
  lintgate snapshot diff old.json lintgate.snapshot.json

and to go back to a known environment:

  git checkout REV -- lintgate.snapshot.json && lintgate snapshot apply

Exit 0 when equal (differences only --strict compares are counted, not
failed), 42 when they differ, 2 when a snapshot is unreadable.`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			return snapshotDiff(e, o, args[0], args[1])
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.BoolVar(&o.strict, "strict", false, "fail on every difference, also the exact Go release, the binary and every Go setting")
	return cmd
}

func snapshotDiff(e *env, o snapshotDiffOptions, oldFile, newFile string) error {
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	oldPath, _, old, err := readSnapshot(dir, oldFile)
	if err != nil {
		return err
	}
	newPath, _, cur, err := readSnapshot(dir, newFile)
	if err != nil {
		return err
	}
	res := snapshot.Compare(old, cur)
	if err := res.Write(e.stdout); err != nil {
		return err
	}
	name := fmt.Sprintf("%s and %s", displayPath(oldPath), displayPath(newPath))
	return diffVerdict(e, name, res, o.strict)
}

// diffVerdict is verify's verdict, worded for two snapshots.
func diffVerdict(e *env, name string, res snapshot.Result, strict bool) error {
	failing, strictOnly := res.Counts(strict)
	if res.Drift(strict) {
		msg := count(failing, "change")
		if n := len(res.Integrity); n > 0 {
			msg += fmt.Sprintf(", %s recorded in the new one", count(n, "integrity failure"))
		}
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("snapshot drift between %s: %s", name, msg)}
	}
	msg := name + ": no drift"
	if strictOnly > 0 {
		msg += fmt.Sprintf(" (%s only --strict compares)", count(strictOnly, "difference"))
	}
	_, err := fmt.Fprintln(e.stdout, msg)
	return err
}
