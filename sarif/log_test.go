package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

const testRoot = "/src/mod"

// unicodeLine has multi-byte characters before os.Remove: byte column 32
// (the "(") is UTF-16 column 28.
const unicodeLine = "\t/* ünïcode 😀 */ os.Remove(\"x\")"

var testRules = []rules.Rule{
	{ID: "errcheck", Tool: rules.ToolGolangciLint, Linter: "errcheck", Title: "Errcheck", HelpURI: "https://x"},
	{ID: "govet/printf", Tool: rules.ToolGolangciLint, Linter: "govet", Check: "printf", Title: "printf"},
	{
		ID: "staticcheck/SA4006", Tool: rules.ToolStaticcheck, Linter: "staticcheck", Check: "SA4006",
		Title: "A value assigned to a variable is never read", Text: "A value assigned to a variable is never read before being overwritten.",
		Markdown: "A value assigned to a variable is **never read** before being overwritten.",
		Level:    finding.LevelWarning, Tags: []string{"correctness"}, Since: "2017.1",
	},
	{ID: "revive/var-naming", Tool: rules.ToolRevive, Linter: "revive", Check: "var-naming", Title: "Naming rules", Level: finding.LevelNote},
	{ID: "staticcheck/U1000", Tool: rules.ToolStaticcheck, Linter: "unused", Check: "U1000", Title: "Unused code"},
}

var testExtensions = []Tool{
	{Name: rules.ToolGolangciLint, Version: "v2.15.0", InformationURI: "https://golangci-lint.run"},
	{Name: rules.ToolStaticcheck, Version: "(devel)"},
	{Name: rules.ToolRevive, Version: "v1.7.0"},
}

var testFiles = map[string]string{
	"/src/mod/main.go":         "package main\n\nfunc main() {\n" + unicodeLine + "\n}\n",
	"/src/mod/pkg/a.go":        "package pkg\n\nvar x = 1\nvar y = 2\nvar z = 3\n",
	"/src/mod/dir name/b#c.go": "package dir\n\nvar v = 1\n",
	"/other/x.go":              "package other\n\nvar w = 1\n",
}

func readTestFile(path string) ([]byte, error) {
	if s, ok := testFiles[path]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}

func testCatalog(t *testing.T) *rules.Catalog {
	t.Helper()
	c, err := rules.NewCatalog(testRules)
	if err != nil {
		t.Fatalf("NewCatalog: %v", err)
	}
	return c
}

func testInput(t *testing.T, findings []finding.Finding) Input {
	t.Helper()
	return Input{
		Root:       testRoot,
		Findings:   findings,
		Rules:      testCatalog(t),
		Driver:     Tool{Name: "lintgate", Version: "v0.3.1", InformationURI: "https://github.com/lintgate/lintgate"},
		Extensions: slices.Clone(testExtensions),
		Success:    true,
		ExitCode:   0,
		ReadFile:   readTestFile,
	}
}

// buildLog builds and marshals a log, validates it against the SARIF
// schema, and returns the JSON text and its decoding.
func buildLog(t *testing.T, in Input) ([]byte, map[string]any) {
	t.Helper()
	rep, err := Build(in)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	data, err := Marshal(rep)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if err := ValidateSchema(data); err != nil {
		t.Fatalf("ValidateSchema: %v\n%s", err, data)
	}
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("decoding log: %v", err)
	}
	return data, log
}

// get walks a decoded JSON value along keys (strings) and indexes (ints).
// It fails the test when a step is missing.
func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object at step %d", path, i)
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("%v: no key %q", path, k)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: no index %d", path, k)
			}
			v = a[k]
		}
	}
	return v
}

// has reports whether object v has key k.
func has(t *testing.T, v any, k string) bool {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", v)
	}
	_, ok = m[k]
	return ok
}

func run0(t *testing.T, log map[string]any) map[string]any {
	t.Helper()
	runs := get(t, log, "runs").([]any)
	if len(runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(runs))
	}
	return runs[0].(map[string]any)
}

func results(t *testing.T, log map[string]any) []any {
	t.Helper()
	return get(t, run0(t, log), "results").([]any)
}

// region returns the region of the primary location of result i.
func region(t *testing.T, log map[string]any, i int) map[string]any {
	t.Helper()
	return get(t, results(t, log)[i], "locations", 0, "physicalLocation", "region").(map[string]any)
}

