package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// baseLog is a valid log that holds every structure the checks look at:
// rules in the driver and an extension, message strings, artifacts,
// logical locations, a defined uriBaseId, code flows, fixes and a
// notification. Each case of TestValidate edits it.
const baseLog = `{
  "version": "2.1.0",
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "runs": [{
    "tool": {
      "driver": {
        "name": "tool",
        "guid": "11111111-1111-4111-8111-111111111111",
        "rules": [{"id": "R1", "messageStrings": {"m": {"text": "{0} is {1}, not {{2}}"}}, "properties": {"tags": ["a"]}}],
        "notifications": [{"id": "N1"}]
      },
      "extensions": [{
        "name": "ext",
        "guid": "22222222-2222-4222-8222-222222222222",
        "rules": [{"id": "X1"}, {"id": "X2"}]
      }]
    },
    "originalUriBaseIds": {"SRC": {"uri": "file:///src/"}, "SUB": {"uri": "sub/", "uriBaseId": "SRC"}},
    "artifacts": [{"location": {"uri": "a.go", "uriBaseId": "SRC"}}, {"location": {"uri": "in.go"}, "parentIndex": 0}],
    "logicalLocations": [{"name": "f", "kind": "function"}],
    "columnKind": "utf16CodeUnits",
    "automationDetails": {"id": "cat/"},
    "invocations": [{
      "executionSuccessful": true,
      "toolExecutionNotifications": [{
        "message": {"text": "note"},
        "descriptor": {"id": "N1", "index": 0},
        "associatedRule": {"id": "R1", "index": 0}
      }]
    }],
    "results": [{
      "ruleId": "R1",
      "ruleIndex": 0,
      "message": {"text": "x is y", "id": "m", "arguments": ["x", "y"]},
      "locations": [{
        "physicalLocation": {
          "artifactLocation": {"uri": "a.go", "uriBaseId": "SRC", "index": 0},
          "region": {"startLine": 1, "startColumn": 2, "endLine": 1, "endColumn": 5}
        },
        "logicalLocations": [{"index": 0}]
      }],
      "relatedLocations": [{"id": 1, "physicalLocation": {"artifactLocation": {"uri": "b.go", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 4, "endLine": 6, "endColumn": 1}}}],
      "codeFlows": [{"threadFlows": [{"locations": [{"location": {"physicalLocation": {"artifactLocation": {"uri": "file:///tmp/c.go"}, "region": {"startLine": 3}}}}]}]}],
      "fixes": [{"artifactChanges": [{"artifactLocation": {"uri": "d.go", "uriBaseId": "SUB"}, "replacements": [{"deletedRegion": {"startLine": 1, "startColumn": 2, "endColumn": 3}}]}]}]
    }, {
      "ruleId": "X2",
      "rule": {"id": "X2", "index": 1, "toolComponent": {"name": "ext", "index": 0, "guid": "22222222-2222-4222-8222-222222222222"}},
      "message": {"text": "second"}
    }]
  }]
}`

// Pointers into baseLog.
const (
	pRun     = "/runs/0"
	pResult0 = pRun + "/results/0"
	pResult1 = pRun + "/results/1"
	pLoc0    = pResult0 + "/locations/0/physicalLocation"
	pArt0    = pLoc0 + "/artifactLocation"
	pRegion0 = pLoc0 + "/region"
	pTC1     = pResult1 + "/rule/toolComponent"
)

