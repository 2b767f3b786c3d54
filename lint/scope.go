package lint

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/internal/git"
)

// Scope is what a run over changes lints and reports: the packages that
// hold changed Go files and the changed lines.
type Scope struct {
	// What names the changes in messages: "staged", "since REV".
	What string
	// Packages are patterns relative to the module root.
	Packages []string
	// Lines are the changed lines by slash-separated path relative to
	// the module root.
	Lines git.Changes
}

// Keep keeps the findings on changed lines.
func (s *Scope) Keep(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if lines, ok := s.Lines[f.Pos.Path]; ok && lines.Has(f.Pos.Line) {
			out = append(out, f)
		}
	}
	return out
}

// Shard is the I-th of N parts of the packages.
type Shard struct{ I, N int }

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("%q: want I/N with 1 <= I <= N, for example 2/4", s)
	}
	return Shard{i, n}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// Pick returns the shard's part of the sorted package patterns: every
// N-th, starting with the I-th. The split depends only on the package
// list, so N jobs with the same checkout lint every package exactly once.
func (s Shard) Pick(pkgs []string) []string {
	var out []string
	for k, p := range pkgs {
		if k%s.N == s.I-1 {
			out = append(out, p)
		}
	}
	return out
}

// packagesJob is the packages step running beside the policy check.
type packagesJob struct {
	cancel  context.CancelFunc
	done    chan struct{}
	pkgs    []string
	scope   *Scope
	warning string
	err     error
	took    time.Duration
}

// packagesBeside starts the packages step in a goroutine: it reads the
// request and asks git and the go command, and nothing it does runs the
// tool, so it need not wait for the policy.
func (p *pipeline) packagesBeside(ctx context.Context) *packagesJob {
	ctx, cancel := context.WithCancel(ctx)
	j := &packagesJob{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(j.done)
		began := time.Now()
		j.pkgs, j.scope, j.warning, j.err = p.decidePackages(ctx)
		j.took = time.Since(began)
	}()
	return j
}

// stop ends the job if it still runs (a refused policy) and waits for
// it: no git command outlives the run.
func (j *packagesJob) stop() {
	j.cancel()
	<-j.done
}

// packages waits for the packages step and reports it. nil with no
// error means nothing to lint: a scope without changed packages, or an
// empty shard.
func (p *pipeline) packages(j *packagesJob) ([]string, error) {
	<-j.done
	if j.scope != nil {
		p.req.Scope = j.scope
	}
	if j.warning != "" {
		p.warn("%s", j.warning)
	}
	if p.deps.Event != nil {
		p.deps.Event(Event{Step: StepPackages, Took: j.took})
	}
	p.last = time.Now()
	return j.pkgs, j.err
}

// decidePackages decides what to lint, and the change scope when the
// request asks for one; warning says why nothing is to be linted.
func (p *pipeline) decidePackages(ctx context.Context) (pkgs []string, scope *Scope, warning string, err error) {
	scope = p.req.Scope
	if p.deps.Scope != nil {
		if scope, err = p.deps.Scope(ctx); err != nil {
			return nil, nil, "", &Error{Step: StepPackages, Err: err}
		}
	}
	switch r := p.req; {
	case scope != nil:
		if len(scope.Packages) == 0 {
			warning = fmt.Sprintf("no %s Go file in the module; nothing to lint", scope.What)
		}
		return scope.Packages, scope, warning, nil
	case r.Shard != nil:
		patterns := r.Patterns
		if len(patterns) == 0 {
			patterns = []string{"./..."}
		}
		all, err := p.deps.ListPackages(ctx, r.Dir, patterns)
		if err != nil {
			return nil, nil, "", &Error{Step: StepPackages, Err: err}
		}
		pkgs := r.Shard.Pick(all)
		if len(pkgs) == 0 {
			warning = fmt.Sprintf("--shard %s has no package; nothing to lint", r.Shard)
		}
		return pkgs, nil, warning, nil
	}
	if len(p.req.Patterns) == 0 {
		return []string{"./..."}, nil, "", nil
	}
	return p.req.Patterns, nil, "", nil
}

// lint runs the tool on pkgs; none (an empty scope or shard) lints
// nothing and succeeds.
func (p *pipeline) lint(ctx context.Context, tool Tool, config []byte, pkgs []string) (ToolResult, error) {
	if len(pkgs) == 0 {
		tool.Cancel()
		return ToolResult{Success: true}, nil
	}
	res, err := tool.Lint(ctx, config, pkgs)
	if ctx.Err() != nil { // interrupted: what the tool made of it is no report
		return ToolResult{}, &Error{Step: StepLint, Err: context.Cause(ctx)}
	}
	if err != nil {
		return ToolResult{}, &Error{Step: StepLint, Err: err}
	}
	p.done(StepLint)
	return res, nil
}
