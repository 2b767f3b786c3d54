package runner

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/lintgate/lintgate/finding"
)

// UsageError is a problem with what lintgate was asked to lint that
// golangci-lint ran into: a pattern that matches nothing, a package
// directory that does not exist, a module without Go files, a go.mod the
// go command cannot read. It is the user's to fix (exit 2), not a tool
// failure, and its message is one line naming the pattern or file.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// What golangci-lint v2.15.0 says in these cases, in its report's error,
// its typecheck pseudo-issues or its log (logfmt, msg="..." quoted).
var (
	patternRE = regexp.MustCompile(`typechecking error: pattern (\S+): lstat (\S+?)/?: no such file or directory`)
	missingRE = regexp.MustCompile(`typechecking error: stat (\S+): directory not found`)
	goCmdRE   = regexp.MustCompile(`failed to load with go/packages: err: exit status \d+: stderr: ((?s).*)`)
	logMsgRE  = regexp.MustCompile(`msg=("(?:[^"\\]|\\.)*")`)
)

// usageProblem finds, in the notifications of a failed run, a problem
// that is the user's input; nil if there is none.
func usageProblem(dir, root string, patterns []string, notes []finding.Notification) error {
	for _, n := range notes {
		msg := logMessage(n.Message)
		if m := patternRE.FindStringSubmatch(msg); m != nil {
			return &UsageError{fmt.Sprintf("package pattern %s matches nothing: %s does not exist in %s; name a directory of the module (./... lints them all)", m[1], strings.TrimSuffix(m[2], "/"), dir)}
		}
		if m := missingRE.FindStringSubmatch(msg); m != nil {
			return &UsageError{fmt.Sprintf("package %s: directory %s does not exist; name a directory of the module (./... lints them all)", relPattern(dir, m[1]), m[1])}
		}
		if strings.Contains(msg, "no go files to analyze") {
			return &UsageError{fmt.Sprintf("%s: no Go files to lint in %s; add a package, or name packages that have Go files", strings.Join(patterns, " "), dir)}
		}
		if m := goCmdRE.FindStringSubmatch(msg); m != nil {
			return &UsageError{goCommandProblem(root, m[1])}
		}
	}
	return nil
}

// logMessage is the msg of a logfmt line (unquoted: real newlines), or
// the line itself.
func logMessage(line string) string {
	if m := logMsgRE.FindStringSubmatch(line); m != nil {
		if s, err := strconv.Unquote(m[1]); err == nil {
			return s
		}
	}
	return line
}

// goCommandProblem makes the go command's stderr one line: its header
// ("go: errors parsing go.mod:") dropped when details follow, the module
// root's path made relative.
func goCommandProblem(root, stderr string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, strings.ReplaceAll(l, root+string(filepath.Separator), ""))
		}
	}
	if len(lines) > 1 && strings.HasSuffix(lines[0], ":") {
		lines = lines[1:]
	}
	msg := strings.TrimPrefix(strings.Join(lines, "; "), "go: ")
	return msg + " (the go command cannot load the packages: fix this and run again)"
}
