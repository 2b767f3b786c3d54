package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

// TestJSONRoundTrip decodes the fixture's report and wants the input back:
// the findings as given, the notifications sorted.
func TestJSONRoundTrip(t *testing.T) {
	out := render(t, WriteJSON, testInput())
	var got jsonReport
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	findings := testFindings()
	findings[0].Fixes[0].Edits = []finding.Edit{} // written as [], read back as []
	want := jsonReport{
		Version:       1,
		Success:       false,
		Findings:      findings,
		Notifications: sortedNotifications(testNotifications()),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded report (-want +got):\n%s", diff)
	}
	if got.Findings[2].Message != trickyMessage {
		t.Errorf("message = %q, want %q", got.Findings[2].Message, trickyMessage)
	}
	for _, s := range []string{`\u003c`, `\u0026`, "null"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("report contains %s:\n%s", s, out)
		}
	}
	if !bytes.Contains(out, []byte(`<c> & \"d\"`)) {
		t.Errorf("report escapes HTML characters:\n%s", out)
	}
}

func TestJSONEmpty(t *testing.T) {
	for _, in := range []Input{{}, {Findings: []finding.Finding{}, Notifications: []finding.Notification{}, Success: true}} {
		out := string(render(t, WriteJSON, in))
		want := "{\n  \"version\": 1,\n  \"success\": " + map[bool]string{true: "true", false: "false"}[in.Success] +
			",\n  \"findings\": [],\n  \"notifications\": []\n}\n"
		if out != want {
			t.Errorf("got\n%s\nwant\n%s", out, want)
		}
	}
}

func TestJSONFieldNames(t *testing.T) {
	out := string(render(t, WriteJSON, testInput()))
	for _, name := range []string{`"ruleId"`, `"linter"`, `"tool"`, `"message"`, `"level"`, `"pos"`, `"path"`, `"line"`, `"column"`,
		`"endLine"`, `"fixes"`, `"edits"`, `"newText"`, `"related"`, `"fingerprint"`, `"baselineState"`, `"source"`} {
		if !strings.Contains(out, name) {
			t.Errorf("report has no %s field", name)
		}
	}
	// Paths are the findings' own: PathPrefix applies to the other formats.
	if strings.Contains(out, `"mod/`) {
		t.Errorf("json report has prefixed paths:\n%s", out)
	}
}
