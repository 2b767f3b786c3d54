package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/lint"
)

// summary is what a person reads after a run: the findings, the
// notifications, the counts and the gate's verdict, rendered from the
// lint report.
type summary struct {
	rep *lint.Report
}

func newSummary(rep *lint.Report) summary { return summary{rep: rep} }

// gateExit is the run's exit error for the gate's verdict.
func gateExit(g lint.Gate) error {
	switch g.Verdict {
	case lint.ToolFailed:
		return &ExitError{Code: ExitTool}
	case lint.FindingsFail:
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func levelColor(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return ansiRed
	case finding.LevelWarning:
		return ansiYellow
	}
	return ansiCyan
}

// print writes one line per finding (path:line:col: level rule: message,
// byte columns as Go tools print them), the notifications, and the counts.
func (s summary) print(w io.Writer, color, findings bool) error {
	paint := func(code, text string) string {
		if !color {
			return text
		}
		return code + text + ansiReset
	}
	var b strings.Builder
	if findings {
		for _, f := range s.rep.Findings {
			if !s.rep.Gate.Counts(f) {
				continue
			}
			fmt.Fprintf(&b, "%s: %s %s: %s\n", posString(f.Pos), paint(levelColor(f.Level), string(f.Level)), paint(ansiBold, f.RuleID), f.Message)
		}
	}
	for _, n := range s.rep.Notifications {
		where := ""
		if n.Pos != nil {
			where = posString(*n.Pos) + ": "
		}
		fmt.Fprintf(&b, "%s%s %s: %s\n", where, paint(levelColor(n.Level), string(n.Level)), n.Source, n.Message)
	}
	b.WriteString(s.tally())
	b.WriteString(s.verdict())
	_, err := io.WriteString(w, b.String())
	return err
}

func posString(p finding.Position) string {
	if p.Column > 0 {
		return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d", p.Path, p.Line)
}

// tally is "N findings: E error, W warning, N note", the linters, and the
// baseline states.
func (s summary) tally() string {
	fs := s.rep.Findings
	byLevel := map[finding.Level]int{}
	byLinter := map[string]int{}
	for _, f := range fs {
		byLevel[f.Level]++
		byLinter[f.Linter]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %d error, %d warning, %d note\n", len(fs), plural(len(fs), "finding"),
		byLevel[finding.LevelError], byLevel[finding.LevelWarning], byLevel[finding.LevelNote])
	b.WriteString(errorTally(s.rep.Notifications))
	linters := slices.SortedFunc(maps.Keys(byLinter), func(a, b string) int {
		return cmp.Or(cmp.Compare(byLinter[b], byLinter[a]), cmp.Compare(a, b))
	})
	if len(linters) > 0 {
		parts := make([]string, len(linters))
		for i, l := range linters {
			parts[i] = fmt.Sprintf("%s %d", l, byLinter[l])
		}
		fmt.Fprintf(&b, "by linter: %s\n", strings.Join(parts, ", "))
	}
	if s.rep.Compared {
		byState := map[finding.BaselineState]int{}
		for _, f := range fs {
			byState[f.Baseline]++
		}
		fmt.Fprintf(&b, "baseline: %d new, %d unchanged, %d updated, %d absent\n",
			byState[finding.BaselineNew], byState[finding.BaselineUnchanged], byState[finding.BaselineUpdated], len(s.rep.Absent))
	}
	return b.String()
}

// errorTally counts the errors that are not findings, so that the counts
// never say "0 error" under an error line: packages that did not load
// (typecheck) and errors of the tools themselves.
func errorTally(notes []finding.Notification) string {
	load := 0
	bySource := map[string]int{}
	for _, n := range notes {
		switch {
		case n.Level != finding.LevelError:
		case n.Source == "typecheck":
			load++
		default:
			bySource[n.Source]++
		}
	}
	var b strings.Builder
	if load == 1 {
		b.WriteString("1 load error: the package it names was not linted\n")
	} else if load > 1 {
		fmt.Fprintf(&b, "%d load errors: the packages they name were not linted\n", load)
	}
	if len(bySource) > 0 {
		n, parts := 0, []string{}
		for _, src := range slices.Sorted(maps.Keys(bySource)) {
			n += bySource[src]
			parts = append(parts, src)
		}
		fmt.Fprintf(&b, "%d tool %s (%s)\n", n, plural(n, "error"), strings.Join(parts, ", "))
	}
	return b.String()
}

func (s summary) verdict() string {
	g := s.rep.Gate
	switch {
	case g.Verdict == lint.ToolFailed:
		return "gate: FAILED, the tool did not lint every package (see the errors above)\n"
	case g.Verdict == lint.FindingsFail:
		return fmt.Sprintf("gate: FAILED, %d %s%s at or above %s\n", g.Failing, newWord(g), plural(g.Failing, "finding"), g.FailOn)
	case g.FailOn == finding.LevelNone:
		return "gate: passed (--fail-on none)\n"
	default:
		return fmt.Sprintf("gate: passed, no %sfinding at or above %s\n", newWord(g), g.FailOn)
	}
}

func newWord(g lint.Gate) string {
	if g.NewOnly {
		return "new "
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// colorEnabled reports whether w is a terminal and NO_COLOR is unset
// (https://no-color.org: any non-empty value disables colour).
func colorEnabled(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && isTerminal(w)
}
