package runner

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/internal/interrupt"
	"github.com/lintgate/lintgate/rules"
)

// maxReruns bounds how often Run lints again without broken packages: each
// round removes the packages that failed to load, and packages importing
// them fail in the next.
const maxReruns = 3

// Options configure Run.
type Options struct {
	// Dir is the directory to lint from; Root is the module root.
	Dir, Root string
	// Packages are package patterns relative to Dir; empty means ./...
	Packages []string
	// Config is the effective golangci-lint configuration.
	Config []byte
	// Catalog classifies the findings; nil means Catalog(), which Run
	// needs only once golangci-lint has finished, so a caller can build
	// it in the background meanwhile.
	Catalog *rules.Catalog
	// Exec runs golangci-lint; nil means SelfExecutor.
	Exec Executor
	// Env is the child's environment; nil means the current one.
	Env []string
	// Log receives golangci-lint's stderr as it runs; may be nil.
	Log io.Writer
	// Stage, when set, hears the stage golangci-lint is in:
	// StageLoading, then StageLinting (from its verbose log, which
	// Stage asks for and Log does not see).
	Stage func(string)
}

// Result is what Run found.
type Result struct {
	Findings []finding.Finding
	// Notifications are load errors, tool warnings and failures.
	Notifications []finding.Notification
	// Success is false when a package did not load or the tool failed.
	Success bool
	// ExitCode is golangci-lint's exit code in the last run.
	ExitCode int
	// Runs counts the golangci-lint runs.
	Runs int
}

// Run lints the packages with the embedded golangci-lint and returns every
// finding. It returns an error only when it cannot run at all (no temp
// file), or a *UsageError when golangci-lint failed on what it was asked
// to lint (a pattern that matches nothing); a tool that fails is
// reported in the Result.
func Run(ctx context.Context, o Options) (Result, error) {
	if o.Exec == nil {
		o.Exec = SelfExecutor{}
	}
	if len(o.Packages) == 0 {
		o.Packages = []string{"./..."}
	}
	cfgFile, err := writeTemp(o.Config)
	if err != nil {
		return Result{}, err
	}
	defer func() { _ = os.Remove(cfgFile) }() // a temp file; nothing to report

	res := Result{Success: true}
	pkgs := o.Packages
	var broken []string
	for {
		out, code, ok := runOnce(ctx, o, cfgFile, pkgs)
		res.Runs++
		res.ExitCode = code
		res.Findings = out.Findings
		res.Notifications = appendNew(res.Notifications, out.LoadErrors...)
		res.Notifications = appendNew(res.Notifications, out.Warnings...)
		if !ok || len(out.LoadErrors) > 0 {
			res.Success = false
		}
		if !ok || len(out.BrokenDirs) == 0 || res.Runs > maxReruns {
			break
		}
		broken = append(broken, out.BrokenDirs...)
		healthy, err := healthyPackages(ctx, o, broken)
		if err != nil {
			res.Notifications = append(res.Notifications, finding.Notification{Level: finding.LevelWarning, Message: "cannot lint the packages that loaded: " + err.Error(), Source: "lintgate"})
			break
		}
		if len(healthy) == 0 {
			res.Findings = nil
			break
		}
		pkgs = healthy
	}
	if !res.Success {
		if err := usageProblem(o.Dir, o.Root, o.Packages, res.Notifications); err != nil {
			return Result{}, err
		}
	}
	finding.Sort(res.Findings)
	return res, nil
}

