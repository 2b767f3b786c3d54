package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testKnown is a small, realistic registry: golangci-lint v2.15.0's
// standard linters, a few others with their real groups, a deprecated
// linter, the internal typecheck, the formatters, and subsets of the
// staticcheck checks and revive rules.
func testKnown() Known {
	std, fast, stdFast := []string{GroupStandard}, []string{GroupFast}, []string{GroupStandard, GroupFast}
	return Known{
		Linters: map[string]LinterInfo{
			"errcheck":         {Groups: std},
			"govet":            {Groups: std},
			"ineffassign":      {Groups: stdFast},
			"staticcheck":      {Groups: std},
			"unused":           {Groups: std},
			"errchkjson":       {},
			"gochecknoglobals": {},
			"godot":            {Groups: fast},
			"gosec":            {},
			"misspell":         {Groups: fast},
			"nolintlint":       {Groups: fast},
			"revive":           {},
			"wsl":              {Deprecated: true, Groups: fast},
			"wsl_v5":           {},
			"oldlinter":        {Deprecated: true, Deactivated: true, Groups: fast},
			"typecheck":        {Internal: true},
			"gci":              {Formatter: true, Groups: fast},
			"gofmt":            {Formatter: true, Groups: fast},
			"gofumpt":          {Formatter: true, Groups: fast},
			"goimports":        {Formatter: true, Groups: fast},
		},
		StaticcheckChecks: []string{
			"QF1001", "QF1003", "S1000", "S1002", "SA1000", "SA4006", "SA4009", "SA9003",
			"ST1000", "ST1003", "ST1005", "ST1016", "ST1020", "ST1021", "ST1022",
		},
		ReviveRules: []string{
			"add-constant", "blank-imports", "context-as-argument", "dot-imports", "error-strings",
			"exported", "imports-blocklist", "line-length-limit", "package-comments", "var-naming",
		},
		DefaultStaticcheckChecks: GolangciDefaultStaticcheckChecks(),
		DefaultReviveRules: []string{
			"blank-imports", "context-as-argument", "dot-imports", "error-strings", "exported", "package-comments", "var-naming",
		},
	}
}

// Versions the tests pretend lintgate embeds.
const (
	embeddedGolangci    = "v2.15.0"
	embeddedStaticcheck = "v0.8.2"
	embeddedRevive      = "v1.17.1"
)

// pluginData is the content of the fake Go plugin the tests hash.
const pluginData = "not really an ELF file\n"

func pluginSum() string {
	s := sha256.Sum256([]byte(pluginData))
	return hex.EncodeToString(s[:])
}

// policyCheck does what `lintgate policy check` does with the files in
// the current directory: load lintgate.yml, validate its names, check the
// pins, enforce it on .golangci.yml.
func policyCheck(t *testing.T, k Known) []Problem {
	t.Helper()
	p, err := LoadPolicy(PolicyFile)
	if err != nil {
		var pe *PolicyError
		if !errors.As(err, &pe) {
			t.Fatalf("LoadPolicy() error = %v, want a *PolicyError", err)
		}
		return pe.Problems
	}
	probs := p.Validate(k)
	probs = append(probs, p.CheckPins(embeddedGolangci, embeddedStaticcheck, embeddedRevive)...)
	if data, err := os.ReadFile(".golangci.yml"); err == nil {
		probs = append(probs, Enforce(p, ConfigSource{Path: ".golangci.yml", Data: data}, k, ".")...)
	}
	return SortProblems(probs)
}

// exitCode maps problems to the documented exit codes: 2 when a file is
// wrong (the check is incomplete), else 3 for policy violations.
func exitCode(ps []Problem) int {
	switch {
	case len(ps) == 0:
		return 0
	case slices.ContainsFunc(ps, func(p Problem) bool { return !p.Violation }):
		return 2
	}
	return 3
}

// okPolicy and okConfig pass together.
const (
	okPolicy = "version: 1\nlinters:\n  allow: [errcheck, govet, ineffassign, staticcheck, unused]\n"
	okConfig = "version: \"2\"\nlinters:\n  default: none\n  enable: [errcheck, govet]\n"
	// noneConfig enables nothing.
	noneConfig = "version: \"2\"\nlinters:\n  default: none\n"
)

type fileCase struct {
	name   string
	policy string            // lintgate.yml; okPolicy when empty
	config string            // .golangci.yml; okConfig when empty
	files  map[string]string // more files in the module root
	want   []string
	exit   int
}

