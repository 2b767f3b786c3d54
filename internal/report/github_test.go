package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

// workflowCommand is a parsed workflow command.
type workflowCommand struct {
	Name  string
	Props map[string]string
	Data  string
}

// parseWorkflowCommand parses one line as the runner does
// (ActionCommand.TryParseV2 in actions/runner): the command runs to the
// first "::" after the leading one, properties are split on "," and then
// on the first "=", and values are unescaped by replacing each escape in
// the runner's order.
func parseWorkflowCommand(line string) (workflowCommand, bool) {
	line = strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(line, "::") {
		return workflowCommand{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return workflowCommand{}, false
	}
	info, data := line[2:2+end], line[2+end+2:]
	name, propStr, _ := strings.Cut(info, " ")
	cmd := workflowCommand{Name: name, Props: map[string]string{}, Data: unescapeRunner(data, dataUnescapes)}
	for _, kv := range strings.Split(propStr, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" && v != "" {
			cmd.Props[k] = unescapeRunner(v, propertyUnescapes)
		}
	}
	return cmd, true
}

// The runner's _escapeDataMappings and _escapePropertyMappings, in order.
var (
	dataUnescapes     = [][2]string{{"\r", "%0D"}, {"\n", "%0A"}, {"%", "%25"}}
	propertyUnescapes = [][2]string{{"\r", "%0D"}, {"\n", "%0A"}, {":", "%3A"}, {",", "%2C"}, {"%", "%25"}}
)

func unescapeRunner(s string, mappings [][2]string) string {
	for _, m := range mappings {
		s = strings.ReplaceAll(s, m[1], m[0])
	}
	return s
}

// parseWorkflowCommands parses out, which must hold only commands, each
// on its own line.
func parseWorkflowCommands(t *testing.T, out string) []workflowCommand {
	t.Helper()
	var cmds []workflowCommand
	for line := range strings.Lines(out) {
		line, ok := strings.CutSuffix(line, "\n")
		if !ok {
			t.Errorf("unterminated line %q", line)
		}
		cmd, ok := parseWorkflowCommand(line)
		if !ok {
			t.Errorf("not a workflow command: %q", line)
			continue
		}
		cmds = append(cmds, cmd)
	}
	return cmds
}

// TestGitHubRoundTrip parses the fixture's commands as the runner would
// and checks what the runner gets.
func TestGitHubRoundTrip(t *testing.T) {
	cmds := parseWorkflowCommands(t, string(render(t, WriteGitHub, testInput())))
	props := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	want := []workflowCommand{
		{"error", props(), "1 package failed to load:\npkg/broken"},
		{"warning", props(), "cache: disabled"},
		{"error", props("file", "mod/pkg/broken/x.go", "line", "4", "col", "6", "title", "typecheck"), "undefined: Fóo"},
		{"warning", props("file", "mod/main.go", "line", "4", "col", "21", "title", "staticcheck/SA4006"), "this value of msg is never used"},
		{"notice", props("file", "mod/"+oddPath, "line", "3", "col", "5", "title", "revive/var-naming"), "don't use underscores in Go names; var my_var should be myVar"},
		{"error", props("file", "mod/pkg/b.go", "line", "6", "col", "2", "title", "govet/printf"), trickyMessage},
		{"error", props("file", "mod/pkg/b.go", "line", "6", "col", "12", "title", "errcheck"), "Error return value of `fmt.Printf` is not checked"},
		{"warning", props("file", "mod/pkg/dup.go", "line", "3", "endLine", "7", "title", "dupl"), "3-7 lines are duplicate of `pkg/dup.go:9-13`"},
		{"notice", props("file", "/elsewhere/gen/z.go", "line", "10", "title", "staticcheck/U1000"), "func f is unused"},
		{"warning", props("file", "mod/pkg/missing.go", "line", "2", "title", "gosec/G104"), "Errors unhandled"},
	}
	if diff := cmp.Diff(want, cmds); diff != "" {
		t.Errorf("commands as the runner reads them (-want +got):\n%s", diff)
	}
}

