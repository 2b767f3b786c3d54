package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/sarif"
)

// WriteGitHub writes GitHub Actions workflow commands that annotate the
// findings: the notifications first, then the findings in report order,
// one command per line. See the package doc for the escaping, the columns
// and the paths.
func WriteGitHub(w io.Writer, in Input) error {
	src := sarif.NewSources(in.Root, in.ReadFile)
	var b strings.Builder
	for _, n := range sortedNotifications(in.Notifications) {
		var props []property
		if n.Pos != nil {
			props = githubLocation(src, in.PathPrefix, *n.Pos, 0)
			props = append(props, property{"title", n.Source})
		}
		writeCommand(&b, githubCommand(notificationLevel(n)), props, n.Message)
	}
	for _, f := range in.Findings {
		props := githubLocation(src, in.PathPrefix, f.Pos, f.EndLine)
		props = append(props, property{"title", f.RuleID})
		writeCommand(&b, githubCommand(findingLevel(f)), props, f.Message)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubCommand is the workflow command of a level.
func githubCommand(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return "error"
	case finding.LevelNote:
		return "notice"
	}
	return "warning"
}

// property is a workflow command property; one with an empty value is
// left out.
type property struct{ key, value string }

// githubLocation is the file, line, endLine and col properties of p:
// endLine only when the finding spans lines, col (in UTF-16 code units)
// only when it does not and the source line can be read.
func githubLocation(src *sarif.Sources, prefix string, p finding.Position, endLine int) []property {
	props := []property{{"file", outputPath(prefix, p.Path)}}
	if p.Line <= 0 {
		return props
	}
	props = append(props, property{"line", strconv.Itoa(p.Line)})
	if endLine > p.Line {
		return append(props, property{"endLine", strconv.Itoa(endLine)})
	}
	if col, ok := src.UTF16Column(p); ok && col > 0 {
		props = append(props, property{"col", strconv.Itoa(col)})
	}
	return props
}

// writeCommand writes "::name key=value,...::message" and a newline, with
// properties and message escaped as @actions/core escapes them.
func writeCommand(b *strings.Builder, name string, props []property, message string) {
	b.WriteString("::")
	b.WriteString(name)
	first := true
	for _, p := range props {
		if p.value == "" {
			continue
		}
		if first {
			b.WriteByte(' ')
			first = false
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(escapeProperty(p.value))
	}
	b.WriteString("::")
	b.WriteString(escapeData(message))
	b.WriteByte('\n')
}

// dataEscaper and propertyEscaper are escapeData and escapeProperty of
// @actions/core (packages/core/src/command.ts in actions/toolkit).
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