func artifact(t *testing.T, log map[string]any, i int) map[string]any {
	t.Helper()
	return get(t, results(t, log)[i], "locations", 0, "physicalLocation", "artifactLocation").(map[string]any)
}

func sampleFindings() []finding.Finding {
	return []finding.Finding{
		{RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint, Message: "Error return value of `os.Remove` is not checked", Level: finding.LevelError, Pos: finding.Position{Path: "main.go", Line: 4, Column: 32}},
		{RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck, Message: "this value of x is never used", Pos: finding.Position{Path: "pkg/a.go", Line: 3, Column: 5}},
		{RuleID: "revive/var-naming", Linter: "revive", Tool: rules.ToolRevive, Message: "don't use underscores", Level: finding.LevelNote, Pos: finding.Position{Path: "pkg/a.go", Line: 4, Column: 5}},
		{RuleID: "staticcheck/U1000", Linter: "unused", Tool: rules.ToolStaticcheck, Message: "var z is unused", Pos: finding.Position{Path: "pkg/a.go", Line: 5, Column: 5}},
		{RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck, Message: "this value of y is never used", Pos: finding.Position{Path: "pkg/a.go", Line: 4, Column: 5}},
		{RuleID: "mycustom", Linter: "mycustom", Message: "custom says hi", Pos: finding.Position{Path: "pkg/a.go", Line: 1, Column: 1}},
	}
}

func TestBuildShape(t *testing.T) {
	in := testInput(t, nil)
	in.Success = false
	in.ExitCode = 3
	data, log := buildLog(t, in)

	if got := get(t, log, "$schema"); got != SchemaURI {
		t.Errorf("$schema = %v, want %v", got, SchemaURI)
	}
	if got := get(t, log, "version"); got != "2.1.0" {
		t.Errorf("version = %v, want 2.1.0", got)
	}
	run := run0(t, log)

	driver := get(t, run, "tool", "driver").(map[string]any)
	if driver["name"] != "lintgate" {
		t.Errorf("driver name = %v", driver["name"])
	}
	if g, _ := driver["guid"].(string); g == "" || g != toolGUID("lintgate") {
		t.Errorf("driver guid = %v, want %v", driver["guid"], toolGUID("lintgate"))
	}
	if r, ok := driver["rules"].([]any); !ok || len(r) != 0 {
		t.Errorf("driver rules = %#v, want []", driver["rules"])
	}

	type ext struct {
		Name, Version, SemanticVersion, GUID string
		HasSemver                            bool
	}
	var gotExts []ext
	for _, e := range get(t, run, "tool", "extensions").([]any) {
		m := e.(map[string]any)
		sv, hasSV := m["semanticVersion"].(string)
		gotExts = append(gotExts, ext{Name: m["name"].(string), Version: m["version"].(string), SemanticVersion: sv, GUID: m["guid"].(string), HasSemver: hasSV})
		if r, ok := m["rules"].([]any); !ok || len(r) != 0 {
			t.Errorf("extension %v rules = %#v, want []", m["name"], m["rules"])
		}
	}
	wantExts := []ext{
		{Name: "golangci-lint", Version: "v2.15.0", SemanticVersion: "2.15.0", GUID: toolGUID("golangci-lint"), HasSemver: true},
		{Name: "staticcheck", Version: "(devel)", GUID: toolGUID("staticcheck")},
		{Name: "revive", Version: "v1.7.0", SemanticVersion: "1.7.0", GUID: toolGUID("revive"), HasSemver: true},
	}
	if diff := cmp.Diff(wantExts, gotExts); diff != "" {
		t.Errorf("extensions (-want +got):\n%s", diff)
	}

	if got := run["columnKind"]; got != "utf16CodeUnits" {
		t.Errorf("columnKind = %v", got)
	}
	if got := get(t, run, "originalUriBaseIds", SrcRoot, "uri"); got != "file:///src/mod/" {
		t.Errorf("originalUriBaseIds[%%SRCROOT%%].uri = %v, want file:///src/mod/", got)
	}
	if got := get(t, run, "automationDetails", "id"); got != DefaultCategory {
		t.Errorf("automationDetails.id = %v, want %v", got, DefaultCategory)
	}
	if r, ok := run["results"].([]any); !ok || len(r) != 0 {
		t.Errorf("results = %#v, want []", run["results"])
	}
	if !bytes.Contains(data, []byte(`"results": []`)) {
		t.Errorf("marshaled log has no empty results array:\n%s", data)
	}
	inv := get(t, run, "invocations", 0).(map[string]any)
	if inv["executionSuccessful"] != false || inv["exitCode"] != float64(3) {
		t.Errorf("invocation = %v, want executionSuccessful false, exitCode 3", inv)
	}
	if has(t, inv, "toolExecutionNotifications") {
		t.Errorf("invocation has notifications without any given: %v", inv)
	}
}

