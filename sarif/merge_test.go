package sarif

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

func shardLog(t *testing.T, fs []finding.Finding) []byte {
	t.Helper()
	data, _ := buildLog(t, testInput(t, fs))
	return data
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// checkRuleRefs asserts that every result's rule reference points at the
// descriptor of its ruleId.
func checkRuleRefs(t *testing.T, run map[string]any) {
	t.Helper()
	exts := get(t, run, "tool", "extensions").([]any)
	for i, r := range get(t, run, "results").([]any) {
		id := get(t, r, "ruleId")
		ci := int(get(t, r, "rule", "toolComponent", "index").(float64))
		ri := int(get(t, r, "rule", "index").(float64))
		if got := get(t, exts[ci], "rules", ri, "id"); got != id {
			t.Errorf("result %d (%v) points at rule %v", i, id, got)
		}
	}
}

// TestMergeShards: two lintgate logs with different rules merge into one
// run whose results and rules equal those of one log of all findings.
func TestMergeShards(t *testing.T) {
	all := sampleFindings()
	a, b := shardLog(t, all[:2]), shardLog(t, all[2:])
	merged, err := Merge([]MergeInput{{"a.sarif", a}, {"b.sarif", b}, {"a-again.sarif", a}})
	if err != nil {
		t.Fatal(err)
	}
	got := decode(t, merged)
	whole := decode(t, shardLog(t, all))
	runs := got["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := runs[0].(map[string]any)
	checkRuleRefs(t, run)
	if diff := cmp.Diff(run0(t, whole)["results"], run["results"]); diff != "" {
		t.Errorf("merged results differ from one run's (-whole +merged):\n%s", diff)
	}
	if diff := cmp.Diff(get(t, run0(t, whole), "tool"), run["tool"]); diff != "" {
		t.Errorf("merged tool differs (-whole +merged):\n%s", diff)
	}
	if n := len(run["invocations"].([]any)); n != 3 {
		t.Errorf("%d invocations, want one per input run (3)", n)
	}
}

// TestMergeOtherTools: runs of other tools stay separate; golangci-lint's
// artifact index without artifacts is folded into the URI.
func TestMergeOtherTools(t *testing.T) {
	golangci := `{"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": [{
		"tool": {"driver": {"name": "golangci-lint"}},
		"results": [{"ruleId": "errcheck", "level": "error", "message": {"text": "m"},
			"locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go", "index": 0}, "region": {"startLine": 3, "startColumn": 2}}}]}]}]}`
	other := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "R2"}, {"id": "R1"}]}},
		"artifacts": [{"location": {"uri": "b.go"}}],
		"results": [{"ruleId": "R1", "ruleIndex": 1, "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}}}]}]}]}`
	merged, err := Merge([]MergeInput{{"ours", shardLog(t, sampleFindings())}, {"gl", []byte(golangci)}, {"x", []byte(other)}})
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, merged)
	runs := m["runs"].([]any)
	if len(runs) != 3 {
		t.Fatalf("%d runs, want 3", len(runs))
	}
	al := get(t, runs[1], "results", 0, "locations", 0, "physicalLocation", "artifactLocation")
	if diff := cmp.Diff(map[string]any{"uri": "a.go"}, al); diff != "" {
		t.Errorf("golangci-lint artifactLocation (-want +got):\n%s", diff)
	}
	r := get(t, runs[2], "results", 0).(map[string]any)
	if r["ruleIndex"] != float64(0) || get(t, runs[2], "tool", "driver", "rules", 0, "id") != "R1" {
		t.Errorf("x's rules are re-sorted and ruleIndex re-pointed: %v, rules %v", r["ruleIndex"], get(t, runs[2], "tool", "driver", "rules"))
	}
	if got := get(t, r, "locations", 0, "physicalLocation", "artifactLocation", "uri"); got != "b.go" {
		t.Errorf("artifact index not resolved to its uri: %v", got)
	}
	if _, ok := runs[2].(map[string]any)["artifacts"]; ok {
		t.Error("merged run kept artifacts")
	}
}

func TestMergeErrors(t *testing.T) {
	ok := shardLog(t, sampleFindings())
	utf32 := strings.Replace(string(ok), `"columnKind": "utf16CodeUnits"`, `"columnKind": "unicodeCodePoints"`, 1)
	otherRoot := strings.Replace(string(ok), `"uri": "file:///src/mod/"`, `"uri": "file:///elsewhere/"`, 1)
	badIndex := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "R", "ruleIndex": 3, "message": {"text": "m"}}]}]}`
	var many []MergeInput
	for i := range MaxRuns + 1 {
		many = append(many, MergeInput{fmt.Sprint(i), []byte(fmt.Sprintf(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t%d"}}, "results": []}]}`, i))})
	}
	for _, tc := range []struct {
		name   string
		inputs []MergeInput
		want   string
	}{
		{"not JSON", []MergeInput{{"bad.sarif", []byte("{oops")}}, "bad.sarif: 1:2: not JSON: invalid character"},
		{"schema violation", []MergeInput{{"v.sarif", []byte(`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`)}}, "v.sarif: not a valid SARIF 2.1.0 log:\nsarif log does not match the sarif 2.1.0 schema (1 violation):\n/runs/0/tool/driver: missing property 'name'"},
		{"columnKind", []MergeInput{{"a", ok}, {"b", []byte(utf32)}}, `b: /runs/0: columnKind "unicodeCodePoints" cannot merge with "utf16CodeUnits" of a: /runs/0`},
		{"root", []MergeInput{{"a", ok}, {"b", []byte(otherRoot)}}, "b: /runs/0: originalUriBaseIds %SRCROOT% is"},
		{"rule index", []MergeInput{{"x", []byte(badIndex)}}, "x: /runs/0: result ruleIndex 3 is out of range"},
		{"too many runs", many, "the merged log would have 21 runs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Merge(tc.inputs)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}