// edit sets the value at a JSON pointer to the JSON text value, or
// deletes it when value is "". "-" as the last token appends to an array.
type logEdit struct{ ptr, value string }

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edits []logEdit
		want  []string // "POINTER [RULE]"
	}{
		{name: "base log is valid"},

		// 1. Every run has a results array.
		{name: "results empty", edits: []logEdit{{pRun + "/results", "[]"}}},
		{name: "results missing", edits: []logEdit{{pRun + "/results", ""}}, want: []string{pRun + " [github]"}},
		{name: "results null", edits: []logEdit{{pRun + "/results", "null"}}, want: []string{pRun + " [github]", pRun + "/results [schema]"}},

		// 2. columnKind when there are results.
		{name: "no columnKind without results", edits: []logEdit{{pRun + "/results", "[]"}, {pRun + "/columnKind", ""}}},
		{name: "no columnKind", edits: []logEdit{{pRun + "/columnKind", ""}}, want: []string{pRun + " [spec]"}},

		// 3. ruleId, rule.id and the rule they point at agree (SARIF1010).
		{name: "rule.id differs from ruleId", edits: []logEdit{{pResult1 + "/rule/id", `"X1"`}},
			want: []string{pResult1 + "/rule/id [SARIF1010]"}},
		{name: "rule.id alone", edits: []logEdit{{pResult1 + "/ruleId", ""}}},
		{name: "ruleId and rule.id missing", edits: []logEdit{{pResult1 + "/ruleId", ""}, {pResult1 + "/rule/id", ""}},
			want: []string{pResult1 + " [SARIF1010]"}},
		{name: "ruleId is not the rule at ruleIndex", edits: []logEdit{{pResult0 + "/ruleId", `"R2"`}},
			want: []string{pResult0 + "/ruleId [SARIF1010]"}},
		{name: "ruleId is not the rule at rule.index", edits: []logEdit{{pResult1 + "/ruleId", `"X1"`}, {pResult1 + "/rule/id", ""}},
			want: []string{pResult1 + "/ruleId [SARIF1010]"}},
		{name: "ruleId adds a component", edits: []logEdit{{pResult0 + "/ruleId", `"R1/sub"`}}},
		{name: "ruleId adds two components", edits: []logEdit{{pResult0 + "/ruleId", `"R1/sub/more"`}},
			want: []string{pResult0 + "/ruleId [SARIF1010]"}},
		{name: "ruleId extends the rule id", edits: []logEdit{{pResult0 + "/ruleId", `"R10"`}},
			want: []string{pResult0 + "/ruleId [SARIF1010]"}},
		{name: "ruleIndex differs from rule.index", edits: []logEdit{{pResult1 + "/ruleIndex", "0"}},
			want: []string{pResult1 + "/rule/index [SARIF1010]"}},
		{name: "ruleIndex equals rule.index", edits: []logEdit{{pResult1 + "/ruleIndex", "1"}}},

		// 4. Index-valued properties point into arrays long enough (SARIF1009).
		{name: "ruleIndex out of range", edits: []logEdit{{pResult0 + "/ruleIndex", "1"}},
			want: []string{pResult0 + "/ruleIndex [SARIF1009]"}},
		{name: "ruleIndex -1 means absent", edits: []logEdit{{pResult0 + "/ruleIndex", "-1"}}},
		{name: "ruleIndex without driver rules", edits: []logEdit{{pRun + "/tool/driver/rules", ""}},
			want: []string{pRun + "/invocations/0/toolExecutionNotifications/0/associatedRule/index [SARIF1009]", pResult0 + "/ruleIndex [SARIF1009]"}},
		{name: "ruleIndex counts in the extension", edits: []logEdit{{pResult1 + "/rule/index", ""}, {pResult1 + "/ruleIndex", "1"}}},
		{name: "rule.index out of range in the extension", edits: []logEdit{{pResult1 + "/rule/index", "2"}},
			want: []string{pResult1 + "/rule/index [SARIF1009]"}},
		{name: "toolComponent.index out of range", edits: []logEdit{{pTC1 + "/index", "1"}},
			want: []string{pTC1 + "/index [SARIF1009]"}},
		{name: "toolComponent.index without extensions", edits: []logEdit{{pRun + "/tool/extensions", ""}},
			want: []string{pTC1 + "/index [SARIF1009]"}},
		{name: "toolComponent by guid", edits: []logEdit{{pTC1 + "/index", ""}}},
		{name: "toolComponent by unknown guid", edits: []logEdit{{pTC1 + "/index", ""}, {pTC1 + "/guid", `"33333333-3333-4333-8333-333333333333"`}},
			want: []string{pTC1 + "/guid [spec]"}},
		{name: "toolComponent name differs", edits: []logEdit{{pTC1 + "/name", `"other"`}},
			want: []string{pTC1 + "/name [spec]"}},
		{name: "artifactLocation.index out of range", edits: []logEdit{{pArt0 + "/index", "2"}},
			want: []string{pArt0 + "/index [SARIF1009]"}},
		{name: "artifactLocation.index without artifacts", edits: []logEdit{{pRun + "/artifacts", ""}},
			want: []string{pArt0 + "/index [SARIF1009]"}},
		{name: "artifactLocation.index in a fix", edits: []logEdit{{pResult0 + "/fixes/0/artifactChanges/0/artifactLocation/index", "7"}},
			want: []string{pResult0 + "/fixes/0/artifactChanges/0/artifactLocation/index [SARIF1009]"}},
		{name: "artifactLocation.index in a code flow",
			edits: []logEdit{{pResult0 + "/codeFlows/0/threadFlows/0/locations/0/location/physicalLocation/artifactLocation/index", "2"}},
			want:  []string{pResult0 + "/codeFlows/0/threadFlows/0/locations/0/location/physicalLocation/artifactLocation/index [SARIF1009]"}},
		{name: "artifactLocation.index in a related location", edits: []logEdit{{pResult0 + "/relatedLocations/0/physicalLocation/artifactLocation/index", "1"}}},
		{name: "artifact parentIndex out of range", edits: []logEdit{{pRun + "/artifacts/1/parentIndex", "2"}},
			want: []string{pRun + "/artifacts/1/parentIndex [SARIF1009]"}},
		{name: "logicalLocation.index out of range", edits: []logEdit{{pResult0 + "/locations/0/logicalLocations/0/index", "1"}},
			want: []string{pResult0 + "/locations/0/logicalLocations/0/index [SARIF1009]"}},
		{name: "logicalLocation.index without logicalLocations", edits: []logEdit{{pRun + "/logicalLocations", ""}},
			want: []string{pResult0 + "/locations/0/logicalLocations/0/index [SARIF1009]"}},
		{name: "notification descriptor index out of range", edits: []logEdit{{pRun + "/invocations/0/toolExecutionNotifications/0/descriptor/index", "1"}},
			want: []string{pRun + "/invocations/0/toolExecutionNotifications/0/descriptor/index [SARIF1009]"}},
		{name: "notification associatedRule index out of range", edits: []logEdit{{pRun + "/invocations/0/toolExecutionNotifications/0/associatedRule/index", "1"}},
			want: []string{pRun + "/invocations/0/toolExecutionNotifications/0/associatedRule/index [SARIF1009]"}},

		// 5. A ruleId that names no rule: GitHub has no metadata for it.
		{name: "ruleId names an extension rule", edits: []logEdit{{pResult1 + "/rule", ""}, {pResult1 + "/ruleId", `"X1"`}}},
		{name: "ruleId names no rule", edits: []logEdit{{pResult1 + "/rule", ""}, {pResult1 + "/ruleId", `"Z9"`}},
			want: []string{pResult1 + "/ruleId [github]"}},
		{name: "rule.id names no rule", edits: []logEdit{{pResult1 + "/rule", `{"id": "Z9"}`}, {pResult1 + "/ruleId", ""}},
			want: []string{pResult1 + "/rule/id [github]"}},
		{name: "ruleId names no rule, no rules at all", edits: []logEdit{{pResult1 + "/rule", ""}, {pRun + "/tool/extensions/0/rules", ""}},
			want: []string{pResult1 + "/ruleId [github]"}},

		// 6. URIs and uriBaseIds (SARIF1004).
		{name: "relative uri takes the artifact's uriBaseId", edits: []logEdit{{pArt0 + "/uriBaseId", ""}}},
		{name: "relative uri without uriBaseId", edits: []logEdit{{pArt0 + "/uriBaseId", ""}, {pArt0 + "/index", ""}},
			want: []string{pArt0 + "/uri [SARIF1004]"}},
		{name: "undefined uriBaseId", edits: []logEdit{{pArt0 + "/uriBaseId", `"NOPE"`}},
			want: []string{pArt0 + "/uriBaseId [SARIF1004]"}},
		{name: "undefined %SRCROOT% is fine", edits: []logEdit{{pArt0 + "/uriBaseId", `"%SRCROOT%"`}}},
		{name: "uriBaseId with an absolute uri", edits: []logEdit{{pArt0 + "/uri", `"file:///src/a.go"`}},
			want: []string{pArt0 + "/uriBaseId [SARIF1004]"}},
		{name: "absolute file uri", edits: []logEdit{{pArt0 + "/uri", `"file:///src/a.go"`}, {pArt0 + "/uriBaseId", ""}}},
		{name: "relative uri with a leading slash", edits: []logEdit{{pArt0 + "/uri", `"/src/a.go"`}},
			want: []string{pArt0 + "/uri [SARIF1004]"}},
		{name: "base without slash", edits: []logEdit{{pRun + "/originalUriBaseIds/SRC/uri", `"file:///src"`}},
			want: []string{pRun + "/originalUriBaseIds/SRC/uri [SARIF1004]"}},
		{name: "relative top-level base", edits: []logEdit{{pRun + "/originalUriBaseIds/SRC/uri", `"src/"`}},
			want: []string{pRun + "/originalUriBaseIds/SRC/uri [SARIF1004]"}},
		{name: "base with ..", edits: []logEdit{{pRun + "/originalUriBaseIds/SUB/uri", `"../up/"`}},
			want: []string{pRun + "/originalUriBaseIds/SUB/uri [SARIF1004]"}},
		{name: "base with a query", edits: []logEdit{{pRun + "/originalUriBaseIds/SRC/uri", `"file:///src/?q=/"`}},
			want: []string{pRun + "/originalUriBaseIds/SRC/uri [SARIF1004]"}},
		{name: "base on an undefined base", edits: []logEdit{{pRun + "/originalUriBaseIds/SUB/uriBaseId", `"NOPE"`}},
			want: []string{pRun + "/originalUriBaseIds/SUB/uriBaseId [SARIF1004]"}},

		// 7. Runs of one tool and category.
		{name: "second run with its own category", edits: []logEdit{{"/runs/-", baseRunJSON(t)}, {"/runs/1/automationDetails/id", `"other/"`}}},
		{name: "second run of another version", edits: []logEdit{{"/runs/-", baseRunJSON(t)}, {"/runs/1/tool/driver/version", `"2"`}}},
		{name: "second run of the same tool and category", edits: []logEdit{{"/runs/-", baseRunJSON(t)}},
			want: []string{"/runs/1 [github]"}},
		{name: "same tool and no category", edits: []logEdit{{"/runs/-", baseRunJSON(t)}, {pRun + "/automationDetails", ""}, {"/runs/1/automationDetails", ""}},
			want: []string{"/runs/1 [github]"}},

		// 8. Messages and regions.
		{name: "message without text", edits: []logEdit{{pResult1 + "/message", `{"text": ""}`}},
			want: []string{pResult1 + "/message [github]"}},
		{name: "message with id only", edits: []logEdit{{pResult0 + "/message/text", ""}},
			want: []string{pResult0 + "/message [github]"}},
		{name: "message with neither text nor id", edits: []logEdit{{pResult1 + "/message", `{}`}},
			want: []string{pResult1 + "/message [github]", pResult1 + "/message [schema]"}},
		{name: "message id not in messageStrings", edits: []logEdit{{pResult0 + "/message/id", `"other"`}},
			want: []string{pResult0 + "/message/id [SARIF1012]"}},
		{name: "message id of a rule without messageStrings", edits: []logEdit{{pResult1 + "/message/id", `"m"`}},
			want: []string{pResult1 + "/message/id [SARIF1012]"}},
		{name: "message with too few arguments", edits: []logEdit{{pResult0 + "/message/arguments", `["x"]`}},
			want: []string{pResult0 + "/message [SARIF1012]"}},
		{name: "startLine 0", edits: []logEdit{{pRegion0 + "/startLine", "0"}},
			want: []string{pRegion0 + "/startLine [schema]"}},
		{name: "startColumn 0", edits: []logEdit{{pRegion0 + "/startColumn", "0"}},
			want: []string{pRegion0 + "/startColumn [schema]"}},
		{name: "endLine before startLine", edits: []logEdit{{pRegion0 + "/startLine", "3"}},
			want: []string{pRegion0 + "/endLine [SARIF1007]"}},
		{name: "endColumn before startColumn", edits: []logEdit{{pRegion0 + "/endColumn", "1"}},
			want: []string{pRegion0 + "/endColumn [SARIF1007]"}},
		{name: "endColumn equals startColumn", edits: []logEdit{{pRegion0 + "/endColumn", "2"}}},
		{name: "endColumn before startColumn, no endLine", edits: []logEdit{{pRegion0 + "/endLine", ""}, {pRegion0 + "/endColumn", "1"}},
			want: []string{pRegion0 + "/endColumn [SARIF1007]"}},
		{name: "endColumn before startColumn on a later line", edits: []logEdit{{pRegion0 + "/endLine", "2"}, {pRegion0 + "/endColumn", "1"}}},
		{name: "deletedRegion ends before it starts",
			edits: []logEdit{{pResult0 + "/fixes/0/artifactChanges/0/replacements/0/deletedRegion/endColumn", "1"}},
			want:  []string{pResult0 + "/fixes/0/artifactChanges/0/replacements/0/deletedRegion/endColumn [SARIF1007]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemKeys(t, editedLog(t, baseLog, tt.edits...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateGitHubLimits checks each documented hard limit at and one
// past its value.
func TestValidateGitHubLimits(t *testing.T) {
	const result = `{"ruleId": "R1", "message": {"text": "m"}}`
	const location = `{"physicalLocation": {"artifactLocation": {"uri": "a.go", "uriBaseId": "SRC"}}}`
	const tfl = `{"location": ` + location + `}`
	tests := []struct {
		name  string
		limit int
		edits func(n int) []logEdit
		want  string
	}{
		{"runs", 20, func(n int) []logEdit {
			var es []logEdit
			for i := 1; i < n; i++ {
				es = append(es, logEdit{"/runs/-", baseRunJSON(t)}, logEdit{"/runs/" + strconv.Itoa(i) + "/automationDetails/id", strconv.Quote(fmt.Sprint(i, "/"))})
			}
			return es
		}, "/runs [github]"},
		{"results per run", 25_000, func(n int) []logEdit {
			return []logEdit{{pRun + "/results", jsonArrayOf(n, result)}}
		}, pRun + "/results [github]"},
		{"rules per run", 25_000, func(n int) []logEdit {
			// The base log has three rules: R1, X1 and X2.
			return []logEdit{{pRun + "/tool/extensions/-", `{"name": "e", "rules": ` + jsonArrayOf(n-3, `{"id": "X%d"}`) + `}`}}
		}, pRun + "/tool [github]"},
		{"extensions per run", 100, func(n int) []logEdit {
			var es []logEdit
			for i := range n - 1 {
				es = append(es, logEdit{pRun + "/tool/extensions/-", fmt.Sprintf(`{"name": "e%d"}`, i)})
			}
			return es
		}, pRun + "/tool/extensions [github]"},
		{"locations per result", 1_000, func(n int) []logEdit {
			return []logEdit{{pResult0 + "/locations", jsonArrayOf(n, location)}}
		}, pResult0 + "/locations [github]"},
		{"thread flow locations per result", 10_000, func(n int) []logEdit {
			return []logEdit{{pResult0 + "/codeFlows/0/threadFlows/-", `{"locations": ` + jsonArrayOf(n-2, tfl) + `}`},
				{pResult0 + "/codeFlows/-", `{"threadFlows": [{"locations": [` + tfl + `]}]}`}}
		}, pResult0 + "/codeFlows [github]"},
		{"tags per rule", 20, func(n int) []logEdit {
			return []logEdit{{pRun + "/tool/driver/rules/0/properties/tags", jsonArrayOf(n, `"t%d"`)}}
		}, pRun + "/tool/driver/rules/0/properties/tags [github]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := problemKeys(t, editedLog(t, baseLog, tt.edits(tt.limit)...)); len(got) != 0 {
				t.Errorf("at the limit: %q, want no problem", got)
			}
			got := problemKeys(t, editedLog(t, baseLog, tt.edits(tt.limit+1)...))
			if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
				t.Errorf("over the limit (-want +got):\n%s", diff)
			}
		})
	}
}