func TestBuildInvocationSuccess(t *testing.T) {
	in := testInput(t, nil)
	in.Success, in.ExitCode = true, 0
	_, log := buildLog(t, in)
	inv := get(t, run0(t, log), "invocations", 0).(map[string]any)
	if diff := cmp.Diff(map[string]any{"executionSuccessful": true, "exitCode": float64(0)}, inv); diff != "" {
		t.Errorf("invocation (-want +got):\n%s", diff)
	}
}

func TestBuildCategory(t *testing.T) {
	for _, tc := range []struct{ category, want string }{
		{"", DefaultCategory},
		{"lintgate/linux/", "lintgate/linux/"},
		{"nightly/run-42", "nightly/run-42"},
	} {
		in := testInput(t, nil)
		in.Category = tc.category
		_, log := buildLog(t, in)
		if got := get(t, run0(t, log), "automationDetails", "id"); got != tc.want {
			t.Errorf("Category %q: automationDetails.id = %v, want %q", tc.category, got, tc.want)
		}
	}
}

func TestBuildRuleReferences(t *testing.T) {
	data, log := buildLog(t, testInput(t, sampleFindings()))
	if bytes.Contains(data, []byte(`"ruleIndex"`)) {
		t.Errorf("log has a ruleIndex key:\n%s", data)
	}
	run := run0(t, log)
	exts := get(t, run, "tool", "extensions").([]any)

	// Each extension's rules are sorted by id and are exactly those used.
	gotIDs := map[string][]string{}
	for _, e := range exts {
		m := e.(map[string]any)
		ids := []string{}
		for _, r := range m["rules"].([]any) {
			ids = append(ids, r.(map[string]any)["id"].(string))
		}
		gotIDs[m["name"].(string)] = ids
	}
	wantIDs := map[string][]string{
		"golangci-lint": {"errcheck", "mycustom"},
		"staticcheck":   {"staticcheck/SA4006", "staticcheck/U1000"},
		"revive":        {"revive/var-naming"},
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("extension rule ids (-want +got):\n%s", diff)
	}

	res := results(t, log)
	if len(res) != len(sampleFindings()) {
		t.Fatalf("got %d results, want %d", len(res), len(sampleFindings()))
	}
	for i, r := range res {
		ruleID := get(t, r, "ruleId").(string)
		if has(t, r, "ruleIndex") {
			t.Errorf("result %d has ruleIndex", i)
		}
		rule := get(t, r, "rule").(map[string]any)
		if rule["id"] != ruleID {
			t.Errorf("result %d: rule.id = %v, want %v", i, rule["id"], ruleID)
		}
		ti := int(get(t, rule, "toolComponent", "index").(float64))
		if ti < 0 || ti >= len(exts) {
			t.Fatalf("result %d: toolComponent.index %d out of range", i, ti)
		}
		ext := exts[ti].(map[string]any)
		if got := get(t, rule, "toolComponent", "name"); got != ext["name"] {
			t.Errorf("result %d: toolComponent.name = %v, extension %d is %v", i, got, ti, ext["name"])
		}
		if got := get(t, rule, "toolComponent", "guid"); got != ext["guid"] {
			t.Errorf("result %d: toolComponent.guid = %v, extension guid %v", i, got, ext["guid"])
		}
		ri := int(get(t, rule, "index").(float64))
		descs := ext["rules"].([]any)
		if ri < 0 || ri >= len(descs) {
			t.Fatalf("result %d: rule.index %d out of range of %v", i, ri, ext["name"])
		}
		if got := get(t, descs[ri], "id"); got != ruleID {
			t.Errorf("result %d: descriptor %v[%d] is %v, want %v", i, ext["name"], ri, got, ruleID)
		}
	}

	// Results are sorted by path, line, column, rule, message.
	var order []string
	for _, r := range res {
		order = append(order, get(t, r, "message", "text").(string))
	}
	wantOrder := []string{
		"Error return value of `os.Remove` is not checked",
		"custom says hi",
		"this value of x is never used",
		"don't use underscores",
		"this value of y is never used",
		"var z is unused",
	}
	if diff := cmp.Diff(wantOrder, order); diff != "" {
		t.Errorf("result order (-want +got):\n%s", diff)
	}
	var levels []string
	for _, r := range res {
		levels = append(levels, get(t, r, "level").(string))
	}
	if diff := cmp.Diff([]string{"error", "warning", "warning", "note", "warning", "warning"}, levels); diff != "" {
		t.Errorf("result levels (-want +got):\n%s", diff)
	}
}

