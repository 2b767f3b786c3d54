package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/internal/buildinfo"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/snapshot"
)

// defaultSnapshot is the snapshot file create writes and verify reads.
const defaultSnapshot = "lintgate.snapshot.json"

type snapshotOptions struct {
	dir            string
	output         string
	allowWeak      bool
	sign           string
	strict         bool
	allowedSigners string
	vulns          bool
	db             string
	verifyRelease  string
}

func newSnapshotCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "snapshot",
		Short: "Record the lint environment and check it later (create, verify, inspect)",
		Long: `A snapshot records what decides lint results and what tells two lint
environments apart: lintgate and its pinned linters, the Go toolchain,
target and Go settings, go.mod, go.sum and the configurations, and a check
that every module in the module cache matches go.sum. Create it in CI,
commit it, and verify it in the pre-commit hook and in CI: verify exits 42
on drift.`,
	}
	cmd.AddCommand(newSnapshotCreateCmd(e), newSnapshotVerifyCmd(e), newSnapshotInspectCmd(e), newSnapshotApplyCmd(e), newSnapshotEnvCmd(e), newSnapshotBundleCmd(e), newSnapshotDiffCmd(e))
	return cmd
}

func newSnapshotCreateCmd(e *env) *cobra.Command {
	var o snapshotOptions
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Write a snapshot of the lint environment (an in-toto statement)",
		Long: `Write a snapshot of the module's lint environment, an in-toto Statement v1,
to lintgate.snapshot.json. Run ` + "`go mod download all`" + ` first: a module go.sum
records but the module cache lacks fails the check.

Every go.sum line is confirmed by the checksum database (GOSUMDB, through
GOPROXY as the go command reaches it, with its caches), and GOROOT is
hashed as its golang.org/toolchain module and confirmed there too.

create refuses (exit 42, with the reasons) when GOSUMDB is off, GOFLAGS has
-mod=mod, the module cache does not match go.sum, a go.sum line is not
confirmed by the database, or GOROOT differs from its release;
--allow-weak records such an environment anyway. --sign KEY also writes
FILE.sig, an SSH signature (namespace lintgate-snapshot), as ssh-keygen -Y
sign would; the key is checked before anything is written, and without
--sign an old FILE.sig, which could not match, is removed. --verify-release
SHA256SUMS records whether this lintgate binary is the released one (with
--allowed-signers, whether the manifest's signature is good too).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return snapshotCreate(cmd.Context(), e, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.StringVarP(&o.output, "output", "o", defaultSnapshot, "write the snapshot to `file`")
	f.BoolVar(&o.allowWeak, "allow-weak", false, "record a weak environment instead of refusing it")
	f.StringVar(&o.sign, "sign", "", "sign the snapshot with the OpenSSH private `key` (writes FILE.sig)")
	f.StringVar(&o.verifyRelease, "verify-release", "", "record whether this binary is the one the release manifest `SHA256SUMS` lists")
	f.StringVar(&o.allowedSigners, "allowed-signers", "", "with --verify-release, check SHA256SUMS.sig against this OpenSSH allowed_signers `file`")
	return cmd
}

func newSnapshotVerifyCmd(e *env) *cobra.Command {
	var o snapshotOptions
	cmd := &cobra.Command{
		Use:   "verify [file]",
		Short: "Compare the lint environment with a snapshot (exit 42 on drift)",
		Long: `Take the snapshot again and compare it with the file (default
lintgate.snapshot.json). Prints one line per difference, sorted:

  ~ key old -> new    changed
  + key value         added
  - key value         removed
  ! problem           integrity failure of the present environment
  ? note              accepted by --allow-weak, or [strict]

It first sums up the checksum-database check (tree size and root hash,
modules confirmed and private) and the toolchain check (verified, differs
or unverifiable). Weakening changes are marked [weakening], stronger ones
[stronger]; differences only --strict compares are marked [strict]. By
default verify compares what decides lint results; --strict also compares
the exact Go release, the lintgate binary, every Go setting, fails on an
unverifiable toolchain, never uses the GOROOT hash cache, and requires a
valid signature (--allowed-signers).

Exit 0 when equal, 42 on drift or an integrity failure, 2 when the
snapshot is unreadable or invalid.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return snapshotVerify(cmd.Context(), e, o, fileArg(args))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.BoolVar(&o.strict, "strict", false, "compare everything and require a valid signature")
	f.StringVar(&o.allowedSigners, "allowed-signers", "", "check FILE.sig against this OpenSSH allowed_signers `file`")
	return cmd
}

