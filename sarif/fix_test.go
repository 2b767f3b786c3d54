package sarif

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// fixSrc has a line with 2-byte (é), 3-byte (€) and 4-byte (😀, two UTF-16
// units) characters before the code an edit changes, and CRLF line ends.
const fixSrc = "package p\r\n\r\nfunc f(ok bool) {\r\n\t_ = \"é€😀\"; if ok == true {\r\n\t}\r\n}\r\n"

// withP reads p.go under testRoot as src, and other files with other
// (nil: they do not exist).
func withP(src string, other func(string) ([]byte, error)) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		switch {
		case p == testRoot+"/p.go":
			return []byte(src), nil
		case other != nil:
			return other(p)
		}
		return nil, errNotFound
	}
}

// applyBytes applies Go's byte-offset edits, the reference result.
func applyBytes(src []byte, edits []finding.Edit) []byte {
	var out []byte
	last := 0
	for _, e := range edits {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	return append(out, src[last:]...)
}

func fixInput(t *testing.T, fixes []finding.Fix) Input {
	t.Helper()
	in := testInput(t, []finding.Finding{{
		RuleID: "staticcheck/SA4006", Linter: "staticcheck", Tool: rules.ToolStaticcheck,
		Message: "should omit comparison to bool constant", Pos: finding.Position{Path: "p.go", Line: 4, Column: 22},
		Fixes: fixes,
	}})
	in.ReadFile = withP(fixSrc, readTestFile)
	return in
}

// TestBuildFixes: a fix's byte-offset edits become replacements whose
// UTF-16 regions, applied as a SARIF consumer applies them, give the same
// text as applying the byte edits; the byte range is recorded too.
func TestBuildFixes(t *testing.T) {
	src := []byte(fixSrc)
	start := bytes.Index(src, []byte("ok == true"))
	edits := []finding.Edit{
		{Start: start + len("ok"), End: start + len("ok == true"), NewText: ""}, // delete " == true"
		{Start: start, End: start, NewText: "/* ✓ */"},                          // insertion
		{Start: bytes.Index(src, []byte("é")), End: bytes.Index(src, []byte("é")) + len("é€😀"), NewText: "ü😀"},
	}
	in := fixInput(t, []finding.Fix{{Description: "omit comparison", Edits: edits}})
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateSchema(data); err != nil {
		t.Fatal(err)
	}
	fixes := rep.Runs[0].Results[0].Fixes
	if len(fixes) != 1 || len(fixes[0].ArtifactChanges) != 1 {
		t.Fatalf("fixes = %+v, want one fix with one artifact change", fixes)
	}
	if got := *fixes[0].Description.Text; got != "omit comparison" {
		t.Errorf("description = %q", got)
	}
	change := fixes[0].ArtifactChanges[0]
	if *change.ArtifactLocation.URI != "p.go" || *change.ArtifactLocation.URIBaseId != SrcRoot {
		t.Errorf("artifactLocation = %+v, want p.go under %s", change.ArtifactLocation, SrcRoot)
	}
	got, err := ApplyReplacements(src, change.Replacements)
	if err != nil {
		t.Fatal(err)
	}
	sorted := []finding.Edit{edits[2], edits[1], edits[0]}
	want := applyBytes(src, sorted)
	if !bytes.Contains(want, []byte(`"ü😀"; if /* ✓ */ok {`)) {
		t.Fatalf("reference application is wrong: %q", want)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("applying the SARIF fix (-bytes +sarif):\n%s", diff)
	}
	// Regions are sorted and carry UTF-16 columns: line 4 is
	// `\t_ = "é€😀"; if ok == true {`; "ok" starts at byte column 22 and
	// UTF-16 column 17 (é, € and 😀 take 2+3+4 bytes but 1+1+2 units).
	type region struct{ SL, SC, EL, EC, Off, Len int }
	var regions []region
	for _, r := range change.Replacements {
		d := r.DeletedRegion
		regions = append(regions, region{*d.StartLine, *d.StartColumn, *d.EndLine, *d.EndColumn, *d.ByteOffset, *d.ByteLength})
	}
	wantRegions := []region{
		{4, 7, 4, 11, bytes.Index(src, []byte("é")), len("é€😀")},
		{4, 17, 4, 17, start, 0},
		{4, 19, 4, 27, start + 2, len(" == true")},
	}
	if diff := cmp.Diff(wantRegions, regions); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

// TestBuildFixMultiLine: an edit spanning lines, one ending at the end of
// the file, and text that is not UTF-8 (carried as binary).
func TestBuildFixMultiLine(t *testing.T) {
	src := []byte(fixSrc)
	brace := bytes.Index(src, []byte("{\r\n\t}"))
	edits := []finding.Edit{
		{Start: brace, End: brace + len("{\r\n\t}"), NewText: "{}"},
		{Start: len(src), End: len(src), NewText: "\xff\xfe"},
	}
	rep, err := Build(fixInput(t, []finding.Fix{{Edits: edits}}))
	if err != nil {
		t.Fatal(err)
	}
	fix := rep.Runs[0].Results[0].Fixes[0]
	if fix.Description != nil {
		t.Errorf("description = %+v, want none for an empty one", fix.Description)
	}
	reps := fix.ArtifactChanges[0].Replacements
	if d := reps[0].DeletedRegion; *d.StartLine != 4 || *d.EndLine != 5 || *d.EndColumn != 3 {
		t.Errorf("multi-line region = %d:%d-%d:%d, want 4:..-5:3", *d.StartLine, *d.StartColumn, *d.EndLine, *d.EndColumn)
	}
	if d := reps[1].DeletedRegion; *d.StartLine != 7 || *d.StartColumn != 1 || *d.EndColumn != 1 {
		t.Errorf("insertion at end of file = %d:%d-%d:%d, want 7:1-7:1", *d.StartLine, *d.StartColumn, *d.EndLine, *d.EndColumn)
	}
	if c := reps[1].InsertedContent; c.Text != nil || c.Binary == nil || *c.Binary != base64.StdEncoding.EncodeToString([]byte("\xff\xfe")) {
		t.Errorf("insertedContent = %+v, want binary", c)
	}
	got, err := ApplyReplacements(src, reps)
	if err != nil {
		t.Fatal(err)
	}
	if want := applyBytes(src, edits); !bytes.Equal(got, want) {
		t.Errorf("applied = %q, want %q", got, want)
	}
}

// TestBuildFixDropped: fixes whose columns could not be right are left
// out, the others kept.
func TestBuildFixDropped(t *testing.T) {
	good := finding.Fix{Description: "good", Edits: []finding.Edit{{Start: 0, End: 7, NewText: "package"}}}
	for _, tc := range []struct {
		name  string
		fixes []finding.Fix
		read  bool
		want  []string
	}{
		{"edit past the end", []finding.Fix{{Description: "bad", Edits: []finding.Edit{{Start: 1000, End: 1001}}}, good}, true, []string{"good"}},
		{"end before start", []finding.Fix{{Description: "bad", Edits: []finding.Edit{{Start: 5, End: 4}}}, good}, true, []string{"good"}},
		{"negative offset", []finding.Fix{{Description: "bad", Edits: []finding.Edit{{Start: -1, End: 0}}}}, true, nil},
		{"no edits", []finding.Fix{{Description: "bad"}, good}, true, []string{"good"}},
		{"unreadable source", []finding.Fix{good}, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := fixInput(t, tc.fixes)
			if !tc.read {
				in.ReadFile = readTestFile
			}
			_, log := buildLog(t, in)
			var got []string
			if fs, ok := results(t, log)[0].(map[string]any)["fixes"].([]any); ok {
				for _, f := range fs {
					got = append(got, get(t, f, "description", "text").(string))
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("fixes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestApplyReplacementsErrors(t *testing.T) {
	src := []byte("ab😀c\nd\n")
	region := func(sl, sc, el, ec int) *gosarif.Replacement {
		return &gosarif.Replacement{DeletedRegion: gosarif.Region{StartLine: &sl, StartColumn: &sc, EndLine: &el, EndColumn: &ec}}
	}
	for _, tc := range []struct {
		name string
		reps []*gosarif.Replacement
		want string
	}{
		{"inside a surrogate pair", []*gosarif.Replacement{region(1, 4, 1, 5)}, "not in the file"},
		{"past the line", []*gosarif.Replacement{region(2, 1, 2, 3)}, "not in the file"},
		{"no such line", []*gosarif.Replacement{region(9, 1, 9, 1)}, "not in the file"},
		{"end before start", []*gosarif.Replacement{region(1, 3, 1, 2)}, "not in the file"},
		{"overlap", []*gosarif.Replacement{region(1, 1, 1, 3), region(1, 2, 1, 5)}, "overlap"},
		{"columns missing", []*gosarif.Replacement{{DeletedRegion: gosarif.Region{StartLine: ptr(1)}}}, "needs startLine"},
		{"bad binary", []*gosarif.Replacement{{DeletedRegion: region(1, 1, 1, 1).DeletedRegion, InsertedContent: &gosarif.ArtifactContent{Binary: ptr("!!")}}}, "illegal base64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ApplyReplacements(src, tc.reps)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
	// After the surrogate pair (column 5) and the end of line (column 6)
	// are positions.
	got, err := ApplyReplacements(src, []*gosarif.Replacement{region(1, 5, 1, 6), region(2, 2, 2, 2)})
	if err != nil || string(got) != "ab😀\nd\n" {
		t.Errorf("got %q, %v; want %q", got, err, "ab😀\nd\n")
	}
}
