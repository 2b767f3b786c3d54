package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mgechev/revive/config"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules/internal/revivedoc"
)

func TestReviveRulesHaveDocs(t *testing.T) {
	for _, r := range config.AllRules() {
		doc, ok := reviveDocs[r.Name()]
		if !ok || doc.Title == "" || doc.Text == "" || doc.Markdown == "" {
			t.Errorf("revive rule %q has no documentation in revive_docs.go; run go generate ./rules", r.Name())
		}
	}
}

func TestReviveRules(t *testing.T) {
	got := ReviveRules()
	if want := len(config.AllRules()); len(got) != want {
		t.Fatalf("ReviveRules() returned %d rules, want %d", len(got), want)
	}
	defaults := 0
	for i, r := range got {
		if i > 0 && got[i-1].ID >= r.ID {
			t.Errorf("rules not sorted or duplicated: %q before %q", got[i-1].ID, r.ID)
		}
		if r.ID != "revive/"+r.Check || r.Tool != ToolRevive || r.Linter != "revive" {
			t.Errorf("rule %q: inconsistent id, tool, linter, check: %+v", r.ID, r)
		}
		if r.Level != finding.LevelWarning {
			t.Errorf("rule %q: level %q, want warning", r.ID, r.Level)
		}
		if !strings.HasSuffix(r.HelpURI, "RULES_DESCRIPTIONS.md#"+r.Check) {
			t.Errorf("rule %q: help uri %q", r.ID, r.HelpURI)
		}
		if r.Default {
			defaults++
		}
	}
	if want := len(config.DefaultRules()); defaults != want {
		t.Errorf("%d default rules, want %d", defaults, want)
	}
}

func TestReviveRuleSpotCheck(t *testing.T) {
	byID := map[string]Rule{}
	for _, r := range ReviveRules() {
		byID[r.ID] = r
	}
	tests := []struct {
		id          string
		titleWords  []string
		markdownHas string
		isDefault   bool
	}{
		{"revive/var-naming", []string{"initialism", "naming conventions"}, "_Description_:", true},
		{"revive/exported", []string{"Exported", "comments"}, "check-private-receivers", true},
		{"revive/add-constant", []string{"magic numbers"}, "max-lit-count", false},
	}
	for _, tt := range tests {
		r, ok := byID[tt.id]
		if !ok {
			t.Errorf("no rule %q", tt.id)
			continue
		}
		for _, w := range tt.titleWords {
			if !strings.Contains(r.Title, w) {
				t.Errorf("%s: title %q does not contain %q", tt.id, r.Title, w)
			}
		}
		if strings.ContainsAny(r.Title, "`[]") || strings.Contains(r.Title, "](") {
			t.Errorf("%s: title %q still has Markdown", tt.id, r.Title)
		}
		if !strings.Contains(r.Markdown, tt.markdownHas) {
			t.Errorf("%s: markdown does not contain %q", tt.id, tt.markdownHas)
		}
		if r.Default != tt.isDefault {
			t.Errorf("%s: Default = %v, want %v", tt.id, r.Default, tt.isDefault)
		}
	}
}

// TestReviveDocsUpToDate parses RULES_DESCRIPTIONS.md of the revive module
// in go.mod and compares it with the generated revive_docs.go.
func TestReviveDocsUpToDate(t *testing.T) {
	mod, docs, err := revivedoc.ReadDocs(context.Background())
	if err != nil {
		t.Fatalf("reading revive documentation: %v", err)
	}
	if mod.Version != reviveVersion {
		t.Errorf("go.mod requires revive %s but reviveVersion is %s", mod.Version, reviveVersion)
	}
	got := map[string]reviveDoc{}
	for name, d := range docs {
		got[name] = reviveDoc(d)
	}
	if diff := cmp.Diff(reviveDocs, got); diff != "" {
		t.Errorf("revive_docs.go is stale; run go generate ./rules (-committed +parsed):\n%s", diff)
	}
	src, err := os.ReadFile(filepath.Join(".", "revive_docs.go"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "RULES_DESCRIPTIONS.md of github.com/mgechev/revive " + mod.Version + "."; !strings.Contains(string(src), want) {
		t.Errorf("revive_docs.go does not mention %q", want)
	}
}