func newSnapshotInspectCmd(e *env) *cobra.Command {
	var o snapshotOptions
	cmd := &cobra.Command{
		Use:   "inspect [file]",
		Short: "Show a snapshot; --vulns lists known vulnerabilities of its pins",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return snapshotInspect(cmd.Context(), e, o, fileArg(args))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.BoolVar(&o.vulns, "vulns", false, "list known vulnerabilities of the pinned modules and the Go versions")
	f.StringVar(&o.db, "db", "https://vuln.go.dev", "the Go vulnerability database `url` (file:///DIR for an offline copy)")
	return cmd
}

func fileArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return defaultSnapshot
}

// collectSnapshot takes a snapshot of the module around dir. strict
// keeps the GOROOT hash cache out of it.
func collectSnapshot(ctx context.Context, dir string, allowWeak, strict bool) (*snapshot.Statement, error) {
	root, err := findModuleRoot(dir)
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	configs, err := snapshotConfigs(root)
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, &ExitError{Code: ExitTool, Err: err}
	}
	s, err := snapshot.Collect(ctx, snapshot.Options{
		Root: root, Go: snapshot.ExecGo{}, Executable: exe, Build: buildinfo.Read(),
		Configs: configs, AllowWeak: allowWeak, CacheDir: lintgateCacheDir(), Strict: strict,
	})
	if err != nil {
		return nil, &ExitError{Code: ExitTool, Err: fmt.Errorf("snapshot: %w", err)}
	}
	return s, nil
}

// lintgateCacheDir is lintgate's directory in the user's cache directory
// ("" when there is none: HOME unset).
func lintgateCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "lintgate")
}

// writeChecks prints the checksum-database and toolchain summary.
func writeChecks(e *env, p *snapshot.Predicate) {
	for _, l := range snapshot.Checks(p) {
		_, _ = fmt.Fprintln(e.stdout, l[0]+" "+l[1]) // stdout errors surface at the end
	}
}