func TestBuildRuleDescriptors(t *testing.T) {
	_, log := buildLog(t, testInput(t, sampleFindings()))
	descs := map[string]any{}
	for _, e := range get(t, run0(t, log), "tool", "extensions").([]any) {
		for _, d := range e.(map[string]any)["rules"].([]any) {
			descs[d.(map[string]any)["id"].(string)] = d
		}
	}
	want := map[string]any{
		"errcheck": map[string]any{
			"id":                   "errcheck", // no name: SARIF1001 wants none equal to the id
			"shortDescription":     map[string]any{"text": "Errcheck"},
			"fullDescription":      map[string]any{"text": "Errcheck"},
			"help":                 map[string]any{"text": "Errcheck"},
			"helpUri":              "https://x",
			"defaultConfiguration": map[string]any{"level": "warning"},
		},
		"staticcheck/SA4006": map[string]any{
			"id":               "staticcheck/SA4006",
			"name":             "SA4006",
			"shortDescription": map[string]any{"text": "A value assigned to a variable is never read"},
			"fullDescription":  map[string]any{"text": "A value assigned to a variable is never read before being overwritten."},
			"help": map[string]any{
				"text":     "A value assigned to a variable is never read before being overwritten.",
				"markdown": "A value assigned to a variable is **never read** before being overwritten.",
			},
			"defaultConfiguration": map[string]any{"level": "warning"},
			"properties":           map[string]any{"tags": []any{"correctness"}, "since": "2017.1"},
		},
		"staticcheck/U1000": map[string]any{
			"id":                   "staticcheck/U1000",
			"name":                 "U1000",
			"shortDescription":     map[string]any{"text": "Unused code"},
			"fullDescription":      map[string]any{"text": "Unused code"},
			"help":                 map[string]any{"text": "Unused code"},
			"defaultConfiguration": map[string]any{"level": "warning"},
		},
		"revive/var-naming": map[string]any{
			"id":                   "revive/var-naming",
			"name":                 "var-naming",
			"shortDescription":     map[string]any{"text": "Naming rules"},
			"fullDescription":      map[string]any{"text": "Naming rules"},
			"help":                 map[string]any{"text": "Naming rules"},
			"defaultConfiguration": map[string]any{"level": "note"},
		},
		"mycustom": map[string]any{
			"id":                   "mycustom",
			"shortDescription":     map[string]any{"text": "Findings of mycustom"},
			"fullDescription":      map[string]any{"text": "Findings of mycustom"},
			"help":                 map[string]any{"text": "Findings of mycustom"},
			"defaultConfiguration": map[string]any{"level": "warning"},
		},
	}
	if diff := cmp.Diff(want, descs); diff != "" {
		t.Errorf("descriptors (-want +got):\n%s", diff)
	}
}

