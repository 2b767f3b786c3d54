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

// fingerprintsOf builds a log of findings over one file p.go with content
// src and returns each result's lintgate/v1 fingerprint keyed by
// "rule@line".
func fingerprintsOf(t *testing.T, src string, fs []finding.Finding) map[string]string {
	t.Helper()
	in := testInput(t, fs)
	in.ReadFile = withP(src, nil)
	_, log := buildLog(t, in)
	out := map[string]string{}
	for _, r := range results(t, log) {
		key := fmt.Sprintf("%s@%v", get(t, r, "ruleId"), get(t, r, "locations", 0, "physicalLocation", "region", "startLine"))
		fp, _ := get(t, r, "partialFingerprints", FingerprintKey).(string)
		if len(fp) != 32 {
			t.Fatalf("%s: fingerprint %q, want 32 hex digits", key, fp)
		}
		out[key] = fp
	}
	return out
}

func errcheckAt(line int) finding.Finding {
	return finding.Finding{RuleID: "errcheck", Linter: "errcheck", Tool: rules.ToolGolangciLint, Message: "unchecked", Pos: finding.Position{Path: "p.go", Line: line, Column: 2}}
}

// TestFingerprintLineShift: inserting lines above findings and re-indenting
// their lines keeps their lintgate/v1 fingerprints; GitHub's line hash,
// which covers the lines that follow, is not asked to.
func TestFingerprintLineShift(t *testing.T) {
	before := "package p\n\nfunc f() {\n\tg()\n\th()\n\tg()\n}\n"
	after := "package p\n\n// Added.\nvar added = 1\n\nfunc f() {\n\t\tg( )\n\th()\n\tg()\n}\n"
	old := fingerprintsOf(t, before, []finding.Finding{errcheckAt(4), errcheckAt(5), errcheckAt(6)})
	shifted := fingerprintsOf(t, after, []finding.Finding{errcheckAt(7), errcheckAt(8), errcheckAt(9)})
	for _, pair := range [][2]string{{"errcheck@4", "errcheck@7"}, {"errcheck@5", "errcheck@8"}, {"errcheck@6", "errcheck@9"}} {
		if old[pair[0]] != shifted[pair[1]] {
			t.Errorf("%s moved to %s: fingerprint %s became %s", pair[0], pair[1], old[pair[0]], shifted[pair[1]])
		}
	}
	// The two g() lines differ only by occurrence.
	if old["errcheck@4"] == old["errcheck@6"] || old["errcheck@4"] == old["errcheck@5"] {
		t.Errorf("fingerprints %v: want three different ones", old)
	}
}

// TestFingerprintChanges: what changes a fingerprint and what does not.
func TestFingerprintChanges(t *testing.T) {
	line := []byte("\tx := f(a, b)")
	base := Fingerprint("errcheck", "p.go", line, "msg", 0)
	for _, tc := range []struct {
		name string
		fp   string
		same bool
	}{
		{"same input", Fingerprint("errcheck", "p.go", line, "msg", 0), true},
		{"white space only", Fingerprint("errcheck", "p.go", []byte("x:=f(a,b)   "), "msg", 0), true},
		{"another message", Fingerprint("errcheck", "p.go", line, "other", 0), true},
		{"edited line", Fingerprint("errcheck", "p.go", []byte("\tx := f(a, c)"), "msg", 0), false},
		{"another rule", Fingerprint("govet/printf", "p.go", line, "msg", 0), false},
		{"another file", Fingerprint("errcheck", "q.go", line, "msg", 0), false},
		{"second occurrence", Fingerprint("errcheck", "p.go", line, "msg", 1), false},
		{"unreadable line uses the message", Fingerprint("errcheck", "p.go", nil, "msg", 0), false},
		{"rule and path are separated", Fingerprint("errcheckp", ".go", line, "msg", 0), false},
	} {
		if got := tc.fp == base; got != tc.same {
			t.Errorf("%s: same fingerprint = %v, want %v", tc.name, got, tc.same)
		}
	}
	if a, b := Fingerprint("r", "p.go", nil, "m1", 0), Fingerprint("r", "p.go", nil, "m2", 0); a == b {
		t.Errorf("unreadable source: messages m1 and m2 share fingerprint %s", a)
	}
}

// TestFingerprintIndependentOfLimit: results kept under a result limit
// keep the fingerprints they have in the full log.
func TestFingerprintIndependentOfLimit(t *testing.T) {
	src := "package p\n\nfunc f() {\n\tg()\n\tg()\n}\n"
	fs := []finding.Finding{errcheckAt(4), errcheckAt(5)}
	fs[1].Level = finding.LevelError
	full := fingerprintsOf(t, src, fs)
	in := testInput(t, fs)
	in.MaxResults = 1
	in.ReadFile = func(string) ([]byte, error) { return []byte(src), nil }
	_, log := buildLog(t, in)
	rs := results(t, log)
	if len(rs) != 1 {
		t.Fatalf("%d results, want 1", len(rs))
	}
	if got := get(t, rs[0], "partialFingerprints", FingerprintKey); got != full["errcheck@5"] {
		t.Errorf("kept result's fingerprint = %v, want %s as in the full log", got, full["errcheck@5"])
	}
}