// snapshotConfigs reads the configurations in effect: lintgate.yml, the
// golangci-lint configuration and the effective configuration.
func snapshotConfigs(root string) ([]snapshot.Config, error) {
	policy, err := os.ReadFile(filepath.Join(root, rules.PolicyFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	src, err := rules.FindGolangciConfig(root)
	if err != nil {
		return nil, err
	}
	name := ".golangci.yml"
	if src.Path != "" {
		name = filepath.Base(src.Path)
		src.Display = name // the effective config's header names it; no absolute path
	}
	effective, err := rules.EffectiveConfig(src)
	if err != nil {
		return nil, err
	}
	var golangci []byte
	if src.Path != "" {
		golangci = src.Data
	}
	return []snapshot.Config{
		{Name: rules.PolicyFile, Data: policy, File: true},
		{Name: name, Data: golangci, File: true},
		{Name: "effective", Data: effective},
	}, nil
}

func snapshotCreate(ctx context.Context, e *env, o snapshotOptions) error {
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	if o.allowedSigners != "" && o.verifyRelease == "" {
		return usageError("--allowed-signers goes with --verify-release SHA256SUMS")
	}
	signer, err := snapshotSigner(dir, o.sign)
	if err != nil {
		return err
	}
	s, err := collectSnapshot(ctx, dir, o.allowWeak, false)
	if err != nil {
		return err
	}
	if o.verifyRelease != "" {
		if s.Predicate.Lintgate.Release, err = recordRelease(e, dir, o); err != nil {
			return err
		}
	}
	writeChecks(e, &s.Predicate)
	if reasons := s.Predicate.Weak.Reasons; len(reasons) > 0 && !o.allowWeak {
		writeWeakReasons(e, &s.Predicate)
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("snapshot create: refusing a weak environment (%s above; --allow-weak records it anyway)", count(len(reasons), "reason"))}
	}
	data, err := s.Marshal()
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	out := resolve(dir, o.output)
	checked := " (" + count(len(s.Predicate.Modules.List), "module") + " checked)"
	if err := writeSigned(e, out, checked, data, signer); err != nil {
		return err
	}
	for _, r := range s.Predicate.Weak.Reasons {
		e.warnf("weak (recorded by --allow-weak): %s", r)
	}
	return nil
}

// readSnapshot reads and parses a snapshot file: exit 2 when it cannot.
func readSnapshot(dir, file string) (string, []byte, *snapshot.Statement, error) {
	path := resolve(dir, file)
	data, err := os.ReadFile(path)
	if err != nil {
		return path, nil, nil, &ExitError{Code: ExitUsage, Err: snapshotReadError(path, err)}
	}
	s, err := snapshot.Parse(displayPath(path), data)
	if err != nil {
		return path, nil, nil, &ExitError{Code: ExitUsage, Err: err}
	}
	return path, data, s, nil
}

func snapshotVerify(ctx context.Context, e *env, o snapshotOptions, file string) error {
	if o.strict && o.allowedSigners == "" {
		return usageError("--strict requires a valid signature: name the allowed signers with --allowed-signers")
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	path, data, recorded, err := readSnapshot(dir, file)
	if err != nil {
		return err
	}
	if err := sameModule(dir, path, recorded); err != nil {
		return err
	}
	var sigErr error
	if o.allowedSigners != "" {
		if sigErr = checkSignature(e, dir, path, data, o.allowedSigners); sigErr != nil {
			var ee *ExitError
			if errors.As(sigErr, &ee) {
				return sigErr
			}
			_, _ = fmt.Fprintf(e.stdout, "! signature: %v\n", sigErr)
		}
	}
	now, err := collectSnapshot(ctx, dir, recorded.Predicate.Weak.Allowed == "true", o.strict)
	if err != nil {
		return err
	}
	writeChecks(e, &now.Predicate)
	res := snapshot.Compare(recorded, now)
	if err := res.Write(e.stdout); err != nil {
		return err
	}
	return verifyVerdict(e, displayPath(path), res, o.strict, sigErr)
}

// verifyVerdict sums up: exit 42 with a count of what drifted, else a
// one-line ok.
func verifyVerdict(e *env, name string, res snapshot.Result, strict bool, sigErr error) error {
	failing, strictOnly := res.Counts(strict)
	if res.Drift(strict) || sigErr != nil {
		var parts []string
		if failing > 0 {
			parts = append(parts, count(failing, "change"))
		}
		if n := len(res.Integrity); n > 0 {
			parts = append(parts, count(n, "integrity failure"))
		}
		if n := len(res.Strict); n > 0 && strict {
			parts = append(parts, count(n, "unverifiable toolchain"))
		}
		if sigErr != nil {
			parts = append(parts, "a bad signature")
		}
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("snapshot drift since %s: %s", name, strings.Join(parts, ", "))}
	}
	msg := name + ": no drift"
	if strictOnly > 0 {
		msg += fmt.Sprintf(" (%s only --strict compares)", count(strictOnly, "difference"))
	}
	_, err := fmt.Fprintln(e.stdout, msg)
	return err
}

// count is "1 change", "2 changes".
func count(n int, what string) string { return fmt.Sprintf("%d %s", n, plural(n, what)) }

// checkSignature verifies FILE.sig. A missing or bad signature is
// returned as a plain error (drift); an unreadable allowed_signers file
// is a usage error.
func checkSignature(e *env, dir, path string, data []byte, allowedFile string) error {
	allowedPath := resolve(dir, allowedFile)
	allowed, err := os.ReadFile(allowedPath)
	if err != nil {
		return usageError("--allowed-signers: %v", err)
	}
	signers, err := snapshot.ParseAllowedSigners(displayPath(allowedPath), allowed)
	if err != nil {
		return usageError("--allowed-signers: %v", err)
	}
	sig, err := os.ReadFile(snapshot.SignatureFile(path))
	if err != nil {
		return fmt.Errorf("no signature: %w", err)
	}
	signer, err := snapshot.Verify(data, sig, signers, displayPath(allowedPath), time.Now())
	if err != nil {
		return err
	}
	_, _ = fmt.Fprintf(e.stdout, "signature: good, %s key %s\n", strings.Join(signer.Principals, ","), signer.Fingerprint)
	return nil
}

func snapshotInspect(ctx context.Context, e *env, o snapshotOptions, file string) error {
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	if err := checkVulnDB(o); err != nil {
		return err
	}
	path, _, s, err := readSnapshot(dir, file)
	if err != nil {
		return err
	}
	if err := snapshot.Inspect(e.stdout, displayPath(path), s); err != nil {
		return err
	}
	if !o.vulns {
		return nil
	}
	queries := snapshot.Queries(&s.Predicate)
	vs, err := snapshot.FindVulns(ctx, o.db, queries)
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	return snapshot.WriteVulns(e.stdout, o.db, queries, vs)
}