// TestGitHubLocation covers how a position becomes properties.
func TestGitHubLocation(t *testing.T) {
	tests := []struct {
		name    string
		pos     finding.Position
		endLine int
		want    string
	}{
		{"utf16 column", finding.Position{Path: "main.go", Line: 4, Column: 24}, 0, "file=main.go,line=4,col=21"},
		{"ascii column", finding.Position{Path: "main.go", Line: 4, Column: 2}, 0, "file=main.go,line=4,col=2"},
		{"inside a character", finding.Position{Path: "main.go", Line: 4, Column: 18}, 0, "file=main.go,line=4,col=18"},
		{"past the end of the line", finding.Position{Path: "main.go", Line: 4, Column: 99}, 0, "file=main.go,line=4,col=28"},
		{"endLine drops col", finding.Position{Path: "main.go", Line: 3, Column: 1}, 5, "file=main.go,line=3,endLine=5"},
		{"endLine on the same line", finding.Position{Path: "main.go", Line: 4, Column: 24}, 4, "file=main.go,line=4,col=21"},
		{"endLine before line", finding.Position{Path: "main.go", Line: 4, Column: 24}, 2, "file=main.go,line=4,col=21"},
		{"unknown column", finding.Position{Path: "main.go", Line: 4}, 0, "file=main.go,line=4"},
		{"unknown line", finding.Position{Path: "main.go", Column: 3}, 0, "file=main.go"},
		{"line past the end of the file", finding.Position{Path: "main.go", Line: 40, Column: 3}, 0, "file=main.go,line=40"},
		{"unreadable file", finding.Position{Path: "nope.go", Line: 1, Column: 3}, 0, "file=nope.go,line=1"},
		{"odd path", finding.Position{Path: oddPath, Line: 3, Column: 5}, 0, "file=odd%2Cname%3Ax.go,line=3,col=5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Root: testRoot, ReadFile: readTestFile, Findings: []finding.Finding{{Level: finding.LevelError, Message: "m", Pos: tt.pos, EndLine: tt.endLine}}}
			want := "::error " + tt.want + "::m\n"
			if got := string(render(t, WriteGitHub, in)); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

func TestGitHubLevels(t *testing.T) {
	in := Input{
		Findings: []finding.Finding{
			{Level: finding.LevelError, Message: "e"}, {Level: finding.LevelWarning, Message: "w"},
			{Level: finding.LevelNote, Message: "n"}, {Message: "default"},
		},
		Notifications: []finding.Notification{{Message: "a"}, {Level: finding.LevelNote, Message: "b"}, {Level: finding.LevelWarning, Message: "c"}},
	}
	want := "::error::a\n::notice::b\n::warning::c\n" +
		"::error::e\n::warning::w\n::notice::n\n::warning::default\n"
	if got := string(render(t, WriteGitHub, in)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestGitHubNoInjection checks that a message or path cannot end its
// command and start another: a linter quoting untrusted source must not
// be able to run "::add-mask::" or worse.
func TestGitHubNoInjection(t *testing.T) {
	evil := "x\n::set-env name=A::b\r::add-path::/tmp\r\n::error::y"
	in := Input{Findings: []finding.Finding{{RuleID: evil, Message: evil, Level: finding.LevelError, Pos: finding.Position{Path: evil, Line: 1}}}}
	out := string(render(t, WriteGitHub, in))
	if n := strings.Count(out, "\n"); n != 1 || strings.Contains(out, "\r") {
		t.Fatalf("one finding gave %d lines: %q", n, out)
	}
	cmds := parseWorkflowCommands(t, out)
	want := []workflowCommand{{"error", map[string]string{"file": evil, "line": "1", "title": evil}, evil}}
	if diff := cmp.Diff(want, cmds); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestGitHubEscape(t *testing.T) {
	tests := []struct{ in, data, property string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"%0A", "%250A", "%250A"},
		{"a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"},
		{"k: a, b", "k: a, b", "k%3A a%2C b"},
		{"::", "::", "%3A%3A"},
		{"<&\"'>=;]", "<&\"'>=;]", "<&\"'>=;]"},
		{"héllo 😀", "héllo 😀", "héllo 😀"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
		if got := unescapeRunner(tt.data, dataUnescapes); got != tt.in {
			t.Errorf("runner unescapes data %q to %q, want %q", tt.data, got, tt.in)
		}
		if got := unescapeRunner(tt.property, propertyUnescapes); got != tt.in {
			t.Errorf("runner unescapes property %q to %q, want %q", tt.property, got, tt.in)
		}
	}
}