// runOnce runs golangci-lint once. ok is false when it failed (exit code,
// unreadable output); the failure is in out.Warnings.
func runOnce(ctx context.Context, o Options, cfgFile string, pkgs []string) (out Output, code int, ok bool) {
	var stdout, stderr bytes.Buffer
	var errw io.Writer = &stderr
	if o.Log != nil {
		errw = io.MultiWriter(&stderr, o.Log)
	}
	// --allow-serial-runners: a second lintgate (an editor and a hook at
	// once) waits for golangci-lint's cache lock instead of failing.
	args := []string{"run", "--config=" + cfgFile, "--output.json.path=stdout", "--show-stats=false", "--issues-exit-code=0", "--allow-serial-runners"}
	var sw *stageWriter
	if o.Stage != nil {
		sw = &stageWriter{w: errw, stage: o.Stage}
		errw, args = sw, append(args, "-v")
		o.Stage(StageLoading)
	}
	args = append(args, pkgs...)
	code, err := o.Exec.Run(ctx, Command{Args: args, Dir: o.Dir, Env: o.Env, Stdout: &stdout, Stderr: errw})
	if sw != nil {
		sw.flush()
	}
	logged := stderrNotifications(stderr.Bytes())
	if err != nil {
		return Output{Warnings: append(logged, failure("golangci-lint could not run: "+err.Error()))}, code, false
	}
	cat := o.Catalog
	if cat == nil {
		var err error
		if cat, err = Catalog(); err != nil {
			return Output{Warnings: append(logged, failure(err.Error()))}, code, false
		}
	}
	out, perr := Parse(stdout.Bytes(), o.Dir, o.Root, cat)
	out.Warnings = append(out.Warnings, logged...)
	switch {
	case perr != nil:
		msg := fmt.Sprintf("golangci-lint exited with status %d without a report: %v", code, lastLines(stderr.Bytes(), 20))
		return Output{Warnings: append(logged, failure(msg))}, code, false
	case code != 0:
		out.Warnings = append(out.Warnings, failure(fmt.Sprintf("golangci-lint exited with status %d", code)))
		return out, code, false
	}
	return out, code, true
}

func failure(msg string) finding.Notification {
	return finding.Notification{Level: finding.LevelError, Message: msg, Source: GolangciName}
}

// stderrNotifications picks the errors and warnings golangci-lint logged.
func stderrNotifications(stderr []byte) []finding.Notification {
	var out []finding.Notification
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "ERRO"), strings.HasPrefix(line, "level=error"), strings.HasPrefix(line, "panic:"):
			out = append(out, finding.Notification{Level: finding.LevelError, Message: line, Source: GolangciName})
		case strings.HasPrefix(line, "WARN"), strings.HasPrefix(line, "level=warning"):
			out = append(out, finding.Notification{Level: finding.LevelWarning, Message: line, Source: GolangciName})
		}
	}
	return out
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	s := strings.Join(lines, "\n")
	if s == "" {
		return "no output on stderr"
	}
	return s
}

// healthyPackages lists the directories of the packages matched by the
// patterns, minus the broken ones, as ./relative patterns for golangci-lint.
func healthyPackages(ctx context.Context, o Options, broken []string) ([]string, error) {
	dirs, err := packageDirs(ctx, o.Dir, o.Env, o.Packages)
	if err != nil {
		return nil, err
	}
	var pkgs []string
	for _, dir := range dirs {
		if !slices.Contains(broken, dir) {
			pkgs = append(pkgs, relPattern(o.Dir, dir))
		}
	}
	return pkgs, nil
}

// PackagePatterns returns a ./relative pattern for the directory of every
// package the patterns match in dir, sorted, as go list sees them (env
// nil: lintgate's own environment).
func PackagePatterns(ctx context.Context, dir string, env []string, patterns []string) ([]string, error) {
	dirs, err := packageDirs(ctx, dir, env, patterns)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = relPattern(dir, d)
	}
	slices.Sort(out)
	return out, nil
}

func packageDirs(ctx context.Context, dir string, env []string, patterns []string) ([]string, error) {
	args := append([]string{"list", "-e", "-f", "{{.Dir}}"}, patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	interrupt.Command(ctx, cmd)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var dirs []string
	for _, d := range strings.Split(string(outb), "\n") {
		if d = strings.TrimSpace(d); d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs, nil
}

func relPattern(base, dir string) string {
	rel, err := filepath.Rel(base, dir)
	if err != nil {
		return dir
	}
	if rel == "." {
		return "."
	}
	return "./" + filepath.ToSlash(rel)
}

func appendNew(ns []finding.Notification, more ...finding.Notification) []finding.Notification {
	for _, n := range more {
		if !slices.ContainsFunc(ns, func(m finding.Notification) bool { return sameNotification(m, n) }) {
			ns = append(ns, n)
		}
	}
	return ns
}

func sameNotification(a, b finding.Notification) bool {
	if a.Message != b.Message || a.Source != b.Source || (a.Pos == nil) != (b.Pos == nil) {
		return false
	}
	return a.Pos == nil || *a.Pos == *b.Pos
}

func writeTemp(data []byte) (string, error) {
	f, err := os.CreateTemp("", "lintgate-golangci-*.yml")
	if err != nil {
		return "", fmt.Errorf("writing the effective config: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		_ = os.Remove(f.Name()) // best effort: the write already failed
		return "", fmt.Errorf("writing the effective config: %w", errors.Join(werr, cerr))
	}
	return f.Name(), nil
}
