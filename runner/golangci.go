package runner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	"github.com/lintgate/lintgate/runner/internal/prestart"
)

// GolangciName is the argv[0] under which the lintgate binary behaves as
// golangci-lint.
const GolangciName = prestart.GolangciName

// IsGolangciName reports whether argv0 names golangci-lint (busybox-style
// dispatch): "golangci-lint", a path ending in it, or "golangci-lint.exe".
func IsGolangciName(argv0 string) bool {
	base := strings.TrimSuffix(filepath.Base(argv0), ".exe")
	return base == GolangciName
}

// ExecuteGolangci runs the embedded golangci-lint on os.Args exactly as the
// real binary's main does and returns its exit code. It must run in a
// process of its own: golangci-lint calls os.Exit itself and keeps global
// state. Only cmd/lintgate's main calls it. Its temporary directory is
// one of this user's own (see usePrivateTempDir), for golangci-lint's lock.
//
// A child started by StartChild first waits for its arguments; ended
// before it got them, it returns ExitNotStarted having run nothing.
func ExecuteGolangci() int {
	return ExecuteGolangciThen(nil)
}

// ExecuteGolangciThen is ExecuteGolangci that calls started, when not
// nil, with golangci-lint's arguments just before golangci-lint runs: a
// test's proof of what ran (a child ended before it got its arguments
// runs nothing and calls nothing).
func ExecuteGolangciThen(started func(args []string)) int {
	args, ok := awaitArgs()
	if !ok {
		return ExitNotStarted
	}
	os.Args = args
	if started != nil {
		started(args)
	}
	pins := ReadPins()
	info := commands.BuildInfo{
		Version:   SemVer(pins.GolangciLint.Version),
		GoVersion: runtime.Version(),
		Commit:    fmt.Sprintf("(embedded in lintgate %s, mod sum: %q)", pins.Lintgate.Version, pins.GolangciLint.Sum),
		Date:      "(unknown)",
	}
	if info.Version == "" {
		info.Version = "(devel)"
	}
	if _, err := usePrivateTempDir(); err != nil {
		fmt.Fprintf(os.Stderr, "lintgate: %v (golangci-lint's lock stays in %s, shared with other users)\n", err, os.TempDir())
	}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		if strings.Contains(err.Error(), "parallel golangci-lint is running") {
			fmt.Fprintf(os.Stderr, "lintgate: %s\n", lockHint(os.TempDir()))
		}
		var ee *exitcodes.ExitError
		if errors.As(err, &ee) {
			return ee.Code
		}
		return exitcodes.Failure
	}
	return exitcodes.Success
}
