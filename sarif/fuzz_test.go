package sarif

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lintgate/lintgate/finding"
)

// addLogSeeds adds the small golden logs and a few hand-made ones (the
// large golden log slows every mutation down).
func addLogSeeds(f *testing.F, add func(data []byte)) {
	for _, name := range []string{"broken", "clean", "fixes"} {
		p := filepath.Join("..", "testdata", "golden", name+".sarif")
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
	for _, s := range []string{
		`{"version": "2.1.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "errcheck", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "p.go", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": -5}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "r"}]}}, "artifacts": [{"location": {"uri": "a.go"}}], "results": [{"ruleIndex": 0, "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 3, "endLine": 1}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "p.go"}}, "logicalLocations": [{"name": "f", "kind": "function", "properties": {"startLine": 1e300}}]}]}]}]}`,
		`{"version": "2.0.0"}`, `[]`, `{`, ``,
	} {
		add([]byte(s))
	}
}

// FuzzParseBaseline: ParseBaseline never panics, and a baseline it
// accepts, applied to a run, never makes the new log invalid: whatever
// the baseline holds, the log still passes the schema.
func FuzzParseBaseline(f *testing.F) {
	addLogSeeds(f, func(data []byte) { f.Add(data) })
	src := "package p\n\nfunc f() {\n\tg()\n\th()\n}\n"
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBaseline("b.sarif", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "b.sarif: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		in := testInput(t, []finding.Finding{finding1("errcheck", 4, "m"), finding1("staticcheck/SA4006", 5, "x")})
		in.ReadFile = withP(src, nil)
		SetFingerprints(in.Root, in.ReadFile, in.Findings)
		in.Absent = b.Apply(in.Findings)
		in.Notifications = b.Notifications()
		rep, err := Build(in)
		if err != nil {
			return // a rule of the baseline the catalog does not know is reported, not written
		}
		out, err := Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		if err := ValidateSchema(out); err != nil {
			t.Fatalf("the log built with this baseline is invalid: %v\n%s", err, out)
		}
	})
}

// FuzzMerge: Merge never panics and never writes an invalid log: it
// either merges or says which input is wrong.
func FuzzMerge(f *testing.F) {
	var seeds [][]byte
	addLogSeeds(f, func(data []byte) { seeds = append(seeds, data) })
	for i, a := range seeds {
		f.Add(a, seeds[(i+1)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		out, err := Merge([]MergeInput{{"a.sarif", a}, {"b.sarif", b}})
		if err != nil {
			if strings.Contains(err.Error(), "lintgate bug") {
				t.Fatal(err)
			}
			return
		}
		if err := ValidateSchema(out); err != nil {
			t.Fatalf("merged log invalid: %v", err)
		}
	})
}

// FuzzValidate: Validate never panics; its only error for bad input is a
// *SyntaxError with a position.
func FuzzValidate(f *testing.F) {
	addLogSeeds(f, func(data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Validate(data)
		if err == nil {
			return
		}
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line < 1 || se.Column < 1 {
			t.Fatalf("error %v (%T), want a positioned *SyntaxError", err, err)
		}
	})
}
