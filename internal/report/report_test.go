package report

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/internal/testflags"
)

// testRoot is the module root of the fixture; the repository's top level
// is its parent, so PathPrefix is "mod".
const testRoot = "/src/repo/mod"

// unicodeLine has multi-byte characters before "_": its byte column 24 is
// UTF-16 column 21 ("é" is 2 bytes and 1 unit, "😀" 4 bytes and 2 units).
const unicodeLine = "\tmsg := \"héllo 😀\"; _ = msg"

// trickyMessage has everything an output format must escape.
const trickyMessage = "100% sure: a, b <c> & \"d\" 'e' %0A\nsecond line\r\nthird::x"

// oddPath has the characters workflow command properties escape.
const oddPath = "odd,name:x.go"

var testFiles = map[string]string{
	testRoot + "/main.go":         "package main\n\nfunc main() {\n" + unicodeLine + "\n}\n",
	testRoot + "/" + oddPath:      "package main\n\nvar my_var = 1\n",
	testRoot + "/pkg/b.go":        "package pkg\n\nimport \"fmt\"\n\nfunc F() {\n\tfmt.Printf(\"%d\", \"x\")\n}\n",
	testRoot + "/pkg/dup.go":      "package pkg\n\nfunc A() {\n\tx := 1\n\t_ = x\n\tprintln(x)\n}\n",
	testRoot + "/pkg/broken/x.go": "package broken\n\nfunc G() {\n\t_ = Fóo\n}\n",
}

func readTestFile(path string) ([]byte, error) {
	if s, ok := testFiles[filepath.ToSlash(path)]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}

// sharedFingerprint is given to two findings, which must not happen, to
// see the gitlab writer keep its fingerprints unique anyway.
const sharedFingerprint = "5f0c6fd1c2a6e1a4b2f5c3d9e8a7b6c5"

func testFindings() []finding.Finding {
	return []finding.Finding{
		{
			RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: "staticcheck",
			Message: "this value of msg is never used", Level: finding.LevelWarning,
			Pos:         finding.Position{Path: "main.go", Line: 4, Column: 24},
			Fingerprint: "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", Baseline: finding.BaselineNew,
			Fixes: []finding.Fix{{Description: "remove the assignment"}}, // no edits: written as []
		},
		{
			RuleID: "revive/var-naming", Linter: "revive", Tool: "revive",
			Message: "don't use underscores in Go names; var my_var should be myVar", Level: finding.LevelNote,
			Pos:         finding.Position{Path: oddPath, Line: 3, Column: 5},
			Fingerprint: "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
			Fixes:       []finding.Fix{{Description: "rename", Edits: []finding.Edit{{Start: 18, End: 24, NewText: "myVar"}}}},
		},
		{
			RuleID: "govet/printf", Linter: "govet", Tool: "golangci-lint",
			Message: trickyMessage, Level: finding.LevelError,
			Pos:         finding.Position{Path: "pkg/b.go", Line: 6, Column: 2},
			Fingerprint: sharedFingerprint,
			Related:     []finding.Related{{Pos: finding.Position{Path: "pkg/b.go", Line: 3, Column: 8}, Message: "fmt imported here"}},
		},
		{
			RuleID: "errcheck", Linter: "errcheck", Tool: "golangci-lint",
			Message: "Error return value of `fmt.Printf` is not checked", Level: finding.LevelError,
			Pos:         finding.Position{Path: "pkg/b.go", Line: 6, Column: 12},
			Fingerprint: sharedFingerprint,
		},
		{
			RuleID: "dupl", Linter: "dupl", Tool: "golangci-lint",
			Message: "3-7 lines are duplicate of `pkg/dup.go:9-13`", Level: finding.LevelWarning,
			Pos: finding.Position{Path: "pkg/dup.go", Line: 3, Column: 1}, EndLine: 7,
			Fingerprint: "2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e",
		},
		{
			RuleID: "staticcheck/U1000", Linter: "unused", Tool: "staticcheck",
			Message: "func f is unused", Level: finding.LevelNote,
			Pos:         finding.Position{Path: "/elsewhere/gen/z.go", Line: 10, Column: 6},
			Fingerprint: "3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",
		},
		{
			// No fingerprint, in a file that cannot be read.
			RuleID: "gosec/G104", Linter: "gosec", Tool: "golangci-lint",
			Message: "Errors unhandled", Level: finding.LevelWarning,
			Pos: finding.Position{Path: "pkg/missing.go", Line: 2, Column: 3},
		},
	}
}

func testNotifications() []finding.Notification {
	return []finding.Notification{
		{Level: finding.LevelWarning, Message: "cache: disabled", Source: "lintgate"},
		{Level: finding.LevelError, Message: "undefined: Fóo", Pos: &finding.Position{Path: "pkg/broken/x.go", Line: 4, Column: 6}, Source: "typecheck"},
		{Level: finding.LevelError, Message: "1 package failed to load:\npkg/broken", Source: "golangci-lint"},
	}
}

