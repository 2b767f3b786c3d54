package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// Output is what one golangci-lint run reported.
type Output struct {
	Findings []finding.Finding
	// LoadErrors are the compiler errors of packages that did not load.
	LoadErrors []finding.Notification
	// BrokenDirs are the directories of those packages, absolute.
	BrokenDirs []string
	// Warnings are the report's warnings and error.
	Warnings []finding.Notification
}

// jsonOutput mirrors golangci-lint's JSON printer (pkg/printers/json.go).
type jsonOutput struct {
	Issues []jsonIssue
	Report struct {
		Warnings []struct{ Tag, Text string }
		Error    string
	}
}

type jsonIssue struct {
	FromLinter string
	Text       string
	Severity   string
	Pos        struct {
		Filename     string
		Line, Column int
	}
	LineRange      *struct{ From, To int }
	SuggestedFixes []struct {
		Message   string
		TextEdits []struct {
			Pos, End int
			NewText  []byte // base64 in the JSON
		}
	}
}

// relatedRE matches the text of an issue golangci-lint split off from an
// analyzer's related information: "SA4006(related information): msg".
var relatedRE = regexp.MustCompile(`^([A-Za-z0-9_-]+)\(related information\): (.*)$`)

// Parse reads golangci-lint's JSON output. dir is the directory the child
// ran in and root the module root; paths become root-relative with forward
// slashes. The catalog assigns rule ids.
func Parse(data []byte, dir, root string, cat *rules.Catalog) (Output, error) {
	var raw jsonOutput
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return Output{}, fmt.Errorf("reading golangci-lint's JSON output: %w", err)
	}
	p := parser{dir: dir, root: root, cat: cat}
	var out Output
	var related []jsonIssue
	for _, is := range raw.Issues {
		switch {
		case is.FromLinter == "typecheck":
			out.LoadErrors = append(out.LoadErrors, p.loadErrors(is)...)
			if dir := filepath.Dir(p.abs(is.Pos.Filename)); !slices.Contains(out.BrokenDirs, dir) {
				out.BrokenDirs = append(out.BrokenDirs, dir)
			}
		case relatedRE.MatchString(is.Text):
			related = append(related, is)
		default:
			out.Findings = append(out.Findings, p.finding(is))
		}
	}
	out.Findings = p.attachRelated(out.Findings, related)
	for _, w := range raw.Report.Warnings {
		out.Warnings = append(out.Warnings, finding.Notification{Level: finding.LevelWarning, Message: strings.TrimSpace(w.Tag + " " + w.Text), Source: GolangciName})
	}
	if raw.Report.Error != "" {
		out.Warnings = append(out.Warnings, finding.Notification{Level: finding.LevelError, Message: raw.Report.Error, Source: GolangciName})
	}
	return out, nil
}

type parser struct {
	dir, root string
	cat       *rules.Catalog
}

func (p parser) abs(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(p.dir, name)
}

// rel makes a file name root-relative with forward slashes. A file
// outside the root keeps its absolute path.
func (p parser) rel(name string) string {
	abs := p.abs(name)
	r, err := filepath.Rel(p.root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

func (p parser) finding(is jsonIssue) finding.Finding {
	rule, msg := p.cat.Classify(is.FromLinter, is.Text)
	f := finding.Finding{
		RuleID:  rule.ID,
		Linter:  is.FromLinter,
		Tool:    rule.Tool,
		Message: msg,
		Level:   levelOf(is.Severity, rule.Level),
		Pos:     finding.Position{Path: p.rel(is.Pos.Filename), Line: is.Pos.Line, Column: is.Pos.Column},
	}
	if is.LineRange != nil && is.LineRange.To > is.Pos.Line {
		f.EndLine = is.LineRange.To
	}
	for _, sf := range is.SuggestedFixes {
		fix := finding.Fix{Description: sf.Message}
		for _, e := range sf.TextEdits {
			fix.Edits = append(fix.Edits, finding.Edit{Start: e.Pos, End: e.End, NewText: string(e.NewText)})
		}
		if len(fix.Edits) > 0 {
			f.Fixes = append(f.Fixes, fix)
		}
	}
	return f
}

// levelOf maps golangci-lint's severity (set by revive, or by severity
// rules in .golangci.yml, gosec's low/medium/high) to a SARIF level, falling back to the rule's.
func levelOf(severity string, def finding.Level) finding.Level {
	switch strings.ToLower(severity) {
	case "error", "high":
		return finding.LevelError
	case "warning", "warn", "medium":
		return finding.LevelWarning
	case "info", "note", "hint", "low":
		return finding.LevelNote
	}
	return def
}

// compilerLineRE matches one compiler error line: file.go:line[:col]: msg.
var compilerLineRE = regexp.MustCompile(`^(\S[^:\n]*\.go):(\d+)(?::(\d+))?: (.+)$`)

// loadErrors turns a typecheck pseudo-issue into one notification per
// compiler error it carries, each at its real position.
func (p parser) loadErrors(is jsonIssue) []finding.Notification {
	var out []finding.Notification
	for _, line := range strings.Split(is.Text, "\n") {
		m := compilerLineRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3]) // "" when the compiler gave no column: 0
		pos := &finding.Position{Path: p.rel(m[1]), Line: line, Column: col}
		out = append(out, finding.Notification{Level: finding.LevelError, Message: m[4], Pos: pos, Source: "typecheck"})
	}
	if len(out) == 0 {
		msg := strings.TrimSpace(strings.TrimPrefix(is.Text, ":"))
		pos := &finding.Position{Path: p.rel(is.Pos.Filename), Line: is.Pos.Line, Column: is.Pos.Column}
		if pos.Line == 0 {
			pos = nil
		}
		out = append(out, finding.Notification{Level: finding.LevelError, Message: msg, Pos: pos, Source: "typecheck"})
	}
	return out
}

// attachRelated folds the issues golangci-lint split off from related
// information back into their parent: a finding of the same linter and
// analyzer in the same file (golangci-lint moves related positions in other
// files onto the diagnostic itself), the nearest one by line. One with no
// parent stays a finding of its own rather than being lost.
func (p parser) attachRelated(fs []finding.Finding, related []jsonIssue) []finding.Finding {
	var orphans []finding.Finding
	for _, is := range related {
		m := relatedRE.FindStringSubmatch(is.Text)
		pos := finding.Position{Path: p.rel(is.Pos.Filename), Line: is.Pos.Line, Column: is.Pos.Column}
		parent := nearestParent(fs, is.FromLinter, m[1], pos)
		if parent < 0 {
			orphans = append(orphans, p.finding(jsonIssue{FromLinter: is.FromLinter, Text: m[1] + ": " + m[2], Severity: is.Severity, Pos: is.Pos}))
			continue
		}
		fs[parent].Related = append(fs[parent].Related, finding.Related{Pos: pos, Message: m[2]})
	}
	return append(fs, orphans...)
}

// nearestParent returns the index of the finding of linter and analyzer
// in pos's file closest to pos's line, or -1.
func nearestParent(fs []finding.Finding, linter, analyzer string, pos finding.Position) int {
	best, bestDist := -1, 0
	for i, f := range fs {
		if f.Linter != linter || f.Pos.Path != pos.Path {
			continue
		}
		if !strings.HasSuffix(f.RuleID, "/"+analyzer) && f.RuleID != analyzer {
			continue
		}
		d := f.Pos.Line - pos.Line
		if d < 0 {
			d = -d
		}
		if best < 0 || d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}
