package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// effective runs EffectiveConfig and parses its YAML back.
func effective(t *testing.T, src ConfigSource) (map[string]any, []byte) {
	t.Helper()
	out, err := EffectiveConfig(src)
	if err != nil {
		t.Fatalf("EffectiveConfig() error = %v", err)
	}
	var m map[string]any
	if err := yaml.Unmarshal(out, &m); err != nil {
		t.Fatalf("EffectiveConfig() produced invalid YAML: %v\n%s", err, out)
	}
	return m, out
}

// noTruncation is the issues section lintgate forces.
var noTruncation = map[string]any{
	"max-issues-per-linter": 0,
	"max-same-issues":       0,
	"uniq-by-line":          false,
}

func TestEffectiveConfig(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]any
	}{
		{
			name: "minimal",
			in:   "version: \"2\"\n",
			want: map[string]any{
				"version": "2",
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "gomod"},
			},
		},
		{
			name: "user settings survive, truncation and output do not",
			in: `# The project's config.
version: "2"
run:
  timeout: 5m
  tests: false
linters:
  default: none
  enable:
    - errcheck
    - gosec
    - revive
  settings:
    revive:
      rules:
        - name: var-naming
          severity: error
    gosec:
      excludes: [G104]
  exclusions:
    paths:
      - third_party
formatters:
  enable:
    - gofumpt
issues:
  max-issues-per-linter: 50
  max-same-issues: 3
  uniq-by-line: true
  new: false
output:
  formats:
    text:
      path: stdout
      colors: false
    sarif:
      path: report.sarif
  sort-order:
    - file
  path-prefix: sub
  show-stats: true
`,
			want: map[string]any{
				"version": "2",
				"run": map[string]any{
					"timeout":              "5m",
					"tests":                false,
					"relative-path-mode":   "gomod",
					"allow-serial-runners": true,
				},
				"linters": map[string]any{
					"default": "none",
					"enable":  []any{"errcheck", "gosec", "revive"},
					"settings": map[string]any{
						"revive": map[string]any{"rules": []any{map[string]any{"name": "var-naming", "severity": "error"}}},
						"gosec":  map[string]any{"excludes": []any{"G104"}},
					},
					"exclusions": map[string]any{"paths": []any{"third_party"}},
				},
				"formatters": map[string]any{"enable": []any{"gofumpt"}},
				"issues": map[string]any{
					"max-issues-per-linter": 0,
					"max-same-issues":       0,
					"uniq-by-line":          false,
					"new":                   false,
				},
				"output": map[string]any{"path-mode": "abs"},
			},
		},
		{
			name: "null in a flow mapping stays null",
			in:   "version: \"2\"\nrun: {timeout: }\n",
			want: map[string]any{
				"version": "2",
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"timeout": nil, "allow-serial-runners": true, "relative-path-mode": "gomod"},
			},
		},
		{
			name: "issues and output null",
			in:   "version: \"2\"\nissues:\noutput:\n",
			want: map[string]any{
				"version": "2",
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "gomod"},
			},
		},
		{
			name: "relative-path-mode cfg becomes gomod",
			in:   "version: \"2\"\nrun:\n  relative-path-mode: cfg\n  concurrency: 4\n",
			want: map[string]any{
				"version": "2",
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "gomod", "concurrency": 4},
			},
		},
		{
			name: "relative-path-mode wd is kept",
			in:   "version: \"2\"\nrun:\n  relative-path-mode: wd\n",
			want: map[string]any{
				"version": "2",
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "wd"},
			},
		},
		{
			name: "relative-path-mode gitroot is kept",
			in:   "version: \"2\"\nrun:\n  relative-path-mode: gitroot\n",
			want: map[string]any{
				"version": "2",
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "gitroot"},
			},
		},
		{
			name: "JSON",
			in:   "{\n\t\"version\": \"2\",\n\t\"linters\": {\n\t\t\"enable\": [\"errcheck\"]\n\t},\n\t\"issues\": {\"max-same-issues\": 3},\n\t\"output\": {\"formats\": {\"json\": {\"path\": \"stdout\"}}}\n}\n",
			want: map[string]any{
				"version": "2",
				"linters": map[string]any{"enable": []any{"errcheck"}},
				"issues":  noTruncation,
				"output":  map[string]any{"path-mode": "abs"},
				"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "gomod"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ConfigSource{Path: filepath.Join(t.TempDir(), ".golangci.yml"), Data: []byte(tt.in)}
			got, out := effective(t, src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EffectiveConfig() mismatch (-want +got):\n%s\nYAML:\n%s", diff, out)
			}
			header := "# Code generated by lintgate from " + src.Path + "; DO NOT EDIT.\n"
			if !bytes.HasPrefix(out, []byte(header)) {
				t.Errorf("EffectiveConfig() does not start with %q:\n%s", header, out)
			}
		})
	}
}

