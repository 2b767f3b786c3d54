package lint

import (
	"context"

	"github.com/lintgate/lintgate/finding"
)

// Runner starts the tool. Start is called first, before the policy is
// checked, so that the tool can start up meanwhile; it must not read a
// configuration, load a plugin or lint anything until Lint is called on
// the Tool it returns.
type Runner interface {
	// Start prepares a run from dir in the module at root.
	Start(ctx context.Context, root, dir string) (Tool, error)
}

// Tool is a started tool, waiting for its work.
type Tool interface {
	// Lint lints the packages (patterns relative to the directory given
	// to Start; empty means ./...) with the effective configuration. It
	// returns an error only when the tool cannot run at all; a tool that
	// fails is reported in the ToolResult.
	Lint(ctx context.Context, config []byte, packages []string) (ToolResult, error)
	// Cancel ends a tool that has not linted, having run nothing; after
	// Lint it does nothing. Run calls it on every path.
	Cancel()
}

// ToolResult is what the tool found.
type ToolResult struct {
	// Findings are classified: RuleID, Tool and Level are set.
	Findings []finding.Finding
	// Notifications are load errors, tool warnings and failures.
	Notifications []finding.Notification
	// Success is false when a package did not load or the tool failed.
	Success bool
	// Runs counts the tool's runs (a run without broken packages follows
	// one that had some).
	Runs int
}
