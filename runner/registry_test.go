package runner

import (
	"slices"
	"testing"

	"github.com/lintgate/lintgate/rules"
)

func TestRegistryAndCatalog(t *testing.T) {
	reg, err := Registry()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Linter{}
	for _, l := range reg {
		byName[l.Name] = l
	}
	for _, name := range []string{"errcheck", "govet", "staticcheck", "revive", "unused", "gosec", "ineffassign"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("registry lacks %s", name)
		}
	}
	if !slices.Contains(byName["errcheck"].Groups, "standard") {
		t.Errorf("errcheck groups = %v, want standard among them", byName["errcheck"].Groups)
	}
	// govet's analyzers are read from an unexported field of golangci-lint;
	// this fails when its shape changes instead of losing govet/printf.
	if n := len(byName["govet"].Analyzers); n < 30 {
		t.Fatalf("govet has %d analyzers, want all of them (>= 30)", n)
	}

	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ linter, text, id, tool string }{
		{"govet", "printf: fmt.Printf format %d has arg", "govet/printf", rules.ToolGolangciLint},
		{"gosec", "G104: Errors unhandled", "gosec/G104", rules.ToolGolangciLint},
		{"staticcheck", "SA4006: this value of x is never used", "staticcheck/SA4006", rules.ToolStaticcheck},
		{"unused", "func f is unused", "staticcheck/U1000", rules.ToolStaticcheck},
		{"revive", "exported: comment on exported function F", "revive/exported", rules.ToolRevive},
		{"errcheck", "Error return value of `f` is not checked", "errcheck", rules.ToolGolangciLint},
	} {
		r, _ := cat.Classify(tt.linter, tt.text)
		if r.ID != tt.id || r.Tool != tt.tool || r.Title == "" || r.HelpURI == "" {
			t.Errorf("Classify(%q, %q) = %+v, want id %s tool %s with title and help", tt.linter, tt.text, r, tt.id, tt.tool)
		}
	}
	// Every linter of the registry has a rule, so no result lacks metadata.
	for _, l := range reg {
		if l.Name == "typecheck" {
			continue
		}
		if r, _ := cat.Classify(l.Name, "x"); r.Title == "" || r.Title == "Findings of the "+l.Name+" linter" {
			t.Errorf("linter %s has no rule from the registry: %+v", l.Name, r)
		}
	}
}

// TestKnown: the registry facts policies are checked against.
func TestKnown(t *testing.T) {
	k, err := Known()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]struct{ standard, fast, formatter, internal bool }{
		"errcheck":    {standard: true},
		"govet":       {standard: true},
		"staticcheck": {standard: true},
		"unused":      {standard: true},
		"ineffassign": {standard: true, fast: true},
		"revive":      {},
		"gofmt":       {fast: true, formatter: true},
		"typecheck":   {fast: true, internal: true},
	} {
		info, ok := k.Linters[name]
		if !ok {
			t.Errorf("%s missing from Known", name)
			continue
		}
		got := struct{ standard, fast, formatter, internal bool }{info.InGroup(rules.GroupStandard), info.InGroup(rules.GroupFast), info.Formatter, info.Internal}
		if got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	if len(k.StaticcheckChecks) < 150 || len(k.ReviveRules) < 100 {
		t.Errorf("%d staticcheck checks, %d revive rules: want the libraries' full sets", len(k.StaticcheckChecks), len(k.ReviveRules))
	}
}
