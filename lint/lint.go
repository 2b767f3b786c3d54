package lint

import (
	"context"
	"fmt"
	"time"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/sarif"
)

// Request is one lint, as plain values.
type Request struct {
	// Root is the module root; Dir the directory patterns are relative
	// to (Root itself for a change scope).
	Root, Dir string
	// Patterns are the package patterns; empty means ./...
	Patterns []string
	// Config is the golangci-lint configuration as found (the module's
	// .golangci.yml, a --config file or the embedded default).
	Config rules.ConfigSource
	// Policy is the loaded policy.
	Policy *rules.Policy
	// Scope, when set, replaces Patterns by the packages of the changed
	// files and keeps only findings on changed lines.
	Scope *Scope
	// Shard, when set, lints only its part of the packages Patterns
	// match.
	Shard *Shard
	// Baseline, when set, gives every finding a baseline state.
	Baseline *sarif.Baseline
	// FailOn is the gate level; NewOnly counts only new findings.
	FailOn  finding.Level
	NewOnly bool
	// Needs says what the outputs need computed.
	Needs Needs
}

// Needs are the costly results only some outputs use.
type Needs struct {
	// Fingerprints: the lintgate/v1 fingerprints (SARIF, JSON, GitLab, a
	// baseline); each finding's source line is read. A Baseline implies
	// them.
	Fingerprints bool
}

// Deps are Run's effects.
type Deps struct {
	Runner Runner
	// Known and Pins are what this lintgate embeds, for the policy.
	Known rules.Known
	Pins  Pins
	// ListPackages lists a pattern per package the patterns match in dir,
	// sorted (for shards).
	ListPackages func(ctx context.Context, dir string, patterns []string) ([]string, error)
	// Scope, when set, finds the change scope (git): the packages step
	// calls it, so that it runs while the tool starts up, and its result
	// stands for Request.Scope.
	Scope func(ctx context.Context) (*Scope, error)
	// ReadFile reads a source by its absolute path, for fingerprints;
	// nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
	// Event, when set, hears every step's end and every warning.
	Event func(Event)
}

// Event is a step that finished or a warning.
type Event struct {
	// Step names the step (see the Step constants); "" for a warning.
	Step string
	Took time.Duration
	// Warning is for the user; "" for a step.
	Warning string
}

// The steps of Run, as Event.Step and Error.Step name them.
const (
	StepStart    = "start"
	StepPolicy   = "policy"
	StepConfig   = "config"
	StepPackages = "packages"
	StepLint     = "lint"
	StepFindings = "findings"
)

// Error is a step that could not be done; Step says which, and so whose
// fault it is: config and packages are the user's input, start and lint
// the tool's.
type Error struct {
	Step string
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Run lints as the request says. Its error is a *PolicyError when the
// policy refuses the run, else an *Error; a tool that ran but failed is
// a Report with Success false. A ctx cancelled while the tool ran is an
// *Error of StepLint wrapping the context's cause, never a Report.
func Run(ctx context.Context, req Request, deps Deps) (*Report, error) {
	p := &pipeline{req: req, deps: deps}
	tool, err := p.start(ctx) // the tool starts up while the steps below run
	if err != nil {
		return nil, err
	}
	defer tool.Cancel()
	job := p.packagesBeside(ctx) // a change scope's git commands, beside the two steps below
	defer job.stop()
	if err := p.checkPolicy(); err != nil {
		return nil, err
	}
	config, err := p.effectiveConfig()
	if err != nil {
		return nil, err
	}
	pkgs, err := p.packages(job)
	if err != nil {
		return nil, err
	}
	res, err := p.lint(ctx, tool, config, pkgs)
	if err != nil {
		return nil, err
	}
	return p.report(res), nil
}

// pipeline holds one Run's request and effects, and times its steps.
type pipeline struct {
	req  Request
	deps Deps
	last time.Time
	// golangci is the configuration as the policy check read and judged it.
	golangci *rules.Golangci
}

// done reports the end of a step.
func (p *pipeline) done(step string) {
	now := time.Now()
	if p.deps.Event != nil && !p.last.IsZero() {
		p.deps.Event(Event{Step: step, Took: now.Sub(p.last)})
	}
	p.last = now
}

func (p *pipeline) warn(format string, args ...any) {
	if p.deps.Event != nil {
		p.deps.Event(Event{Warning: fmt.Sprintf(format, args...)})
	}
}

func (p *pipeline) start(ctx context.Context) (Tool, error) {
	p.last = time.Now()
	tool, err := p.deps.Runner.Start(ctx, p.req.Root, p.req.Dir)
	if err != nil {
		return nil, &Error{Step: StepStart, Err: err}
	}
	p.done(StepStart)
	return tool, nil
}

func (p *pipeline) checkPolicy() error {
	var ps []rules.Problem
	p.golangci, ps = CheckPolicy(p.req.Policy, p.req.Config, p.deps.Known, p.deps.Pins, p.req.Root)
	p.done(StepPolicy)
	if len(ps) > 0 {
		return &PolicyError{Problems: ps}
	}
	return nil
}

func (p *pipeline) effectiveConfig() ([]byte, error) {
	config, err := p.golangci.Effective() // what the policy judged, nothing else
	if err != nil {
		return nil, &Error{Step: StepConfig, Err: err}
	}
	p.done(StepConfig)
	return config, nil
}
