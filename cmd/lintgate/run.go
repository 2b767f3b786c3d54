package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/internal/git"
	"github.com/lintgate/lintgate/internal/report"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/runner"
	"github.com/lintgate/lintgate/sarif"
)

type runOptions struct {
	dir      string
	output   string
	failOn   string
	category string
	verbose  bool
	quiet    bool
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
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print only the summary, not every finding")
	return cmd
}

func runLint(cmd *cobra.Command, e *env, o runOptions, pkgs []string) error {
	if o.max == 0 || o.max < -1 {
		return usageError("--max-results %d: want a positive count, or -1 for no bound", o.max)
	}
	if _, err := finding.ParseLevel(o.failOn); err != nil {
		return usageError("--fail-on: %v", err)
	}
	if (o.staged || o.newFromRev != "") && len(pkgs) > 0 {
		return usageError("--staged and --new-from-rev pick the packages themselves; do not name any")
	}
	if o.staged && o.newFromRev != "" {
		return usageError("--staged and --new-from-rev exclude each other")
	}
	var part *shard
	if o.shard != "" {
		sh, err := parseShard(o.shard)
		if err != nil {
			return usageError("%v", err)
		}
		if o.staged || o.newFromRev != "" {
			return usageError("--shard splits a full run; it does not combine with --staged or --new-from-rev")
		}
		part = &sh
	}
	dir, root, src, err := locate(o.dir, o.config, o.defaults)
	if err != nil {
		return err
	}
	pol, err := enforcePolicy(e, o.policy, dir, root, src)
	if err != nil {
		return err
	}
	// The catalog is needed only when golangci-lint has finished: build it
	// meanwhile (runner.Catalog is built once and shared).
	go func() { _, _ = runner.Catalog() }() // its error is reported below
	applyPolicyDefaults(cmd, &o, pol, root)
	failOn, err := finding.ParseLevel(o.failOn)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	if o.newOnly && o.baseline == "" {
		return usageError("--new-only needs --baseline")
	}
	outputs, err := parseFormats(o.formats, o.output)
	if err != nil {
		return usageError("%v", err)
	}
	if err := checkWritable(dir, outputs, o.writeBaseline); err != nil { // before linting
		return err
	}
	var base *sarif.Baseline
	if o.baseline != "" {
		if base, err = readBaseline(dir, o.baseline); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
	}
	effective, err := rules.EffectiveConfig(src)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if o.config == "" && !o.defaults { // the module's own config, as lintgate ide exports it
		warnStaleExport(e, root, src)
	}
	ro := runner.Options{Dir: dir, Root: root, Packages: pkgs, Config: effective}
	var scope *changeScope
	if o.staged || o.newFromRev != "" {
		if scope, err = scopeOf(cmd.Context(), e.warnf, root, o.staged, o.newFromRev); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		ro.Dir, ro.Packages = root, scope.packages
	}
	if o.verbose {
		ro.Log = e.stderr
	}
	if part != nil {
		patterns := pkgs
		if len(patterns) == 0 {
			patterns = []string{"./..."}
		}
		all, err := runner.PackagePatterns(cmd.Context(), dir, nil, patterns)
		if err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		ro.Packages = part.pick(all)
		scope = &changeScope{what: "--shard " + o.shard, packages: ro.Packages}
	}
	// The provenance (four git commands) is read while golangci-lint runs.
	type vcsInfo struct {
		vcs    *sarif.VCS
		prefix string
	}
	vcsc := make(chan vcsInfo, 1)
	if o.output != "" { // lintgate baseline writes no log and needs none
		go func() {
			v, p := provenance(cmd.Context(), root)
			vcsc <- vcsInfo{v, p}
		}()
	}
	start := time.Now()
	var res runner.Result
	switch {
	case scope != nil && len(scope.packages) == 0:
		res = runner.Result{Success: true}
		if scope.changes != nil {
			e.warnf("no %s Go file in the module; nothing to lint", scope.what)
		} else {
			e.warnf("%s has no package; nothing to lint", scope.what)
		}
	default:
		if res, err = runner.Run(cmd.Context(), ro); err != nil {
			return &ExitError{Code: ExitTool, Err: err}
		}
		if scope != nil && scope.changes != nil {
			res.Findings = scope.filter(res.Findings)
		}
	}
	linted := time.Now()
	cat, err := runner.Catalog()
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Level = pol.Level(f.RuleID, f.Level)
	}
	res.Notifications = append(res.Notifications, base.Notifications()...) // the baseline's invalid parts
	s := newSummary(res, failOn)
	// The fingerprints, the SARIF log and the other formats read the same
	// sources: each file is read once.
	read := readOnce()
	sarif.SetFingerprints(root, read, res.Findings)
	var absent []sarif.BaselineResult
	if base != nil {
		absent = base.Apply(res.Findings)
		s.baseline, s.absent, s.newOnly = true, len(absent), o.newOnly
	}
	gate := s.gate()
	in := logInput(root, cat, res, o.category, exitCode(gate))
	if o.writeBaseline != "" {
		data, err := marshalLog(in)
		if err != nil {
			return &ExitError{Code: ExitTool, Err: err}
		}
		if err := writeOutput(e, dir, o.writeBaseline, data); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
	}
	if o.output == "" { // lintgate baseline: the baseline is the output
		if err := s.print(e.stdout, colorEnabled(e.stdout), false); err != nil {
			return err
		}
		return gate
	}
	in.Absent = absent
	in.ReadFile = read
	vi := <-vcsc
	in.VCS = vi.vcs
	in.MaxResults = o.max
	if limit := in.ResultLimit(); limit >= 0 && len(res.Findings) > limit {
		e.warnf("%s", sarif.TruncationMessage(len(res.Findings), limit))
	}
	log, err := marshalLog(in)
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	if o.verbose {
		e.warnf("linting took %s (%d golangci-lint runs); the SARIF log took %s (%d findings, %d bytes)",
			linted.Sub(start).Round(time.Millisecond), res.Runs, time.Since(linted).Round(time.Millisecond), len(res.Findings), len(log))
	}
	rin := report.Input{Root: root, Findings: res.Findings, Notifications: res.Notifications, Success: res.Success, PathPrefix: vi.prefix, ReadFile: read}
	text := false
	for _, out := range outputs {
		if out.format == "text" {
			text = true
			w, stream := out.destination(e)
			if !stream {
				var buf bytes.Buffer
				if err := s.print(&buf, false, !o.quiet); err != nil {
					return err
				}
				if err := writeOutput(e, dir, out.path, buf.Bytes()); err != nil {
					return &ExitError{Code: ExitUsage, Err: err}
				}
				continue
			}
			if err := s.print(w, colorEnabled(w), !o.quiet); err != nil {
				return err
			}
			continue
		}
		data, err := render(out.format, log, rin)
		if err != nil {
			return &ExitError{Code: ExitTool, Err: err}
		}
		if w, stream := out.destination(e); stream {
			if _, err := w.Write(data); err != nil {
				return err
			}
			continue
		}
		if err := writeOutput(e, dir, out.path, data); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
	}
	if !text { // the counts and the verdict, where they do not mix with the output
		if err := s.print(e.stderr, colorEnabled(e.stderr), false); err != nil {
			return err
		}
	}
	return gate
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
			o.baseline = resolve(root, p.Gate.Baseline.Value)
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

