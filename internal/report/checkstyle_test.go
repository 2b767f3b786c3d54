package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

// checkstyleRead is the checkstyle document as a consumer reads it,
// telling a missing column from column 0.
type checkstyleRead struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int     `xml:"line,attr"`
			Column   *string `xml:"column,attr"`
			Severity string  `xml:"severity,attr"`
			Message  string  `xml:"message,attr"`
			Source   string  `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

// csError is an error element flattened with its file name.
type csError struct {
	File, Column, Severity, Message, Source string
	Line                                    int
}

func readCheckstyle(t *testing.T, out []byte) []csError {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(xml.Header)) {
		t.Errorf("no XML declaration: %q", out)
	}
	var doc checkstyleRead
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != checkstyleVersion {
		t.Errorf("version = %q", doc.Version)
	}
	var errs []csError
	for _, f := range doc.Files {
		for _, e := range f.Errors {
			col := "-"
			if e.Column != nil {
				col = *e.Column
			}
			errs = append(errs, csError{File: f.Name, Line: e.Line, Column: col, Severity: e.Severity, Message: e.Message, Source: e.Source})
		}
	}
	return errs
}

func TestCheckstyleRoundTrip(t *testing.T) {
	got := readCheckstyle(t, render(t, WriteCheckstyle, testInput()))
	want := []csError{
		{"/elsewhere/gen/z.go", "6", "info", "func f is unused", "staticcheck/U1000", 10},
		{"mod/main.go", "24", "warning", "this value of msg is never used", "staticcheck/SA4006", 4},
		{"mod/" + oddPath, "5", "info", "don't use underscores in Go names; var my_var should be myVar", "revive/var-naming", 3},
		{"mod/pkg/b.go", "2", "error", trickyMessage, "govet/printf", 6},
		{"mod/pkg/b.go", "12", "error", "Error return value of `fmt.Printf` is not checked", "errcheck", 6},
		{"mod/pkg/broken/x.go", "6", "error", "undefined: Fóo", "typecheck", 4},
		{"mod/pkg/dup.go", "1", "warning", "3-7 lines are duplicate of `pkg/dup.go:9-13`", "dupl", 3},
		{"mod/pkg/missing.go", "3", "warning", "Errors unhandled", "gosec/G104", 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors as read back (-want +got):\n%s", diff)
	}
}

func TestCheckstyleEmpty(t *testing.T) {
	for _, in := range []Input{{}, {Notifications: []finding.Notification{{Message: "no position"}}}} {
		out := string(render(t, WriteCheckstyle, in))
		if want := xml.Header + `<checkstyle version="5.0"></checkstyle>` + "\n"; out != want {
			t.Errorf("got %q, want %q", out, want)
		}
	}
}

func TestCheckstyleOrderAndColumns(t *testing.T) {
	in := Input{Findings: []finding.Finding{
		{RuleID: "c", Message: "no column", Level: finding.LevelError, Pos: finding.Position{Path: "b.go", Line: 2}},
		{RuleID: "b", Message: "later line", Level: finding.LevelNote, Pos: finding.Position{Path: "b.go", Line: 9, Column: 1}},
		{RuleID: "a", Message: "first", Pos: finding.Position{Path: "a.go", Line: 5, Column: 3}},
		{RuleID: "d", Message: "same place, report order", Level: finding.LevelError, Pos: finding.Position{Path: "b.go", Line: 2}},
	}}
	got := readCheckstyle(t, render(t, WriteCheckstyle, in))
	want := []csError{
		{"a.go", "3", "warning", "first", "a", 5},
		{"b.go", "-", "error", "no column", "c", 2},
		{"b.go", "-", "error", "same place, report order", "d", 2},
		{"b.go", "1", "info", "later line", "b", 9},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCheckstyleEscaping(t *testing.T) {
	out := string(render(t, WriteCheckstyle, testInput()))
	for _, raw := range []string{"<c>", `"d"`, "& ", "\nsecond", "\r"} {
		if strings.Contains(out, raw) {
			t.Errorf("report contains %q unescaped", raw)
		}
	}
}