func TestBuildUnknownRule(t *testing.T) {
	in := testInput(t, []finding.Finding{
		{RuleID: "mycustom", Linter: "mycustom", Message: "plugin finding", Pos: finding.Position{Path: "pkg/a.go", Line: 3}},
	})
	_, log := buildLog(t, in)
	exts := get(t, run0(t, log), "tool", "extensions").([]any)
	descs := get(t, exts[0], "rules").([]any)
	if len(descs) != 1 || get(t, descs[0], "id") != "mycustom" {
		t.Fatalf("golangci-lint rules = %v, want one mycustom descriptor", descs)
	}
	if s, _ := get(t, descs[0], "shortDescription", "text").(string); s == "" {
		t.Errorf("mycustom shortDescription is empty")
	}
	for _, e := range exts[1:] {
		if n := len(get(t, e, "rules").([]any)); n != 0 {
			t.Errorf("extension %v has %d rules, want 0", get(t, e, "name"), n)
		}
	}
	rule := get(t, results(t, log)[0], "rule")
	if get(t, rule, "toolComponent", "index") != float64(0) || get(t, rule, "index") != float64(0) {
		t.Errorf("mycustom reference = %v, want toolComponent 0, index 0", rule)
	}
}

func TestBuildRuleOfMissingExtension(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   func(*Input)
	}{
		{"revive not an extension", func(in *Input) {
			in.Extensions = in.Extensions[:2]
			in.Findings = []finding.Finding{{RuleID: "revive/var-naming", Linter: "revive", Tool: rules.ToolRevive, Message: "m", Pos: finding.Position{Path: "pkg/a.go", Line: 4}}}
		}},
		{"unknown rule of an unknown tool", func(in *Input) {
			in.Findings = []finding.Finding{{RuleID: "other/x", Linter: "other", Tool: "othertool", Message: "m", Pos: finding.Position{Path: "pkg/a.go", Line: 4}}}
		}},
		{"no extensions", func(in *Input) {
			in.Extensions = nil
			in.Findings = []finding.Finding{{RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint, Message: "m", Pos: finding.Position{Path: "pkg/a.go", Line: 4}}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := testInput(t, nil)
			tc.in(&in)
			if rep, err := Build(in); err == nil {
				t.Errorf("Build succeeded, want an error; log: %+v", rep)
			}
			if err := Write(&bytes.Buffer{}, in); err == nil {
				t.Errorf("Write succeeded, want an error")
			}
		})
	}
}

// snip is a region's snippet as the decoded log holds it.
func snip(text string) map[string]any { return map[string]any{"text": text} }

