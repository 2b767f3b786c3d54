package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/internal/buildinfo"
	"github.com/lintgate/lintgate/snapshot"
)

type snapshotApplyOptions struct {
	dir            string
	dryRun         bool
	bundle         string
	bundleDir      string
	allowedSigners string
}

func newSnapshotApplyCmd(e *env) *cobra.Command {
	var o snapshotApplyOptions
	cmd := &cobra.Command{
		Use:   "apply [file]",
		Short: "Make this machine match a snapshot, then verify it (exit 42 on what remains)",
		Long: `Make this machine's lint environment match the snapshot (default
lintgate.snapshot.json), through the go command's own mechanisms, then run
the checks of snapshot verify:

  - the Go release: go commands run with GOTOOLCHAIN=goX.Y.Z, so the go
    command downloads and checksum-verifies the toolchain module;
  - the modules: go list -m all and go mod download of every module whose
    content go.sum records, with the snapshot's GOPROXY, GOSUMDB,
    GONOSUMDB, GOPRIVATE and GOFLAGS as their environment.

Nothing is written to the go env file: apply ends by printing the
snapshot env lines that make later commands behave the same.

--bundle FILE applies an offline bundle (snapshot bundle) instead: its
manifest (and with --allowed-signers its signature) is checked before
anything is unpacked, it is unpacked read-only into --dir, and the modules
come from its file:// module proxy. A bundle that fails a check is
refused (exit 42) and nothing is unpacked.

Exit 0 when the machine now matches; 42 with the remaining differences
(for example another lintgate version: apply says which to install and
how); 2 for an unreadable snapshot.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return snapshotApply(cmd.Context(), e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.BoolVar(&o.dryRun, "dry-run", false, "print what apply would do and change nothing")
	f.StringVar(&o.bundle, "bundle", "", "apply the offline bundle `file` (snapshot bundle)")
	f.StringVar(&o.bundleDir, "bundle-dir", "", "unpack the bundle into `dir` (default: the bundle's name without .tar.gz)")
	f.StringVar(&o.allowedSigners, "allowed-signers", "", "require a signature by a key of this OpenSSH allowed_signers `file`")
	return cmd
}

func snapshotApply(ctx context.Context, e *env, o snapshotApplyOptions, args []string) error {
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	root, err := findModuleRoot(dir)
	if err != nil {
		return usageError("%v", err)
	}
	if o.bundle != "" {
		if len(args) > 0 {
			return usageError("apply --bundle takes the snapshot from the bundle: no file argument")
		}
		return snapshotApplyBundle(ctx, e, o, dir, root)
	}
	if o.bundleDir != "" {
		return usageError("--bundle-dir needs --bundle")
	}
	path, _, s, err := readSnapshot(dir, fileArg(args))
	if err != nil {
		return err
	}
	plan, err := snapshot.NewPlan(s, root, nil)
	if err != nil {
		return usageError("%s: %v", displayPath(path), err)
	}
	return applyPlan(ctx, e, o, plan, path, s)
}

// applyPlan runs the plan (or describes it), verifies with the plan's
// environment, and says what remains and which environment to use.
func applyPlan(ctx context.Context, e *env, o snapshotApplyOptions, plan snapshot.Plan, path string, s *snapshot.Statement) error {
	if o.dryRun {
		if err := plan.Describe(e.stdout); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.stdout, "then the checks of lintgate snapshot verify %s\n", displayPath(path))
		return err
	}
	n, runErr := plan.Run(ctx, snapshot.ExecGo{})
	if runErr != nil {
		e.warnf("apply: %v", runErr)
	} else {
		_, _ = fmt.Fprintf(e.stdout, "apply: go is %s; %s in the module cache\n", plan.Toolchain, count(n, "module"))
	}
	vo := snapshotOptions{dir: o.dir}
	if o.allowedSigners != "" {
		if _, err := os.Stat(snapshot.SignatureFile(path)); err == nil || o.bundle == "" {
			vo.allowedSigners = o.allowedSigners
		}
	}
	verifyErr := withEnv(plan.Env, func() error { return snapshotVerify(ctx, e, vo, path) })
	for _, h := range s.Predicate.LintgateHints(buildinfo.Read()) {
		_, _ = fmt.Fprintln(e.stdout, "to do: "+h)
	}
	_, _ = fmt.Fprintln(e.stdout, "# the environment to use (lintgate snapshot env):")
	if err := snapshot.WriteEnv(e.stdout, "sh", plan.Env); err != nil {
		return err
	}
	if verifyErr == nil && runErr != nil {
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("snapshot apply: %w", runErr)}
	}
	return verifyErr
}

// withEnv runs fn with vars set in the process environment, which the go
// commands verify runs inherit, and restores it afterwards.
func withEnv(vars []snapshot.EnvVar, fn func() error) error {
	type saved struct {
		value string
		ok    bool
	}
	old := map[string]saved{}
	for _, v := range vars {
		val, ok := os.LookupEnv(v.Name)
		old[v.Name] = saved{val, ok}
		if err := os.Setenv(v.Name, v.Value); err != nil {
			return err
		}
	}
	defer func() {
		for k, s := range old {
			if s.ok {
				_ = os.Setenv(k, s.value) // was set before: cannot fail
			} else {
				_ = os.Unsetenv(k)
			}
		}
	}()
	return fn()
}

// errRefused marks a bundle that failed its checks.
var errRefused = errors.New("bundle refused")