func runFileCases(t *testing.T, tests []fileCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeTestFile(t, PolicyFile, cmpOr(tt.policy, okPolicy))
			writeTestFile(t, ".golangci.yml", cmpOr(tt.config, okConfig))
			for name, data := range tt.files {
				if data == "<dir>" {
					mkdir(t, name)
					continue
				}
				writeTestFile(t, name, data)
			}
			got := policyCheck(t, testKnown())
			if diff := cmp.Diff(tt.want, problemStrings(got)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if code := exitCode(got); code != tt.exit {
				t.Errorf("exit code = %d, want %d", code, tt.exit)
			}
		})
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// pluginPolicy allows the Go plugin tools/mylinter.so with the given
// hash, and nothing else restricts.
func pluginPolicy(sum string) string {
	return "version: 1\nlinters:\n  allow: [errcheck, govet, ineffassign, staticcheck, unused]\n" +
		"plugins:\n  allow:\n" +
		"    # The team's own analyzers.\n" +
		"    - name: mylinter\n      path: tools/mylinter.so\n      sha256: " + sum + "\n"
}

const pluginConfig = "version: \"2\"\nlinters:\n  settings:\n    custom:\n      mylinter:\n        path: tools/mylinter.so\n"

const modulePolicy = "version: 1\nplugins:\n  allow:\n    - name: other\n      module: example.com/other/linter\n      version: v1.2.3\n"

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestPolicyCheckPasses: configurations the policy allows give no
// problems.
func TestPolicyCheckPasses(t *testing.T) {
	runFileCases(t, []fileCase{
		{name: "minimal"},
		{
			name: "every section used",
			policy: "version: 1\nlinters:\n  allow: [errcheck, govet, ineffassign, staticcheck, unused]\n  require: [staticcheck, mylinter]\n" +
				"plugins:\n  allow:\n    - name: mylinter\n      path: ./tools/../tools/mylinter.so\n      sha256: " + pluginSum() + "\n" +
				"staticcheck:\n  checks: [all, \"-ST1000\"]\nrevive:\n  rules: [\"*\"]\n",
			config: "version: \"2\"\nlinters:\n  default: standard\n  enable: [mylinter]\n  settings:\n" +
				"    staticcheck:\n      checks: [\"all\", \"-ST1000\"]\n" +
				"    custom:\n      mylinter:\n        path: tools/mylinter.so\n        description: ours\n",
			files: map[string]string{"tools/mylinter.so": pluginData},
		},
		{
			name:   "custom linter names in any case",
			policy: "version: 1\nplugins:\n  allow:\n    - name: MyLinter\n      path: tools/mylinter.so\n      sha256: " + pluginSum() + "\n",
			config: "version: \"2\"\nlinters:\n  default: none\n  settings:\n    custom:\n      MYLINTER:\n        path: tools/mylinter.so\n",
			files:  map[string]string{"tools/mylinter.so": pluginData},
		},
		{
			name:   "module plugin in .custom-gcl.yml",
			policy: modulePolicy,
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      other:\n        type: module\n",
			files:  map[string]string{".custom-gcl.yml": "version: v2.15.0\nplugins:\n  - module: example.com/other/linter\n    version: v1.2.3\n"},
		},
		{
			name:   "disabled linters need no permission",
			policy: "version: 1\nlinters:\n  allow: [errcheck, govet, staticcheck]\n",
			config: "version: \"2\"\nlinters:\n  disable: [unused, ineffassign]\n",
		},
		{
			name:   "revive rules disabled in the config",
			policy: "version: 1\nrevive:\n  rules: [exported, var-naming]\n",
			config: "version: \"2\"\nlinters:\n  enable: [revive]\n  settings:\n    revive:\n      rules:\n" +
				"        - name: exported\n        - name: var-naming\n        - name: add-constant\n          disabled: true\n",
		},
		{
			name: "gocritic's camel-case settings, in any case",
			config: "version: \"2\"\nlinters:\n  default: none\n  enable: [govet]\n  settings:\n    gocritic:\n      settings:\n" +
				"        captLocal: {paramsOnly: true}\n        RANGEVALCOPY: {sizeThreshold: 64}\n",
		},
		{
			name:   "default: fast",
			policy: "version: 1\nlinters:\n  allow: [ineffassign, godot, misspell, nolintlint, wsl]\n",
			config: "version: \"2\"\nlinters:\n  default: fast\n",
		},
	})
}