func testInput() Input {
	return Input{
		Root:          testRoot,
		Findings:      testFindings(),
		Notifications: testNotifications(),
		Success:       false,
		ReadFile:      readTestFile,
		PathPrefix:    "mod",
	}
}

// goldenExt is the extension of each format's golden files.
var goldenExt = map[string]string{"checkstyle": ".xml", "github": ".txt", "gitlab": ".json", "json": ".json"}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		in   Input
	}{
		{"full", testInput()},
		{"empty", Input{Root: testRoot, Success: true, ReadFile: readTestFile}},
	}
	for _, format := range Formats() {
		write, _ := Writer(format)
		for _, c := range cases {
			t.Run(format+"/"+c.name, func(t *testing.T) {
				got := render(t, write, c.in)
				checkGolden(t, filepath.Join(format, c.name+goldenExt[format]), got)
			})
		}
	}
}

// TestDeterministic writes every format twice, the second time with the
// notifications in another order, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats() {
		write, _ := Writer(format)
		first := render(t, write, testInput())
		in := testInput()
		slices.Reverse(in.Notifications)
		if second := render(t, write, in); !bytes.Equal(first, second) {
			t.Errorf("%s: output depends on the order of notifications:\n%s", format, cmp.Diff(string(first), string(second)))
		}
	}
}

// TestReadsOnce checks that a format reads each source file at most once.
func TestReadsOnce(t *testing.T) {
	for _, format := range Formats() {
		write, _ := Writer(format)
		var mu sync.Mutex // ReadFile is called from several goroutines at once
		reads := map[string]int{}
		in := testInput()
		in.ReadFile = func(p string) ([]byte, error) {
			mu.Lock()
			reads[p]++
			mu.Unlock()
			return readTestFile(p)
		}
		render(t, write, in)
		for p, n := range reads {
			if n > 1 {
				t.Errorf("%s read %s %d times", format, p, n)
			}
		}
	}
}

// TestInputUnchanged checks that no writer changes its input.
func TestInputUnchanged(t *testing.T) {
	for _, format := range Formats() {
		write, _ := Writer(format)
		in := testInput()
		render(t, write, in)
		if diff := cmp.Diff(testFindings(), in.Findings); diff != "" {
			t.Errorf("%s changed the findings (-want +got):\n%s", format, diff)
		}
		if diff := cmp.Diff(testNotifications(), in.Notifications); diff != "" {
			t.Errorf("%s changed the notifications (-want +got):\n%s", format, diff)
		}
	}
}

func TestFormatsAndWriter(t *testing.T) {
	want := []string{"checkstyle", "github", "gitlab", "json"}
	if diff := cmp.Diff(want, Formats()); diff != "" {
		t.Errorf("Formats (-want +got):\n%s", diff)
	}
	for _, name := range want {
		if w, ok := Writer(name); !ok || w == nil {
			t.Errorf("Writer(%q) = %v, %v", name, w, ok)
		}
	}
	for _, name := range []string{"sarif", "text", "JSON", ""} {
		if _, ok := Writer(name); ok {
			t.Errorf("Writer(%q) is known", name)
		}
	}
}

var errWrite = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteError(t *testing.T) {
	for _, format := range Formats() {
		write, _ := Writer(format)
		if err := write(failingWriter{}, testInput()); !errors.Is(err, errWrite) {
			t.Errorf("%s: err = %v, want %v", format, err, errWrite)
		}
	}
}

func TestOutputPath(t *testing.T) {
	tests := []struct{ prefix, path, want string }{
		{"", "a/b.go", "a/b.go"},
		{"mod", "a/b.go", "mod/a/b.go"},
		{"tools/lint/", "b.go", "tools/lint/b.go"},
		{".", "b.go", "b.go"},
		{"mod", "/abs/b.go", "/abs/b.go"},
		{"mod", "", ""},
		{`tools\lint`, "b.go", `tools\lint/b.go`}, // a backslash is a name character on Unix
	}
	if filepath.Separator == '\\' {
		tests[len(tests)-1].want = "tools/lint/b.go"
	}
	for _, tt := range tests {
		if got := outputPath(tt.prefix, tt.path); got != tt.want {
			t.Errorf("outputPath(%q, %q) = %q, want %q", tt.prefix, tt.path, got, tt.want)
		}
	}
}

// TestDefaultReadFile checks that a nil ReadFile reads the disk, relative
// to Root.
func TestDefaultReadFile(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "main.go"), []byte(testFiles[testRoot+"/main.go"]), 0o600); err != nil {
		t.Fatal(err)
	}
	in := Input{Root: root, Findings: []finding.Finding{{RuleID: "r", Message: "m", Level: finding.LevelNote, Pos: finding.Position{Path: "main.go", Line: 4, Column: 24}}}}
	got := string(render(t, WriteGitHub, in))
	if want := "::notice file=main.go,line=4,col=21,title=r::m\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func render(t *testing.T, write WriteFunc, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkGolden compares got with testdata/name, or rewrites the file with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *testflags.Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
