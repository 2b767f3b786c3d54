package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPolicyCheckBypasses: spellings golangci-lint reads as the same
// configuration are judged as the same configuration (viper folds the
// case of keys), and what golangci-lint would not read as written is an
// error, not silently ignored.
func TestPolicyCheckBypasses(t *testing.T) {
	runFileCases(t, []fileCase{
		{
			name:   "custom plugin under Custom",
			config: "version: \"2\"\nlinters:\n  settings:\n    Custom:\n      evil:\n        path: /tmp/evil.so\n",
			want:   []string{`.golangci.yml:5:7: custom linter "evil" is configured but lintgate.yml does not allow it (lintgate.yml has no plugins.allow)`},
			exit:   3,
		},
		{
			name:   "custom plugin, every key upper case",
			config: "VERSION: \"2\"\nLINTERS:\n  SETTINGS:\n    CUSTOM:\n      Evil:\n        PATH: /tmp/evil.so\n",
			want:   []string{`.golangci.yml:5:7: custom linter "evil" is configured but lintgate.yml does not allow it (lintgate.yml has no plugins.allow)`},
			exit:   3,
		},
		{
			name:   "Linters: {Enable: [...]}",
			config: "version: \"2\"\nLinters: {Default: none, Enable: [gochecknoglobals]}\n",
			want:   []string{`.golangci.yml:2:35: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`},
			exit:   3,
		},
		{
			name:   "ENABLE",
			config: "version: \"2\"\nlinters:\n  default: none\n  ENABLE:\n    - gochecknoglobals\n",
			want:   []string{`.golangci.yml:5:7: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`},
			exit:   3,
		},
		{
			name:   "merged from an anchor with another case",
			config: "version: \"2\"\nlinters:\n  <<: {Default: none, Enable: [gosec]}\n",
			want:   []string{`.golangci.yml:3:32: linter "gosec" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`},
			exit:   3,
		},
		{
			name:   "a dotted key, which viper splits",
			config: "version: \"2\"\nlinters:\n  default: none\n\"linters.enable\": [gochecknoglobals]\n",
			want: []string{
				`.golangci.yml:4:1: unknown key "linters.enable"`,
				`.golangci.yml:4:20: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
			},
			exit: 2,
		},
		{
			name:   "enabel",
			config: "version: \"2\"\nlinters:\n  default: none\n  enabel: [gosec]\n",
			want:   []string{`.golangci.yml:4:3: unknown key "enabel" in linters (did you mean "enable"?)`},
			exit:   2,
		},
		{
			name:   "unknown top-level key",
			config: "version: \"2\"\nlinter:\n  default: none\n",
			want:   []string{`.golangci.yml:2:1: unknown key "linter" (did you mean "linters"?)`},
			exit:   2,
		},
		{
			name:   "duplicate keys",
			config: "version: \"2\"\nlinters:\n  default: none\nlinters:\n  enable: [gosec]\n",
			want:   []string{`.golangci.yml:4:1: duplicate key "linters"; first at 2:1: keep one of them`},
			exit:   2,
		},
		{
			name:   "keys that differ in case only",
			config: "version: \"2\"\nlinters:\n  enable: [errcheck]\n  Enable: [gosec]\n",
			want: []string{
				`.golangci.yml:4:3: duplicate key "Enable" (the same key as "enable": golangci-lint ignores the case of keys); first at 3:3: keep one of them`,
			},
			exit: 2,
		},
		{
			name:   "explicit key and merged key that differ in case",
			config: "version: \"2\"\nlinters:\n  <<: {Enable: [gosec]}\n  enable: [errcheck]\n",
			want: []string{
				`.golangci.yml:3:8: duplicate key "Enable" (the same key as "enable": golangci-lint ignores the case of keys); first at 4:3: keep one of them`,
			},
			exit: 2,
		},
		{
			name: "billion laughs",
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      x:\n        type: module\n        settings:\n" +
				"          a: &a [x, x, x, x, x, x, x, x, x, x]\n          b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
				"          c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n          d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
				"          e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n          f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
				"          g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
			want: []string{".golangci.yml:1:1: excessive aliasing: the configuration expands to more than a million values"},
			exit: 2,
		},
		{
			name:   "wrong type",
			config: "version: \"2\"\nlinters:\n  default: none\n  enable: [errcheck]\nrun:\n  tests: maybe\n",
			want:   []string{`.golangci.yml:6:10: run.tests must be true or false, not a string`},
			exit:   2,
		},
	})
}

// TestEnforceJSON: a .golangci.json is read as golangci-lint reads it,
// keys of any case included.
func TestEnforceJSON(t *testing.T) {
	p, err := ParsePolicy(PolicyFile, []byte(okPolicy))
	if err != nil {
		t.Fatal(err)
	}
	src := ConfigSource{Path: ".golangci.json", Data: []byte(`{"version": "2", "Linters": {"Default": "none", "Enable": ["gochecknoglobals"]}}`)}
	got := problemStrings(Enforce(p, src, testKnown(), t.TempDir()))
	want := []string{`.golangci.json:1:60: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}

// TestEnforceTOML: a .golangci.toml is read as golangci-lint reads it,
// with positions in the TOML file.
func TestEnforceTOML(t *testing.T) {
	p, err := ParsePolicy(PolicyFile, []byte(okPolicy))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data string
		want       []string
	}{
		{
			name: "tables, any case",
			data: "version = \"2\"\n[Linters]\nDefault = \"none\"\nEnable = [\"errcheck\", \"gochecknoglobals\"]\n" +
				"[Linters.settings.Custom.evil]\npath = \"/tmp/evil.so\"\n",
			want: []string{
				`.golangci.toml:4:23: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
				`.golangci.toml:5:26: custom linter "evil" is configured but lintgate.yml does not allow it (lintgate.yml has no plugins.allow)`,
			},
		},
		{
			name: "dotted keys and inline tables",
			data: "version = \"2\"\nlinters.default = \"none\"\nlinters.ENABLE = [\"gosec\"]\nformatters = {enable = [\"gofmt\"]}\n",
			want: []string{
				`.golangci.toml:3:19: linter "gosec" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
				`.golangci.toml:4:25: formatter "gofmt" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
			},
		},
		{
			name: "unknown key",
			data: "version = \"2\"\n[linters]\nenabel = [\"gosec\"]\n",
			want: []string{`.golangci.toml:3:1: unknown key "enabel" in linters (did you mean "enable"?)`},
		},
		{
			name: "tables that differ in case",
			data: "version = \"2\"\n[linters]\ndefault = \"none\"\n[Linters]\nenable = [\"gosec\"]\n",
			want: []string{`.golangci.toml:4:2: duplicate key "Linters" (the same key as "linters": golangci-lint ignores the case of keys); first at 2:2: keep one of them`},
		},
		{
			name: "syntax error",
			data: "version = \"2\"\n[linters\n",
			want: []string{`.golangci.toml:2:9: expected ']' to close table name`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ConfigSource{Path: ".golangci.toml", Data: []byte(tt.data)}
			got := problemStrings(Enforce(p, src, testKnown(), t.TempDir()))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSchemaMessages: golangci-lint's schema complaints in lintgate's
// words, each once.
func TestSchemaMessages(t *testing.T) {
	runFileCases(t, []fileCase{
		{
			name:   "version unquoted",
			config: "version: 2\n",
			want:   []string{`.golangci.yml:1:10: version must be "2" (a string: quote it), not an integer`},
			exit:   2,
		},
		{
			name:   "module plugin with a path",
			policy: "version: 1\nplugins:\n  allow:\n    - name: x\n      module: example.com/x\n      version: v1.0.0\n",
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      x:\n        type: module\n        path: a.so\n",
			want:   []string{`.golangci.yml:7:15: custom linter "x": path is not supported with type module`},
			exit:   2,
		},
		{
			name:   "duration as a number",
			config: "version: \"2\"\nrun:\n  timeout: 5\n",
			want:   []string{`.golangci.yml:3:12: run.timeout must be a string, not an integer`},
			exit:   2,
		},
	})
}
