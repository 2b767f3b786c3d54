package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/snapshot"
)

type snapshotBundleOptions struct {
	dir         string
	output      string
	noToolchain bool
	noSeed      bool
	sign        string
}

func newSnapshotBundleCmd(e *env) *cobra.Command {
	var o snapshotBundleOptions
	cmd := &cobra.Command{
		Use:   "bundle [file]",
		Short: "Write one archive that carries the snapshot's environment to machines without a network",
		Long: `Write a deterministic .tar.gz (default lint-env.tar.gz) holding:

  lintgate.snapshot.json[.sig]  the snapshot (default lintgate.snapshot.json)
                                and its signature when there is one
  proxy/                        a file-based module proxy, the layout of
                                $GOMODCACHE/cache/download that GOPROXY=file://
                                serves: .info, .mod, .zip and list files for
                                the module graph and every module whose
                                content go.sum records, the toolchain module
                                of the snapshot's Go release, and the checksum
                                database's answers for it (sumdb/NAME/...)
  manifest.sha256[.sig]         the sha256 of every file (sha256sum -c reads
                                it), signed with --sign KEY

The go command fetches everything into a fresh module cache with the
snapshot's GOPROXY and GOSUMDB (taking what this machine's module cache
holds from there first, unless --no-seed), so every module is checked
against go.sum and the toolchain against the checksum database before it
is bundled.
The same inputs give a byte-identical archive. Apply it with
lintgate snapshot apply --bundle.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return snapshotBundle(cmd.Context(), e, o, fileArg(args))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.StringVarP(&o.output, "output", "o", "lint-env.tar.gz", "write the bundle to `file`")
	f.BoolVar(&o.noToolchain, "no-toolchain", false, "leave out the toolchain module (the machine has the snapshot's Go release)")
	f.StringVar(&o.sign, "sign", "", "sign the manifest with the OpenSSH private `key`")
	f.BoolVar(&o.noSeed, "no-seed", false, "download everything through the snapshot's proxies, not from this machine's module cache first")
	return cmd
}

func snapshotBundle(ctx context.Context, e *env, o snapshotBundleOptions, file string) error {
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	root, err := findModuleRoot(dir)
	if err != nil {
		return usageError("%v", err)
	}
	path, data, s, err := readSnapshot(dir, file)
	if err != nil {
		return err
	}
	bo := snapshot.BundleOptions{Root: root, Go: snapshot.ExecGo{}, Snapshot: data, Statement: s, Toolchain: !o.noToolchain}
	if o.sign != "" {
		if bo.Key, err = os.ReadFile(resolve(dir, o.sign)); err != nil {
			return usageError("--sign: %v", err)
		}
	}
	if sig, err := os.ReadFile(snapshot.SignatureFile(path)); err == nil {
		bo.Signature = sig
	}
	if !o.noSeed {
		if bo.Seed, err = goEnvVar(ctx, root, nil, "GOMODCACHE"); err != nil {
			return err
		}
	}
	if bo.Work, err = os.MkdirTemp("", "lintgate-bundle-"); err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	defer func() { _ = os.RemoveAll(bo.Work) }() // temporary download cache
	// The go command makes the module cache read-only; RemoveAll needs
	// write permission on directories.
	defer func() { _ = snapshot.MakeWritable(bo.Work) }()
	bo.Check = func(ctx context.Context, env []snapshot.EnvVar) error {
		return withEnv(env, func() error { return checkFreshCache(ctx, dir) })
	}
	files, err := snapshot.CollectBundle(ctx, bo)
	if err != nil {
		return &ExitError{Code: ExitTool, Err: fmt.Errorf("snapshot bundle: %w", err)}
	}
	out := resolve(dir, o.output)
	size, err := writeBundle(out, files)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	_, err = fmt.Fprintf(e.stdout, "wrote %s (%s, %.1f MB)\n", displayPath(out), count(len(files), "file"), float64(size)/1e6)
	return err
}

// writeBundle streams the archive into a temporary file beside out and
// renames it into place: no half-written bundle, and no archive in memory.
func writeBundle(out string, files []snapshot.BundleFile) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return 0, err
	}
	defer func() { _ = os.Remove(f.Name()) }() // gone after the rename
	err = snapshot.WriteArchive(f, files)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	fi, err := os.Stat(f.Name())
	if err != nil {
		return 0, err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil { //nolint:gosec // a bundle is meant to be copied and read, like the outputs G306 allows
		return 0, err
	}
	return fi.Size(), os.Rename(f.Name(), out)
}

// checkFreshCache runs verify's checks on the bundle's fresh module
// cache: nothing goes into a bundle that fails them, and what they ask the
// checksum database is cached there, so it travels with the bundle.
func checkFreshCache(ctx context.Context, dir string) error {
	now, err := collectSnapshot(ctx, dir, true, false)
	if err != nil {
		return err
	}
	if fs := snapshot.IntegrityFailures(&now.Predicate); len(fs) > 0 {
		return fmt.Errorf("the downloaded modules fail verify's checks: %s", strings.Join(fs, "; "))
	}
	return nil
}

// snapshotApplyBundle checks a bundle, unpacks it and applies its
// snapshot from its module proxy.
func snapshotApplyBundle(ctx context.Context, e *env, o snapshotApplyOptions, dir, root string) error {
	bundlePath := resolve(dir, o.bundle)
	b, err := checkBundle(e, dir, bundlePath, o.allowedSigners)
	if err != nil {
		return err
	}
	target := o.bundleDir
	if target == "" {
		target = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(bundlePath), ".gz"), ".tar")
	}
	target = resolve(dir, target)
	if o.dryRun {
		_, _ = fmt.Fprintf(e.stdout, "would unpack the bundle read-only into %s\n", displayPath(target))
	} else if err := unpackBundle(e, b, bundlePath, target); err != nil {
		return err
	}
	if here, err := os.ReadFile(resolve(dir, defaultSnapshot)); err == nil && !bytes.Equal(here, b.Snapshot) {
		e.warnf("the bundle's snapshot is not %s here; applying the bundle's (lintgate snapshot diff %s %s shows how they differ)",
			defaultSnapshot, defaultSnapshot, displayPath(filepath.Join(target, snapshot.BundleSnapshot)))
	}
	path := filepath.Join(target, snapshot.BundleSnapshot)
	s, err := snapshot.Parse(displayPath(path), b.Snapshot)
	if err != nil {
		return usageError("%v", err)
	}
	local, err := localBundle(ctx, dir, target, !o.dryRun)
	if err != nil {
		return err
	}
	plan, err := snapshot.NewPlan(s, root, local)
	if err != nil {
		return usageError("%s: %v", displayPath(path), err)
	}
	if !o.dryRun {
		if err := seedTreeHeads(ctx, e, root, plan, filepath.Join(target, snapshot.BundleProxy)); err != nil {
			return err
		}
	}
	return applyPlan(ctx, e, o, plan, path, s)
}

// seedTreeHeads gives this machine's $GOPATH/pkg/sumdb the checksum
// databases' tree heads the bundle was proved against, where it has none.
func seedTreeHeads(ctx context.Context, e *env, root string, plan snapshot.Plan, proxy string) error {
	list, err := goEnvVar(ctx, root, plan.Environ(), "GOPATH")
	if err != nil {
		return err
	}
	gopath := filepath.SplitList(list)
	if len(gopath) == 0 || gopath[0] == "" {
		return nil // verify says GOPATH is not set
	}
	dir := filepath.Join(gopath[0], "pkg", "sumdb")
	names, err := snapshot.SeedTreeHeads(proxy, dir)
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	for _, n := range names {
		_, _ = fmt.Fprintf(e.stdout, "bundle: %s starts from the tree head of %s the bundle was proved against\n", displayPath(dir), n)
	}
	return nil
}

// checkBundle reads the whole bundle and checks its manifest and, with
// allowed signers, its signature. A bundle that fails is refused: exit 42.
func checkBundle(e *env, dir, bundlePath, allowedSigners string) (*snapshot.Bundle, error) {
	var signers []snapshot.AllowedSigner
	allowedPath := resolve(dir, allowedSigners)
	if allowedSigners != "" {
		data, err := os.ReadFile(allowedPath)
		if err != nil {
			return nil, usageError("--allowed-signers: %v", err)
		}
		if signers, err = snapshot.ParseAllowedSigners(displayPath(allowedPath), data); err != nil {
			return nil, usageError("--allowed-signers: %v", err)
		}
	}
	f, err := os.Open(bundlePath)
	if err != nil {
		return nil, usageError("--bundle: %v", err)
	}
	defer func() { _ = f.Close() }() // read only
	b, err := snapshot.CheckBundle(displayPath(bundlePath), f)
	if err != nil {
		return nil, &ExitError{Code: ExitDrift, Err: fmt.Errorf("%w: %w; nothing was unpacked", errRefused, err)}
	}
	if allowedSigners == "" {
		_, _ = fmt.Fprintf(e.stdout, "bundle: %s match the manifest (unsigned: --allowed-signers checks a signature)\n", count(len(b.Manifest), "file"))
		return b, nil
	}
	signer, err := b.VerifySignature(signers, displayPath(allowedPath), time.Now())
	if err != nil {
		return nil, &ExitError{Code: ExitDrift, Err: fmt.Errorf("%w: %s: %w; nothing was unpacked", errRefused, displayPath(bundlePath), err)}
	}
	_, _ = fmt.Fprintf(e.stdout, "bundle: %s match the manifest, signed by %s key %s\n", count(len(b.Manifest), "file"), strings.Join(signer.Principals, ","), signer.Fingerprint)
	return b, nil
}

// unpackBundle unpacks into target, or reuses it when it already holds
// the same bundle.
func unpackBundle(e *env, b *snapshot.Bundle, bundlePath, target string) error {
	if _, err := os.Stat(target); err == nil {
		if b.SameManifest(target) {
			_, _ = fmt.Fprintf(e.stdout, "bundle: already unpacked in %s\n", displayPath(target))
			return nil
		}
		return usageError("--bundle-dir %s exists and holds something else: remove it (chmod -R u+w %[1]s && rm -rf %[1]s) or choose another --bundle-dir", displayPath(target))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return usageError("--bundle-dir: %v", err)
	}
	f, err := os.Open(bundlePath)
	if err != nil {
		return usageError("--bundle: %v", err)
	}
	defer func() { _ = f.Close() }() // read only
	if err := b.Extract(f, target); err != nil {
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("%w: %s: %w; nothing was unpacked", errRefused, displayPath(bundlePath), err)}
	}
	_, _ = fmt.Fprintf(e.stdout, "bundle: unpacked read-only into %s\n", displayPath(target))
	return nil
}