// jsonArrayOf returns a JSON array of n elements: the format with the
// element's index when it has a %d verb, else n copies of it.
func jsonArrayOf(n int, format string) string {
	elems := make([]string, n)
	for i := range elems {
		elems[i] = format
		if strings.Contains(format, "%d") {
			elems[i] = fmt.Sprintf(format, i)
		}
	}
	return "[" + strings.Join(elems, ",") + "]"
}

func TestValidateGzipSize(t *testing.T) {
	// Hex noise: gzip cannot shrink it below half.
	var sb strings.Builder
	for i := range 4096 {
		fmt.Fprintf(&sb, "%08x", uint32(i)*2654435761)
	}
	data := editedLog(t, baseLog, logEdit{pRun + "/properties", `{"noise": "` + sb.String() + `"}`})
	for _, tt := range []struct {
		limit int
		want  []Problem
	}{
		{len(data), nil},     // not even compressed
		{len(data) - 1, nil}, // compressed below the limit
		{1024, []Problem{{Rule: RuleGitHub}}},
	} {
		lim := defaultLimits
		lim.gzipBytes = tt.limit
		got, err := validate(data, lim)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b Problem) bool { return a.Pointer == b.Pointer && a.Rule == b.Rule })); diff != "" {
			t.Errorf("limit %d (-want +got):\n%s", tt.limit, diff)
		}
	}
}

