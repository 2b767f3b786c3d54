package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lintgate/lintgate/internal/filehash"
	"github.com/lintgate/lintgate/release"
	"github.com/lintgate/lintgate/snapshot"
)

// selfSHA256 is the sha256 of this test binary, which Main runs in.
func selfSHA256(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		t.Fatal(err)
	}
	d, err := filehash.SHA256(exe)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// releaseDir writes a SHA256SUMS that lists this binary for this platform
// (plus an SBOM line), signed with ssh-keygen in the lintgate-release
// namespace, and an allowed_signers file for the key.
func releaseDir(t *testing.T) (dir, sums, allowed, key string) {
	t.Helper()
	dir = t.TempDir()
	sums = filepath.Join(dir, "SHA256SUMS")
	writeFile(t, sums, fmt.Sprintf("%x  lintgate_linux_amd64.spdx.json\n%s  %s\n",
		sha256.Sum256([]byte("sbom")), selfSHA256(t), release.BinaryName(runtime.GOOS, runtime.GOARCH)))
	key, allowed = sshKey(t, t.TempDir(), `namespaces="lintgate-release" `)
	if err := keygen(t, "-Y", "sign", "-f", key, "-n", release.Namespace, sums); err != nil {
		t.Fatal(err)
	}
	return dir, sums, allowed, key
}

func TestVersionVerify(t *testing.T) {
	dir, sums, allowed, key := releaseDir(t)
	check := func(wantCode int, want string, args ...string) {
		t.Helper()
		code, stdout, stderr := lintgate(t, append([]string{"version", "--verify"}, args...)...)
		if code != wantCode || !strings.Contains(stdout+stderr, want) {
			t.Errorf("version --verify %s: exit %d, want %d with %q", strings.Join(args, " "), code, wantCode, want)
		}
	}
	name := release.BinaryName(runtime.GOOS, runtime.GOARCH)
	check(ExitOK, "signature: not checked", sums)
	check(ExitOK, "this lintgate is the released "+name+" of "+sums, sums)
	check(ExitOK, "signature: good, ci@example.com key SHA256:", sums, "--allowed-signers", allowed)

	// A manifest of another binary, or without this platform.
	other := filepath.Join(dir, "other")
	writeFile(t, other, fmt.Sprintf("%x  %s\n", sha256.Sum256([]byte("another lintgate")), name))
	check(ExitDrift, "this binary is not the released "+name+": its sha256 is "+selfSHA256(t), other)
	writeFile(t, other, fmt.Sprintf("%s  lintgate_plan9_386\n", selfSHA256(t)))
	check(ExitDrift, "the manifest has no "+name+" (it lists lintgate_plan9_386)", other)

	// A tampered manifest (the signature no longer matches), a signature
	// in another namespace, a missing one, a key not allowed.
	data, err := os.ReadFile(sums)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, sums, string(data)+fmt.Sprintf("%x  extra\n", sha256.Sum256(nil)))
	check(ExitDrift, "bad signature by SHA256:", sums, "--allowed-signers", allowed)
	check(ExitOK, "signature: not checked", sums) // without signers, only the binary's line counts
	writeFile(t, sums, string(data))
	snapSig := filepath.Join(dir, "snapshot.sig")
	writeFile(t, filepath.Join(dir, "snapshot"), string(data))
	if err := keygen(t, "-Y", "sign", "-f", key, "-n", snapshot.Namespace, filepath.Join(dir, "snapshot")); err != nil {
		t.Fatal(err)
	}
	check(ExitDrift, `signature namespace is "lintgate-snapshot", want "lintgate-release"`, sums, "--allowed-signers", allowed, "--signature", snapSig)
	writeFile(t, sums+".sig", "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n")
	check(ExitDrift, "not an SSH signature", sums, "--allowed-signers", allowed)
	if err := os.Remove(sums + ".sig"); err != nil {
		t.Fatal(err)
	}
	check(ExitDrift, "no signature of the release manifest", sums, "--allowed-signers", allowed)
	if err := keygen(t, "-Y", "sign", "-f", key, "-n", release.Namespace, sums); err != nil {
		t.Fatal(err)
	}
	_, strangers := sshKey(t, t.TempDir(), "")
	check(ExitDrift, "is not allowed to sign lintgate-release", sums, "--allowed-signers", strangers)

	// Files that cannot be read or are not manifests: exit 2.
	check(ExitUsage, "missing", filepath.Join(dir, "missing"))
	writeFile(t, other, "<html>\n")
	check(ExitUsage, other+`:1: want "<sha256>  <file>"`, other)
	check(ExitUsage, "--allowed-signers", sums, "--allowed-signers", filepath.Join(dir, "missing"))
	if code, _, _ := lintgate(t, "version", "--allowed-signers", allowed); code != ExitUsage {
		t.Errorf("--allowed-signers without --verify: exit %d, want 2", code)
	}
}

