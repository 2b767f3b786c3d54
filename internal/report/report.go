package report

import (
	"cmp"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/finding"
)

// Input is what every format writes.
type Input struct {
	// Root is the absolute module root, for reading sources (to convert
	// columns) and resolving relative paths.
	Root string
	// Findings are written in this order (checkstyle groups them by file).
	Findings      []finding.Finding
	Notifications []finding.Notification
	// Success is false when a package did not load or the tool failed.
	// Only the json format records it; the others show the notifications
	// that explain it.
	Success bool
	// ReadFile reads a source file by its absolute path; nil means
	// os.ReadFile.
	ReadFile func(string) ([]byte, error)
	// PathPrefix is the module root's slash-separated path relative to the
	// repository's top level, prepended to relative paths by the github,
	// gitlab and checkstyle formats: "" when the module is at the top,
	// "tools/lint" when it is two directories down. See the package doc.
	PathPrefix string
}

// WriteFunc writes in to w in one format.
type WriteFunc func(w io.Writer, in Input) error

var writers = map[string]WriteFunc{
	"checkstyle": WriteCheckstyle,
	"github":     WriteGitHub,
	"gitlab":     WriteGitLab,
	"json":       WriteJSON,
}

// Formats returns the names of the formats, sorted.
func Formats() []string {
	names := make([]string, 0, len(writers))
	for name := range writers {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Writer returns the writer of the named format, and false for a name
// Formats does not list.
func Writer(name string) (WriteFunc, bool) {
	w, ok := writers[name]
	return w, ok
}

// findingLevel is f's level, warning when it has none (as in the SARIF log).
func findingLevel(f finding.Finding) finding.Level {
	return cmp.Or(f.Level, finding.LevelWarning)
}

// notificationLevel is n's level, error when it has none.
func notificationLevel(n finding.Notification) finding.Level {
	return cmp.Or(n.Level, finding.LevelError)
}

// sortedNotifications returns a copy of ns sorted by position, source and
// message, the order of the SARIF log; notifications without a position
// come first.
func sortedNotifications(ns []finding.Notification) []finding.Notification {
	ns = slices.Clone(ns)
	slices.SortStableFunc(ns, finding.CompareNotifications)
	return ns
}

// isAbs reports whether a finding's path is absolute, on this system or
// as a slash path.
func isAbs(p string) bool {
	return strings.HasPrefix(p, "/") || filepath.IsAbs(filepath.FromSlash(p))
}

// outputPath is the path a consumer resolving paths against the
// repository's top level needs: prefix joined with a relative p, an
// absolute p as it is.
func outputPath(prefix, p string) string {
	prefix = filepath.ToSlash(prefix)
	if prefix == "" || p == "" || isAbs(p) {
		return p
	}
	return path.Join(prefix, p)
}
