package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pos is a place in a YAML file: 1-based line and column (in bytes, as
// yaml.v3 counts them). A zero Line means the value was absent from the
// file; Col is 0 when only the line is known.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as "file:line:col", "file:line" or "file".
func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether the position names a line, that is, whether the
// value it belongs to was written in the file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// nodePos is the position of n in file.
func nodePos(file string, n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: file}
	}
	return Pos{File: file, Line: n.Line, Col: n.Column}
}

// Problem is one error in lintgate.yml or .golangci.yml, or one policy
// violation, at a place in a file.
type Problem struct {
	File string
	Line int // 1-based; 0 when the problem concerns the whole file
	Col  int // 1-based; 0 when only the line is known
	Msg  string
	// Violation marks a policy violation (a linter or plugin the policy
	// does not allow, a plugin whose hash differs, a required linter that
	// is off, a pin mismatch: exit code 3) as opposed to an error in a
	// file (malformed, unknown keys or names: exit code 2).
	Violation bool
}

// Pos returns where the problem is.
func (p Problem) Pos() Pos { return Pos{File: p.File, Line: p.Line, Col: p.Col} }

// String formats the problem as "file:line:col: message".
func (p Problem) String() string { return p.Pos().String() + ": " + p.Msg }

// Error makes a Problem usable as an error.
func (p Problem) Error() string { return p.String() }

// problemAt builds a Problem at pos. Its message is kept to one line
// (line breaks escaped), so that a list of problems prints one per line.
func problemAt(pos Pos, violation bool, format string, args ...any) Problem {
	msg := oneLine.Replace(fmt.Sprintf(format, args...))
	return Problem{File: pos.File, Line: pos.Line, Col: pos.Col, Msg: msg, Violation: violation}
}

var oneLine = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`)

// SortProblems sorts problems by file, line, column and message, and drops
// exact duplicates.
func SortProblems(ps []Problem) []Problem {
	slices.SortFunc(ps, compareProblems)
	return slices.Compact(ps)
}

func compareProblems(a, b Problem) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Msg, b.Msg),
		cmpBool(a.Violation, b.Violation),
	)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// HasViolation reports whether any of the problems is a policy violation.
func HasViolation(ps []Problem) bool {
	return slices.ContainsFunc(ps, func(p Problem) bool { return p.Violation })
}

// PolicyError holds every problem found in a file: ParsePolicy and
// LoadPolicy report all of them at once, not just the first.
type PolicyError struct {
	// Problems are sorted by position.
	Problems []Problem
	// Partial is the policy as far as it could be decoded, nil when the
	// file is not YAML; checking it too lets lintgate policy check report
	// every problem in one go.
	Partial *Policy
	// cause is the underlying error of a file that could not be read, so
	// that errors.Is(err, fs.ErrNotExist) works.
	cause error
}

// Error prints one problem per line, at most MaxListed of them and then
// how many more there are.
func (e *PolicyError) Error() string {
	shown, more := e.Problems, ""
	if len(shown) > MaxListed {
		shown, more = shown[:MaxListed], "\n"+MoreProblems(len(e.Problems))
	}
	lines := make([]string, len(shown))
	for i, p := range shown {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n") + more
}

// MaxListed is how many problems are listed at most: a file with
// millions of problems must not print millions of lines (the first ones
// are what to fix; many come from one mistake).
const MaxListed = 50

// MoreProblems is the line that follows the first MaxListed of total
// problems.
func MoreProblems(total int) string {
	return fmt.Sprintf("%d more problems not shown (%d in all); fix those above and run lintgate policy check again", total-MaxListed, total)
}

// Unwrap returns the error that kept the file from being read, if any.
func (e *PolicyError) Unwrap() error { return e.cause }
