package lint

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/internal/git"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/sarif"
)

// fakeRunner stands for golangci-lint: it records what the pipeline asks
// of it and hands back canned findings.
type fakeRunner struct {
	mu        sync.Mutex
	res       ToolResult
	startErr  error
	lintErr   error
	calls     []string // start, lint, cancel, in order
	config    []byte
	packages  []string
	root, dir string
	// during, when set, runs while the tool lints (a signal arrives).
	during func()
}

func (r *fakeRunner) Start(_ context.Context, root, dir string) (Tool, error) {
	r.record("start")
	r.root, r.dir = root, dir
	if r.startErr != nil {
		return nil, r.startErr
	}
	return &fakeTool{r: r}, nil
}

func (r *fakeRunner) record(call string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call)
}

type fakeTool struct {
	r    *fakeRunner
	done bool
}

func (t *fakeTool) Lint(_ context.Context, config []byte, pkgs []string) (ToolResult, error) {
	t.done = true
	t.r.record("lint")
	t.r.config, t.r.packages = config, pkgs
	if t.r.during != nil {
		t.r.during()
	}
	return t.r.res, t.r.lintErr
}

func (t *fakeTool) Cancel() {
	if !t.done {
		t.done = true
		t.r.record("cancel")
	}
}

func testKnown() rules.Known {
	std := []string{rules.GroupStandard}
	return rules.NewKnown(map[string]rules.LinterInfo{
		"errcheck": {Groups: std}, "govet": {Groups: std}, "ineffassign": {Groups: []string{rules.GroupStandard, rules.GroupFast}},
		"staticcheck": {Groups: std}, "unused": {Groups: std}, "revive": {}, "gosec": {}, "typecheck": {Internal: true},
		"gofmt": {Formatter: true, Groups: []string{rules.GroupFast}},
	})
}

func policy(t *testing.T, yml string) *rules.Policy {
	t.Helper()
	p, err := rules.ParsePolicy("lintgate.yml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func fnd(rule, path string, line int, level finding.Level) finding.Finding {
	linter, _, _ := strings.Cut(rule, "/")
	return finding.Finding{RuleID: rule, Linter: linter, Tool: rules.ToolGolangciLint, Level: level, Message: rule + " here",
		Pos: finding.Position{Path: path, Line: line, Column: 1}}
}

// request is a run of the embedded default config under the default
// policy in a module at /m.
func request() Request {
	return Request{Root: "/m", Dir: "/m", Config: rules.ConfigSource{Data: rules.DefaultGolangciConfig()},
		Policy: rules.DefaultPolicy(), FailOn: finding.LevelWarning}
}

func deps(r *fakeRunner, events *[]Event) Deps {
	return Deps{
		Runner: r, Known: testKnown(), Pins: Pins{"v2.15.0", "v0.8.2", "v1.17.1"},
		ReadFile: func(string) ([]byte, error) { return []byte("package x\n\nfunc f() {}\n"), nil },
		Event:    func(e Event) { *events = append(*events, e) },
	}
}

func steps(events []Event) []string {
	var out []string
	for _, e := range events {
		if e.Step != "" {
			out = append(out, e.Step)
		}
	}
	return out
}

// TestRunPipeline: the steps run in order, the tool is started before
// the policy is checked and gets the effective config, and the findings
// come back with the policy's levels, sorted, fingerprinted and judged.
func TestRunPipeline(t *testing.T) {
	r := &fakeRunner{res: ToolResult{Success: true, Runs: 1, Findings: []finding.Finding{
		fnd("revive/exported", "b.go", 3, finding.LevelWarning),
		fnd("errcheck", "a.go", 3, finding.LevelWarning),
	}}}
	req := request()
	req.Policy = policy(t, "version: 1\nseverity:\n  errcheck: error\n  \"revive/*\": note\n")
	req.Patterns = []string{"./pkg/..."}
	req.FailOn = finding.LevelError
	req.Needs.Fingerprints = true
	var events []Event
	rep, err := Run(context.Background(), req, deps(r, &events))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{StepStart, StepPolicy, StepConfig, StepPackages, StepLint, StepFindings}, steps(events)); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"start", "lint"}, r.calls); diff != "" {
		t.Errorf("tool calls (-want +got):\n%s", diff)
	}
	if r.root != "/m" || r.dir != "/m" || !cmp.Equal(r.packages, []string{"./pkg/..."}) {
		t.Errorf("tool started in %s/%s with %v", r.root, r.dir, r.packages)
	}
	for _, want := range []string{"max-issues-per-linter: 0", "max-same-issues: 0"} {
		if !strings.Contains(string(r.config), want) {
			t.Errorf("the tool's config lacks %q:\n%s", want, r.config)
		}
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.RuleID+" "+string(f.Level))
		if f.Fingerprint == "" {
			t.Errorf("%s: no fingerprint", f.RuleID)
		}
	}
	if diff := cmp.Diff([]string{"errcheck error", "revive/exported note"}, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if want := (Gate{FailOn: finding.LevelError, Failing: 1, Verdict: FindingsFail}); rep.Gate != want {
		t.Errorf("gate = %+v, want %+v", rep.Gate, want)
	}
}

