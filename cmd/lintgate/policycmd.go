package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/runner"
)

func newPolicyCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Check the policy (lintgate.yml) and the golangci-lint config against it",
	}
	cmd.AddCommand(newPolicyCheckCmd(e))
	return cmd
}

// policyOptions are the flags that locate the policy and the config.
type policyOptions struct {
	dir, policy, config string
	defaults            bool
}

func (o *policyOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.StringVar(&o.policy, "policy", "", "the policy `file` (default: lintgate.yml in the module root)")
	f.StringVar(&o.config, "config", "", "the golangci-lint v2 config `file` (default: the module's .golangci.yml)")
	f.BoolVar(&o.defaults, "default-config", false, "check lintgate's embedded default golangci-lint config")
}

// load finds the module root, the config and the policy.
func (o policyOptions) load(e *env) (root string, src rules.ConfigSource, pol *rules.Policy, err error) {
	dir, root, src, err := locate(o.dir, o.config, o.defaults)
	if err != nil {
		return "", src, nil, err
	}
	if pol, err = loadPolicy(o.policy, dir, root); err != nil {
		return "", src, nil, policyError(e, err)
	}
	return root, src, pol, nil
}

// checkAll is lintgate policy check: the problems of the policy file, and
// those of the policy as far as it decoded against the registry, the pins
// and the configuration.
func (o policyOptions) checkAll(e *env) error {
	go rules.PrepareGolangciSchema() // while the policy and the registry are read
	dir, root, src, err := locate(o.dir, o.config, o.defaults)
	if err != nil {
		return err
	}
	var ps []rules.Problem
	pol, err := loadPolicy(o.policy, dir, root)
	if err != nil {
		pe, ok := errors.AsType[*rules.PolicyError](err)
		if !ok {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		ps, pol = pe.Problems, pe.Partial
	}
	known, err := runner.Known()
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	if pol != nil {
		_, more := policyProblems(pol, src, known, root)
		ps = append(ps, more...)
	}
	if len(ps) > 0 {
		return problemsExit(e, rules.SortProblems(ps))
	}
	_, err = fmt.Fprintf(e.stdout, "%s and %s: ok\n", pol.File, src.Name())
	return err
}

func newPolicyCheckCmd(e *env) *cobra.Command {
	var o policyOptions
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate lintgate.yml and .golangci.yml and print every problem",
		Long: `Validate the policy (lintgate.yml; the embedded default when there is none)
and the module's golangci-lint config, and check the config against the
policy: every linter it enables (explicitly or through linters.default),
every formatter and custom plugin (with the sha256 of its file), every
staticcheck check and revive rule it turns on. Prints every problem as
file:line:col: message. Exit 0 when all is well, 2 when a file is malformed
or names something unknown, 3 when the config violates the policy.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return o.checkAll(e)
		},
	}
	o.flags(cmd)
	return cmd
}

func newInitCmd(e *env) *cobra.Command {
	var o policyOptions
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a starter lintgate.yml (and .golangci.yml when there is none) that passes",
		Long: `Write a commented lintgate.yml in the module root that allows exactly the
linters the module's golangci-lint config enables (lintgate's embedded
default when there is no config, which is then written as .golangci.yml
too), pins the embedded versions, and gates on warnings. An existing
lintgate.yml is kept unless --force.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			dir, err := filepath.Abs(o.dir)
			if err != nil {
				return usageError("%v", err)
			}
			root, err := findModuleRoot(dir)
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			return initPolicy(e, root, force)
		},
	}
	cmd.Flags().StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing lintgate.yml")
	return cmd
}

func initPolicy(e *env, root string, force bool) error {
	policyPath := filepath.Join(root, rules.PolicyFile)
	if _, err := os.Lstat(policyPath); err == nil && !force {
		return usageError("%s exists; use --force to replace it", displayPath(policyPath))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	src, err := rules.FindGolangciConfig(root)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	known, err := runner.Known()
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	enabled, ps := rules.EnabledBy(src, known)
	if len(ps) > 0 {
		return problemsExit(e, ps)
	}
	pins := runner.ReadPins()
	data := rules.StarterPolicy(enabled, pins.GolangciLint.Version, pins.Staticcheck.Version, pins.Revive.Version)
	var written []string
	if src.Path == "" {
		cfgPath := filepath.Join(root, ".golangci.yml")
		if err := atomicfile.WriteFile(cfgPath, src.Data, 0o644); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
		written = append(written, displayPath(cfgPath))
	}
	if err := atomicfile.WriteFile(policyPath, data, 0o644); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	written = append(written, displayPath(policyPath))
	for _, w := range written {
		if _, err := fmt.Fprintf(e.stdout, "wrote %s\n", w); err != nil {
			return err
		}
	}
	return nil
}
