package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"

	"github.com/lintgate/lintgate/runner"
)

// TestPinsMatchGolangciLintRequirements proves the versions are one set:
// the staticcheck and revive linked into the lintgate binary (this test
// binary of package main carries the same build information) are exactly the ones
// golangci-lint v2.15.0's own go.mod requires, so the embedded linters and
// lintgate's rule catalog cannot drift apart.
func TestPinsMatchGolangciLintRequirements(t *testing.T) {
	p := runner.ReadPins()
	if p.GolangciLint.Version != "v2.15.0" {
		t.Fatalf("golangci-lint pin = %q, want v2.15.0", p.GolangciLint.Version)
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.GoMod}}", runner.GolangciLintModule+"@"+p.GolangciLint.Version).Output()
	if err != nil {
		t.Fatalf("locating golangci-lint's go.mod: %v", err)
	}
	path := strings.TrimSpace(string(out))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	required := map[string]string{}
	for _, r := range mf.Require {
		required[r.Mod.Path] = r.Mod.Version
	}
	for _, m := range []runner.Module{p.Staticcheck, p.Revive} {
		if m.Version == "" || m.Sum == "" {
			t.Errorf("%s: not in build info (%+v)", m.Path, m)
		}
		if got := required[m.Path]; got != m.Version {
			t.Errorf("%s: golangci-lint %s requires %s, lintgate links %s", m.Path, p.GolangciLint.Version, got, m.Version)
		}
	}
}
