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
	if n := len(run["invocations"].([]any)); n != 1 {
		t.Errorf("%d invocations, want the one of an unsharded run", n)
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

// shardInput is the log input of shard findings fs, with the exit code
// and notifications such a shard's run would have.
func shardInput(t *testing.T, fs []finding.Finding, exit int, notes ...finding.Notification) Input {
	in := testInput(t, fs)
	in.ExitCode = exit
	in.Notifications = notes
	in.Success = exit != 4
	return in
}

// TestMergeShardsEqualsUnsharded: the merge of shard logs is byte for byte
// the log of one unsharded run: the same layout (key order, a result per
// line), one invocation (successful when every shard was, the highest
// exit code, every notification once), whatever the order of the shards
// and however often one is given.
func TestMergeShardsEqualsUnsharded(t *testing.T) {
	all := sampleFindings()
	load := finding.Notification{Level: finding.LevelError, Message: "could not import x", Source: "typecheck", Pos: &finding.Position{Path: "pkg/a.go", Line: 2}}
	warn := finding.Notification{Level: finding.LevelWarning, Message: "a warning", Source: "golangci-lint"}
	whole, _ := buildLog(t, shardInput(t, all, 4, load, warn))
	a, _ := buildLog(t, shardInput(t, all[:2], 1, warn))
	b, _ := buildLog(t, shardInput(t, all[2:], 4, load, warn))
	empty, _ := buildLog(t, shardInput(t, nil, 0))
	for name, ins := range map[string][]MergeInput{
		"a b":         {{"a", a}, {"b", b}},
		"b a":         {{"b", b}, {"a", a}},
		"a b a empty": {{"a", a}, {"b", b}, {"a", a}, {"empty", empty}},
	} {
		merged, err := Merge(ins)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(whole), string(merged)); diff != "" {
			t.Errorf("%s: merge differs from the unsharded log (-unsharded +merged):\n%s", name, diff)
		}
	}
}

// TestMergeInvocationsOfOtherTools: invocations with more than lintgate
// writes are not folded into one; identical ones appear once. The
// results of a one-run log are one per line either way.
func TestMergeInvocationsOfOtherTools(t *testing.T) {
	log := func(start string) []byte {
		return []byte(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other", "rules": [{"id": "R"}]}}, "columnKind": "utf16CodeUnits",
			"invocations": [{"executionSuccessful": true, "exitCode": 0, "startTimeUtc": "` + start + `"}],
			"results": [{"ruleId": "R", "message": {"text": "m"}, "properties": {"custom": [1, 2]}}, {"ruleId": "R", "message": {"text": "n"}}]}]}`)
	}
	merged, err := Merge([]MergeInput{{"a", log("2026-01-01T00:00:00Z")}, {"b", log("2026-01-02T00:00:00Z")}, {"a2", log("2026-01-01T00:00:00Z")}})
	if err != nil {
		t.Fatal(err)
	}
	run := decode(t, merged)["runs"].([]any)[0].(map[string]any)
	if n := len(run["invocations"].([]any)); n != 2 {
		t.Errorf("%d invocations, want the two distinct ones", n)
	}
	if !strings.Contains(string(merged), "\n        {\"message\":{\"text\":\"m\"},\"properties\":{\"custom\":[1,2]},\"ruleId\":\"R\"},\n") {
		t.Errorf("results are not one per line:\n%s", merged)
	}
}

// TestMergeInvalidResults: a result with an invalid region is left out of
// the merge with a warning naming the input and the JSON pointer, and the
// merged log is valid; a problem outside results is still an error.
func TestMergeInvalidResults(t *testing.T) {
	good := shardLog(t, sampleFindings()[:1])
	doc := decode(t, shardLog(t, sampleFindings()[1:3]))
	r := get(t, doc, "runs", 0, "results", 0, "locations", 0, "physicalLocation", "region").(map[string]any)
	r["startLine"], r["endLine"] = 7, 3 // ends before it starts (SARIF1007)
	bad, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := Merge([]MergeInput{{"good.sarif", good}, {"bad.sarif", bad}})
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := Validate(merged); err != nil || len(ps) > 0 {
		t.Fatalf("the merged log is not valid: %v %v", err, ps)
	}
	run := decode(t, merged)["runs"].([]any)[0].(map[string]any)
	if n := len(run["results"].([]any)); n != 2 {
		t.Errorf("%d results, want 2 (the invalid one left out)", n)
	}
	var got []string
	for _, n := range get(t, run, "invocations", 0, "toolExecutionNotifications").([]any) {
		got = append(got, fmt.Sprint(get(t, n, "level"), " ", get(t, n, "descriptor", "id"), ": ", get(t, n, "message", "text")))
	}
	want := []string{"warning lintgate: bad.sarif: /runs/0/results/0/locations/0/physicalLocation/region/endLine: [SARIF1007] endLine 3 is before startLine 7; the result is left out of the merge"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	delete(doc["runs"].([]any)[0].(map[string]any), "tool")
	bad, _ = json.Marshal(doc)
	if _, err := Merge([]MergeInput{{"bad.sarif", bad}}); err == nil || !strings.Contains(err.Error(), "/runs/0: missing property 'tool'") {
		t.Errorf("err = %v, want the missing tool", err)
	}
}