// TestEnabledLinters checks the linter sets golangci-lint's rules give.
func TestEnabledLinters(t *testing.T) {
	tests := []struct {
		name   string
		config string
		want   []string
	}{
		{"no linters section", "version: \"2\"\n", []string{"errcheck", "govet", "ineffassign", "staticcheck", "unused"}},
		{"standard", "version: \"2\"\nlinters:\n  default: standard\n", []string{"errcheck", "govet", "ineffassign", "staticcheck", "unused"}},
		{"none", "version: \"2\"\nlinters:\n  default: none\n  enable: [gosec]\nformatters:\n  enable: [gci]\n", []string{"gci", "gosec"}},
		{"fast", "version: \"2\"\nlinters:\n  default: fast\n", []string{"godot", "ineffassign", "misspell", "nolintlint", "wsl"}},
		{
			name:   "all minus disabled",
			config: "version: \"2\"\nlinters:\n  default: all\n  enable: [godot]\n  disable: [godot, wsl, wsl_v5]\n",
			want: []string{
				"errcheck", "errchkjson", "gochecknoglobals", "gosec", "govet", "ineffassign", "misspell",
				"nolintlint", "revive", "staticcheck", "unused",
			},
		},
		{
			name:   "merge keys and aliases",
			config: "version: \"2\"\nlinters:\n  <<: {default: none, enable: &list [gosec]}\n  disable: *list\n",
			want:   []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ps := ReadGolangci(ConfigSource{Path: ".golangci.yml", Data: []byte(tt.config)})
			if g == nil {
				t.Fatalf("ReadGolangci: %v", ps)
			}
			en, ps := g.Enabled(testKnown())
			if len(ps) > 0 {
				t.Fatalf("problems: %v", ps)
			}
			got := sortedKeys(en.Linters)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("enabled linters mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLibraryKnown uses the real staticcheck checks and revive rules
// (NewKnown, from StaticcheckRules and revive's rule set).
func TestLibraryKnown(t *testing.T) {
	k := NewKnown(testKnown().Linters)
	for _, id := range []string{"SA4006", "S1000", "ST1003", "QF1001"} {
		if !slices.Contains(k.StaticcheckChecks, id) {
			t.Errorf("StaticcheckChecks lacks %s", id)
		}
	}
	if slices.Contains(k.StaticcheckChecks, "U1000") {
		t.Errorf("StaticcheckChecks holds U1000, which belongs to the unused linter")
	}
	for _, r := range ReviveRules() {
		if !slices.Contains(k.ReviveRules, r.Check) {
			t.Errorf("ReviveRules lacks %s", r.Check)
		}
		if r.Default != slices.Contains(k.DefaultReviveRules, r.Check) {
			t.Errorf("DefaultReviveRules and ReviveRules disagree on %s", r.Check)
		}
	}
	// golangci-lint's default turns on every check but six stylecheck ones.
	on := staticcheckSelect(k.StaticcheckChecks, k.DefaultStaticcheckChecks)
	if got, want := len(on), len(k.StaticcheckChecks)-6; got != want {
		t.Errorf("default checks: %d on, want %d", got, want)
	}
	for _, off := range []string{"ST1000", "ST1003", "ST1016", "ST1020", "ST1021", "ST1022"} {
		if _, ok := on[off]; ok {
			t.Errorf("default checks turn on %s", off)
		}
	}

	p, err := ParsePolicy("lintgate.yml", []byte(`version: 1
staticcheck:
  checks: [all, "-SA1*", SA4006, SA4066, "SZ*"]
revive:
  rules: ["*", "-unused-*", exported, var-namng]
severity:
  staticcheck/U1000: note
  staticcheck/SA4006: error
  revive/unhandled-error: note
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`lintgate.yml:3:34: unknown staticcheck check "SA4066" (did you mean "SA4006", "SA4016" or "SA4026"?)`,
		`lintgate.yml:3:42: staticcheck check pattern "SZ*" matches no check`,
		`lintgate.yml:5:39: unknown revive rule "var-namng" (did you mean "var-naming"?)`,
	}
	if diff := cmp.Diff(want, problemStrings(p.Validate(k))); diff != "" {
		t.Errorf("Validate() mismatch (-want +got):\n%s", diff)
	}
	allowed := reviveSelect(k.ReviveRules, p.Revive.Patterns)
	if allowed["unused-parameter"] || !allowed["exported"] || !allowed["add-constant"] {
		t.Errorf("reviveSelect() = %v", allowed)
	}
}

// TestEnforceEmbeddedDefault: the embedded default configuration is
// checked like any other and named as such.
func TestEnforceEmbeddedDefault(t *testing.T) {
	p, err := ParsePolicy(PolicyFile, []byte("version: 1\nlinters:\n  allow: [errcheck, govet, staticcheck, unused]\n  require: [gosec]\nrevive:\n  rules: [\"*\", \"-exported\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := problemStrings(Enforce(p, ConfigSource{Data: DefaultGolangciConfig()}, testKnown(), t.TempDir()))
	want := []string{
		`embedded default config:6:12: linter "ineffassign" is enabled but lintgate.yml does not allow it (enabled by linters.default: standard; lintgate.yml:3:3)`,
		`embedded default config:8:7: linter "revive" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
		`embedded default config:8:7: revive rule "exported" is turned on but lintgate.yml does not allow it (turned on by revive's default rules; lintgate.yml:6:3)`,
		`lintgate.yml:4:13: linter "gosec" is required but embedded default config does not enable it`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Enforce() mismatch (-want +got):\n%s", diff)
	}
}
