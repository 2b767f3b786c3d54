package release

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lintgate/lintgate/sarif"
)

// TestMakeRelease runs make release as a maintainer does, for this
// platform only (a cross build of five platforms takes minutes), and
// checks dist/ as a user would: the binary reports the release version
// (version, --json and the SARIF driver), SHA256SUMS covers every other
// file, the SBOM is valid SPDX 2.3 with every module of go version -m,
// the provenance's subjects are SHA256SUMS's binaries, the signature
// verifies with ssh-keygen, and version --verify passes for the released
// binary and fails (exit 42) for another one or a tampered manifest.
// make reproducible-release proves that two clones give the same dist/.
func TestMakeRelease(t *testing.T) {
	keygen := sshKeygen(t)
	dist, keys := filepath.Join(t.TempDir(), "dist"), t.TempDir()
	key, allowed := newKey(t, keys)
	platform := runtime.GOOS + "/" + runtime.GOARCH
	mk := exec.Command("make", "-C", "..", "release", "VERSION=v0.0.0-test", "PLATFORMS="+platform, "DIST="+dist, "SIGN_KEY="+key)
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("make release: %v\n%s", err, out)
	}
	checkDist(t, dist)
	checkProvenance(t, filepath.Join(dist, ProvenanceFile))
	bin := filepath.Join(dist, BinaryName(runtime.GOOS, runtime.GOARCH))
	run := func(wantCode int, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != wantCode {
			t.Errorf("%s %s: exit %d, want %d\n%s%s", filepath.Base(name), strings.Join(args, " "), code, wantCode, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}
	if out := run(0, bin, "version"); !strings.HasPrefix(out, "lintgate v0.0.0-test built with go") {
		t.Errorf("version: %q", out)
	}
	var pins struct {
		Lintgate struct{ Version string } `json:"lintgate"`
	}
	if err := json.Unmarshal([]byte(run(0, bin, "version", "--json")), &pins); err != nil || pins.Lintgate.Version != "v0.0.0-test" {
		t.Errorf("version --json: %+v, %v", pins, err)
	}
	mod := checkDriver(t, bin)

	sums := filepath.Join(dist, ManifestFile)
	cmd := exec.Command(keygen, "-Y", "verify", "-f", allowed, "-I", "release@example.com", "-n", Namespace, "-s", sums+".sig")
	cmd.Stdin = bytes.NewReader(readFile(t, sums))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("ssh-keygen -Y verify SHA256SUMS.sig: %v\n%s", err, out)
	}
	if out := run(0, bin, "version", "--verify", sums, "--allowed-signers", allowed); !strings.Contains(out, "signature: good, release@example.com") {
		t.Errorf("version --verify: %q", out)
	}
	checkSnapshot(t, bin, mod, sums, allowed)
	other := filepath.Join(t.TempDir(), "lintgate")
	writeTestFile(t, other, append(readFile(t, bin), 0))
	if err := os.Chmod(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if out := run(42, other, "version", "--verify", sums); !strings.Contains(out, "not the released") {
		t.Errorf("version --verify of another binary: %q", out)
	}
	writeTestFile(t, sums, bytes.Replace(readFile(t, sums), []byte("lintgate.intoto.json"), []byte("lintgate.intoto.jsonl"), 1))
	if out := run(42, bin, "version", "--verify", sums, "--allowed-signers", allowed); !strings.Contains(out, "bad signature") {
		t.Errorf("version --verify of a tampered manifest: %q", out)
	}
}

// checkDriver: the SARIF log of the released binary names it by the
// release version, and is valid.
func checkDriver(t *testing.T, bin string) string {
	t.Helper()
	mod := t.TempDir()
	writeTestFile(t, filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"))
	writeTestFile(t, filepath.Join(mod, "m.go"), []byte("// Package m is empty.\npackage m\n"))
	out := filepath.Join(mod, "out.sarif")
	cmd := exec.Command(bin, "run", "-C", mod, "--default-config", "--fail-on", "none", "-o", out, "./...")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lintgate run: %v\n%s", err, msg)
	}
	data := readFile(t, out)
	if err := sarif.ValidateSchema(data); err != nil {
		t.Errorf("the log is not valid SARIF: %v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Version, SemanticVersion string }
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("log: %v", err)
	}
	// Without the "v": the SARIF Multitool's SARIF2005 wants a version that
	// starts with a digit.
	if d := log.Runs[0].Tool.Driver; d.Version != "0.0.0-test" || d.SemanticVersion != "0.0.0-test" {
		t.Errorf("SARIF driver version %q, semanticVersion %q; want 0.0.0-test for both", d.Version, d.SemanticVersion)
	}
	return mod
}

// checkSnapshot: the released binary's snapshot records its version and
// that it is the release's (create --verify-release).
func checkSnapshot(t *testing.T, bin, mod, sums, allowed string) {
	t.Helper()
	cmd := exec.Command(bin, "snapshot", "create", "-C", mod, "--verify-release", sums, "--allowed-signers", allowed)
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOSUMDB=sum.golang.org", "GOPROXY=off")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("snapshot create: %v\n%s", err, msg)
	}
	var st struct {
		Predicate struct {
			Lintgate struct {
				Version string
				Release struct{ Matched, Binary, Signature string }
			}
		}
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(mod, "lintgate.snapshot.json")), &st); err != nil {
		t.Fatal(err)
	}
	lg := st.Predicate.Lintgate
	if lg.Version != "v0.0.0-test" || lg.Release.Matched != "true" || !strings.HasPrefix(lg.Release.Signature, "release@example.com key SHA256:") {
		t.Errorf("snapshot of the released binary: %+v", lg)
	}
}

// checkProvenance: the provenance records the source commit (HEAD), the
// Go version and the flags, -ldflags included (build information leaves it
// out under -trimpath).
func checkProvenance(t *testing.T, file string) {
	t.Helper()
	var st Statement
	if err := json.Unmarshal(readFile(t, file), &st); err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	def := st.Predicate.BuildDefinition
	if got := def.ExternalParameters.Source.Digest["gitCommit"]; got != strings.TrimSpace(string(head)) {
		t.Errorf("source commit %q, want HEAD %s", got, head)
	}
	if def.InternalParameters.GoVersion != runtime.Version() {
		t.Errorf("Go version %q, want %s", def.InternalParameters.GoVersion, runtime.Version())
	}
	flags := strings.Join(def.InternalParameters.Flags, " ")
	if !strings.Contains(flags, "-trimpath") || !strings.Contains(flags, "-buildid= -X github.com/lintgate/lintgate/internal/buildinfo.version=v0.0.0-test") {
		t.Errorf("flags %q", flags)
	}
	if env := def.InternalParameters.Env; env["CGO_ENABLED"] != "0" {
		t.Errorf("env %v", env)
	}
}
