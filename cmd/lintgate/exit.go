package main

import (
	"errors"
	"fmt"
)

// The documented exit codes.
const (
	ExitOK       = 0  // the gate passed
	ExitFindings = 1  // findings fail the gate
	ExitUsage    = 2  // usage or configuration error
	ExitPolicy   = 3  // policy violation
	ExitTool     = 4  // a tool failed: crash, packages that do not load
	ExitDrift    = 42 // snapshot drift
)

// ExitError carries an exit code. Err, when not nil, is printed as one
// line on stderr; a nil Err exits silently (the command said it already).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// usageError is an ExitUsage error with a formatted message.
func usageError(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// exitCode maps an error returned by a command to the process exit code.
// Errors without an ExitError are usage errors: cobra's own (unknown
// flag, bad argument) are the common case.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitUsage
}