// TestValidateGolangciLint checks the problems of a log in the shape
// golangci-lint v2's SARIF printer writes (the testscript
// sarif_validate.txtar runs the real one), with the full messages.
func TestValidateGolangciLint(t *testing.T) {
	const log = `{"version":"2.1.0","$schema":"https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0-rtm.6.json","runs":[{"tool":{"driver":{"name":"golangci-lint"}},"results":[{"ruleId":"ineffassign","level":"error","message":{"text":"ineffectual assignment to n"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"basic.go","index":0},"region":{"startLine":12,"startColumn":2}}}]}]}]}`
	got, err := Validate([]byte(log))
	if err != nil {
		t.Fatal(err)
	}
	const al = "/runs/0/results/0/locations/0/physicalLocation/artifactLocation"
	want := []string{
		`/runs/0: [spec] run has results but no columnKind (SARIF §3.14.17 requires it): consumers have to guess the unit of every column, and most assume utf16CodeUnits`,
		al + `/index: [SARIF1009] index 0 points into /runs/0/artifacts, which is absent`,
		al + `/uri: [SARIF1004] relative reference "basic.go" has no uriBaseId: consumers cannot tell what it is relative to (lintgate uses %SRCROOT%)`,
		`/runs/0/results/0/ruleId: [github] no rule "ineffassign" in tool.driver.rules or tool.extensions[].rules: GitHub code scanning shows the result without the rule's description, help and severity`,
	}
	if diff := cmp.Diff(want, problemStrings(got)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestValidateGolden checks that the logs lintgate writes for the
// fixtures have no problem at all.
func TestValidateGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.sarif"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden logs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Validate(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 0 {
				t.Errorf("%d problems:\n%s", len(got), strings.Join(problemStrings(got), "\n"))
			}
		})
	}
}

