package rules

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fuzzConfig is a .golangci.yml that exercises every part of Enforce.
const fuzzConfig = `version: "2"
linters:
  default: standard
  enable: [revive, gosec, mylinter]
  disable: [unused]
  settings:
    staticcheck:
      checks: [all, "-ST1*", ST1005]
    revive:
      enable-default-rules: true
      rules:
        - name: add-constant
        - name: exported
          disabled: true
    custom:
      mylinter:
        path: tools/mylinter.so
      other:
        type: module
formatters:
  enable: [gofumpt]
`

// FuzzParsePolicy: ParsePolicy never panics; every error is a
// *PolicyError whose every line starts with the file name; a policy that
// parses validates and enforces deterministically. The seed corpus is in
// testdata/fuzz/FuzzParsePolicy.
func FuzzParsePolicy(f *testing.F) {
	f.Add([]byte(okPolicy))
	k := testKnown()
	cfg := ConfigSource{Path: ".golangci.yml", Data: []byte(fuzzConfig)}
	// A root without plugin files: Enforce must not read anything else.
	const root = "/nonexistent/lintgate-fuzz"
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePolicy("lintgate.yml", data)
		if err != nil {
			checkPolicyError(t, err)
			return
		}
		if p == nil || p.File != "lintgate.yml" || p.Version != 1 || !p.VersionPos.IsValid() {
			t.Fatalf("ParsePolicy() = %+v without an error", p)
		}
		first := p.Validate(k)
		if diff := cmp.Diff(first, p.Validate(k)); diff != "" {
			t.Fatalf("Validate() is not deterministic:\n%s", diff)
		}
		checkProblems(t, first, "lintgate.yml")
		pins := p.CheckPins(embeddedGolangci, embeddedStaticcheck, embeddedRevive)
		checkProblems(t, pins, "lintgate.yml")
		enforced := Enforce(p, cfg, k, root)
		if diff := cmp.Diff(enforced, Enforce(p, cfg, k, root)); diff != "" {
			t.Fatalf("Enforce() is not deterministic:\n%s", diff)
		}
		checkProblems(t, enforced, "")
		_ = p.Level("staticcheck/SA4006", "warning")
	})
}

// checkPolicyError checks the shape of a parse error.
func checkPolicyError(t *testing.T, err error) {
	t.Helper()
	var pe *PolicyError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *PolicyError", err, err)
	}
	if len(pe.Problems) == 0 {
		t.Fatalf("*PolicyError without problems")
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "lintgate.yml:") {
			t.Fatalf("error line %q does not start with lintgate.yml:", line)
		}
	}
	checkProblems(t, pe.Problems, "lintgate.yml")
	for _, p := range pe.Problems {
		if p.Violation {
			t.Fatalf("parse problem %v is a violation", p)
		}
	}
}

// checkProblems checks that problems are sorted, one line each, and (when
// file is not empty) all in file.
func checkProblems(t *testing.T, ps []Problem, file string) {
	t.Helper()
	for i, p := range ps {
		if file != "" && p.File != file {
			t.Fatalf("problem %v is not in %s", p, file)
		}
		if p.Msg == "" || strings.ContainsAny(p.Msg, "\n\r") {
			t.Fatalf("problem %q is empty or spans lines", p.Msg)
		}
		if p.Line < 0 || p.Col < 0 || (p.Line == 0 && p.Col != 0) {
			t.Fatalf("problem %v has a bad position", p)
		}
		if i > 0 && compareProblems(ps[i-1], p) > 0 {
			t.Fatalf("problems not sorted: %v before %v", ps[i-1], p)
		}
	}
}

// FuzzEnforceConfig: Enforce never panics on any .golangci.yml, is
// deterministic, and places every problem in the configuration or the
// policy. Its seeds are the configurations of the table tests.
func FuzzEnforceConfig(f *testing.F) {
	for _, c := range slices.Concat(policyBadInputs(), configBadInputs()) {
		if c.config != "" {
			f.Add([]byte(c.config))
		}
	}
	f.Add([]byte(fuzzConfig))
	f.Add(DefaultGolangciConfig())
	p, err := ParsePolicy("lintgate.yml", []byte(okPolicy+"plugins:\n  allow:\n    - name: mylinter\n      path: tools/mylinter.so\n      sha256: "+pluginSum()+
		"\nstaticcheck:\n  checks: [\"SA*\"]\nrevive:\n  rules: [\"*\", \"-add-constant\"]\n"))
	if err != nil {
		f.Fatal(err)
	}
	k := testKnown()
	const root = "/nonexistent/lintgate-fuzz"
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := ConfigSource{Path: ".golangci.yml", Data: data}
		got := Enforce(p, cfg, k, root)
		if diff := cmp.Diff(got, Enforce(p, cfg, k, root)); diff != "" {
			t.Fatalf("Enforce() is not deterministic:\n%s", diff)
		}
		checkProblems(t, got, "")
		for _, pr := range got {
			if pr.File != ".golangci.yml" && pr.File != "lintgate.yml" {
				t.Fatalf("problem %v is in neither file", pr)
			}
		}
	})
}
