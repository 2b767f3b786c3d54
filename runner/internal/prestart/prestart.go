// Package prestart starts the golangci-lint child of a lintgate process
// that will lint, at the very start of that process: before the packages
// of every linter the binary links are initialised, which takes a
// lintgate process its first ~150 ms. Started from here, the child's own
// initialisation runs beside the parent's instead of after it.
//
// The package imports only syscall and sync, so that the Go runtime initialises
// it before any package that needs os or fmt, and so before every
// linter. Its child is what runner.StartChild would start: this binary
// under the name golangci-lint, in its own process group, blocked on a
// read of its stdin until the parent hands over its arguments; it runs
// nothing before that, and a parent that ends without handing any over
// (a refused policy, a usage error, a signal) leaves it an EOF, on which
// it exits.
package prestart

import "sync"

// GolangciName is the name (argv[0]) under which lintgate is golangci-lint.
const GolangciName = "golangci-lint"

// ArgsEnv tells a golangci-lint child to read its arguments from stdin
// before it does anything: set to "stdin" by runner.StartChild, to
// ByProcessStart by this package.
const ArgsEnv = "LINTGATE_GOLANGCI_ARGS"

// ByProcessStart is ArgsEnv's value for a child started here.
const ByProcessStart = "prestart"

// OffEnv is the variable that, set to "off", starts no child at the
// start of the process: the parent starts one when it needs it, after its
// own initialisation.
const OffEnv = "LINTGATE_PRESTART"

// Child is a child started at the start of the process: its pid and the
// parent's ends of its stdin, stdout and stderr pipes (close-on-exec).
type Child struct {
	Pid                   int
	Stdin, Stdout, Stderr uintptr
}

var (
	mu      sync.Mutex
	started *Child
)

// Take returns the child started with the process, once; ok is false
// when none was started or it was already taken.
func Take() (c Child, ok bool) {
	mu.Lock()
	defer mu.Unlock()
	if started == nil {
		return Child{}, false
	}
	c, started = *started, nil
	return c, true
}

// Lints reports whether a lintgate process with these arguments (argv[0]
// first) runs golangci-lint: the commands that lint, without the flags
// that only print. A wrong guess costs a child that is ended unstarted.
func Lints(args []string) bool {
	if len(args) < 2 || isGolangciName(args[0]) {
		return false
	}
	switch args[1] {
	case "run", "baseline":
	default:
		return false
	}
	for _, a := range args[2:] {
		switch a {
		case "-h", "--help", "-help", "--version":
			return false
		case "--":
			return true
		}
	}
	return true
}

// isGolangciName is runner.IsGolangciName, without the packages it uses:
// the base name of argv0, less ".exe", is golangci-lint.
func isGolangciName(argv0 string) bool {
	base := argv0
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '/' || base[i] == '\\' {
			base = base[i+1:]
			break
		}
	}
	if len(base) > 4 && base[len(base)-4:] == ".exe" {
		base = base[:len(base)-4]
	}
	return base == GolangciName
}
