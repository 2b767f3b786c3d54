package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/lint"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/sarif"
)

type runOptions struct {
	dir      string
	output   string
	failOn   string
	category string
	verbose  bool
	quiet    bool
	progress string
	config   string
	defaults bool
	max      int
	// baseline is a SARIF log to compare with; newOnly gates on new
	// findings only; writeBaseline is where to write this run's log as the
	// next baseline.
	baseline      string
	newOnly       bool
	writeBaseline string
	// staged and newFromRev lint changed packages and report changed lines.
	staged     bool
	newFromRev string
	shard      string
	formats    []string
	policy     string
	// baselineCmd is set by lintgate baseline: no gate, the baseline is
	// the output.
	baselineCmd bool
	// baselineAt is where lintgate.yml names the baseline (gate.baseline),
	// invalid when --baseline did.
	baselineAt rules.Pos
}

func newRunCmd(e *env) *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run [packages]",
		Short: "Lint packages (default ./...), write a SARIF log and decide the gate",
		Long: `Lint the packages (default ./...) of the Go module in the current directory
with the embedded golangci-lint, using the project's .golangci.yml (v2) or
lintgate's default (golangci-lint's standard linters plus revive). Nothing is
truncated: golangci-lint's max-issues-per-linter, max-same-issues and
uniq-by-line are turned off.

Writes one SARIF 2.1.0 log (default lintgate.sarif, "-o -" for stdout),
prints the findings and a summary, and exits 1 when a finding is at or above
--fail-on, 4 when a package did not load or the tool failed (the log is still
written, with executionSuccessful false).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(cmd, e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.StringVarP(&o.output, "output", "o", "lintgate.sarif", "write the SARIF log to `file` (- for stdout)")
	f.StringSliceVar(&o.formats, "format", nil, "outputs, as `NAME[=FILE]` (repeat or comma-separate): sarif (to -o), text, json, github, gitlab, checkstyle (to stdout unless a FILE is named); default sarif,text")
	f.StringVar(&o.failOn, "fail-on", "warning", "fail the gate on findings at or above `level`: error, warning, note or none")
	f.StringVar(&o.category, "category", sarif.DefaultCategory, "SARIF automationDetails.id, the code scanning `category`")
	f.StringVar(&o.config, "config", "", "use this golangci-lint v2 config `file` instead of the module's .golangci.yml")
	f.BoolVar(&o.defaults, "default-config", false, "ignore the module's .golangci.yml and use lintgate's embedded default")
	f.StringVar(&o.policy, "policy", "", "use this policy `file` instead of the module's lintgate.yml")
	f.IntVar(&o.max, "max-results", sarif.MaxResults, "keep at most `n` results in the SARIF log, the most severe first (-1: no bound); the gate counts all")
	f.StringVar(&o.baseline, "baseline", "", "compare with the SARIF log `file`: results get baselineState new, unchanged or updated, and vanished ones come back as absent")
	f.BoolVar(&o.newOnly, "new-only", false, "only new findings (see --baseline) fail the gate and are listed")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "also write this run's log, without absent results, to `file` as the next baseline")
	f.BoolVar(&o.staged, "staged", false, "lint the packages with staged .go files and report findings on the lines the index adds or changes (pre-commit)")
	f.StringVar(&o.newFromRev, "new-from-rev", "", "lint the packages changed since `rev` and report findings on lines added or changed since it")
	f.StringVar(&o.shard, "shard", "", "lint only part `I/N` of the packages (sorted, every N-th from the I-th); merge the N logs with lintgate merge")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "show golangci-lint's log")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print only the summary, not every finding, and no progress")
	f.StringVar(&o.progress, "progress", progressAuto, "show the stage and the time elapsed on stderr: `auto` (redrawn on a terminal, a line every 30s in CI), always or never")
	return cmd
}

func runLint(cmd *cobra.Command, e *env, o runOptions, pkgs []string) error {
	if err := checkRunFlags(o, pkgs); err != nil {
		return err
	}
	dir, root, src, err := locate(o.dir, o.config, o.defaults)
	if err != nil {
		return err
	}
	pol, err := loadPolicy(o.policy, dir, root)
	if err != nil {
		return policyError(e, err)
	}
	applyPolicyDefaults(cmd, &o, pol, root)
	plan, err := planOutputs(o)
	if err != nil {
		return err
	}
	if err := checkOutputs(dir, plan.outputs, plan.baseline); err != nil { // before linting
		return err
	}
	req, err := lintRequest(o, dir, root, pkgs)
	if err != nil {
		return err
	}
	req.Config, req.Policy, req.Needs = src, pol, plan.needs()
	if o.config == "" && !o.defaults { // the module's own config, as lintgate ide exports it
		warnStaleExport(e, root, src)
	}
	prog, err := newProgress(e.stderr, o.progress, o.quiet)
	if err != nil {
		return err
	}
	read := readOnce()
	deps, err := lintDeps(e, o.verbose, read, prog)
	if err != nil {
		return err
	}
	deps.Scope = scopeLookup(e, o, root)
	vcs := plan.startProvenance(cmd.Context(), root) // while golangci-lint runs
	prog.begin("linting "+describePatterns(req), "starting golangci-lint")
	defer prog.end()
	rep, err := lint.Run(cmd.Context(), req, deps)
	if err != nil {
		<-vcs // its git commands end before lintgate does
		return lintExit(e, err)
	}
	prog.set("writing the log")
	plan.endProgress = prog.end
	return plan.write(e, dir, rep, read, vcs, o.verbose)
}

// checkRunFlags rejects flag combinations before anything is read.
func checkRunFlags(o runOptions, pkgs []string) error {
	if o.max == 0 || o.max < -1 {
		return usageError("--max-results %d: want a positive count, or -1 for no bound", o.max)
	}
	if _, err := finding.ParseLevel(o.failOn); err != nil {
		return usageError("--fail-on: %v", err)
	}
	changes := o.staged || o.newFromRev != ""
	switch {
	case changes && len(pkgs) > 0:
		return usageError("--staged and --new-from-rev pick the packages themselves; do not name any")
	case o.staged && o.newFromRev != "":
		return usageError("--staged and --new-from-rev exclude each other")
	}
	if o.shard != "" {
		if _, err := lint.ParseShard(o.shard); err != nil {
			return usageError("--shard %v", err)
		}
		if changes {
			return usageError("--shard splits a full run; it does not combine with --staged or --new-from-rev")
		}
	}
	return nil
}

// lintRequest is the lint the options ask for, short of the config and
// the policy: the gate, the baseline, and what to lint (the patterns or a
// shard; a change scope is looked up by the core, see scopeLookup).
func lintRequest(o runOptions, dir, root string, pkgs []string) (lint.Request, error) {
	req := lint.Request{Root: root, Dir: dir, Patterns: pkgs, NewOnly: o.newOnly}
	var err error
	if req.FailOn, err = finding.ParseLevel(o.failOn); err != nil {
		return req, usageError("--fail-on: %v", err)
	}
	if o.newOnly && o.baseline == "" {
		return req, usageError("--new-only needs --baseline")
	}
	if o.baseline != "" {
		if req.Baseline, err = readBaseline(dir, o.baseline, o.baselineAt); err != nil {
			return req, &ExitError{Code: ExitUsage, Err: err}
		}
	}
	if o.shard != "" {
		sh, _ := lint.ParseShard(o.shard) // checked by checkRunFlags
		req.Shard = &sh
	}
	if o.staged || o.newFromRev != "" {
		req.Dir = root // the scope's packages are relative to the root
	}
	return req, nil
}

// scopeLookup is the change scope's git lookups for the lint core, which
// runs them while golangci-lint starts up; nil without --staged or
// --new-from-rev.
func scopeLookup(e *env, o runOptions, root string) func(context.Context) (*lint.Scope, error) {
	if !o.staged && o.newFromRev == "" {
		return nil
	}
	return func(ctx context.Context) (*lint.Scope, error) {
		return scopeOf(ctx, e.warnf, root, o.staged, o.newFromRev)
	}
}

// applyPolicyDefaults fills what the command line leaves open from the
// policy's gate and output sections; paths in the policy are relative to
// the module root. A flag given on the command line always wins.
func applyPolicyDefaults(cmd *cobra.Command, o *runOptions, p *rules.Policy, root string) {
	changed := cmd.Flags().Changed
	if !o.baselineCmd {
		if !changed("fail-on") && p.Gate.FailOnPos.IsValid() {
			o.failOn = string(p.Gate.FailOn)
		}
		if !changed("baseline") && p.Gate.Baseline.Value != "" {
			o.baseline, o.baselineAt = resolve(root, p.Gate.Baseline.Value), p.Gate.Baseline.Pos
		}
		if !changed("new-only") && p.Gate.NewOnlyPos.IsValid() {
			o.newOnly = p.Gate.NewOnly
		}
		if !changed("output") && p.Output.SARIF.Value != "" {
			o.output = resolve(root, p.Output.SARIF.Value)
		}
	}
	if !changed("category") && p.Output.Category.Value != "" {
		o.category = p.Output.Category.Value
	}
}

// describePatterns names what a run lints, for the progress line.
func describePatterns(req lint.Request) string {
	switch {
	case req.Scope != nil:
		return "the " + req.Scope.What + " changes"
	case len(req.Patterns) > 0:
		return strings.Join(req.Patterns, " ")
	}
	return "./..."
}
