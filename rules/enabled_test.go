package rules

import (
	"testing"
)

func TestEnabledBy(t *testing.T) {
	k := NewKnown(testKnown().Linters)
	cfg := ConfigSource{Path: ".golangci.yml", Data: []byte(`version: "2"
linters:
  default: none
  enable: [staticcheck, revive, errcheck]
  settings:
    staticcheck:
      checks: ["SA*", "-SA4006"]
    revive:
      rules:
        - name: exported
        - name: var-naming
          disabled: true
`)}
	en, problems := EnabledBy(cfg, k)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	for _, tc := range []struct {
		rule Rule
		on   bool
	}{
		{Rule{Linter: "errcheck"}, true},
		{Rule{Linter: "govet"}, false},
		{Rule{Linter: "staticcheck", Check: "SA4000"}, true},
		{Rule{Linter: "staticcheck", Check: "SA4006"}, false},
		{Rule{Linter: "staticcheck", Check: "S1000"}, false},
		{Rule{Linter: "revive", Check: "exported"}, true},
		{Rule{Linter: "revive", Check: "var-naming"}, false},
	} {
		if got := en.RuleOn(tc.rule); got != tc.on {
			t.Errorf("RuleOn(%s/%s) = %v, want %v", tc.rule.Linter, tc.rule.Check, got, tc.on)
		}
	}
	// The default configuration: golangci-lint's default staticcheck
	// checks (all but six ST checks).
	en, _ = EnabledBy(ConfigSource{Path: "x.yml", Data: []byte("version: \"2\"\n")}, k)
	if !en.RuleOn(Rule{Linter: "staticcheck", Check: "SA4006"}) || en.RuleOn(Rule{Linter: "staticcheck", Check: "ST1000"}) {
		t.Errorf("default staticcheck checks: %v", en.Staticcheck)
	}
	if _, problems := EnabledBy(ConfigSource{Path: "bad.yml", Data: []byte("linters: [")}, k); len(problems) == 0 {
		t.Error("malformed configuration gave no problem")
	}
}

func TestAllowsRule(t *testing.T) {
	k := NewKnown(testKnown().Linters)
	p, err := ParsePolicy(PolicyFile, []byte("version: 1\nlinters:\n  allow: [staticcheck, revive]\nstaticcheck:\n  checks: [\"SA*\"]\nrevive:\n  rules: [\"*\", \"-exported\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rule Rule
		ok   bool
	}{
		{Rule{Linter: "staticcheck", Check: "SA4006"}, true},
		{Rule{Linter: "staticcheck", Check: "S1000"}, false},
		{Rule{Linter: "revive", Check: "var-naming"}, true},
		{Rule{Linter: "revive", Check: "exported"}, false},
		{Rule{Linter: "errcheck"}, false},
	} {
		if got := p.AllowsRule(tc.rule, k); got != tc.ok {
			t.Errorf("AllowsRule(%s/%s) = %v, want %v", tc.rule.Linter, tc.rule.Check, got, tc.ok)
		}
	}
}

// TestDefaultPolicy: the embedded policy parses, allows the embedded
// default configuration and no plugin.
func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	k := NewKnown(testKnown().Linters)
	if ps := Enforce(p, ConfigSource{Data: DefaultGolangciConfig()}, k, t.TempDir()); len(ps) > 0 {
		t.Errorf("the default policy rejects the default configuration: %v", ps)
	}
	if p.Plugins.AllowPos.IsValid() || p.Gate.FailOn != "warning" {
		t.Errorf("default policy = %+v", p)
	}
}

// TestStarterPolicy: the starter policy parses and passes for the
// configuration it was written from.
func TestStarterPolicy(t *testing.T) {
	k := NewKnown(testKnown().Linters)
	for _, cfg := range []string{string(DefaultGolangciConfig()), "version: \"2\"\nlinters:\n  default: none\n  enable: [gosec]\nformatters:\n  enable: [gci]\n"} {
		src := ConfigSource{Path: ".golangci.yml", Data: []byte(cfg)}
		en, ps := EnabledBy(src, k)
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		data := StarterPolicy(en, "v2.15.0", "v0.8.2", "v1.17.1")
		p, err := ParsePolicy(PolicyFile, data)
		if err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		if ps := append(p.Validate(k), Enforce(p, src, k, t.TempDir())...); len(ps) > 0 {
			t.Errorf("starter policy fails its own config: %v\n%s", ps, data)
		}
		if ps := p.CheckPins("v2.15.0", "v0.8.2", "v1.17.1"); len(ps) > 0 {
			t.Errorf("pins: %v", ps)
		}
	}
}
