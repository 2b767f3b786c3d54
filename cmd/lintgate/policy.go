package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/lintgate/lintgate/lint"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/runner"
)

// displayPath names an absolute path as the user would type it: relative
// to the working directory when it lies below it, else absolute.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// loadPolicy reads the policy: the file --policy names (relative to dir),
// else lintgate.yml in the module root, else the embedded default.
func loadPolicy(flag, dir, root string) (*rules.Policy, error) {
	path := flag
	if path == "" {
		path = filepath.Join(root, rules.PolicyFile)
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return rules.DefaultPolicy(), nil
		}
	} else {
		path = resolve(dir, path)
	}
	return rules.LoadPolicy(displayPath(path))
}

// enforcePolicy loads the policy (see loadPolicy) and checks it and the
// golangci-lint configuration src before anything runs: a linter or
// plugin the policy does not allow never starts. The error is the exit
// to return: 2 for a bad file, 3 for violations, 4 when what this
// lintgate knows cannot be read. The configuration comes back as it was
// read and judged: the effective configuration is written from that
// reading.
func enforcePolicy(e *env, flag, dir, root string, src rules.ConfigSource) (*rules.Policy, *rules.Golangci, error) {
	go rules.PrepareGolangciSchema() // while the policy and the registry are read
	pol, err := loadPolicy(flag, dir, root)
	if err != nil {
		return nil, nil, policyError(e, err)
	}
	known, err := runner.Known()
	if err != nil {
		return nil, nil, &ExitError{Code: ExitTool, Err: err}
	}
	g, ps := policyProblems(pol, src, known, root)
	if len(ps) > 0 {
		return nil, nil, problemsExit(e, ps)
	}
	return pol, g, nil
}

// policyProblems checks the policy against what this lintgate knows and
// embeds, and the golangci-lint configuration against the policy.
func policyProblems(p *rules.Policy, src rules.ConfigSource, k rules.Known, root string) (*rules.Golangci, []rules.Problem) {
	return lint.CheckPolicy(p, src, k, lintPins(), root)
}

// problemsExit prints the problems on stderr, one per line (at most
// rules.MaxListed, then how many more), and returns the exit: 3 when all
// are policy violations, 2 when a file is in error.
func problemsExit(e *env, ps []rules.Problem) error {
	w := bufio.NewWriter(e.stderr)
	for i, p := range ps {
		if i == rules.MaxListed {
			_, _ = fmt.Fprintf(w, "lintgate: %s\n", rules.MoreProblems(len(ps)))
			break
		}
		_, _ = fmt.Fprintln(w, p.String()) // file:line:col: message, as compilers print
	}
	_ = w.Flush() // a failing stderr has nowhere to be reported
	code := ExitPolicy
	for _, p := range ps {
		if !p.Violation {
			code = ExitUsage
		}
	}
	return &ExitError{Code: code}
}

// policyError turns an error of loadPolicy into the exit: each problem of
// a *PolicyError on its own line, exit 2.
func policyError(e *env, err error) error {
	if pe, ok := errors.AsType[*rules.PolicyError](err); ok {
		return problemsExit(e, pe.Problems)
	}
	return &ExitError{Code: ExitUsage, Err: err}
}