func TestEffectiveConfigErrors(t *testing.T) {
	const name = "/mod/.golangci.yml"
	tests := []struct {
		name    string
		src     ConfigSource
		wantErr string
		// For syntax errors, whose line numbers come from yaml.v3: the
		// message starts with the file name and ends with yaml.v3's problem,
		// without its "yaml: " prefix.
		wantPrefix, wantSuffix string
	}{
		{
			name:    "no version",
			src:     ConfigSource{Path: name, Data: []byte("linters:\n  enable: [errcheck]\n")},
			wantErr: name + ":1:1: not a golangci-lint v2 configuration (no version: \"2\"); convert it with `lintgate golangci-lint migrate`",
		},
		{
			name:    "empty",
			src:     ConfigSource{Path: name},
			wantErr: name + ":1:1: not a golangci-lint v2 configuration (no version: \"2\"); convert it with `lintgate golangci-lint migrate`",
		},
		{
			name:    "no version, embedded",
			src:     ConfigSource{Data: []byte("linters: {}\n")},
			wantErr: "embedded default config:1:1: not a golangci-lint v2 configuration (no version: \"2\"); convert it with `lintgate golangci-lint migrate`",
		},
		{
			name:    "version 1",
			src:     ConfigSource{Path: name, Data: []byte("# v1\nrun:\n  timeout: 1m\nversion: \"1\"\n")},
			wantErr: name + `:4:10: version "1" is not supported: lintgate embeds golangci-lint v2 and needs version: "2"`,
		},
		{
			name:    "version 3 in a flow mapping",
			src:     ConfigSource{Path: name, Data: []byte("{run: {}, version: '3'}\n")},
			wantErr: name + `:1:20: version "3" is not supported: lintgate embeds golangci-lint v2 and needs version: "2"`,
		},
		{
			name:       "malformed",
			src:        ConfigSource{Path: name, Data: []byte("version: \"2\"\nlinters:\n  enable: [errcheck\n")},
			wantPrefix: name + ":",
			wantSuffix: ": did not find expected ',' or ']'",
		},
		{
			name:       "bad indentation",
			src:        ConfigSource{Path: name, Data: []byte("version: \"2\"\nlinters:\n  enable:\n    - errcheck\n   default: none\n")},
			wantPrefix: name + ":",
			wantSuffix: ": did not find expected key",
		},
		{
			name:       "tab indentation",
			src:        ConfigSource{Path: name, Data: []byte("version: \"2\"\nlinters:\n\tenable: [errcheck]\n")},
			wantPrefix: name + ":",
			wantSuffix: ": found character that cannot start any token",
		},
		{
			name:       "malformed, embedded",
			src:        ConfigSource{Data: []byte("version: \"2\"\nlinters: [revive\n")},
			wantPrefix: "embedded default config:",
			wantSuffix: ": did not find expected ',' or ']'",
		},
		{
			name:    "issues a scalar",
			src:     ConfigSource{Path: name, Data: []byte("version: \"2\"\nissues: none\n")},
			wantErr: name + ":2:9: issues must be a mapping, not a string",
		},
		{
			name:    "output a scalar",
			src:     ConfigSource{Path: name, Data: []byte("version: \"2\"\noutput: whatever\n")},
			wantErr: name + ":2:9: output must be a mapping, not a string",
		},
		{
			name:    "a list",
			src:     ConfigSource{Path: name, Data: []byte("- version: \"2\"\n")},
			wantErr: name + ":1:1: the configuration must be a mapping",
		},
		{
			name:    "a scalar after a comment",
			src:     ConfigSource{Path: name, Data: []byte("# hello\n\nversion 2\n")},
			wantErr: name + ":3:1: the configuration must be a mapping",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := EffectiveConfig(tt.src)
			if err == nil {
				t.Fatalf("EffectiveConfig() = %s, want error %q", out, tt.wantErr)
			}
			switch msg := err.Error(); {
			case tt.wantErr != "":
				if msg != tt.wantErr {
					t.Errorf("EffectiveConfig() error:\n got %q\nwant %q", msg, tt.wantErr)
				}
			case !strings.HasPrefix(msg, tt.wantPrefix) || !strings.HasSuffix(msg, tt.wantSuffix) || strings.Contains(msg, "yaml:"):
				t.Errorf("EffectiveConfig() error = %q, want %q...%q without \"yaml:\"", msg, tt.wantPrefix, tt.wantSuffix)
			}
			if out != nil {
				t.Errorf("EffectiveConfig() returned output with its error:\n%s", out)
			}
		})
	}
}

