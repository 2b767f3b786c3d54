package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/sarif"
)

// Report is the outcome of a Run: what renderers turn into SARIF, text,
// JSON and the other formats, and the gate's verdict.
type Report struct {
	// Root is the module root the paths are relative to.
	Root string
	// Findings are sorted, with the policy's levels, fingerprints when
	// Needs asked for them, and baseline states when compared.
	Findings      []finding.Finding
	Notifications []finding.Notification
	// Absent are the baseline's results this run no longer has.
	Absent []sarif.BaselineResult
	// Success is false when a package did not load or the tool failed.
	Success bool
	// Runs counts the tool's runs; 0 when there was nothing to lint.
	Runs int
	// Compared is true when the findings were compared with a baseline.
	Compared bool
	Gate     Gate
	// Sources are the sources the fingerprints were computed from, for
	// the SARIF log to reuse; nil when there are no fingerprints.
	Sources *sarif.Sources
}

// Gate is how the findings were judged.
type Gate struct {
	FailOn  finding.Level
	NewOnly bool
	// Failing counts the counted findings at or above FailOn.
	Failing int
	Verdict Verdict
}

// Verdict is the gate's decision.
type Verdict int

// The verdicts. A tool failure wins over findings, because a gate that
// did not see every package cannot pass.
const (
	Passed       Verdict = iota // every package linted, no counted finding at or above the level
	FindingsFail                // a counted finding is at or above the gate level
	ToolFailed                  // a package did not load or the tool failed
)

// Counts reports whether a finding counts for the gate (and is listed):
// every finding, or only new ones under NewOnly.
func (g Gate) Counts(f finding.Finding) bool {
	return !g.NewOnly || f.Baseline == finding.BaselineNew
}

// judge decides the verdict on fs.
func judge(fs []finding.Finding, success bool, failOn finding.Level, newOnly bool) Gate {
	g := Gate{FailOn: failOn, NewOnly: newOnly}
	if failOn != finding.LevelNone {
		for _, f := range fs {
			if g.Counts(f) && f.Level.Rank() >= failOn.Rank() {
				g.Failing++
			}
		}
	}
	switch {
	case !success:
		g.Verdict = ToolFailed
	case g.Failing > 0:
		g.Verdict = FindingsFail
	}
	return g
}

// report is the findings pipeline: the changed lines, the policy's
// levels, fingerprints, the baseline, and the gate.
func (p *pipeline) report(res ToolResult) *Report {
	r := &Report{Root: p.req.Root, Findings: res.Findings, Notifications: res.Notifications, Success: res.Success, Runs: res.Runs}
	if s := p.req.Scope; s != nil && res.Runs > 0 {
		r.Findings = s.Keep(r.Findings)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Level = p.req.Policy.Level(f.RuleID, f.Level)
	}
	finding.Sort(r.Findings)
	if p.req.Needs.Fingerprints || p.req.Baseline != nil {
		r.Sources = sarif.NewSources(p.req.Root, p.deps.ReadFile)
		r.Sources.SetFingerprints(r.Findings)
		r.Notifications = append(r.Notifications, p.unreadable(r.Findings)...)
	}
	if p.req.Baseline != nil {
		r.Notifications = append(r.Notifications, p.req.Baseline.Notifications()...) // its invalid parts
		r.Absent = p.req.Baseline.Apply(r.Findings)
		r.Compared = true
	}
	r.Gate = judge(r.Findings, r.Success, p.req.FailOn, p.req.NewOnly)
	p.done(StepFindings)
	return r
}

// unreadable is a warning for every file with findings that cannot be
// read after the lint (removed or renamed meanwhile): its findings keep
// what the tool said (line, column, message) but have no snippet, and
// their fingerprints lack the line's text, so a baseline may call them
// new.
func (p *pipeline) unreadable(findings []finding.Finding) []finding.Notification {
	read := p.deps.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	count := map[string]int{}
	var paths []string
	for _, f := range findings {
		if count[f.Pos.Path] == 0 {
			paths = append(paths, f.Pos.Path)
		}
		count[f.Pos.Path]++
	}
	var out []finding.Notification
	for _, path := range paths {
		abs := filepath.FromSlash(path)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(p.req.Root, abs)
		}
		if _, err := read(abs); err != nil {
			if pe, ok := errors.AsType[*fs.PathError](err); ok {
				err = pe.Err // the path is named already
			}
			out = append(out, finding.Notification{Level: finding.LevelWarning, Source: "lintgate", Message: fmt.Sprintf(
				"%s: cannot read the file after the lint (%v): its %d finding(s) keep the tool's line and column but have no snippet, "+
					"and their fingerprints lack the line's text, so a baseline may call them new; run again once the file is back", path, err, count[path])})
		}
	}
	return out
}
