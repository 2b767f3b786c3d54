package sarif

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// logOver builds the log of findings over one file p.go whose content is
// src, after comparing them with base (nil: no baseline).
func logOver(t *testing.T, src string, base *Baseline, fs []finding.Finding) ([]byte, map[string]any) {
	t.Helper()
	in := testInput(t, fs)
	in.ReadFile = withP(src, nil)
	if base != nil {
		SetFingerprints(in.Root, in.ReadFile, in.Findings)
		in.Absent = base.Apply(in.Findings)
	}
	return buildLog(t, in)
}

func states(t *testing.T, log map[string]any) []string {
	t.Helper()
	var out []string
	for _, r := range results(t, log) {
		out = append(out, fmt.Sprintf("%v@%v %v", get(t, r, "ruleId"), get(t, r, "locations", 0, "physicalLocation", "region", "startLine"), get(t, r, "baselineState")))
	}
	return out
}

func finding1(rule string, line int, msg string) finding.Finding {
	tool := rules.ToolGolangciLint
	if strings.HasPrefix(rule, "staticcheck/") {
		tool = rules.ToolStaticcheck
	}
	return finding.Finding{RuleID: rule, Tool: tool, Message: msg, Pos: finding.Position{Path: "p.go", Line: line, Column: 2}}
}

// TestBaseline: lines inserted above keep findings unchanged, an edited
// line with the same message is updated, a finding of a new line is new,
// and a finding that went away comes back as absent at its old place.
func TestBaseline(t *testing.T) {
	v1 := "package p\n\nfunc f() {\n\tg()\n\th(1)\n\tk()\n\tg()\n}\n"
	old, _ := logOver(t, v1, nil, []finding.Finding{
		finding1("errcheck", 4, "unchecked g"),
		finding1("errcheck", 5, "unchecked h"),
		finding1("errcheck", 6, "unchecked k"),
		finding1("errcheck", 7, "unchecked g"),
	})
	base, err := ParseBaseline("old.sarif", old)
	if err != nil {
		t.Fatal(err)
	}
	if base.Len() != 4 {
		t.Fatalf("baseline has %d results, want 4", base.Len())
	}
	// Two lines inserted at the top; h's line edited; k() gone; a new
	// finding on a new line.
	v2 := "package p\n\nimport \"os\"\n\nfunc f() {\n\tg()\n\th(2)\n\tg()\n\tos.Remove(\"x\")\n}\n"
	_, log := logOver(t, v2, base, []finding.Finding{
		finding1("errcheck", 6, "unchecked g"),
		finding1("errcheck", 7, "unchecked h"),
		finding1("errcheck", 8, "unchecked g"),
		finding1("errcheck", 9, "unchecked os.Remove"),
	})
	want := []string{
		"errcheck@6 unchanged",
		"errcheck@7 updated",
		"errcheck@8 unchanged",
		"errcheck@9 new",
		"errcheck@6 absent", // k() at its old line
	}
	if diff := cmp.Diff(want, states(t, log)); diff != "" {
		t.Errorf("baseline states (-want +got):\n%s", diff)
	}
	absent := results(t, log)[4]
	if got := get(t, absent, "message", "text"); got != "unchecked k" {
		t.Errorf("absent message = %v", got)
	}
	if got := get(t, absent, "rule", "id"); got != "errcheck" {
		t.Errorf("absent rule = %v", got)
	}
}

// TestBaselineAgainstItself: a log compared with itself is all unchanged,
// and absent results of a baseline are not carried forward.
func TestBaselineAgainstItself(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tg()\n\tg()\n}\n"
	fs := []finding.Finding{finding1("errcheck", 4, "m"), finding1("errcheck", 5, "m"), finding1("staticcheck/SA4006", 4, "x")}
	first, _ := logOver(t, src, nil, fs)
	base, err := ParseBaseline("b", first)
	if err != nil {
		t.Fatal(err)
	}
	second, log := logOver(t, src, base, fs)
	for _, s := range states(t, log) {
		if !strings.HasSuffix(s, " unchanged") {
			t.Errorf("%s, want unchanged", s)
		}
	}
	// A log whose finding went away has one absent result; using that log
	// as the next baseline does not report it again.
	base2, err := ParseBaseline("b2", second)
	if err != nil {
		t.Fatal(err)
	}
	_, log = logOver(t, src, base2, fs[:2])
	if got := states(t, log); len(got) != 3 || !strings.HasSuffix(got[2], "absent") {
		t.Fatalf("states = %v, want two unchanged and one absent", got)
	}
	third, _ := logOver(t, src, base2, fs[:2])
	base3, err := ParseBaseline("b3", third)
	if err != nil {
		t.Fatal(err)
	}
	if base3.Len() != 2 {
		t.Errorf("baseline of a log with an absent result has %d results, want 2", base3.Len())
	}
}

