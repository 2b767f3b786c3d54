package report

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"

	"github.com/lintgate/lintgate/finding"
)

// checkstyleVersion is the version attribute of the checkstyle element.
// Consumers ignore it; golangci-lint writes the same.
const checkstyleVersion = "5.0"

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

// checkstyleError has XMLLogger's attributes in XMLLogger's order.
type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// WriteCheckstyle writes Checkstyle XML: one file element per path,
// sorted, holding the findings and positioned notifications on it sorted
// by line and column. See the package doc.
func WriteCheckstyle(w io.Writer, in Input) error {
	byFile := map[string][]checkstyleError{}
	add := func(p finding.Position, e checkstyleError) {
		e.Line, e.Column = p.Line, max(p.Column, 0)
		name := outputPath(in.PathPrefix, p.Path)
		byFile[name] = append(byFile[name], e)
	}
	for _, f := range in.Findings {
		add(f.Pos, checkstyleError{Severity: checkstyleSeverity(findingLevel(f)), Message: f.Message, Source: f.RuleID})
	}
	for _, n := range sortedNotifications(in.Notifications) {
		if n.Pos != nil {
			add(*n.Pos, checkstyleError{Severity: checkstyleSeverity(notificationLevel(n)), Message: n.Message, Source: cmp.Or(n.Source, "lintgate")})
		}
	}
	rep := checkstyleReport{Version: checkstyleVersion}
	for name, errs := range byFile {
		slices.SortStableFunc(errs, func(a, b checkstyleError) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		rep.Files = append(rep.Files, checkstyleFile{Name: name, Errors: errs})
	}
	slices.SortFunc(rep.Files, func(a, b checkstyleFile) int { return cmp.Compare(a.Name, b.Name) })

	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("encode checkstyle report: %w", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// checkstyleSeverity maps a level to a Checkstyle severity.
func checkstyleSeverity(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return "error"
	case finding.LevelNote:
		return "info"
	}
	return "warning"
}
