package rules

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

// at is a position in lintgate.yml.
func at(line, col int) Pos { return Pos{File: "lintgate.yml", Line: line, Col: col} }

func entry(v string, line, col int) Entry { return Entry{Value: v, Pos: at(line, col)} }

func TestParsePolicyFull(t *testing.T) {
	data, err := os.ReadFile("testdata/policy/full.yml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePolicy("lintgate.yml", data)
	if err != nil {
		t.Fatalf("ParsePolicy() error = %v", err)
	}
	want := &Policy{
		File:       "lintgate.yml",
		Version:    1,
		VersionPos: at(2, 10),
		Linters: LinterRules{
			Allow: []Entry{
				entry("errcheck", 4, 11), entry("govet", 4, 21), entry("staticcheck", 4, 28),
				entry("unused", 4, 41), entry("revive", 4, 49), entry("gofmt", 4, 57), entry("mylinter", 4, 64),
			},
			AllowPos:   at(4, 3),
			Require:    []Entry{entry("staticcheck", 5, 13), entry("govet", 5, 26)},
			RequirePos: at(5, 3),
		},
		Plugins: PluginRules{
			AllowPos: at(7, 3),
			Allow: []Plugin{
				{
					Pos:    at(8, 7),
					Name:   entry("mylinter", 8, 13),
					Path:   entry("tools/mylinter.so", 9, 13),
					SHA256: entry("3b1f6a8c6d1e0f4b2a7c9d8e5f3a1b0c4d6e8f0a2b4c6d8e0f1a3b5c7d9e1f2a", 10, 15),
				},
				{
					Pos:     at(11, 7),
					Name:    entry("other", 11, 13),
					Module:  entry("example.com/other/linter", 12, 15),
					Version: entry("v1.2.3", 13, 16),
				},
			},
		},
		Staticcheck: PatternList{
			Pos: at(15, 3),
			Patterns: []Entry{
				entry("SA*", 15, 12), entry("S1*", 15, 19), entry("ST1000", 15, 26), entry("QF*", 15, 36), entry("-SA9003", 15, 43),
			},
		},
		Revive: PatternList{Pos: at(17, 3), Patterns: []Entry{entry("*", 17, 11), entry("-add-constant", 17, 16)}},
		Pins: Pins{
			GolangciLint: entry("v2.15.0", 19, 18),
			Staticcheck:  entry("2026.2.2", 20, 16),
			Revive:       entry("v1.17.1", 21, 11),
		},
		Severity: []SeverityRule{
			{Pattern: entry("staticcheck/SA*", 23, 3), Level: finding.LevelError, LevelPos: at(23, 22)},
			{Pattern: entry("revive/*", 24, 3), Level: finding.LevelNote, LevelPos: at(24, 15)},
			{Pattern: entry("errcheck", 25, 3), Level: finding.LevelWarning, LevelPos: at(25, 13)},
		},
		Gate: Gate{
			FailOn:     finding.LevelWarning,
			FailOnPos:  at(27, 12),
			Baseline:   entry("lintgate.baseline.sarif", 28, 13),
			NewOnly:    true,
			NewOnlyPos: at(29, 13),
		},
		Output: Output{SARIF: entry("lintgate.sarif", 31, 10), Category: entry("lintgate/", 32, 13)},
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("ParsePolicy() mismatch (-want +got):\n%s", diff)
	}
	if probs := p.Validate(testKnown()); len(probs) != 0 {
		t.Errorf("Validate() = %v, want no problems", probs)
	}
	if probs := p.CheckPins("v2.15.0", "v0.8.2", "v1.17.1"); len(probs) != 0 {
		t.Errorf("CheckPins() = %v, want no problems", probs)
	}
}

func TestParsePolicyMinimal(t *testing.T) {
	p, err := ParsePolicy("lintgate.yml", []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Absent sections allow everything but plugins.
	if !p.Linters.Allows("gochecknoglobals") || p.Linters.AllowPos.IsValid() {
		t.Errorf("absent linters.allow must allow every linter")
	}
	if p.Plugins.AllowPos.IsValid() || p.Staticcheck.Pos.IsValid() || p.Revive.Pos.IsValid() {
		t.Errorf("absent sections have valid positions: %+v", p)
	}
	if got := p.Level("errcheck", finding.LevelWarning); got != finding.LevelWarning {
		t.Errorf("Level() = %q without severity rules, want the default", got)
	}
}

func TestParsePolicyNumericHash(t *testing.T) {
	// A hash of only digits is a YAML integer when unquoted.
	sum := strings.Repeat("0123456789", 6) + "0123"
	p, err := ParsePolicy("lintgate.yml", []byte("version: 1\nplugins:\n  allow:\n    - name: x\n      path: x.so\n      sha256: "+sum+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Plugins.Allow[0].SHA256; got != entry(sum, 6, 15) {
		t.Errorf("SHA256 = %+v, want %s", got, sum)
	}
}

func TestLevel(t *testing.T) {
	p, err := ParsePolicy("lintgate.yml", []byte(`version: 1
severity:
  "*/*": note
  "staticcheck/*": warning
  "staticcheck/SA*": error
  "staticcheck/SA4006": none
  "staticcheck/S?1000": warning
  "revive/*": note
  "revive/var-*": error
  errcheck: error
  "err*": note
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rule string
		want finding.Level
	}{
		{"staticcheck/SA4006", finding.LevelNone},  // exact beats every glob
		{"staticcheck/SA1000", finding.LevelError}, // longer literal prefix
		{"staticcheck/ST1000", finding.LevelWarning},
		{"staticcheck/S1000", finding.LevelWarning},
		{"revive/var-naming", finding.LevelError},
		{"revive/exported", finding.LevelNote},
		{"govet/printf", finding.LevelNote}, // only */* matches
		{"errcheck", finding.LevelError},
		{"errchkjson", finding.LevelNote},
		{"gosec", finding.Level("default")}, // "*/*" does not match a rule without a check
	}
	for _, tt := range tests {
		if got := p.Level(tt.rule, "default"); got != tt.want {
			t.Errorf("Level(%q) = %q, want %q", tt.rule, got, tt.want)
		}
	}
}

func TestLevelTies(t *testing.T) {
	tests := []struct {
		name     string
		severity string
		want     finding.Level
	}{
		{
			name:     "more literal characters win on equal prefixes",
			severity: "  \"revive/e*\": error\n  \"revive/e?ported\": warning\n",
			want:     finding.LevelWarning,
		},
		{
			name:     "longer literal prefix beats more literal characters",
			severity: "  \"revive/ex*\": error\n  \"revive/?xported\": warning\n",
			want:     finding.LevelError,
		},
		{
			name:     "a full tie keeps the first",
			severity: "  \"revive/e*ported\": note\n  \"revive/e?ported\": error\n",
			want:     finding.LevelNote,
		},
		{
			name:     "a full tie keeps the first, swapped",
			severity: "  \"revive/e?ported\": error\n  \"revive/e*ported\": note\n",
			want:     finding.LevelError,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePolicy("lintgate.yml", []byte("version: 1\nseverity:\n"+tt.severity))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Level("revive/exported", ""); got != tt.want {
				t.Errorf("Level() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckPins(t *testing.T) {
	p, err := ParsePolicy("lintgate.yml", []byte(`version: 1
pins:
  golangci-lint: v2.14.0
  staticcheck: 2026.1
  revive: v1.17.1
`))
	if err != nil {
		t.Fatal(err)
	}
	got := problemStrings(p.CheckPins("v2.15.0", "v0.8.2", "v1.17.1"))
	want := []string{
		"lintgate.yml:3:18: policy pins golangci-lint v2.14.0; this lintgate embeds v2.15.0",
		"lintgate.yml:4:16: policy pins staticcheck 2026.1; this lintgate embeds 2026.2.2 (v0.8.2)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckPins() mismatch (-want +got):\n%s", diff)
	}
	for _, pr := range p.CheckPins("v2.15.0", "v0.8.2", "") {
		if !pr.Violation {
			t.Errorf("pin mismatch %v is not a violation", pr)
		}
	}
	got = problemStrings(p.CheckPins("", "v0.9.0", ""))
	want = []string{
		"lintgate.yml:3:18: policy pins golangci-lint v2.14.0; this lintgate embeds an unknown version",
		"lintgate.yml:4:16: policy pins staticcheck 2026.1; this lintgate embeds v0.9.0",
		"lintgate.yml:5:11: policy pins revive v1.17.1; this lintgate embeds an unknown version",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckPins() with unknown versions mismatch (-want +got):\n%s", diff)
	}
}

// TestParsePolicyAllProblems: one file, many problems, all reported in
// order.
func TestParsePolicyAllProblems(t *testing.T) {
	_, err := ParsePolicy("lintgate.yml", []byte(`version: 2
linters:
  allow: [errcheck, errcheck, 3]
  forbid: []
plugins:
  allow:
    - path: x.so
gate:
  fail-on: fatal
  new-only: yes
`))
	var pe *PolicyError
	if !errors.As(err, &pe) {
		t.Fatalf("ParsePolicy() error = %v, want a *PolicyError", err)
	}
	want := `lintgate.yml:1:10: unsupported version 2 (want 1)
lintgate.yml:3:21: duplicate linter "errcheck" in linters.allow (first at 3:11)
lintgate.yml:3:31: linters.allow entry must be a string, not an integer
lintgate.yml:4:3: unknown key "forbid" in linters (want allow or require)
lintgate.yml:7:7: plugins.allow[0]: missing name
lintgate.yml:7:7: plugins.allow[0]: missing sha256 of "x.so"
lintgate.yml:9:12: gate.fail-on: unknown level "fatal" (want error, warning, note or none)
lintgate.yml:10:13: gate.new-only must be true or false, not a string`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("error mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadPolicy(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("lintgate.yml", []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPolicy("lintgate.yml")
	if err != nil || p.File != "lintgate.yml" || p.Version != 1 {
		t.Fatalf("LoadPolicy() = %+v, %v", p, err)
	}
}

func TestLoadPolicyErrors(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(t *testing.T)
		want     string
		notExist bool
	}{
		{
			name: "missing",
			want: "lintgate.yml: no such file or directory", notExist: true,
		},
		{
			name:  "directory instead of file",
			setup: func(t *testing.T) { mkdir(t, "lintgate.yml") },
			want:  "lintgate.yml: is a directory",
		},
		{
			name: "symlink loop",
			setup: func(t *testing.T) {
				if err := os.Symlink("lintgate.yml", "lintgate.yml"); err != nil {
					t.Fatal(err)
				}
			},
			want: "lintgate.yml: too many levels of symbolic links",
		},
		{
			name: "parent is a file",
			setup: func(t *testing.T) {
				writeTestFile(t, "dir", "")
			},
			want: "dir/lintgate.yml: not a directory",
		},
		{
			name: "socket",
			setup: func(t *testing.T) {
				l, err := net.Listen("unix", "lintgate.yml")
				if err != nil {
					t.Skipf("cannot create a socket: %v", err)
				}
				t.Cleanup(func() { _ = l.Close() })
			},
			want: "lintgate.yml: is not a regular file",
		},
		{
			name: "unreadable",
			setup: func(t *testing.T) {
				if os.Geteuid() == 0 {
					t.Skip("root reads files whatever their mode; the symlink loop and socket cases cover unreadable files")
				}
				writeTestFile(t, "lintgate.yml", "version: 1\n")
				if err := os.Chmod("lintgate.yml", 0); err != nil {
					t.Fatal(err)
				}
			},
			want: "lintgate.yml: permission denied",
		},
		{
			name:  "unreadable directory",
			setup: unreadableDir,
			want:  "locked/lintgate.yml: permission denied",
		},
		{
			name:  "empty",
			setup: func(t *testing.T) { writeTestFile(t, "lintgate.yml", "") },
			want:  "lintgate.yml: empty policy",
		},
		{
			name:  "only comments",
			setup: func(t *testing.T) { writeTestFile(t, "lintgate.yml", "# nothing yet\n\n") },
			want:  "lintgate.yml: empty policy",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if tt.setup != nil {
				tt.setup(t)
			}
			file, _, _ := strings.Cut(tt.want, ":")
			_, err := LoadPolicy(file)
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("LoadPolicy() error = %v, want a *PolicyError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("LoadPolicy() error = %q, want %q", err, tt.want)
			}
			if errors.Is(err, fs.ErrNotExist) != tt.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v, want %v", !tt.notExist, tt.notExist)
			}
		})
	}
}

// unreadableDir puts lintgate.yml in a directory without search
// permission. Root bypasses permissions, so there the test skips.
func unreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root bypasses directory permissions")
	}
	mkdir(t, "locked")
	writeTestFile(t, "locked/lintgate.yml", "version: 1\n")
	if err := os.Chmod("locked", 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod("locked", 0o755) })
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeTestFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}