// TestSnapshotSignBadKey: --sign with a key that is not one writes
// nothing (the old snapshot and its signature still match), and a
// snapshot written without --sign does not keep an old signature.
func TestSnapshotSignBadKey(t *testing.T) {
	root := snapModule(t)
	key, allowed := sshKey(t, t.TempDir(), "")
	file := filepath.Join(root, defaultSnapshot)
	if code, _, _ := lintgate(t, "snapshot", "create", "-C", root, "--sign", key); code != ExitOK {
		t.Fatalf("create --sign: exit %d", code)
	}
	before, sigBefore := readString(t, file), readString(t, file+".sig")
	editGoMod := filepath.Join(root, "go.mod")
	writeFile(t, editGoMod, readString(t, editGoMod)+"\n// changed\n")
	bad := filepath.Join(t.TempDir(), "bad")
	writeFile(t, bad, "not a key\n")
	if code, _, stderr := lintgate(t, "snapshot", "create", "-C", root, "--sign", bad); code != ExitUsage || !strings.Contains(stderr, "--sign "+bad) {
		t.Errorf("create --sign BADKEY: exit %d, %q; want 2 naming the key", code, stderr)
	}
	if readString(t, file) != before || readString(t, file+".sig") != sigBefore {
		t.Error("create --sign BADKEY changed the snapshot or its signature")
	}
	if code, stdout, _ := lintgate(t, "snapshot", "verify", "-C", root, "--allowed-signers", allowed); code != ExitDrift || !strings.Contains(stdout, "signature: good") {
		t.Errorf("verify after the go.mod edit: exit %d, %q; want 42 (drift) with a good signature", code, stdout)
	}
	code, stdout, _ := lintgate(t, "snapshot", "create", "-C", root)
	if code != ExitOK || !strings.Contains(stdout, "removed "+file+".sig: it signed the previous snapshot") {
		t.Errorf("create without --sign over a signed snapshot: exit %d, %q", code, stdout)
	}
	if _, err := os.Stat(file + ".sig"); !os.IsNotExist(err) {
		t.Errorf("the old signature is still there (%v)", err)
	}
}

// TestSnapshotVerifyRelease: create --verify-release records whether the
// binary is the release's.
func TestSnapshotVerifyRelease(t *testing.T) {
	root := snapModule(t)
	dir, sums, allowed, _ := releaseDir(t)
	file := filepath.Join(root, defaultSnapshot)
	recorded := func() *snapshot.Release {
		t.Helper()
		s, err := snapshot.Parse(file, []byte(readString(t, file)))
		if err != nil {
			t.Fatal(err)
		}
		return s.Predicate.Lintgate.Release
	}
	if code, _, _ := lintgate(t, "snapshot", "create", "-C", root, "--verify-release", sums, "--allowed-signers", allowed); code != ExitOK {
		t.Fatalf("create --verify-release: exit %d", code)
	}
	if r := recorded(); r == nil || r.Matched != "true" || !strings.HasPrefix(r.Signature, "ci@example.com key SHA256:") || r.Binary != release.BinaryName(runtime.GOOS, runtime.GOARCH) {
		t.Errorf("recorded release %+v", r)
	}
	other := filepath.Join(dir, "other")
	writeFile(t, other, fmt.Sprintf("%x  %s\n", sha256.Sum256(nil), release.BinaryName(runtime.GOOS, runtime.GOARCH)))
	code, _, stderr := lintgate(t, "snapshot", "create", "-C", root, "--verify-release", other)
	if code != ExitOK || !strings.Contains(stderr, "not the verified release") {
		t.Errorf("create --verify-release of another binary: exit %d, %q", code, stderr)
	}
	if r := recorded(); r == nil || r.Matched != "false" || r.Signature != "not checked" || !strings.Contains(r.Problem, "not the released") {
		t.Errorf("recorded release %+v", r)
	}
	if code, _, _ := lintgate(t, "snapshot", "create", "-C", root, "--allowed-signers", allowed); code != ExitUsage {
		t.Errorf("--allowed-signers without --verify-release: exit %d, want 2", code)
	}
	if code, stdout, _ := lintgate(t, "snapshot", "inspect", "-C", root); code != ExitOK || !strings.Contains(stdout, "release  matched false") {
		t.Errorf("inspect: exit %d, %q", code, stdout)
	}
}

func readString(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
