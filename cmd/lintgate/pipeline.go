package main

import (
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/lintgate/lintgate/lint"
	"github.com/lintgate/lintgate/runner"
)

// golangciRunner is the lint core's Runner: the embedded golangci-lint
// in a child process of this binary, started at once and waiting for its
// arguments (runner.StartChild), so that its start-up overlaps the
// policy check. log, when set, receives golangci-lint's stderr.
type golangciRunner struct {
	log   io.Writer
	stage func(string)
}

func (g golangciRunner) Start(ctx context.Context, root, dir string) (lint.Tool, error) {
	child, err := runner.StartChild(ctx, dir, nil)
	if err != nil {
		return nil, err
	}
	return &golangciTool{child: child, root: root, dir: dir, log: g.log, stage: g.stage}, nil
}

type golangciTool struct {
	child     *runner.Child
	root, dir string
	log       io.Writer
	stage     func(string)
}

func (t *golangciTool) Lint(ctx context.Context, config []byte, pkgs []string) (lint.ToolResult, error) {
	// The catalog classifies the findings once golangci-lint has
	// finished: build it meanwhile (runner.Catalog is built once). Then
	// this process waits, so it gives the memory its initialisation left
	// behind back to the system (the child needs it more), and what it
	// does after the child (findings, outputs) runs without the garbage
	// collector up to a bound: by then the child's memory is free.
	go func() {
		_, _ = runner.Catalog() // its error is reported by Run
		debug.FreeOSMemory()
		deferGC()
	}()
	res, err := runner.Run(ctx, runner.Options{Dir: t.dir, Root: t.root, Packages: pkgs, Config: config, Exec: t.child, Log: t.log, Stage: t.stage})
	if err != nil {
		return lint.ToolResult{}, err
	}
	return lint.ToolResult{Findings: res.Findings, Notifications: res.Notifications, Success: res.Success, Runs: res.Runs}, nil
}

func (t *golangciTool) Cancel() { t.child.Cancel() }

// lintDeps wires the lint core to this process: the embedded tools, the
// go command for shards, the source reader, and stderr for warnings (and
// every step's time with --verbose).
func lintDeps(e *env, verbose bool, read func(string) ([]byte, error), prog *progress) (lint.Deps, error) {
	known, err := runner.Known()
	if err != nil {
		return lint.Deps{}, &ExitError{Code: ExitTool, Err: err}
	}
	d := lint.Deps{
		Runner: golangciRunner{stage: stageFunc(prog)}, Known: known, Pins: lintPins(),
		ListPackages: func(ctx context.Context, dir string, patterns []string) ([]string, error) {
			return runner.PackagePatterns(ctx, dir, nil, patterns)
		},
		ReadFile: read,
		Event: func(ev lint.Event) {
			if ev.Warning != "" || verbose {
				prog.clear()
			}
			switch {
			case ev.Warning != "":
				e.warnf("%s", ev.Warning)
			case verbose:
				e.warnf("%s took %s", ev.Step, ev.Took.Round(100*time.Microsecond))
			}
		},
	}
	if verbose {
		d.Runner = golangciRunner{log: progressWriter{prog, e.stderr}, stage: stageFunc(prog)}
	}
	return d, nil
}

// lintPins are the versions a policy may assert.
func lintPins() lint.Pins {
	pins := runner.ReadPins()
	return lint.Pins{GolangciLint: pins.GolangciLint.Version, Staticcheck: pins.Staticcheck.Version, Revive: pins.Revive.Version}
}

// lintExit maps an error of lint.Run to the exit: the policy's problems
// (3, or 2 for a file in error), the user's input (2), the tool (4).
func lintExit(e *env, err error) error {
	if pe, ok := errors.AsType[*lint.PolicyError](err); ok {
		return problemsExit(e, pe.Problems)
	}
	if _, ok := errors.AsType[*runner.UsageError](err); ok {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if le, ok := errors.AsType[*lint.Error](err); ok && (le.Step == lint.StepConfig || le.Step == lint.StepPackages) {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return &ExitError{Code: ExitTool, Err: err}
}

// stageFunc is the runner's stage callback for prog; nil when there is
// no progress (the runner then does not ask for golangci-lint's verbose
// log).
func stageFunc(prog *progress) func(string) {
	if prog == nil {
		return nil
	}
	return prog.set
}

// progressWriter erases the progress line before w is written to.
type progressWriter struct {
	prog *progress
	w    io.Writer
}

func (p progressWriter) Write(b []byte) (int, error) {
	p.prog.clear()
	return p.w.Write(b)
}

// postChildHeap bounds how much the heap may grow after the child before
// the garbage collector runs again: the findings and outputs of ~50,000
// findings.
const postChildHeap = 256 << 20

// deferGC turns the garbage collector off until the heap has grown by
// postChildHeap, unless GOGC or GOMEMLIMIT say how it should run.
func deferGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	debug.SetMemoryLimit(int64(ms.HeapAlloc) + postChildHeap) //nolint:gosec // a heap size fits an int64
	debug.SetGCPercent(-1)
}
