package runner

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// parseCatalog is the real staticcheck and revive catalog plus a few
// hand-made golangci-lint rules standing in for the linter registry.
// ineffassign defaults to note so that the fallback to a rule's own level
// is distinguishable from the catalog's warning default.
func parseCatalog(t *testing.T) *rules.Catalog {
	t.Helper()
	golangci := []rules.Rule{
		{ID: "errcheck", Tool: rules.ToolGolangciLint, Linter: "errcheck", Title: "Unchecked errors", Level: finding.LevelWarning},
		{ID: "ineffassign", Tool: rules.ToolGolangciLint, Linter: "ineffassign", Title: "Ineffectual assignments", Level: finding.LevelNote},
		{ID: "govet", Tool: rules.ToolGolangciLint, Linter: "govet", Title: "Vet", Level: finding.LevelWarning},
		{ID: "govet/printf", Tool: rules.ToolGolangciLint, Linter: "govet", Check: "printf", Title: "Printf calls", Level: finding.LevelWarning},
		{ID: "gosec/G104", Tool: rules.ToolGolangciLint, Linter: "gosec", Check: "G104", Title: "Errors unhandled", Level: finding.LevelWarning},
	}
	cat, err := rules.NewCatalog(rules.StaticcheckRules(), rules.ReviveRules(), golangci)
	if err != nil {
		t.Fatalf("NewCatalog: %v", err)
	}
	return cat
}

// jsonString returns s escaped for use inside a JSON string literal.
func jsonString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b[1 : len(b)-1])
}

// golangciDoc wraps issues (JSON objects as golangci-lint v2.15.0's JSON
// printer writes them) in a complete document with a report that has no
// warnings and no error.
func golangciDoc(issues ...string) string {
	return `{"Issues":[` + strings.Join(issues, ",") + `],"Report":{"Linters":[{"Name":"errcheck","Enabled":true},{"Name":"govet","Enabled":true},{"Name":"staticcheck","Enabled":true},{"Name":"revive","Enabled":true},{"Name":"gocyclo"}]}}`
}

