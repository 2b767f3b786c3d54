package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/sarif"
)

// validateCodeQuality validates a report against
// testdata/codequality.schema.json and checks that its fingerprints are
// unique, which GitLab needs and a schema cannot say.
func validateCodeQuality(t *testing.T, out []byte) []codeQualityIssue {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile("testdata/codequality.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("report does not match the Code Quality schema: %v", err)
	}
	if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		t.Error("report starts with a byte order mark, which GitLab rejects")
	}
	var issues []codeQualityIssue
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s is not unique", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	return issues
}

func TestGitLabReport(t *testing.T) {
	issues := validateCodeQuality(t, render(t, WriteGitLab, testInput()))

	// The finding without a fingerprint gets the one sarif would give it.
	fs := testFindings()
	sarif.SetFingerprints(testRoot, readTestFile, fs)
	missing := fs[len(fs)-1].Fingerprint

	// The second finding with sharedFingerprint gets a derived one.
	derived := fingerprints{sharedFingerprint: true}.unique(sharedFingerprint)
	if derived == sharedFingerprint || len(derived) != 32 {
		t.Fatalf("derived fingerprint %q", derived)
	}

	lines := func(begin, end int) codeQualityLocation {
		return codeQualityLocation{Lines: codeQualityLines{Begin: begin, End: end}}
	}
	at := func(path string, l codeQualityLocation) codeQualityLocation { l.Path = path; return l }
	want := []codeQualityIssue{
		{"this value of msg is never used", "staticcheck/SA4006", "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "major", at("mod/main.go", lines(4, 0))},
		{"don't use underscores in Go names; var my_var should be myVar", "revive/var-naming", "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", "minor", at("mod/"+oddPath, lines(3, 0))},
		{trickyMessage, "govet/printf", sharedFingerprint, "critical", at("mod/pkg/b.go", lines(6, 0))},
		{"Error return value of `fmt.Printf` is not checked", "errcheck", derived, "critical", at("mod/pkg/b.go", lines(6, 0))},
		{"3-7 lines are duplicate of `pkg/dup.go:9-13`", "dupl", "2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e", "major", at("mod/pkg/dup.go", lines(3, 7))},
		{"func f is unused", "staticcheck/U1000", "3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f", "minor", at("/elsewhere/gen/z.go", lines(10, 0))},
		{"Errors unhandled", "gosec/G104", missing, "major", at("mod/pkg/missing.go", lines(2, 0))},
		{"undefined: Fóo", "typecheck", sarif.Fingerprint("typecheck", "pkg/broken/x.go", []byte("\t_ = Fóo"), "", 0), "critical", at("mod/pkg/broken/x.go", lines(4, 0))},
	}
	if diff := cmp.Diff(want, issues, cmp.AllowUnexported(codeQualityIssue{}, codeQualityLocation{}, codeQualityLines{})); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
}

func TestGitLabEmpty(t *testing.T) {
	for _, in := range []Input{{}, {Notifications: []finding.Notification{{Message: "no position"}}}} {
		out := render(t, WriteGitLab, in)
		if string(out) != "[]\n" {
			t.Errorf("got %q, want %q", out, "[]\n")
		}
		validateCodeQuality(t, out)
	}
}

func TestGitLabLines(t *testing.T) {
	tests := []struct {
		line, endLine int
		want          codeQualityLines
	}{
		{5, 0, codeQualityLines{Begin: 5}},
		{5, 5, codeQualityLines{Begin: 5}},
		{5, 3, codeQualityLines{Begin: 5}},
		{5, 9, codeQualityLines{Begin: 5, End: 9}},
		{0, 0, codeQualityLines{Begin: 1}},
	}
	for _, tt := range tests {
		in := Input{Findings: []finding.Finding{{RuleID: "r", Fingerprint: "f", Pos: finding.Position{Path: "a.go", Line: tt.line}, EndLine: tt.endLine}}}
		issues := validateCodeQuality(t, render(t, WriteGitLab, in))
		if got := issues[0].Location.Lines; got != tt.want {
			t.Errorf("line %d endLine %d: lines = %+v, want %+v", tt.line, tt.endLine, got, tt.want)
		}
	}
}

func TestGitLabFingerprintsUnique(t *testing.T) {
	// Three findings with one fingerprint, and a fourth whose own
	// fingerprint is what the second would be given: all stay distinct,
	// and the same input gives the same fingerprints.
	derived := fingerprints{"f": true}.unique("f")
	in := Input{}
	for _, fp := range []string{"f", "f", "f", derived} {
		in.Findings = append(in.Findings, finding.Finding{RuleID: "r", Fingerprint: fp, Pos: finding.Position{Path: "a.go", Line: 1}})
	}
	first := validateCodeQuality(t, render(t, WriteGitLab, in))
	second := validateCodeQuality(t, render(t, WriteGitLab, in))
	if !slices.Equal(fingerprintsOf(first), fingerprintsOf(second)) {
		t.Errorf("fingerprints differ between runs: %v, %v", fingerprintsOf(first), fingerprintsOf(second))
	}
	if got := fingerprintsOf(first); got[0] != "f" || got[1] != derived {
		t.Errorf("fingerprints = %v: the first keeps its own, the second gets %s", got, derived)
	}
}

func fingerprintsOf(issues []codeQualityIssue) []string {
	var fps []string
	for _, is := range issues {
		fps = append(fps, is.Fingerprint)
	}
	return fps
}
