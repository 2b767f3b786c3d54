package lint

import (
	"context"
	"fmt"
	"strconv"
	"strings"

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

// packages decides what to lint. nil with no error means nothing: a
// scope without changed packages, or an empty shard.
func (p *pipeline) packages(ctx context.Context) ([]string, error) {
	defer p.done(StepPackages)
	if p.deps.Scope != nil {
		s, err := p.deps.Scope(ctx)
		if err != nil {
			return nil, &Error{Step: StepPackages, Err: err}
		}
		p.req.Scope = s
	}
	switch r := p.req; {
	case r.Scope != nil:
		if len(r.Scope.Packages) == 0 {
			p.warn("no %s Go file in the module; nothing to lint", r.Scope.What)
		}
		return r.Scope.Packages, nil
	case r.Shard != nil:
		patterns := r.Patterns
		if len(patterns) == 0 {
			patterns = []string{"./..."}
		}
		all, err := p.deps.ListPackages(ctx, r.Dir, patterns)
		if err != nil {
			return nil, &Error{Step: StepPackages, Err: err}
		}
		pkgs := r.Shard.Pick(all)
		if len(pkgs) == 0 {
			p.warn("--shard %s has no package; nothing to lint", r.Shard)
		}
		return pkgs, nil
	}
	if len(p.req.Patterns) == 0 {
		return []string{"./..."}, nil
	}
	return p.req.Patterns, nil
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
