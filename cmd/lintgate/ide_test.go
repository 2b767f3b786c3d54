package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/tailscale/hujson"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/ide"
	"github.com/lintgate/lintgate/lint"
)

// taskMatcher is the problem matcher of the "lintgate" task in a
// tasks.json, with its regexp compiled (the pattern uses only syntax
// JavaScript and RE2 read alike).
type taskMatcher struct {
	FileLocation []string `json:"fileLocation"`
	Pattern      struct {
		Regexp                              string
		File, Line, Severity, Code, Message int
		Column                              int
	} `json:"pattern"`
	re *regexp.Regexp
}

func readTaskMatcher(tasksJSON []byte) (*taskMatcher, error) {
	std, err := hujson.Standardize(bytes.Clone(tasksJSON))
	if err != nil {
		return nil, err
	}
	var doc struct {
		Tasks []struct {
			Label          string
			ProblemMatcher taskMatcher
		}
	}
	if err := json.Unmarshal(std, &doc); err != nil {
		return nil, err
	}
	for _, t := range doc.Tasks {
		if t.Label == "lintgate" {
			m := t.ProblemMatcher
			m.re, err = regexp.Compile(m.Pattern.Regexp)
			return &m, err
		}
	}
	return nil, fmt.Errorf("no lintgate task")
}

// problem is what VS Code makes of a matched line.
type problem struct {
	File, Severity, Code, Message string
	Line, Column                  int
}

func (m *taskMatcher) match(line string) (problem, bool) {
	g := m.re.FindStringSubmatch(line)
	if g == nil {
		return problem{}, false
	}
	at := func(i int) string {
		if i <= 0 || i >= len(g) {
			return ""
		}
		return g[i]
	}
	p := problem{File: at(m.Pattern.File), Severity: at(m.Pattern.Severity), Code: at(m.Pattern.Code), Message: at(m.Pattern.Message)}
	p.Line, _ = strconv.Atoi(at(m.Pattern.Line))
	p.Column, _ = strconv.Atoi(at(m.Pattern.Column))
	return p, true
}

