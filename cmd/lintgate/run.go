package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/internal/atomicfile"
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
	f.StringVar(&o.failOn, "fail-on", "warning", "fail the gate on findings at or above `level`: error, warning, note or none")
	f.StringVar(&o.category, "category", sarif.DefaultCategory, "SARIF automationDetails.id, the code scanning `category`")
	f.StringVar(&o.config, "config", "", "use this golangci-lint v2 config `file` instead of the module's .golangci.yml")
	f.BoolVar(&o.defaults, "default-config", false, "ignore the module's .golangci.yml and use lintgate's embedded default")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "show golangci-lint's log")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print only the summary, not every finding")
	return cmd
}

func runLint(cmd *cobra.Command, e *env, o runOptions, pkgs []string) error {
	failOn, err := finding.ParseLevel(o.failOn)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	root, err := findModuleRoot(dir)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	src, err := configSource(o, dir, root)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	effective, err := rules.EffectiveConfig(src)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	cat, err := runner.Catalog()
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	ro := runner.Options{Dir: dir, Root: root, Packages: pkgs, Config: effective, Catalog: cat}
	if o.verbose {
		ro.Log = e.stderr
	}
	res, err := runner.Run(cmd.Context(), ro)
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	s := newSummary(res, failOn)
	gate := s.gate()
	log, err := buildLog(root, cat, res, o.category, exitCode(gate))
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	if err := writeOutput(e, dir, o.output, log); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	out := e.stdout
	if o.output == "-" {
		out = e.stderr
	}
	if err := s.print(out, colorEnabled(out), !o.quiet); err != nil {
		return err
	}
	return gate
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
		p := o.config
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return rules.ConfigSource{}, fmt.Errorf("--config: %w", err)
		}
		return rules.ConfigSource{Path: p, Data: data}, nil
	}
	return rules.FindGolangciConfig(root)
}

// buildLog assembles the SARIF log from a run.
func buildLog(root string, cat *rules.Catalog, res runner.Result, category string, code int) ([]byte, error) {
	pins := runner.ReadPins()
	in := sarif.Input{
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
	var buf bytes.Buffer
	if err := sarif.Write(&buf, in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeOutput(e *env, dir, output string, data []byte) error {
	if output == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	if !filepath.IsAbs(output) {
		output = filepath.Join(dir, output)
	}
	return atomicfile.WriteFile(output, data, 0o644)
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