func TestParse(t *testing.T) {
	cat := parseCatalog(t)
	tmp := t.TempDir()
	root := filepath.Join(tmp, "mod")
	outside := filepath.Join(tmp, "elsewhere")
	sibling := filepath.Join(tmp, "mod2") // shares the root's name as a prefix

	tests := []struct {
		name string
		dir  string // the directory golangci-lint ran in, relative to root
		json string // {{root}}, {{outside}} and {{sibling}} are replaced
		want Output
	}{
		{
			name: "no issues",
			json: golangciDoc(),
			want: Output{},
		},
		{
			name: "staticcheck check prefix is stripped from the message",
			json: golangciDoc(`{"FromLinter":"staticcheck","Text":"SA4006: this value of x is never used","Severity":"","SourceLines":["\tx := 1"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":120,"Line":13,"Column":2},"LineRange":{"From":13,"To":13},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`),
			want: Output{Findings: []finding.Finding{{
				RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
				Message: "this value of x is never used", Level: finding.LevelWarning,
				Pos: finding.Position{Path: "a/a.go", Line: 13, Column: 2},
			}}},
		},
		{
			name: "unused is staticcheck's U1000",
			json: golangciDoc(`{"FromLinter":"unused","Text":"func helper is unused","Severity":"","SourceLines":["func helper() {}"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":40,"Line":5,"Column":6},"LineRange":{"From":5,"To":5},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`),
			want: Output{Findings: []finding.Finding{{
				RuleID: "staticcheck/U1000", Linter: "unused", Tool: rules.ToolStaticcheck,
				Message: "func helper is unused", Level: finding.LevelWarning,
				Pos: finding.Position{Path: "a/a.go", Line: 5, Column: 6},
			}}},
		},
		{
			name: "revive rules and severities",
			json: golangciDoc(
				`{"FromLinter":"revive","Text":"var-naming: don't use underscores in Go names; var my_var should be myVar","Severity":"warning","SourceLines":["\tvar my_var = 1"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":161,"Line":13,"Column":38},"LineRange":{"From":13,"To":13},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"revive","Text":"exported: exported function Do should have comment or be unexported","Severity":"error","SourceLines":["func Do() {}"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":200,"Line":20,"Column":1},"LineRange":{"From":20,"To":20},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				{
					RuleID: "revive/var-naming", Linter: "revive", Tool: rules.ToolRevive,
					Message: "don't use underscores in Go names; var my_var should be myVar", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 13, Column: 38},
				},
				{
					RuleID: "revive/exported", Linter: "revive", Tool: rules.ToolRevive,
					Message: "exported function Do should have comment or be unexported", Level: finding.LevelError,
					Pos: finding.Position{Path: "a/a.go", Line: 20, Column: 1},
				},
			}},
		},
		{
			name: "golangci-lint linters and analyzers",
			json: golangciDoc(
				`{"FromLinter":"errcheck","Text":"Error return value of `+"`f.Close`"+` is not checked","Severity":"","SourceLines":["\tf.Close()"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":300,"Line":30,"Column":9},"LineRange":{"From":30,"To":30},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"govet","Text":"printf: fmt.Sprintf format %d has arg s of wrong type string","Severity":"","SourceLines":["\t_ = fmt.Sprintf(\"%d\", s)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":350,"Line":31,"Column":6},"LineRange":{"From":31,"To":31},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				// An analyzer the catalog does not know falls back to the
				// whole linter and keeps its prefix.
				`{"FromLinter":"govet","Text":"shadow: declaration of \"err\" shadows declaration at line 10","Severity":"","SourceLines":["\terr := g()"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":400,"Line":32,"Column":2},"LineRange":{"From":32,"To":32},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				// A linter the catalog does not know gets a rule of its own.
				`{"FromLinter":"myplugin","Text":"something odd","Severity":"","SourceLines":["\tx()"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":450,"Line":33,"Column":2},"LineRange":{"From":33,"To":33},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				{
					RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint,
					Message: "Error return value of `f.Close` is not checked", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 30, Column: 9},
				},
				{
					RuleID: "govet/printf", Linter: "govet", Tool: rules.ToolGolangciLint,
					Message: "fmt.Sprintf format %d has arg s of wrong type string", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 31, Column: 6},
				},
				{
					RuleID: "govet", Linter: "govet", Tool: rules.ToolGolangciLint,
					Message: `shadow: declaration of "err" shadows declaration at line 10`, Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 32, Column: 2},
				},
				{
					RuleID: "myplugin", Linter: "myplugin", Tool: rules.ToolGolangciLint,
					Message: "something odd", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 33, Column: 2},
				},
			}},
		},
		{
			name: "gosec severities",
			json: golangciDoc(
				`{"FromLinter":"gosec","Text":"G104: Errors unhandled","Severity":"medium","SourceLines":["\tw.Write(b)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":10,"Line":3,"Column":2},"LineRange":{"From":3,"To":3},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"gosec","Text":"G104: Errors unhandled","Severity":"high","SourceLines":["\tw.Write(b)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":20,"Line":4,"Column":2},"LineRange":{"From":4,"To":4},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"gosec","Text":"G104: Errors unhandled","Severity":"low","SourceLines":["\tw.Write(b)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":30,"Line":5,"Column":2},"LineRange":{"From":5,"To":5},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				{
					RuleID: "gosec/G104", Linter: "gosec", Tool: rules.ToolGolangciLint,
					Message: "Errors unhandled", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 3, Column: 2},
				},
				{
					RuleID: "gosec/G104", Linter: "gosec", Tool: rules.ToolGolangciLint,
					Message: "Errors unhandled", Level: finding.LevelError,
					Pos: finding.Position{Path: "a/a.go", Line: 4, Column: 2},
				},
				{
					RuleID: "gosec/G104", Linter: "gosec", Tool: rules.ToolGolangciLint,
					Message: "Errors unhandled", Level: finding.LevelNote,
					Pos: finding.Position{Path: "a/a.go", Line: 5, Column: 2},
				},
			}},
		},
		{
			name: "empty or unknown severity falls back to the rule's level",
			json: golangciDoc(
				// SA5009 is an error by staticcheck's documentation.
				`{"FromLinter":"staticcheck","Text":"SA5009: Printf format %d has arg #1 of wrong type string","Severity":"","SourceLines":["\tfmt.Printf(\"%d\", s)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":10,"Line":3,"Column":2},"LineRange":{"From":3,"To":3},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				// A severity set by the configuration wins over the default.
				`{"FromLinter":"staticcheck","Text":"SA5009: Printf format %d has arg #1 of wrong type string","Severity":"warning","SourceLines":["\tfmt.Printf(\"%d\", s)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":40,"Line":4,"Column":2},"LineRange":{"From":4,"To":4},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"ineffassign","Text":"ineffectual assignment to x","Severity":"","SourceLines":["\tx = 2"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":70,"Line":5,"Column":2},"LineRange":{"From":5,"To":5},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"ineffassign","Text":"ineffectual assignment to y","Severity":"major","SourceLines":["\ty = 2"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":90,"Line":6,"Column":2},"LineRange":{"From":6,"To":6},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				{
					RuleID: "staticcheck/SA5009", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
					Message: "Printf format %d has arg #1 of wrong type string", Level: finding.LevelError,
					Pos: finding.Position{Path: "a/a.go", Line: 3, Column: 2},
				},
				{
					RuleID: "staticcheck/SA5009", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
					Message: "Printf format %d has arg #1 of wrong type string", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 4, Column: 2},
				},
				{
					RuleID: "ineffassign", Linter: "ineffassign", Tool: rules.ToolGolangciLint,
					Message: "ineffectual assignment to x", Level: finding.LevelNote,
					Pos: finding.Position{Path: "a/a.go", Line: 5, Column: 2},
				},
				{
					RuleID: "ineffassign", Linter: "ineffassign", Tool: rules.ToolGolangciLint,
					Message: "ineffectual assignment to y", Level: finding.LevelNote,
					Pos: finding.Position{Path: "a/a.go", Line: 6, Column: 2},
				},
			}},
		},
		{
			name: "paths",
			dir:  "cmd",
			json: golangciDoc(
				`{"FromLinter":"errcheck","Text":"nested","Severity":"","SourceLines":["x"],"Pos":{"Filename":"{{root}}/a/b/c.go","Offset":1,"Line":1,"Column":1},"LineRange":{"From":1,"To":1},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"in the root","Severity":"","SourceLines":["x"],"Pos":{"Filename":"{{root}}/main.go","Offset":1,"Line":2,"Column":1},"LineRange":{"From":2,"To":2},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"relative to dir","Severity":"","SourceLines":["x"],"Pos":{"Filename":"tool/main.go","Offset":1,"Line":3,"Column":1},"LineRange":{"From":3,"To":3},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"relative, up from dir","Severity":"","SourceLines":["x"],"Pos":{"Filename":"../lib/lib.go","Offset":1,"Line":4,"Column":1},"LineRange":{"From":4,"To":4},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"relative, outside the root","Severity":"","SourceLines":["x"],"Pos":{"Filename":"../../elsewhere/up.go","Offset":1,"Line":5,"Column":1},"LineRange":{"From":5,"To":5},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"outside the root","Severity":"","SourceLines":["x"],"Pos":{"Filename":"{{outside}}/e.go","Offset":1,"Line":6,"Column":1},"LineRange":{"From":6,"To":6},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"in a sibling sharing the root's prefix","Severity":"","SourceLines":["x"],"Pos":{"Filename":"{{sibling}}/s.go","Offset":1,"Line":7,"Column":1},"LineRange":{"From":7,"To":7},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				errcheckAt("nested", "a/b/c.go", 1),
				errcheckAt("in the root", "main.go", 2),
				errcheckAt("relative to dir", "cmd/tool/main.go", 3),
				errcheckAt("relative, up from dir", "lib/lib.go", 4),
				errcheckAt("relative, outside the root", filepath.ToSlash(filepath.Join(outside, "up.go")), 5),
				errcheckAt("outside the root", filepath.ToSlash(filepath.Join(outside, "e.go")), 6),
				errcheckAt("in a sibling sharing the root's prefix", filepath.ToSlash(filepath.Join(sibling, "s.go")), 7),
			}},
		},
		{
			name: "line ranges",
			json: golangciDoc(
				`{"FromLinter":"errcheck","Text":"multi-line","Severity":"","SourceLines":["a","b","c"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":1,"Line":13,"Column":1},"LineRange":{"From":13,"To":15},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"one line","Severity":"","SourceLines":["a"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":1,"Line":20,"Column":1},"LineRange":{"From":20,"To":20},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"no range","Severity":"","SourceLines":["a"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":1,"Line":21,"Column":1},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				{
					RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint,
					Message: "multi-line", Level: finding.LevelWarning,
					Pos:     finding.Position{Path: "a/a.go", Line: 13, Column: 1},
					EndLine: 15,
				},
				errcheckAt("one line", "a/a.go", 20),
				errcheckAt("no range", "a/a.go", 21),
			}},
		},
		{
			name: "suggested fixes",
			// "eCA6PSAx" is base64 for "x := 1", "Zm10" for "fmt".
			json: golangciDoc(`{"FromLinter":"govet","Text":"printf: fmt.Sprintf call has arguments but no formatting directives","Severity":"","SourceLines":["\t_ = fmt.Sprintf(\"x\", 1)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":5,"Line":3,"Column":6},"LineRange":{"From":3,"To":3},"SuggestedFixes":[{"Message":"Rewrite","TextEdits":[{"Pos":10,"End":14,"NewText":"eCA6PSAx"},{"Pos":20,"End":26,"NewText":null},{"Pos":30,"End":30,"NewText":"Zm10"}]},{"Message":"Nothing to do","TextEdits":[]},{"Message":"Delete","TextEdits":[{"Pos":40,"End":45,"NewText":""}]}],"ExpectNoLint":false,"ExpectedNoLintLinter":""}`),
			want: Output{Findings: []finding.Finding{{
				RuleID: "govet/printf", Linter: "govet", Tool: rules.ToolGolangciLint,
				Message: "fmt.Sprintf call has arguments but no formatting directives", Level: finding.LevelWarning,
				Pos: finding.Position{Path: "a/a.go", Line: 3, Column: 6},
				Fixes: []finding.Fix{
					{Description: "Rewrite", Edits: []finding.Edit{
						{Start: 10, End: 14, NewText: "x := 1"},
						{Start: 20, End: 26, NewText: ""},
						{Start: 30, End: 30, NewText: "fmt"},
					}},
					// A fix without edits is dropped.
					{Description: "Delete", Edits: []finding.Edit{{Start: 40, End: 45, NewText: ""}}},
				},
			}}},
		},
		{
			// golangci-lint sorts its output by linter and position, so
			// related information on an earlier line comes first.
			name: "related information before its parent",
			json: golangciDoc(
				`{"FromLinter":"staticcheck","Text":"SA4006(related information): x is assigned here","Severity":"","SourceLines":["\tx := f()"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":100,"Line":12,"Column":2},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"staticcheck","Text":"SA4006: this value of x is never used","Severity":"","SourceLines":["\tx = 1"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":120,"Line":13,"Column":2},"LineRange":{"From":13,"To":13},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{{
				RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
				Message: "this value of x is never used", Level: finding.LevelWarning,
				Pos: finding.Position{Path: "a/a.go", Line: 13, Column: 2},
				Related: []finding.Related{
					{Pos: finding.Position{Path: "a/a.go", Line: 12, Column: 2}, Message: "x is assigned here"},
				},
			}}},
		},
		{
			name: "related information after its parent",
			dir:  "cmd",
			json: golangciDoc(
				`{"FromLinter":"govet","Text":"printf: fmt.Printf format %s reads arg #2, but call has 1 arg","Severity":"","SourceLines":["\tfmt.Printf(\"%s %s\", a)"],"Pos":{"Filename":"{{root}}/cmd/main.go","Offset":100,"Line":8,"Column":2},"LineRange":{"From":8,"To":8},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"govet","Text":"printf(related information): the format is defined here","Severity":"","SourceLines":["\tconst f = \"%s %s\""],"Pos":{"Filename":"main.go","Offset":140,"Line":9,"Column":12},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"govet","Text":"printf(related information): and used here","Severity":"","SourceLines":["\tfmt.Printf(f, a)"],"Pos":{"Filename":"main.go","Offset":160,"Line":10,"Column":13},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{{
				RuleID: "govet/printf", Linter: "govet", Tool: rules.ToolGolangciLint,
				Message: "fmt.Printf format %s reads arg #2, but call has 1 arg", Level: finding.LevelWarning,
				Pos: finding.Position{Path: "cmd/main.go", Line: 8, Column: 2},
				Related: []finding.Related{
					{Pos: finding.Position{Path: "cmd/main.go", Line: 9, Column: 12}, Message: "the format is defined here"},
					{Pos: finding.Position{Path: "cmd/main.go", Line: 10, Column: 13}, Message: "and used here"},
				},
			}}},
		},
		{
			name: "related information without a parent stays a finding",
			json: golangciDoc(
				`{"FromLinter":"staticcheck","Text":"SA4006(related information): x is assigned here","Severity":"","SourceLines":["\tx := f()"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":10,"Line":4,"Column":5},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				// Another linter: not a parent.
				`{"FromLinter":"errcheck","Text":"Error return value is not checked","Severity":"","SourceLines":["\tg()"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":60,"Line":9,"Column":1},"LineRange":{"From":9,"To":9},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				// Same linter, other check: not a parent either.
				`{"FromLinter":"staticcheck","Text":"SA5009: Printf format %d has arg #1 of wrong type string","Severity":"","SourceLines":["\tfmt.Printf(\"%d\", s)"],"Pos":{"Filename":"{{root}}/a/a.go","Offset":120,"Line":13,"Column":2},"LineRange":{"From":13,"To":13},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{Findings: []finding.Finding{
				errcheckAt("Error return value is not checked", "a/a.go", 9),
				{
					RuleID: "staticcheck/SA5009", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
					Message: "Printf format %d has arg #1 of wrong type string", Level: finding.LevelError,
					Pos: finding.Position{Path: "a/a.go", Line: 13, Column: 2},
				},
				// The orphan comes last, under its own check.
				{
					RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
					Message: "x is assigned here", Level: finding.LevelWarning,
					Pos: finding.Position{Path: "a/a.go", Line: 4, Column: 5},
				},
			}},
		},
		{
			name: "typecheck with the compiler's position in its text",
			json: golangciDoc(`{"FromLinter":"typecheck","Text":": # example.com/fx/broken\nbroken/b.go:3:23: cannot use \"s\" (untyped string constant) as int value in return statement","Severity":"","SourceLines":["package broken"],"Pos":{"Filename":"{{root}}/broken/b.go","Offset":0,"Line":1,"Column":0},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`),
			want: Output{
				LoadErrors: []finding.Notification{{
					Level:   finding.LevelError,
					Message: `cannot use "s" (untyped string constant) as int value in return statement`,
					Pos:     &finding.Position{Path: "broken/b.go", Line: 3, Column: 23},
					Source:  "typecheck",
				}},
				BrokenDirs: []string{filepath.Join(root, "broken")},
			},
		},
		{
			name: "typecheck with several errors, from a subdirectory",
			dir:  "cmd",
			json: golangciDoc(
				`{"FromLinter":"typecheck","Text":": # example.com/fx/cmd/tool\ntool/main.go:5:2: undefined: foo\ntool/main.go:9: missing return","Severity":"","SourceLines":["package main"],"Pos":{"Filename":"{{root}}/cmd/tool/main.go","Offset":0,"Line":1,"Column":0},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"typecheck","Text":": # example.com/fx/cmd/tool\n./tool/util.go:2:8: \"os\" imported and not used","Severity":"","SourceLines":["package main"],"Pos":{"Filename":"{{root}}/cmd/tool/util.go","Offset":0,"Line":1,"Column":0},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				// golangci-lint's usual form: the message alone, at its real position.
				`{"FromLinter":"typecheck","Text":"undefined: bar","Severity":"","SourceLines":["\tbar()"],"Pos":{"Filename":"{{root}}/lib/lib.go","Offset":0,"Line":7,"Column":9},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"errcheck","Text":"Error return value is not checked","Severity":"","SourceLines":["\tg()"],"Pos":{"Filename":"{{root}}/ok/ok.go","Offset":60,"Line":9,"Column":1},"LineRange":{"From":9,"To":9},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{
				Findings: []finding.Finding{errcheckAt("Error return value is not checked", "ok/ok.go", 9)},
				LoadErrors: []finding.Notification{
					{Level: finding.LevelError, Message: "undefined: foo", Pos: &finding.Position{Path: "cmd/tool/main.go", Line: 5, Column: 2}, Source: "typecheck"},
					{Level: finding.LevelError, Message: "missing return", Pos: &finding.Position{Path: "cmd/tool/main.go", Line: 9}, Source: "typecheck"},
					{Level: finding.LevelError, Message: `"os" imported and not used`, Pos: &finding.Position{Path: "cmd/tool/util.go", Line: 2, Column: 8}, Source: "typecheck"},
					{Level: finding.LevelError, Message: "undefined: bar", Pos: &finding.Position{Path: "lib/lib.go", Line: 7, Column: 9}, Source: "typecheck"},
				},
				BrokenDirs: []string{filepath.Join(root, "cmd", "tool"), filepath.Join(root, "lib")},
			},
		},
		{
			name: "typecheck without a position in its text",
			json: golangciDoc(
				`{"FromLinter":"typecheck","Text":"pattern ./x: directory not found","Severity":"","SourceLines":[],"Pos":{"Filename":"{{root}}/x/x.go","Offset":0,"Line":0,"Column":0},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
				`{"FromLinter":"typecheck","Text":": could not import example.com/fx/gone (no required module provides package)","Severity":"","SourceLines":["package y"],"Pos":{"Filename":"{{root}}/y/y.go","Offset":0,"Line":1,"Column":0},"ExpectNoLint":false,"ExpectedNoLintLinter":""}`,
			),
			want: Output{
				LoadErrors: []finding.Notification{
					{Level: finding.LevelError, Message: "pattern ./x: directory not found", Source: "typecheck"},
					{Level: finding.LevelError, Message: "could not import example.com/fx/gone (no required module provides package)", Pos: &finding.Position{Path: "y/y.go", Line: 1}, Source: "typecheck"},
				},
				BrokenDirs: []string{filepath.Join(root, "x"), filepath.Join(root, "y")},
			},
		},
		{
			name: "report warnings and error",
			json: `{"Issues":[],"Report":{"Warnings":[{"Tag":"runner","Text":"Can't run linter goanalysis_metalinter: buildir: failed to load package"},{"Text":"The linter 'golint' is deprecated"}],"Linters":[{"Name":"errcheck","Enabled":true},{"Name":"gocyclo"}],"Error":"timeout exceeded: try increasing it by passing --timeout option"}}`,
			want: Output{Warnings: []finding.Notification{
				{Level: finding.LevelWarning, Message: "runner Can't run linter goanalysis_metalinter: buildir: failed to load package", Source: "golangci-lint"},
				{Level: finding.LevelWarning, Message: "The linter 'golint' is deprecated", Source: "golangci-lint"},
				{Level: finding.LevelError, Message: "timeout exceeded: try increasing it by passing --timeout option", Source: "golangci-lint"},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.NewReplacer(
				"{{root}}", jsonString(t, root),
				"{{outside}}", jsonString(t, outside),
				"{{sibling}}", jsonString(t, sibling),
			).Replace(tt.json)
			if !json.Valid([]byte(data)) {
				t.Fatalf("test input is not valid JSON:\n%s", data)
			}
			dir := filepath.Join(root, filepath.FromSlash(tt.dir))
			got, err := Parse([]byte(data+"\n"), dir, root, cat)
			if err != nil {
				t.Fatalf("Parse() error = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// errcheckAt is an errcheck finding at the start of a line.
func errcheckAt(msg, path string, line int) finding.Finding {
	return finding.Finding{
		RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint,
		Message: msg, Level: finding.LevelWarning,
		Pos: finding.Position{Path: path, Line: line, Column: 1},
	}
}

func TestParseInvalidJSON(t *testing.T) {
	cat := parseCatalog(t)
	root := t.TempDir()
	tests := []struct {
		name string
		data string
	}{
		{"empty", ""},
		{"text output", "a/a.go:13:2: SA4006: this value of x is never used (staticcheck)\n"},
		{"truncated", `{"Issues":[{"FromLinter":"errcheck","Text":"x"`},
		{"issues not a list", `{"Issues":{"FromLinter":"errcheck"},"Report":{}}`},
		{"line not a number", `{"Issues":[{"FromLinter":"errcheck","Text":"x","Pos":{"Filename":"a.go","Line":"13"}}],"Report":{}}`},
		{"new text not base64", `{"Issues":[{"FromLinter":"errcheck","Text":"x","Pos":{"Filename":"a.go","Line":1},"SuggestedFixes":[{"Message":"m","TextEdits":[{"Pos":1,"End":2,"NewText":"not base64!"}]}]}],"Report":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.data), root, root, cat)
			if err == nil {
				t.Fatalf("Parse() = %+v, want an error", got)
			}
			if want := "reading golangci-lint's JSON output: "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Parse() error = %q, want it to start with %q", err, want)
			}
			if diff := cmp.Diff(Output{}, got); diff != "" {
				t.Errorf("Parse() returned output with its error (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseRelatedNearestParent: related information goes to the parent
// in its own file, nearest by line, whatever the order of the output.
func TestParseRelatedNearestParent(t *testing.T) {
	cat := parseCatalog(t)
	doc := `{"Issues":[
{"FromLinter":"staticcheck","Text":"SA4006(related information): x is assigned here","Pos":{"Filename":"/abs/root/a/a.go","Line":4,"Column":2}},
{"FromLinter":"staticcheck","Text":"SA4006: this value of x is never used","Pos":{"Filename":"/abs/root/a/a.go","Line":5,"Column":2}},
{"FromLinter":"staticcheck","Text":"SA4006(related information): y is assigned here","Pos":{"Filename":"/abs/root/b/b.go","Line":7,"Column":2}},
{"FromLinter":"staticcheck","Text":"SA4006: this value of y is never used","Pos":{"Filename":"/abs/root/b/b.go","Line":8,"Column":2}},
{"FromLinter":"staticcheck","Text":"SA4006: this value of z is never used","Pos":{"Filename":"/abs/root/b/b.go","Line":30,"Column":2}}
],"Report":{}}`
	out, err := Parse([]byte(doc), "/abs/root", "/abs/root", cat)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, f := range out.Findings {
		key := fmt.Sprintf("%s:%d", f.Pos.Path, f.Pos.Line)
		for _, r := range f.Related {
			got[key] = append(got[key], fmt.Sprintf("%s:%d %s", r.Pos.Path, r.Pos.Line, r.Message))
		}
	}
	want := map[string][]string{
		"a/a.go:5": {"a/a.go:4 x is assigned here"},
		"b/b.go:8": {"b/b.go:7 y is assigned here"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("related locations (-want +got):\n%s", diff)
	}
}
