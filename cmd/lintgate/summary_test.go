package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/runner"
)

// TestTallyCountsToolErrors: the counts never say "0 error" alone when a
// package did not load or golangci-lint reported an error (the line
// under the finding counts; exitcodes.txtar shows it in place).
func TestTallyCountsToolErrors(t *testing.T) {
	load := finding.Notification{Level: finding.LevelError, Source: "typecheck", Message: "x"}
	tool := finding.Notification{Level: finding.LevelError, Source: runner.GolangciName, Message: "y"}
	warn := finding.Notification{Level: finding.LevelWarning, Source: runner.GolangciName, Message: "z"}
	for _, tc := range []struct {
		name  string
		notes []finding.Notification
		want  string
	}{
		{"none", nil, ""},
		{"a warning is not an error", []finding.Notification{warn}, ""},
		{"one load error", []finding.Notification{load},
			"1 load error: the package it names was not linted\n"},
		{"load and tool errors", []finding.Notification{load, load, tool, warn},
			"2 load errors: the packages they name were not linted\n1 tool error (golangci-lint)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, errorTally(tc.notes)); diff != "" {
				t.Errorf("errorTally (-want +got):\n%s", diff)
			}
		})
	}
}
