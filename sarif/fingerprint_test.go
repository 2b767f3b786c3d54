package sarif

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// TestResultLineHash: every result whose source can be read carries
// GitHub's primaryLocationLineHash for its line; one whose source cannot
// be read has none.
func TestResultLineHash(t *testing.T) {
	src := []byte("package p\n\nfunc f() {\n\tg()\n\tg()\n}\n")
	cat, err := rules.NewCatalog([]rules.Rule{{ID: "errcheck", Tool: rules.ToolGolangciLint, Linter: "errcheck", Title: "errcheck"}})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{
		Root:       "/m",
		Rules:      cat,
		Driver:     Tool{Name: "lintgate"},
		Extensions: []Tool{{Name: rules.ToolGolangciLint}},
		Findings: []finding.Finding{
			{RuleID: "errcheck", Pos: finding.Position{Path: "p.go", Line: 4, Column: 2}},
			{RuleID: "errcheck", Pos: finding.Position{Path: "p.go", Line: 5, Column: 2}},
			{RuleID: "errcheck", Pos: finding.Position{Path: "gone.go", Line: 5, Column: 2}},
		},
		ReadFile: func(p string) ([]byte, error) {
			if p == "/m/p.go" {
				return src, nil
			}
			return nil, errNotFound
		},
	}
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, r := range rep.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		key := fmt.Sprintf("%s:%d", *loc.ArtifactLocation.URI, *loc.Region.StartLine)
		got[key] = r.PartialFingerprints["primaryLocationLineHash"]
	}
	h4, h5 := PrimaryLocationLineHash(src, 4), PrimaryLocationLineHash(src, 5)
	if h4 == "" || h5 == "" || h4 == h5 {
		t.Fatalf("line hashes %q and %q: want two different non-empty hashes", h4, h5)
	}
	if got["p.go:4"] != h4 || got["p.go:5"] != h5 {
		t.Errorf("fingerprints = %v, want p.go:4 %s and p.go:5 %s", got, h4, h5)
	}
	if v, ok := got["gone.go:5"]; ok && v != nil {
		t.Errorf("unreadable source got a fingerprint %v", v)
	}
	data, err := Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateSchema(data); err != nil {
		t.Fatal(err)
	}
}

// TestLineHashOccurrence: GitHub hashes a 100-character window starting at
// each line, so lines collide only when what follows them matches too; the
// ":N" suffix tells such lines apart.
func TestLineHashOccurrence(t *testing.T) {
	src := []byte(strings.Repeat("\tg()\n", 60))
	h1, h2 := PrimaryLocationLineHash(src, 1), PrimaryLocationLineHash(src, 2)
	p1, s1, _ := strings.Cut(h1, ":")
	p2, s2, _ := strings.Cut(h2, ":")
	if p1 != p2 || s1 != "1" || s2 != "2" {
		t.Errorf("hashes %q and %q: want one hash with suffixes 1 and 2", h1, h2)
	}
}

// TestRelativeURIColon: a colon in a relative path is escaped, so the URI
// is not read as one with scheme "a".
func TestRelativeURIColon(t *testing.T) {
	loc := artifactLocation("a:b/x.go")
	if got := *loc.URI; got != "a%3Ab/x.go" {
		t.Errorf("uri = %q, want a%%3Ab/x.go", got)
	}
	if loc.URIBaseId == nil || *loc.URIBaseId != SrcRoot {
		t.Errorf("uriBaseId = %v, want %s", loc.URIBaseId, SrcRoot)
	}
}