// TestRunPolicyRefuses: a configuration the policy refuses ends the
// started tool before it lints anything, and Run says why.
func TestRunPolicyRefuses(t *testing.T) {
	r := &fakeRunner{}
	req := request()
	req.Policy = policy(t, "version: 1\nlinters:\n  allow: [errcheck, govet]\n")
	var events []Event
	rep, err := Run(context.Background(), req, deps(r, &events))
	pe, ok := errors.AsType[*PolicyError](err)
	if !ok || rep != nil {
		t.Fatalf("Run = %v, %v; want a *PolicyError", rep, err)
	}
	if !pe.Violations() || len(pe.Problems) == 0 || !strings.Contains(pe.Problems[0].String(), "lintgate.yml does not allow it") {
		t.Errorf("problems = %v; want violations naming what is not allowed", pe.Problems)
	}
	if diff := cmp.Diff([]string{"start", "cancel"}, r.calls); diff != "" {
		t.Errorf("tool calls (-want +got):\n%s", diff)
	}
}

// TestRunBadConfig: a configuration that does not parse is a problem of
// the policy step, not a violation (exit 2, not 3), and nothing runs.
func TestRunBadConfig(t *testing.T) {
	r := &fakeRunner{}
	req := request()
	req.Config = rules.ConfigSource{Path: "/m/.golangci.yml", Data: []byte("version: \"2\"\nlinters: [\n")}
	var events []Event
	_, err := Run(context.Background(), req, deps(r, &events))
	pe, ok := errors.AsType[*PolicyError](err)
	if !ok || pe.Violations() || !strings.HasPrefix(pe.Problems[0].String(), "/m/.golangci.yml:3:") {
		t.Fatalf("Run error = %v; want a file problem at /m/.golangci.yml:3", err)
	}
	if diff := cmp.Diff([]string{"start", "cancel"}, r.calls); diff != "" {
		t.Errorf("tool calls (-want +got):\n%s", diff)
	}
}