// TestBaselineWithoutFingerprints: another tool's log has no lintgate/v1
// and no logical locations; its results match by rule, path and message
// at a line at most maxUpdateDistance away, as updated.
func TestBaselineWithoutFingerprints(t *testing.T) {
	other := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
		{"ruleId": "errcheck", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "p.go", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 6}}}]},
		{"ruleId": "errcheck", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "p.go", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 8}}}]},
		{"ruleId": "errcheck", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///src/mod/p.go"}, "region": {"startLine": 4}}}]}
	]}]}`
	base, err := ParseBaseline("other.sarif", []byte(other))
	if err != nil {
		t.Fatal(err)
	}
	_, log := logOver(t, "package p\n\nfunc f() {\n\tg()\n}\n", base, []finding.Finding{finding1("errcheck", 4, "m")})
	want := []string{"errcheck@4 updated", "errcheck@4 absent", "errcheck@8 absent"}
	if diff := cmp.Diff(want, states(t, log)); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	if got := get(t, results(t, log)[1], "locations", 0, "physicalLocation", "artifactLocation", "uri"); got != "file:///src/mod/p.go" {
		t.Errorf("absent result's uri = %v, want the absolute file URI back", got)
	}
}

func TestParseBaselineErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"not JSON", "{\n  \"version\": 2.1.0\n}", "b.sarif: not a SARIF log: line 2, column 17: invalid character '.' after object key:value pair"},
		{"wrong type", `{"version": "2.1.0", "runs": {}}`, "b.sarif: not a SARIF log: line 1, column 30: runs is object, want an array"},
		{"no version", `{"runs": []}`, `b.sarif: not a SARIF 2.1.0 log: /version is not "2.1.0"`},
		{"old version", `{"version": "2.0.0", "runs": []}`, `b.sarif: not a SARIF 2.1.0 log: /version is not "2.1.0"`},
		{"result without rule", `{"version": "2.1.0", "runs": [{"results": [{"message": {"text": "m"}}]}]}`, "b.sarif: /runs/0/results/0: a result without ruleId cannot be matched"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseBaseline("b.sarif", []byte(tc.data))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

// TestBaselineInvalidParts: a baseline result with an invalid region
// (startLine -5) keeps matching by fingerprint but its region is not
// copied into the new log, which stays valid; a result that is invalid
// elsewhere is ignored; each gets a warning naming the file and the
// JSON pointer.
func TestBaselineInvalidParts(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tg()\n\th()\n}\n"
	old, _ := logOver(t, src, nil, []finding.Finding{finding1("errcheck", 4, "unchecked g"), finding1("errcheck", 5, "unchecked h")})
	var doc map[string]any
	if err := json.Unmarshal(old, &doc); err != nil {
		t.Fatal(err)
	}
	rs := get(t, doc, "runs", 0, "results").([]any)
	get(t, rs[0], "locations", 0, "physicalLocation", "region").(map[string]any)["startLine"] = -5
	rs[1].(map[string]any)["level"] = "fatal"
	bad, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	base, err := ParseBaseline("bad.sarif", bad)
	if err != nil {
		t.Fatal(err)
	}
	if base.Len() != 1 {
		t.Errorf("baseline has %d results, want 1 (the one whose level is invalid is ignored)", base.Len())
	}
	var got []string
	for _, n := range base.Notifications() {
		got = append(got, string(n.Level)+" "+n.Source+": "+n.Message)
	}
	want := []string{
		"warning lintgate: bad.sarif: /runs/0/results/0/locations/0/physicalLocation/region/startLine: [schema] minimum: got -5, want 1; the baseline result is matched by its fingerprint only and not reported when absent",
		`warning lintgate: bad.sarif: /runs/0/results/1/level: [schema] value must be one of 'none', 'note', 'warning', 'error'; the baseline result is ignored`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	// The code is the same: g matches by its fingerprint.
	_, log := logOver(t, src, base, []finding.Finding{finding1("errcheck", 4, "unchecked g"), finding1("errcheck", 5, "unchecked h")})
	if diff := cmp.Diff([]string{"errcheck@4 unchanged", "errcheck@5 new"}, states(t, log)); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	// g() went away: without a valid region it cannot be reported as
	// absent, and the invalid region is not copied into the new log.
	_, log = logOver(t, "package p\n\nfunc f() {\n}\n", base, nil)
	if rs := results(t, log); len(rs) != 0 {
		t.Errorf("results = %v, want none", rs)
	}
}