// readBaseline reads and parses a baseline log.
func readBaseline(dir, path string) (*sarif.Baseline, error) {
	path = resolve(dir, path)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	return sarif.ParseBaseline(path, data)
}

// locate resolves -C to an absolute directory, finds the module root
// above it and the golangci-lint config (--config, --default-config or
// the module's own), named in messages as the user would type it.
func locate(dirFlag, config string, defaults bool) (dir, root string, src rules.ConfigSource, err error) {
	if dir, err = filepath.Abs(dirFlag); err != nil {
		return "", "", src, usageError("%v", err)
	}
	if root, err = findModuleRoot(dir); err != nil {
		return "", "", src, &ExitError{Code: ExitUsage, Err: err}
	}
	if src, err = configSource(runOptions{config: config, defaults: defaults}, dir, root); err != nil {
		return "", "", src, &ExitError{Code: ExitUsage, Err: err}
	}
	if src.Path != "" {
		src.Display = displayPath(src.Path)
	}
	return dir, root, src, nil
}

// configSource picks the golangci-lint config: --default-config, --config
// or the module's own.
func configSource(o runOptions, dir, root string) (rules.ConfigSource, error) {
	switch {
	case o.defaults && o.config != "":
		return rules.ConfigSource{}, errors.New("--config and --default-config exclude each other")
	case o.defaults:
		return rules.ConfigSource{Data: rules.DefaultGolangciConfig()}, nil
	case o.config != "":
		p := resolve(dir, o.config)
		data, err := os.ReadFile(p)
		if err != nil {
			return rules.ConfigSource{}, fmt.Errorf("--config: %w", err)
		}
		return rules.ConfigSource{Path: p, Data: data}, nil
	}
	return rules.FindGolangciConfig(root)
}