// TestBuildColumns: regions carry UTF-16 columns, the end line of a range
// and a snippet of the region's text (from the start column to the end of
// the last line, as SARIF reads a region without endColumn).
func TestBuildColumns(t *testing.T) {
	readErr := errors.New("permission denied")
	for _, tc := range []struct {
		name     string
		pos      finding.Position
		endLine  int
		readFile func(string) ([]byte, error)
		want     map[string]any
	}{
		{
			name: "ascii",
			pos:  finding.Position{Path: "pkg/a.go", Line: 3, Column: 5},
			want: map[string]any{"startLine": float64(3), "startColumn": float64(5), "snippet": snip("x = 1")},
		},
		{
			name: "non-ASCII line in UTF-16 code units",
			pos:  finding.Position{Path: "main.go", Line: 4, Column: 32},
			want: map[string]any{"startLine": float64(4), "startColumn": float64(28), "snippet": snip(`("x")`)},
		},
		{
			// Gone since the lint: what the tool said is kept, the
			// column in its bytes (lint reports the file in a notification).
			name:     "unreadable file keeps line and the tool's column",
			pos:      finding.Position{Path: "main.go", Line: 4, Column: 32},
			readFile: func(string) ([]byte, error) { return nil, readErr },
			want:     map[string]any{"startLine": float64(4), "startColumn": float64(32)},
		},
		{
			name: "missing file keeps line and the tool's column",
			pos:  finding.Position{Path: "gone.go", Line: 7, Column: 3},
			want: map[string]any{"startLine": float64(7), "startColumn": float64(3)},
		},
		{
			name: "column 0 is unknown",
			pos:  finding.Position{Path: "main.go", Line: 4},
			want: map[string]any{"startLine": float64(4), "snippet": snip(unicodeLine)},
		},
		{
			name:    "end line after start line",
			pos:     finding.Position{Path: "pkg/a.go", Line: 3, Column: 1},
			endLine: 5,
			want:    map[string]any{"startLine": float64(3), "startColumn": float64(1), "endLine": float64(5), "snippet": snip("var x = 1\nvar y = 2\nvar z = 3")},
		},
		{
			name:    "end line equal to start line is omitted",
			pos:     finding.Position{Path: "pkg/a.go", Line: 3, Column: 1},
			endLine: 3,
			want:    map[string]any{"startLine": float64(3), "startColumn": float64(1), "snippet": snip("var x = 1")},
		},
		{
			name: "absolute path outside root is read by its own path",
			pos:  finding.Position{Path: "/other/x.go", Line: 3, Column: 5},
			want: map[string]any{"startLine": float64(3), "startColumn": float64(5), "snippet": snip("w = 1")},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := testInput(t, []finding.Finding{{RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint, Message: "m", Pos: tc.pos, EndLine: tc.endLine}})
			if tc.readFile != nil {
				in.ReadFile = tc.readFile
			}
			_, log := buildLog(t, in)
			if diff := cmp.Diff(tc.want, region(t, log, 0)); diff != "" {
				t.Errorf("region (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildReadsEachFileOnce(t *testing.T) {
	var mu sync.Mutex // ReadFile is called from several goroutines at once
	reads := map[string]int{}
	in := testInput(t, sampleFindings())
	in.ReadFile = func(p string) ([]byte, error) {
		mu.Lock()
		reads[p]++
		mu.Unlock()
		return readTestFile(p)
	}
	buildLog(t, in)
	if diff := cmp.Diff(map[string]int{"/src/mod/main.go": 1, "/src/mod/pkg/a.go": 1}, reads); diff != "" {
		t.Errorf("reads (-want +got):\n%s", diff)
	}
}

func TestBuildPaths(t *testing.T) {
	for _, tc := range []struct {
		name string
		path string
		want map[string]any
	}{
		{"relative", "pkg/a.go", map[string]any{"uri": "pkg/a.go", "uriBaseId": SrcRoot}},
		{"space and hash are escaped", "dir name/b#c.go", map[string]any{"uri": "dir%20name/b%23c.go", "uriBaseId": SrcRoot}},
		{"absolute outside root", "/other/x.go", map[string]any{"uri": "file:///other/x.go"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := testInput(t, []finding.Finding{{RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint, Message: "m", Pos: finding.Position{Path: tc.path, Line: 3, Column: 1}}})
			_, log := buildLog(t, in)
			if diff := cmp.Diff(tc.want, artifact(t, log, 0)); diff != "" {
				t.Errorf("artifactLocation (-want +got):\n%s", diff)
			}
			// The file was found through the path, so the column survives.
			if got := region(t, log, 0)["startColumn"]; got != float64(1) {
				t.Errorf("startColumn = %v, want 1 (file not read?)", got)
			}
		})
	}
}

func TestBuildRootURI(t *testing.T) {
	for _, tc := range []struct{ root, want string }{
		{"/src/mod", "file:///src/mod/"},
		{"/src/mod/", "file:///src/mod/"},
		{"/home/me/my repo", "file:///home/me/my%20repo/"},
	} {
		in := testInput(t, nil)
		in.Root = tc.root
		_, log := buildLog(t, in)
		if got := get(t, run0(t, log), "originalUriBaseIds", SrcRoot, "uri"); got != tc.want {
			t.Errorf("Root %q: %%SRCROOT%% uri = %v, want %q", tc.root, got, tc.want)
		}
	}
}

func TestBuildRelatedLocations(t *testing.T) {
	in := testInput(t, []finding.Finding{{
		RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck, Message: "this value of x is never used",
		Pos: finding.Position{Path: "pkg/a.go", Line: 3, Column: 5},
		Related: []finding.Related{
			{Pos: finding.Position{Path: "main.go", Line: 4, Column: 32}, Message: "overwritten here"},
			{Pos: finding.Position{Path: "pkg/a.go", Line: 5}, Message: "and here"},
		},
	}})
	_, log := buildLog(t, in)
	got := get(t, results(t, log)[0], "relatedLocations")
	want := []any{
		map[string]any{
			"id":      float64(1),
			"message": map[string]any{"text": "overwritten here"},
			"physicalLocation": map[string]any{
				"artifactLocation": map[string]any{"uri": "main.go", "uriBaseId": SrcRoot},
				"region":           map[string]any{"startLine": float64(4), "startColumn": float64(28)},
			},
		},
		map[string]any{
			"id":      float64(2),
			"message": map[string]any{"text": "and here"},
			"physicalLocation": map[string]any{
				"artifactLocation": map[string]any{"uri": "pkg/a.go", "uriBaseId": SrcRoot},
				"region":           map[string]any{"startLine": float64(5)},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("relatedLocations (-want +got):\n%s", diff)
	}
	// The primary location carries no id or message.
	loc := get(t, results(t, log)[0], "locations", 0)
	if has(t, loc, "id") || has(t, loc, "message") {
		t.Errorf("primary location = %v, want no id or message", loc)
	}
}

func TestBuildNoRelatedLocations(t *testing.T) {
	_, log := buildLog(t, testInput(t, sampleFindings()[:1]))
	if has(t, results(t, log)[0], "relatedLocations") {
		t.Errorf("result without related positions has relatedLocations")
	}
}

func TestBuildNotifications(t *testing.T) {
	notes := []finding.Notification{
		{Level: finding.LevelWarning, Message: "b warning", Source: "golangci-lint"},
		{Level: finding.LevelError, Message: "undefined: foo", Source: "typecheck", Pos: &finding.Position{Path: "pkg/a.go", Line: 4, Column: 5}},
		{Message: "crash", Source: "lintgate"},
		{Level: finding.LevelError, Message: "non-ASCII", Source: "typecheck", Pos: &finding.Position{Path: "main.go", Line: 4, Column: 32}},
		{Level: finding.LevelNote, Message: "a note", Source: "golangci-lint"},
		{Level: finding.LevelError, Message: "earlier line", Source: "typecheck", Pos: &finding.Position{Path: "pkg/a.go", Line: 3}},
	}
	want := []any{
		map[string]any{"level": "note", "message": map[string]any{"text": "a note"}, "descriptor": map[string]any{"id": "golangci-lint"}},
		map[string]any{"level": "warning", "message": map[string]any{"text": "b warning"}, "descriptor": map[string]any{"id": "golangci-lint"}},
		map[string]any{"level": "error", "message": map[string]any{"text": "crash"}, "descriptor": map[string]any{"id": "lintgate"}},
		map[string]any{
			"level": "error", "message": map[string]any{"text": "non-ASCII"}, "descriptor": map[string]any{"id": "typecheck"},
			"locations": []any{map[string]any{"physicalLocation": map[string]any{
				"artifactLocation": map[string]any{"uri": "main.go", "uriBaseId": SrcRoot},
				"region":           map[string]any{"startLine": float64(4), "startColumn": float64(28)},
			}}},
		},
		map[string]any{
			"level": "error", "message": map[string]any{"text": "earlier line"}, "descriptor": map[string]any{"id": "typecheck"},
			"locations": []any{map[string]any{"physicalLocation": map[string]any{
				"artifactLocation": map[string]any{"uri": "pkg/a.go", "uriBaseId": SrcRoot},
				"region":           map[string]any{"startLine": float64(3)},
			}}},
		},
		map[string]any{
			"level": "error", "message": map[string]any{"text": "undefined: foo"}, "descriptor": map[string]any{"id": "typecheck"},
			"locations": []any{map[string]any{"physicalLocation": map[string]any{
				"artifactLocation": map[string]any{"uri": "pkg/a.go", "uriBaseId": SrcRoot},
				"region":           map[string]any{"startLine": float64(4), "startColumn": float64(5)},
			}}},
		},
	}
	var first []byte
	for i := range 5 {
		in := testInput(t, nil)
		in.Notifications = shuffled(notes, uint64(i))
		data, log := buildLog(t, in)
		got := get(t, run0(t, log), "invocations", 0, "toolExecutionNotifications")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("notifications, seed %d (-want +got):\n%s", i, diff)
		}
		if first == nil {
			first = data
		} else if !bytes.Equal(first, data) {
			t.Errorf("seed %d: log differs from seed 0", i)
		}
	}
}

func TestBuildNotificationWithoutSource(t *testing.T) {
	in := testInput(t, nil)
	in.Notifications = []finding.Notification{{Level: finding.LevelWarning, Message: "anonymous"}}
	_, log := buildLog(t, in)
	note := get(t, run0(t, log), "invocations", 0, "toolExecutionNotifications", 0)
	if diff := cmp.Diff(map[string]any{"level": "warning", "message": map[string]any{"text": "anonymous"}}, note); diff != "" {
		t.Errorf("notification (-want +got):\n%s", diff)
	}
}

func shuffled[T any](s []T, seed uint64) []T {
	s = slices.Clone(s)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return s
}

func TestBuildDeterministic(t *testing.T) {
	findings := sampleFindings()
	findings = append(findings, finding.Finding{
		RuleID: "govet/printf", Linter: "govet", Tool: rules.ToolGolangciLint, Message: "fmt.Sprintf format %d has arg of wrong type",
		Pos: finding.Position{Path: "pkg/a.go", Line: 3, Column: 5}, EndLine: 4,
		Related: []finding.Related{{Pos: finding.Position{Path: "main.go", Line: 4, Column: 32}, Message: "here"}},
	})
	in := testInput(t, findings)
	want, _ := buildLog(t, in)
	for seed := range uint64(10) {
		in := testInput(t, shuffled(findings, seed))
		got, _ := buildLog(t, in)
		if !bytes.Equal(want, got) {
			t.Fatalf("seed %d: log differs:\n%s", seed, cmp.Diff(string(want), string(got)))
		}
	}
	// Build does not reorder the caller's slice.
	in2 := testInput(t, shuffled(findings, 3))
	before := slices.Clone(in2.Findings)
	buildLog(t, in2)
	if diff := cmp.Diff(before, in2.Findings); diff != "" {
		t.Errorf("Build modified Input.Findings (-before +after):\n%s", diff)
	}
}

func TestMarshalNoHTMLEscape(t *testing.T) {
	in := testInput(t, []finding.Finding{{
		RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint,
		Message: "send on <-chan of &x > 0",
		Pos:     finding.Position{Path: "pkg/a.go", Line: 3, Column: 5},
	}})
	data, _ := buildLog(t, in)
	for _, s := range []string{"<-chan", "&x", "> 0"} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("log does not contain %q literally", s)
		}
	}
	for _, s := range []string{`\u003c`, `\u0026`, `\u003e`} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("log contains HTML escape %s", s)
		}
	}
	if !bytes.HasSuffix(data, []byte("}\n")) || bytes.HasSuffix(data, []byte("\n\n")) {
		t.Errorf("log does not end in exactly one newline: %q", data[max(0, len(data)-10):])
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"")) {
		t.Errorf("log is not indented with two spaces: %q", data[:min(len(data), 20)])
	}
}

