package runner

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/rules"
)

// TestKnownTableFresh fails when known_table.go no longer is what
// go generate would write from the embedded golangci-lint's registry.
func TestKnownTableFresh(t *testing.T) {
	want, err := KnownTable()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("known_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("known_table.go is stale; run go generate ./runner (-generated +committed):\n%s", diff)
	}
}

// TestKnownIsTheRegistry: the table-backed Known is exactly the Known
// built from the registry, as the policy check saw it before the table.
func TestKnownIsTheRegistry(t *testing.T) {
	linters, err := RegistryLinters()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Known()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rules.NewKnown(linters), got); diff != "" {
		t.Errorf("Known differs from the registry (-registry +table):\n%s", diff)
	}
	if len(got.Linters) < 100 {
		t.Errorf("%d linters: want golangci-lint's full registry", len(got.Linters))
	}
}

// TestRulesTableFresh fails when rules_table.go no longer is what go
// generate would write from the registry.
func TestRulesTableFresh(t *testing.T) {
	want, err := RulesTable()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("rules_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("rules_table.go is stale; run go generate ./runner (-generated +committed):\n%s", diff)
	}
}

// TestCatalogIsTheRegistry: the table the catalog is built from holds
// exactly the rules the registry gives.
func TestCatalogIsTheRegistry(t *testing.T) {
	want, err := RegistryRules()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, golangciRuleTable); diff != "" {
		t.Errorf("rules table differs from the registry (-registry +table):\n%s", diff)
	}
	if len(golangciRuleTable) < 200 {
		t.Errorf("%d rules: want every linter, govet analyzer and gosec rule", len(golangciRuleTable))
	}
}
