package sarif

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// TestBuildResultLimit: beyond the limit the log keeps the most severe
// results (earlier first within a level), keeps only their rules, says
// what it left out in a notification, and stays valid.
func TestBuildResultLimit(t *testing.T) {
	var fs []finding.Finding
	levels := []finding.Level{finding.LevelNote, finding.LevelWarning, finding.LevelError}
	for i := range 9 {
		rule, tool := "errcheck", rules.ToolGolangciLint
		if i%3 == 0 {
			rule, tool = "revive/exported", rules.ToolRevive
		}
		fs = append(fs, finding.Finding{
			RuleID: rule, Tool: tool, Level: levels[(i+1)%3], Message: fmt.Sprint("m", i),
			Pos: finding.Position{Path: "pkg/a.go", Line: i + 1},
		})
	}
	// Levels by line: 1 warning (revive), 2 error, 3 note, 4 warning
	// (revive), 5 error, 6 note, 7 warning (revive), 8 error, 9 note.
	in := testInput(t, fs)
	in.MaxResults = 4
	_, log := buildLog(t, in)
	var got []string
	for _, r := range results(t, log) {
		got = append(got, fmt.Sprint(get(t, r, "level"), "@", get(t, r, "locations", 0, "physicalLocation", "region", "startLine")))
	}
	want := []string{"warning@1", "error@2", "error@5", "error@8"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept results (-want +got):\n%s", diff)
	}
	notes := get(t, run0(t, log), "invocations", 0, "toolExecutionNotifications").([]any)
	text := get(t, notes[len(notes)-1], "message", "text").(string)
	if want := TruncationMessage(9, 4); text != want || !strings.HasPrefix(text, "5 of 9 results left out") {
		t.Errorf("notification = %q, want %q", text, want)
	}
	if got := get(t, notes[len(notes)-1], "level"); got != "warning" {
		t.Errorf("notification level = %v, want warning", got)
	}
}

func TestResultLimit(t *testing.T) {
	for _, tc := range []struct{ max, want int }{{0, MaxResults}, {-1, -1}, {7, 7}} {
		if got := (Input{MaxResults: tc.max}).ResultLimit(); got != tc.want {
			t.Errorf("MaxResults %d: ResultLimit = %d, want %d", tc.max, got, tc.want)
		}
	}
	// No bound: all kept, no notification.
	in := testInput(t, sampleFindings())
	in.MaxResults = -1
	_, log := buildLog(t, in)
	if n := len(results(t, log)); n != len(sampleFindings()) {
		t.Errorf("%d results, want %d", n, len(sampleFindings()))
	}
}

func TestBuildProvenance(t *testing.T) {
	for _, tc := range []struct {
		name string
		vcs  *VCS
		want any
	}{
		{"none", nil, nil},
		{"no repository uri", &VCS{RevisionID: "abc"}, nil},
		{"module at the top level", &VCS{RepositoryURI: "https://github.com/o/r", RevisionID: "0123abcd", Branch: "main"}, []any{map[string]any{
			"repositoryUri": "https://github.com/o/r", "revisionId": "0123abcd", "branch": "main",
			"mappedTo": map[string]any{"uriBaseId": SrcRoot},
		}}},
		{"nested module, detached head", &VCS{RepositoryURI: "file:///src/repo/", RevisionID: "0123abcd", Root: "../.."}, []any{map[string]any{
			"repositoryUri": "file:///src/repo/", "revisionId": "0123abcd",
			"mappedTo": map[string]any{"uri": "../../", "uriBaseId": SrcRoot},
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := testInput(t, sampleFindings())
			in.VCS = tc.vcs
			_, log := buildLog(t, in)
			got := run0(t, log)["versionControlProvenance"]
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("versionControlProvenance (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBuildRelatedLinks: a result whose message names a related location
// links to it by the location's id.
func TestBuildRelatedLinks(t *testing.T) {
	in := testInput(t, []finding.Finding{{
		RuleID: "staticcheck/SA4006", Tool: rules.ToolStaticcheck, Message: "argument x is overwritten before first use",
		Pos:     finding.Position{Path: "pkg/a.go", Line: 3, Column: 5},
		Related: []finding.Related{{Pos: finding.Position{Path: "pkg/a.go", Line: 4, Column: 1}, Message: "assignment to x"}},
	}})
	_, log := buildLog(t, in)
	r := results(t, log)[0]
	if got := get(t, r, "message", "text"); got != "argument [x](1) is overwritten before first use" {
		t.Errorf("message = %v", got)
	}
	if got := get(t, r, "relatedLocations", 0, "id"); got != float64(1) {
		t.Errorf("related id = %v, want 1", got)
	}
}

func TestTruncationMessage(t *testing.T) {
	for _, tc := range []struct {
		total, limit int
		want         string
	}{
		{30000, MaxResults, "5000 of 30000 results left out of the SARIF log, which keeps the 25000 most severe, GitHub code scanning's limit per run; the gate and the text output count all 30000"},
		{9, 4, "5 of 9 results left out of the SARIF log, which keeps the 4 most severe; the gate and the text output count all 9"},
	} {
		if got := TruncationMessage(tc.total, tc.limit); got != tc.want {
			t.Errorf("TruncationMessage(%d, %d) = %q, want %q", tc.total, tc.limit, got, tc.want)
		}
	}
}
