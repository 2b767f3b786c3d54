package lint

import (
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
		sarif.SetFingerprints(p.req.Root, p.deps.ReadFile, r.Findings)
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