// logInput is what the SARIF log of a run is made of.
func logInput(root string, cat *rules.Catalog, res runner.Result, category string, code int) sarif.Input {
	pins := runner.ReadPins()
	return sarif.Input{
		Root:          root,
		Findings:      res.Findings,
		Notifications: res.Notifications,
		Rules:         cat,
		Driver:        sarif.Tool{Name: "lintgate", Version: pins.Lintgate.Version, InformationURI: "https://github.com/lintgate/lintgate"},
		Extensions: []sarif.Tool{
			{Name: rules.ToolGolangciLint, Version: pins.GolangciLint.Version, InformationURI: "https://golangci-lint.run"},
			{Name: rules.ToolStaticcheck, Version: pins.Staticcheck.Version, InformationURI: "https://staticcheck.dev"},
			{Name: rules.ToolRevive, Version: pins.Revive.Version, InformationURI: "https://revive.run"},
		},
		Success:  res.Success,
		ExitCode: code,
		Category: category,
	}
}

// marshalLog builds the log and encodes it.
func marshalLog(in sarif.Input) ([]byte, error) {
	var buf bytes.Buffer
	if err := sarif.Write(&buf, in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// provenance describes the git work tree root is in, or nil, and the
// module's directory relative to the work tree's top level ("" at the top
// or outside a work tree). The repository is named by its origin remote
// when that is a URL, otherwise by the work tree's own file URI.
func provenance(ctx context.Context, root string) (*sarif.VCS, string) {
	repo, err := git.Open(ctx, root)
	if err != nil {
		return nil, ""
	}
	v := &sarif.VCS{RevisionID: repo.Head(ctx), Branch: repo.Branch(ctx)}
	if uri, ok := git.RepositoryURI(repo.RemoteURL(ctx, "origin")); ok {
		v.RepositoryURI = uri
	} else {
		p := strings.TrimSuffix(filepath.ToSlash(repo.Top), "/") + "/"
		if !strings.HasPrefix(p, "/") { // C:/repo
			p = "/" + p
		}
		v.RepositoryURI = (&url.URL{Scheme: "file", Path: p}).String()
	}
	if rel, err := filepath.Rel(realPath(root), realPath(repo.Top)); err == nil && rel != "." {
		v.Root = filepath.ToSlash(rel)
	}
	prefix := ""
	if rel, err := filepath.Rel(realPath(repo.Top), realPath(root)); err == nil && rel != "." {
		prefix = filepath.ToSlash(rel)
	}
	return v, prefix
}

// realPath resolves symlinks, so that a module reached through a link
// compares with git's resolved top level; on error it returns p.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func writeOutput(e *env, dir, output string, data []byte) error {
	if output == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	return atomicfile.WriteFile(resolve(dir, output), data, 0o644)
}

// resolve is p relative to dir, or p itself when it is absolute: how
// every path on the command line and in the policy is read.
func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// findModuleRoot returns the nearest directory at or above dir that holds
// a go.mod file.
func findModuleRoot(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s: not a directory", dir)
	}
	for d := dir; ; d = filepath.Dir(d) {
		_, err := os.Stat(filepath.Join(d, "go.mod"))
		if err == nil {
			return d, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s: not in a Go module: no go.mod here or in any parent directory", dir)
		}
	}
}

// readOnce returns a file reader that reads each path once and hands out
// the same bytes after that, safe for concurrent use (the SARIF builder
// reads on all CPUs). Callers must not modify the bytes.
func readOnce() func(string) ([]byte, error) {
	type file struct {
		data []byte
		err  error
	}
	var mu sync.Mutex
	files := map[string]file{}
	return func(path string) ([]byte, error) {
		mu.Lock()
		f, ok := files[path]
		mu.Unlock()
		if !ok {
			f.data, f.err = os.ReadFile(path)
			mu.Lock()
			files[path] = f
			mu.Unlock()
		}
		return f.data, f.err
	}
}