// The "lintgate" task's problem matcher reads the lines lintgate's text
// output prints (summary.print), and nothing else of it. Paths are
// relative to the module root, the task's working directory, hence
// fileLocation relative to ${workspaceFolder}. The column is left out:
// lintgate prints byte columns, VS Code would read them as UTF-16 code
// units, which differ on a line with non-ASCII text before the finding.
func TestProblemMatcher(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\nfunc f() {\n\t/* ünïcode 😀 */ os.Remove(\"x\")\n}\n"
	if err := os.MkdirAll(filepath.Join(root, "sub dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "sub dir", "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := ide.VSCode(ide.Options{Root: root, Lintgate: "/usr/bin/lintgate", Config: []byte("version: \"2\"\n")})
	if err != nil {
		t.Fatal(err)
	}
	var m *taskMatcher
	for _, f := range files {
		if f.Path == ".vscode/tasks.json" {
			m, err = readTaskMatcher(f.New)
		}
	}
	if m == nil || err != nil {
		t.Fatalf("no task matcher: %v", err)
	}
	if diff := cmp.Diff([]string{"relative", "${workspaceFolder}"}, m.FileLocation); diff != "" {
		t.Errorf("fileLocation (-want +got):\n%s", diff)
	}

	byteCol := strings.Index(strings.Split(src, "\n")[3], "os.Remove") + 1
	rep := &lint.Report{Success: false, Gate: lint.Gate{FailOn: finding.LevelWarning, Verdict: lint.ToolFailed},
		Findings: []finding.Finding{
			{Pos: finding.Position{Path: "sub dir/p.go", Line: 4, Column: byteCol}, Level: finding.LevelWarning, RuleID: "errcheck", Linter: "errcheck", Message: "Error return value of `os.Remove` is not checked"},
			{Pos: finding.Position{Path: "sub dir/p.go", Line: 1}, Level: finding.LevelError, RuleID: "staticcheck/ST1000", Linter: "staticcheck", Message: "at least one file in a package should have a package comment: see: x"},
			{Pos: finding.Position{Path: "sub dir/p.go", Line: 3, Column: 6}, Level: finding.LevelNote, RuleID: "revive/unused-parameter", Linter: "revive", Message: "parameter 'x' seems to be unused"},
		},
		Notifications: []finding.Notification{
			{Level: finding.LevelError, Source: "typecheck", Pos: &finding.Position{Path: "sub dir/p.go", Line: 4, Column: byteCol}, Message: "undefined: os"},
			{Level: finding.LevelError, Source: "golangci-lint", Message: "golangci-lint exited with status 3"},
		},
	}
	var out bytes.Buffer
	if err := newSummary(rep).print(&out, false, true); err != nil {
		t.Fatal(err)
	}
	var got []problem
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		if p, ok := m.match(line); ok {
			got = append(got, p)
		}
	}
	want := []problem{
		{File: "sub dir/p.go", Line: 4, Severity: "warning", Code: "errcheck", Message: "Error return value of `os.Remove` is not checked"},
		{File: "sub dir/p.go", Line: 1, Severity: "error", Code: "staticcheck/ST1000", Message: "at least one file in a package should have a package comment: see: x"},
		{File: "sub dir/p.go", Line: 3, Severity: "note", Code: "revive/unused-parameter", Message: "parameter 'x' seems to be unused"},
		{File: "sub dir/p.go", Line: 4, Severity: "error", Code: "typecheck", Message: "undefined: os"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("matched problems (-want +got):\n%s\nfrom:\n%s", diff, out.String())
	}
	for _, p := range got {
		if _, err := os.Stat(filepath.Join(root, p.File)); err != nil {
			t.Errorf("%s does not resolve against the workspace folder: %v", p.File, err)
		}
	}
	// Why no column: VS Code's column is in UTF-16 code units.
	if utf16Col := 1 + len([]rune("\t/* ünïcode ")) + 2 + len(" */ "); byteCol == utf16Col {
		t.Fatalf("test line is ASCII-only: byte column %d", byteCol)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("sub dir/p.go:4:%d: warning errcheck:", byteCol)) {
		t.Errorf("lintgate's text output has no byte column %d:\n%s", byteCol, out.String())
	}
}

// lintgateLineRE is a finding in lintgate's text output.
var lintgateLineRE = regexp.MustCompile(`^(.+?):(\d+):(\d+): (?:error|warning|note) (\S+): (.*)$`)

// golangciLineRE is an issue in golangci-lint's text output as vscode-go
// asks for it (--path-mode=abs, no source lines): path:line:col: text (linter).
var golangciLineRE = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.*) \(([\w-]+)\)$`)

// cmdSameFindings checks that golangci-lint, run as an editor runs it,
// found what lintgate run found in DIR and below (golangci-lint without
// package arguments lints ./... of its working directory): the same
// file:line:col and message for every finding, none more, none less.
// golangci-lint's text puts a check id before some messages
// ("SA4006: ..."); lintgate moves it into the rule id.
//
//	samefindings ROOT LINTGATE_TEXT GOLANGCI_TEXT DIR
func cmdSameFindings(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: samefindings ROOT LINTGATE_TEXT GOLANGCI_TEXT DIR")
	}
	root, pkg := args[0], filepath.Clean(args[3])
	want := map[string]int{}
	n := 0
	for _, line := range strings.Split(ts.ReadFile(args[1]), "\n") {
		g := lintgateLineRE.FindStringSubmatch(line)
		if g == nil || (pkg != "." && !strings.HasPrefix(filepath.Clean(g[1]), pkg+string(filepath.Separator))) {
			continue
		}
		want[fmt.Sprintf("%s:%s:%s: %s", filepath.Join(root, g[1]), g[2], g[3], g[5])]++
		n++
	}
	if n == 0 {
		ts.Fatalf("%s: no finding in %s", args[1], pkg)
	}
	var extra []string
	for _, line := range strings.Split(ts.ReadFile(args[2]), "\n") {
		g := golangciLineRE.FindStringSubmatch(line)
		if g == nil {
			continue
		}
		if !filepath.IsAbs(g[1]) {
			ts.Fatalf("%s: path not absolute as --path-mode=abs asks: %s", args[2], line)
		}
		key := fmt.Sprintf("%s:%s:%s: %s", g[1], g[2], g[3], g[4])
		if want[key] == 0 {
			if _, rest, ok := strings.Cut(g[4], ": "); ok {
				key = fmt.Sprintf("%s:%s:%s: %s", g[1], g[2], g[3], rest)
			}
		}
		if want[key] == 0 {
			extra = append(extra, line)
			continue
		}
		want[key]--
	}
	var missing []string
	for k, c := range want {
		for range c {
			missing = append(missing, k)
		}
	}
	if len(extra)+len(missing) > 0 {
		ts.Fatalf("findings differ:\nonly golangci-lint:\n%s\nonly lintgate run:\n%s", strings.Join(extra, "\n"), strings.Join(missing, "\n"))
	}
	ts.Logf("%d findings in %s, the same", n, pkg)
}

// cmdTaskMatch checks the "lintgate" task's problem matcher against
// lintgate's real text output: every finding line matches, names a file
// that exists below ROOT (the workspace folder), and nothing else does.
//
//	taskmatch ROOT TASKS_JSON LINTGATE_TEXT
func cmdTaskMatch(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: taskmatch ROOT TASKS_JSON LINTGATE_TEXT")
	}
	m, err := readTaskMatcher([]byte(ts.ReadFile(args[1])))
	ts.Check(err)
	n := 0
	for _, line := range strings.Split(ts.ReadFile(args[2]), "\n") {
		p, ok := m.match(line)
		if ok != lintgateLineRE.MatchString(line) {
			ts.Fatalf("matcher and finding line disagree (%v) on %q", ok, line)
		}
		if !ok {
			continue
		}
		if _, err := os.Stat(filepath.Join(args[0], p.File)); err != nil {
			ts.Fatalf("%q: %v", line, err)
		}
		n++
	}
	if n == 0 {
		ts.Fatalf("%s: no finding matched", args[2])
	}
	ts.Logf("%d findings matched", n)
}