func TestValidateNotJSON(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`{"a" 1}`, "1:6: not JSON: invalid character '1' after object key"},
		{"{\n  \"a\": }", "2:8: not JSON: invalid character '}' looking for beginning of value"},
		{"", "1:1: not JSON: empty input"},
		{" \n ", "2:2: not JSON: empty input"},
		{`{"a":1`, "1:7: not JSON: unexpected end of input"},
		{`{} x`, "1:4: not JSON: unexpected data after the top-level value"},
		{"{}\n{}", "2:1: not JSON: unexpected data after the top-level value"},
	}
	for _, tt := range tests {
		got, err := Validate([]byte(tt.in))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Validate(%q) = %v, %v; want a *SyntaxError", tt.in, got, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Validate(%q): %q, want %q", tt.in, err, tt.want)
		}
	}
}

// TestValidateSchemaPointers checks that schema violations keep their
// pointers, even with ": " inside a key, and that the root is "".
func TestValidateSchemaPointers(t *testing.T) {
	tests := []struct {
		log  []byte
		want []string
	}{
		{[]byte(`[]`), []string{" [schema]"}},
		{editedLog(t, baseLog, logEdit{pRun + "/originalUriBaseIds/a: b", `{"uri": 5}`}),
			[]string{pRun + "/originalUriBaseIds/a: b/uri [schema]"}},
		{editedLog(t, baseLog, logEdit{pRun + "/originalUriBaseIds/x~0y~1z", `{"uri": 5}`}),
			[]string{pRun + "/originalUriBaseIds/x~0y~1z/uri [schema]"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, problemKeys(t, tt.log)); diff != "" {
			t.Errorf("%.60s: problems (-want +got):\n%s", tt.log, diff)
		}
	}
}

func TestValidateOrder(t *testing.T) {
	var es []logEdit
	for _, i := range []int{10, 2} {
		es = append(es, logEdit{pRun + "/results/" + strconv.Itoa(i), `{"ruleId": "R1", "message": {"text": "m"}, "ruleIndex": 5}`})
	}
	es = append([]logEdit{{pRun + "/results", jsonArrayOf(11, `{"ruleId": "R1", "message": {"text": "m"}}`)}}, es...)
	es = append(es, logEdit{pRun + "/columnKind", ""})
	want := []string{
		pRun + " [spec]",
		pRun + "/results/2/ruleIndex [SARIF1009]",
		pRun + "/results/10/ruleIndex [SARIF1009]",
	}
	if diff := cmp.Diff(want, problemKeys(t, editedLog(t, baseLog, es...))); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestProblemString(t *testing.T) {
	for _, tt := range []struct {
		p    Problem
		want string
	}{
		{Problem{"", RuleSchema, "m"}, "(root): [schema] m"},
		{Problem{"/runs/0", RuleGitHub, "m"}, "/runs/0: [github] m"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"no args", 0}, {"{0}", 1}, {"{1} and {0}", 2}, {"{{3}}", 0}, {"{{{2}}}", 3},
		{"{x}", 0}, {"{", 0}, {"{12", 0}, {"{-1}", 0},
	} {
		if got := placeholders(tt.s); got != tt.want {
			t.Errorf("placeholders(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestHasScheme(t *testing.T) {
	for _, tt := range []struct {
		u    string
		want bool
	}{
		{"file:///a", true}, {"https://x/y", true}, {"svn+ssh://h/p", true},
		{"a.go", false}, {"dir/a:b.go", false}, {"/abs", false}, {":x", false}, {"1a:b", false}, {"", false},
	} {
		if got := hasScheme(tt.u); got != tt.want {
			t.Errorf("hasScheme(%q) = %v, want %v", tt.u, got, tt.want)
		}
	}
}

// problemKeys validates data and returns its problems as "POINTER [RULE]".
func problemKeys(t *testing.T, data []byte) []string {
	t.Helper()
	ps, err := Validate(data)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range ps {
		keys = append(keys, p.Pointer+" ["+p.Rule+"]")
	}
	return keys
}

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// baseRun returns the run of baseLog as JSON text.
func baseRunJSON(t *testing.T) string {
	doc := decodeNumbers(t, baseLog)
	run, err := json.Marshal(doc.(map[string]any)["runs"].([]any)[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(run)
}

// editLog applies edits to the log text base.
func editedLog(t *testing.T, base string, edits ...logEdit) []byte {
	t.Helper()
	doc := decodeNumbers(t, base)
	for _, e := range edits {
		doc = setAtPointer(t, doc, e.ptr, e.value)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeNumbers(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%v in %.80s", err, s)
	}
	return v
}

// setPointer sets (or, for value "", deletes) the value at ptr in doc,
// creating missing objects on the way, and returns the new doc.
func setAtPointer(t *testing.T, doc any, ptr, value string) any {
	t.Helper()
	var v any
	if value != "" {
		v = decodeNumbers(t, value)
	}
	toks := strings.Split(ptr, "/")[1:]
	for i, tok := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	}
	return setAt(t, doc, toks, v, value == "")
}

func setAt(t *testing.T, node any, toks []string, v any, del bool) any {
	t.Helper()
	if len(toks) == 0 {
		return v
	}
	switch n := node.(type) {
	case map[string]any:
		if len(toks) == 1 && del {
			delete(n, toks[0])
			return n
		}
		child, ok := n[toks[0]]
		if !ok && len(toks) > 1 {
			child = map[string]any{}
		}
		n[toks[0]] = setAt(t, child, toks[1:], v, del)
		return n
	case []any:
		if toks[0] == "-" {
			return append(n, v)
		}
		i, err := strconv.Atoi(toks[0])
		if err != nil || i > len(n) {
			t.Fatalf("bad array index %q", toks[0])
		}
		if i == len(n) {
			n = append(n, nil)
		}
		if len(toks) == 1 && del {
			return append(n[:i], n[i+1:]...)
		}
		n[i] = setAt(t, n[i], toks[1:], v, del)
		return n
	}
	t.Fatalf("cannot set %q in %T", toks, node)
	return nil
}
