package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/internal/report"
	"github.com/lintgate/lintgate/lint"
)

// outputPlan is every output of a run, decided before the lint starts:
// the formats and where each goes, the next baseline, and so what the
// lint must compute for them.
type outputPlan struct {
	outputs []output
	// baseline is where the run's log goes as the next baseline
	// (--write-baseline, lintgate baseline -o); "" for none.
	baseline string
	// summaryOnly is lintgate baseline: no outputs, the summary on
	// stdout without the findings.
	summaryOnly bool
	quiet       bool
	category    string
	maxResults  int
	// endProgress, when set, ends the progress line before anything is
	// printed.
	endProgress func()
}

// planOutputs plans the outputs the options ask for.
func planOutputs(o runOptions) (outputPlan, error) {
	p := outputPlan{baseline: o.writeBaseline, quiet: o.quiet, category: o.category, maxResults: o.max}
	if o.baselineCmd {
		p.summaryOnly = true
		return p, nil
	}
	outs, err := parseFormats(o.formats, o.output)
	if err != nil {
		return p, usageError("%v", err)
	}
	p.outputs = outs
	return p, nil
}

// has reports whether the plan writes the format.
func (p outputPlan) has(format string) bool {
	return slices.ContainsFunc(p.outputs, func(o output) bool { return o.format == format })
}

// needs is what the lint must compute for these outputs: fingerprints
// for SARIF, JSON, GitLab and a baseline; none for text, GitHub and
// checkstyle.
func (p outputPlan) needs() lint.Needs {
	return lint.Needs{Fingerprints: p.baseline != "" || p.has("sarif") || p.has("json") || p.has("gitlab")}
}

// needsProvenance reports whether an output names the repository: the
// SARIF log's versionControlProvenance, and the path prefix of the
// formats that name files from the repository's top level.
func (p outputPlan) needsProvenance() bool {
	return p.has("sarif") || p.has("github") || p.has("gitlab") || p.has("checkstyle")
}

// output is one format of a run and where it goes: a file, stdout ("-")
// or stderr (toStderr).
type output struct {
	format string
	path   string
}

const toStderr = "<stderr>"

// formatNames lists every --format name.
func formatNames() []string {
	return slices.Sorted(slices.Values(append([]string{"sarif", "text"}, report.Formats()...)))
}

// parseFormats turns --format values (NAME or NAME=FILE, comma-separated
// or repeated) into outputs. Without any, the SARIF log goes to sarifPath
// and the text to stdout (stderr when the log takes stdout). SARIF goes
// to sarifPath unless a file is named; the others default to stdout,
// which only one format may use.
func parseFormats(specs []string, sarifPath string) ([]output, error) {
	if len(specs) == 0 {
		text := "-"
		if sarifPath == "-" {
			text = toStderr
		}
		return []output{{"sarif", sarifPath}, {"text", text}}, nil
	}
	var outs []output
	for _, spec := range specs {
		name, path, hasPath := strings.Cut(spec, "=")
		if !slices.Contains(formatNames(), name) {
			return nil, fmt.Errorf("--format %q: unknown format (want %s)", spec, strings.Join(formatNames(), ", "))
		}
		if hasPath && path == "" {
			return nil, fmt.Errorf("--format %q: empty file name", spec)
		}
		if !hasPath {
			path = "-"
			if name == "sarif" {
				path = sarifPath
			}
		}
		if slices.ContainsFunc(outs, func(o output) bool { return o.format == name }) {
			return nil, fmt.Errorf("--format %s given twice", name)
		}
		outs = append(outs, output{name, path})
	}
	var stdout []string
	for _, o := range outs {
		if o.path == "-" {
			stdout = append(stdout, o.format)
		}
	}
	if len(stdout) > 1 {
		return nil, fmt.Errorf("--format: %s all write to standard output; name a file for all but one (NAME=FILE)", strings.Join(stdout, ", "))
	}
	return outs, nil
}

// render produces one output's bytes; text is rendered by the caller.
func render(format string, log []byte, in report.Input) ([]byte, error) {
	if format == "sarif" {
		return log, nil
	}
	write, ok := report.Writer(format)
	if !ok {
		return nil, fmt.Errorf("no writer for format %s", format)
	}
	var buf bytes.Buffer
	if err := write(&buf, in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// destination is the stream of an output that is not a file.
func (o output) destination(e *env) (io.Writer, bool) {
	switch o.path {
	case "-":
		return e.stdout, true
	case toStderr:
		return e.stderr, true
	}
	return nil, false
}
