package finding

import (
	"cmp"
	"fmt"
	"slices"
)

// Level is a SARIF result level.
type Level string

// The levels, from most to least severe. LevelNone is used for the gate
// ("--fail-on none") and never appears on a result.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
	LevelNone    Level = "none"
)

// Rank orders levels: error 3, warning 2, note 1, none 0; unknown levels
// rank as none.
func (l Level) Rank() int {
	switch l {
	case LevelError:
		return 3
	case LevelWarning:
		return 2
	case LevelNote:
		return 1
	}
	return 0
}

// ParseLevel parses a level name as written in flags and policy files.
func ParseLevel(s string) (Level, error) {
	switch l := Level(s); l {
	case LevelError, LevelWarning, LevelNote, LevelNone:
		return l, nil
	}
	return "", fmt.Errorf("unknown level %q (want error, warning, note or none)", s)
}

// Position is a place in a source file. Path is relative to the module
// root and uses forward slashes. Line and Column are 1-based; Column counts
// bytes and is 0 when unknown.
type Position struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// Edit replaces the bytes [Start, End) of the finding's file with NewText.
type Edit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

// Fix is a suggested fix: a description and edits to one file.
type Fix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
}

// Related is a secondary location that explains a finding.
type Related struct {
	Pos     Position `json:"pos"`
	Message string   `json:"message"`
}

// Finding is one problem reported by one linter at one place.
type Finding struct {
	// RuleID is "<linter>/<check>" or "<linter>" (staticcheck/SA4006,
	// revive/var-naming, errcheck).
	RuleID string `json:"ruleId"`
	// Linter is the golangci-lint linter that reported it.
	Linter string `json:"linter"`
	// Tool is the tool the rule belongs to: golangci-lint, staticcheck or
	// revive.
	Tool    string   `json:"tool"`
	Message string   `json:"message"`
	Level   Level    `json:"level"`
	Pos     Position `json:"pos"`
	// EndLine is the last line of a multi-line range, 0 when unknown.
	EndLine int       `json:"endLine,omitempty"`
	Fixes   []Fix     `json:"fixes,omitempty"`
	Related []Related `json:"related,omitempty"`
	// Fingerprint is the lintgate/v1 fingerprint (see package sarif), set
	// by sarif.SetFingerprints; "" until then.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Baseline is the finding's state against a baseline; "" without one.
	Baseline BaselineState `json:"baselineState,omitempty"`
	// Decl is the top-level declaration the finding is in, set by
	// sarif.SetFingerprints from the Go source; baselines match an edited
	// finding only within its declaration.
	Decl Decl `json:"-"`
}

// Decl is a top-level Go declaration: its name ("Clean", "T.Close",
// "Tmp", "import"), its SARIF logical location kind ("function",
// "member", "type", "variable", "declaration") and its first line. The
// zero Decl is "outside any declaration" (or the source is unknown).
type Decl struct {
	Name string
	Kind string
	Line int
}

// BaselineState says how a finding relates to a baseline, as SARIF's
// result.baselineState does.
type BaselineState string

// The baseline states. Absent marks a baseline finding the current run no
// longer reports.
const (
	BaselineNew       BaselineState = "new"
	BaselineUnchanged BaselineState = "unchanged"
	BaselineUpdated   BaselineState = "updated"
	BaselineAbsent    BaselineState = "absent"
)

// Compare orders findings by path, line, column, rule and message, the
// order lintgate reports them in.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.Path, b.Pos.Path),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts findings in place with Compare.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// Notification is something a tool said that is not a finding: a package
// that did not load, a warning it logged, a crash. It becomes a SARIF
// toolExecutionNotification.
type Notification struct {
	Level   Level     `json:"level"`
	Message string    `json:"message"`
	Pos     *Position `json:"pos,omitempty"`
	// Source names who said it: "typecheck", "golangci-lint" or "lintgate".
	Source string `json:"source"`
}

// CompareNotifications orders notifications by position (none first),
// source and message, the order lintgate reports them in.
func CompareNotifications(a, b Notification) int {
	var pa, pb Position
	if a.Pos != nil {
		pa = *a.Pos
	}
	if b.Pos != nil {
		pb = *b.Pos
	}
	return cmp.Or(
		cmp.Compare(pa.Path, pb.Path), cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Column, pb.Column),
		cmp.Compare(a.Source, b.Source), cmp.Compare(a.Message, b.Message),
	)
}
