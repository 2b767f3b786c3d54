package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/sarif"
)

// TestFixesMatchGolangciFix: applying every fix of lintgate's SARIF log
// to the fixture, by UTF-16 regions as a SARIF viewer does, gives exactly
// the files the embedded golangci-lint's --fix writes with the same
// config.
func TestFixesMatchGolangciFix(t *testing.T) {
	t.Setenv("GOLANGCI_LINT_CACHE", filepath.Join(os.TempDir(), "lintgate-test-golangci-cache"))
	ours, theirs := t.TempDir(), t.TempDir()
	for _, d := range []string{ours, theirs} {
		if err := copyTree(filepath.Join(fixturesDir(t), "fixes"), d); err != nil {
			t.Fatal(err)
		}
	}

	data := lintFixture(t, ours, ExitFindings)
	log, err := gosarif.FromBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]*gosarif.Replacement{}
	fixes := 0
	for _, r := range log.Runs[0].Results {
		for _, f := range r.Fixes {
			fixes++
			for _, c := range f.ArtifactChanges {
				byFile[*c.ArtifactLocation.URI] = append(byFile[*c.ArtifactLocation.URI], c.Replacements...)
			}
		}
	}
	if fixes != 3 {
		t.Fatalf("%d fixes in the log, want 3 (S1002, S1039, S1005)", fixes)
	}

	effective, err := rules.EffectiveConfig(rules.ConfigSource{Data: rules.DefaultGolangciConfig()})
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "golangci.yml")
	if err := os.WriteFile(cfg, effective, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(theirs)
	var stdout, stderr bytes.Buffer
	Main(context.Background(), []string{"golangci-lint", "run", "--fix", "--config", cfg, "./..."}, nil, &stdout, &stderr)

	for uri, reps := range byFile {
		orig, err := os.ReadFile(filepath.Join(ours, filepath.FromSlash(uri)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := sarif.ApplyReplacements(orig, reps)
		if err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
		want, err := os.ReadFile(filepath.Join(theirs, filepath.FromSlash(uri)))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(want, orig) {
			t.Fatalf("golangci-lint --fix changed nothing in %s\nstdout:\n%s\nstderr:\n%s", uri, &stdout, &stderr)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s: SARIF fixes applied (+) differ from golangci-lint --fix (-):\n%s", uri, diff)
		}
	}
}