// TestRunErrors: each step's failure is an *Error naming the step, and
// the tool is ended whenever it did not lint.
func TestRunErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, tt := range []struct {
		name  string
		edit  func(*Request, *fakeRunner, *Deps)
		step  string
		calls []string
	}{
		{"start", func(_ *Request, r *fakeRunner, _ *Deps) { r.startErr = boom }, StepStart, []string{"start"}},
		{"packages", func(q *Request, _ *fakeRunner, d *Deps) {
			q.Shard = &Shard{1, 2}
			d.ListPackages = func(context.Context, string, []string) ([]string, error) { return nil, boom }
		}, StepPackages, []string{"start", "cancel"}},
		{"lint", func(_ *Request, r *fakeRunner, _ *Deps) { r.lintErr = boom }, StepLint, []string{"start", "lint"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &fakeRunner{}
			req := request()
			var events []Event
			d := deps(r, &events)
			tt.edit(&req, r, &d)
			_, err := Run(context.Background(), req, d)
			le, ok := errors.AsType[*Error](err)
			if !ok || le.Step != tt.step {
				t.Fatalf("Run error = %#v; want an *Error of step %s", err, tt.step)
			}
			if diff := cmp.Diff(tt.calls, r.calls); diff != "" {
				t.Errorf("tool calls (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRunScope: a change scope lints its packages and keeps the findings
// on changed lines; an empty one lints nothing, warns and passes.
func TestRunScope(t *testing.T) {
	r := &fakeRunner{res: ToolResult{Success: true, Runs: 1, Findings: []finding.Finding{
		fnd("errcheck", "a.go", 3, finding.LevelWarning),
		fnd("errcheck", "old.go", 9, finding.LevelWarning),
	}}}
	req := request()
	req.Scope = &Scope{What: "staged", Packages: []string{"."}, Lines: git.Changes{"a.go": nil}} // nil: every line
	var events []Event
	rep, err := Run(context.Background(), req, deps(r, &events))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Pos.Path != "a.go" || !cmp.Equal(r.packages, []string{"."}) {
		t.Errorf("findings %v from packages %v; want a.go's only, from .", rep.Findings, r.packages)
	}

	r = &fakeRunner{}
	req.Scope = &Scope{What: "staged", Lines: git.Changes{}}
	events = nil
	rep, err = Run(context.Background(), req, deps(r, &events))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Success || rep.Gate.Verdict != Passed || rep.Runs != 0 || !cmp.Equal(r.calls, []string{"start", "cancel"}) {
		t.Errorf("empty scope: %+v, calls %v; want a passing report and an ended tool", rep, r.calls)
	}
	if !hasWarning(events, "no staged Go file in the module; nothing to lint") {
		t.Errorf("events %v lack the nothing-to-lint warning", events)
	}
}

// TestRunScopeLookup: Deps.Scope is looked up after the tool started,
// and its failure is the packages step's.
func TestRunScopeLookup(t *testing.T) {
	r := &fakeRunner{res: ToolResult{Success: true, Runs: 1}}
	var events []Event
	d := deps(r, &events)
	var calledAfter []string
	d.Scope = func(context.Context) (*Scope, error) {
		calledAfter = append([]string(nil), r.calls...)
		return &Scope{What: "staged", Packages: []string{"./a"}, Lines: git.Changes{}}, nil
	}
	if _, err := Run(context.Background(), request(), d); err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(calledAfter, []string{"start"}) || !cmp.Equal(r.packages, []string{"./a"}) {
		t.Errorf("scope looked up after %v, linted %v; want after start, ./a", calledAfter, r.packages)
	}
	d.Scope = func(context.Context) (*Scope, error) { return nil, errors.New("not a git work tree") }
	r.calls = nil
	_, err := Run(context.Background(), request(), d)
	if le, ok := errors.AsType[*Error](err); !ok || le.Step != StepPackages || !cmp.Equal(r.calls, []string{"start", "cancel"}) {
		t.Errorf("failing lookup: %v, calls %v", err, r.calls)
	}
}

func hasWarning(events []Event, w string) bool {
	for _, e := range events {
		if e.Warning == w {
			return true
		}
	}
	return false
}

// TestRunShard: a shard lints its part of the listed packages, and an
// empty one nothing.
func TestRunShard(t *testing.T) {
	list := func(_ context.Context, dir string, patterns []string) ([]string, error) {
		if dir != "/m" || !cmp.Equal(patterns, []string{"./..."}) {
			return nil, errors.New("unexpected listing")
		}
		return []string{"./a", "./b", "./c"}, nil
	}
	for _, tt := range []struct {
		shard Shard
		want  []string
	}{{Shard{1, 2}, []string{"./a", "./c"}}, {Shard{2, 2}, []string{"./b"}}, {Shard{4, 4}, nil}} {
		r := &fakeRunner{res: ToolResult{Success: true, Runs: 1}}
		req := request()
		req.Shard = &tt.shard
		var events []Event
		d := deps(r, &events)
		d.ListPackages = list
		if _, err := Run(context.Background(), req, d); err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(r.packages, tt.want) {
			t.Errorf("shard %s linted %v, want %v", tt.shard, r.packages, tt.want)
		}
		if tt.want == nil && !hasWarning(events, "--shard 4/4 has no package; nothing to lint") {
			t.Errorf("empty shard: events %v", events)
		}
	}
}

// TestRunFingerprintsOnlyWhenNeeded: no output that needs fingerprints,
// no baseline: no source is read.
func TestRunFingerprintsOnlyWhenNeeded(t *testing.T) {
	for _, need := range []bool{false, true} {
		r := &fakeRunner{res: ToolResult{Success: true, Runs: 1, Findings: []finding.Finding{fnd("errcheck", "a.go", 3, finding.LevelWarning)}}}
		req := request()
		req.Needs.Fingerprints = need
		var events []Event
		d := deps(r, &events)
		var reads atomic.Int64 // ReadFile is called from several goroutines at once
		d.ReadFile = func(string) ([]byte, error) { reads.Add(1); return []byte("x\n"), nil }
		rep, err := Run(context.Background(), req, d)
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Findings[0].Fingerprint != ""; got != need || (reads.Load() > 0) != need {
			t.Errorf("needs fingerprints %v: fingerprint %q, %d reads", need, rep.Findings[0].Fingerprint, reads.Load())
		}
	}
}

// TestRunBaseline: findings get baseline states and new-only counts only
// new ones for the gate.
func TestRunBaseline(t *testing.T) {
	var events []Event
	old := []finding.Finding{fnd("errcheck", "a.go", 3, finding.LevelWarning)}
	sarif.SetFingerprints("/m", deps(&fakeRunner{}, &events).ReadFile, old)
	base, err := sarif.ParseBaseline("base.sarif", []byte(`{"version": "2.1.0", "runs": [{"results": [
		{"ruleId": "errcheck", "message": {"text": "errcheck here"},
		 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go"}, "region": {"startLine": 3}}}],
		 "partialFingerprints": {"lintgate/v1": "`+old[0].Fingerprint+`"}}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r := &fakeRunner{res: ToolResult{Success: true, Runs: 1, Findings: []finding.Finding{
		fnd("errcheck", "a.go", 3, finding.LevelWarning), fnd("govet/printf", "a.go", 3, finding.LevelWarning),
	}}}
	req := request()
	req.Baseline, req.NewOnly = base, true
	rep, err := Run(context.Background(), req, deps(r, &events))
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]finding.BaselineState{}
	for _, f := range rep.Findings {
		states[f.RuleID] = f.Baseline
	}
	if diff := cmp.Diff(map[string]finding.BaselineState{"errcheck": finding.BaselineUnchanged, "govet/printf": finding.BaselineNew}, states); diff != "" {
		t.Errorf("baseline states (-want +got):\n%s", diff)
	}
	if !rep.Compared || rep.Gate.Failing != 1 || rep.Gate.Verdict != FindingsFail || len(rep.Absent) != 0 {
		t.Errorf("report %+v; want one new failing finding, none absent", rep)
	}
}

// TestRunInterrupted: a context cancelled while the tool runs (SIGINT)
// is an error of the lint step with the cancellation's cause, not a
// report of what the ended tool said.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := errors.New("interrupted by SIGINT")
	r := &fakeRunner{res: ToolResult{Success: false, Runs: 1}, during: func() { cancel(stop) }}
	var events []Event
	rep, err := Run(ctx, request(), deps(r, &events))
	le, ok := errors.AsType[*Error](err)
	if rep != nil || !ok || le.Step != StepLint || !errors.Is(err, stop) {
		t.Fatalf("Run = %v, %v; want no report and a lint step error wrapping %v", rep, err, stop)
	}
}

// TestRunSourceGone: a file with findings that cannot be read after the
// lint (deleted meanwhile) is a warning naming it; its findings stay,
// with the tool's position and a fingerprint.
func TestRunSourceGone(t *testing.T) {
	r := &fakeRunner{res: ToolResult{Success: true, Runs: 1, Findings: []finding.Finding{
		fnd("errcheck", "gone.go", 3, finding.LevelWarning),
		fnd("errcheck", "gone.go", 5, finding.LevelWarning),
		fnd("errcheck", "here.go", 3, finding.LevelWarning),
	}}}
	var events []Event
	d := deps(r, &events)
	d.ReadFile = func(path string) ([]byte, error) {
		if filepath.Base(path) == "gone.go" {
			return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
		}
		return []byte("package x\n\nfunc f() {}\n"), nil
	}
	req := request()
	req.Needs.Fingerprints = true
	rep, err := Run(context.Background(), req, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []finding.Notification{{Level: finding.LevelWarning, Source: "lintgate", Message: "gone.go: cannot read the file after the lint (file does not exist): " +
		"its 2 finding(s) keep the tool's line and column but have no snippet, and their fingerprints lack the line's text, so a baseline may call them new; run again once the file is back"}}
	if diff := cmp.Diff(want, rep.Notifications); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	if len(rep.Findings) != 3 || rep.Findings[0].Fingerprint == "" || rep.Findings[0].Pos.Line != 3 {
		t.Errorf("findings = %+v, want all three kept, fingerprinted", rep.Findings)
	}
}