func TestFindGolangciConfigDefault(t *testing.T) {
	src, err := FindGolangciConfig(t.TempDir())
	if err != nil {
		t.Fatalf("FindGolangciConfig() error = %v", err)
	}
	if src.Path != "" || src.Name() != "embedded default config" {
		t.Errorf("FindGolangciConfig() Path = %q, Name() = %q, want the embedded default", src.Path, src.Name())
	}
	var m map[string]any
	if err := yaml.Unmarshal(src.Data, &m); err != nil {
		t.Fatalf("embedded default config: %v", err)
	}
	if m["version"] != "2" {
		t.Errorf("version = %#v, want \"2\"", m["version"])
	}
	linters, _ := m["linters"].(map[string]any)
	if linters["default"] != "standard" {
		t.Errorf("linters.default = %#v, want standard", linters["default"])
	}
	enable, _ := linters["enable"].([]any)
	if !cmp.Equal(enable, []any{"revive"}) {
		t.Errorf("linters.enable = %#v, want [revive]", linters["enable"])
	}

	// The embedded default goes through EffectiveConfig like any other.
	got, out := effective(t, src)
	want := map[string]any{
		"version": "2",
		"linters": map[string]any{"default": "standard", "enable": []any{"revive"}},
		"issues":  noTruncation,
		"output":  map[string]any{"path-mode": "abs"},
		"run":     map[string]any{"allow-serial-runners": true, "relative-path-mode": "gomod"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("EffectiveConfig(default) mismatch (-want +got):\n%s", diff)
	}
	if header := "# Code generated by lintgate from embedded default config; DO NOT EDIT.\n"; !bytes.HasPrefix(out, []byte(header)) {
		t.Errorf("EffectiveConfig(default) does not start with %q:\n%s", header, out)
	}

	// Callers get a copy: changing it does not change the default.
	src.Data[0] = '!'
	if again := DefaultGolangciConfig(); again[0] == '!' {
		t.Errorf("DefaultGolangciConfig() shares its bytes with an earlier result")
	}
}

func TestFindGolangciConfig(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"yml", []string{".golangci.yml"}, ".golangci.yml"},
		{"yaml", []string{".golangci.yaml"}, ".golangci.yaml"},
		{"json", []string{".golangci.json"}, ".golangci.json"},
		{"yml over yaml and json", []string{".golangci.yml", ".golangci.yaml", ".golangci.json"}, ".golangci.yml"},
		{"yaml over json", []string{".golangci.yaml", ".golangci.json"}, ".golangci.yaml"},
		{"yml over toml", []string{".golangci.yml", ".golangci.toml"}, ".golangci.yml"},
		{"yaml over toml", []string{".golangci.yaml", ".golangci.toml"}, ".golangci.yaml"},
		{"toml over json", []string{".golangci.toml", ".golangci.json"}, ".golangci.toml"},
		{"other names ignored", []string{"golangci.yml", ".golangci.yml.bak", ".golangci.json"}, ".golangci.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range tt.files {
				writeFile(t, filepath.Join(root, f), "# "+f+"\nversion: \"2\"\n")
			}
			got, err := FindGolangciConfig(root)
			if err != nil {
				t.Fatalf("FindGolangciConfig() error = %v", err)
			}
			want := ConfigSource{Path: filepath.Join(root, tt.want), Data: []byte("# " + tt.want + "\nversion: \"2\"\n")}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("FindGolangciConfig() mismatch (-want +got):\n%s", diff)
			}
			if got.Name() != want.Path {
				t.Errorf("Name() = %q, want %q", got.Name(), want.Path)
			}
		})
	}
}

func TestFindGolangciConfigErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, root string)
		wantErr func(root string) string // the exact message, or a prefix when it ends in ": "
	}{
		{
			name: "yml is a directory",
			setup: func(t *testing.T, root string) {
				if err := os.Mkdir(filepath.Join(root, ".golangci.yml"), 0o755); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(root, ".golangci.yaml"), "version: \"2\"\n")
			},
			wantErr: func(root string) string { return filepath.Join(root, ".golangci.yml") + ": " },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.setup(t, root)
			got, err := FindGolangciConfig(root)
			if err == nil {
				t.Fatalf("FindGolangciConfig() = %+v, want an error", got)
			}
			want := tt.wantErr(root)
			if strings.HasSuffix(want, ": ") {
				if !strings.HasPrefix(err.Error(), want) {
					t.Errorf("FindGolangciConfig() error = %q, want it to start with %q", err, want)
				}
			} else if err.Error() != want {
				t.Errorf("FindGolangciConfig() error:\n got %q\nwant %q", err, want)
			}
			if diff := cmp.Diff(ConfigSource{}, got); diff != "" {
				t.Errorf("FindGolangciConfig() returned a source with its error (-want +got):\n%s", diff)
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEffectiveConfigAnchors: a value lintgate overwrites may be an
// anchor other keys alias; the output must still parse and keep the
// aliased value where it was used.
func TestEffectiveConfigAnchors(t *testing.T) {
	src := ConfigSource{Path: "a.yml", Data: []byte("version: \"2\"\nissues:\n  max-same-issues: &n 3\nlinters:\n  settings:\n    dupl:\n      threshold: *n\n")}
	out, err := EffectiveConfig(src)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := yaml.Unmarshal(out, &got); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	dupl := got["linters"].(map[string]any)["settings"].(map[string]any)["dupl"].(map[string]any)
	if dupl["threshold"] != 3 {
		t.Errorf("dupl.threshold = %v, want 3 (the aliased value)", dupl["threshold"])
	}
	if n := got["issues"].(map[string]any)["max-same-issues"]; n != 0 {
		t.Errorf("max-same-issues = %v, want 0", n)
	}
}

// TestEffectiveConfigAliasCycle: an alias inside what it refers to is an
// error with its place, not a stack overflow.
func TestEffectiveConfigAliasCycle(t *testing.T) {
	_, err := EffectiveConfig(ConfigSource{Path: "/m/.golangci.yml", Data: []byte("version: \"2\"\nx: &a [*a]\n")})
	if err == nil || err.Error() != "/m/.golangci.yml:2:8: alias *a refers to a node that contains it" {
		t.Errorf("err = %v", err)
	}
}