func TestWriteMatchesMarshal(t *testing.T) {
	in := testInput(t, sampleFindings())
	want, _ := buildLog(t, in)
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := ValidateSchema(buf.Bytes()); err != nil {
		t.Fatalf("ValidateSchema: %v", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("Write differs from Build+Marshal (-want +got):\n%s", diff)
	}
}

func TestToolGUIDStable(t *testing.T) {
	g := toolGUID("golangci-lint")
	if g != toolGUID("golangci-lint") {
		t.Errorf("toolGUID not stable")
	}
	if g == toolGUID("staticcheck") {
		t.Errorf("toolGUID equal for different tools")
	}
	if len(g) != 36 || g[14] != '5' || !strings.ContainsRune("89ab", rune(g[19])) {
		t.Errorf("toolGUID = %q, want a version 5 RFC 4122 UUID", g)
	}
}

// TestEncodeMatchesWholeValue: encoding the results one at a time gives
// the whole log as one value would, indented the same way, except that
// each result is one compact line.
func TestEncodeMatchesWholeValue(t *testing.T) {
	in := testInput(t, sampleFindings())
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	if err := newEncoder(&whole, "").Encode(rep); err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var reindented bytes.Buffer
	if err := json.Indent(&reindented, got, "", "  "); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole.String(), reindented.String()); diff != "" {
		t.Errorf("streamed encoding, re-indented, differs (-whole +streamed):\n%s", diff)
	}
	lines := 0
	for line := range strings.Lines(string(got)) {
		if strings.HasPrefix(strings.TrimSpace(line), `{"ruleId":`) {
			lines++
			if !json.Valid([]byte(strings.TrimSuffix(strings.TrimSpace(line), ","))) {
				t.Errorf("result line is not one JSON value: %s", line)
			}
		}
	}
	if n := len(rep.Runs[0].Results); lines != n || n < 2 {
		t.Errorf("%d result lines for %d results; want one line each", lines, n)
	}
}
