package release

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/internal/filehash"
	"github.com/lintgate/lintgate/internal/sshsig"
)

const commit = "37b10c6e1f0a2b3c4d5e6f708192a3b4c5d6e7f8"

// checkDist checks a release directory as a user would: SHA256SUMS lists
// every other file with its true sha256, every SBOM is valid SPDX 2.3 and
// lists every module `go version -m` lists for its binary, and the
// provenance's subjects are exactly the binaries of SHA256SUMS.
func checkDist(t *testing.T, dist string) Manifest {
	t.Helper()
	m, err := ParseManifest("SHA256SUMS", readFile(t, filepath.Join(dist, ManifestFile)))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dist)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if n := e.Name(); n != ManifestFile && n != ManifestFile+".sig" {
			files = append(files, n)
		}
	}
	var listed, bins []string
	var subjectsWant []Subject
	for _, e := range m {
		listed = append(listed, e.Name)
		if got, err := filehash.SHA256(filepath.Join(dist, e.Name)); err != nil || got != e.SHA256 {
			t.Errorf("%s: sha256 %s, SHA256SUMS says %s (%v)", e.Name, got, e.SHA256, err)
		}
		if strings.HasPrefix(e.Name, "lintgate_") && !strings.HasSuffix(e.Name, ".json") {
			bins = append(bins, e.Name)
			subjectsWant = append(subjectsWant, Subject{Name: e.Name, Digest: map[string]string{"sha256": e.SHA256}})
		}
	}
	if diff := cmp.Diff(files, listed); diff != "" {
		t.Errorf("SHA256SUMS does not cover exactly the other files of dist/ (-files +listed):\n%s", diff)
	}
	for _, b := range bins {
		data := readFile(t, filepath.Join(dist, SBOMName(b)))
		validateSPDX(t, SBOMName(b), data)
		got, _ := sbomModules(t, data)
		want := goVersionM(t, filepath.Join(dist, b))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: modules of go version -m (-want) and of the SBOM (+got):\n%s", SBOMName(b), diff)
		}
	}
	var st Statement
	if err := json.Unmarshal(readFile(t, filepath.Join(dist, ProvenanceFile)), &st); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(subjectsWant, st.Subject); diff != "" {
		t.Errorf("provenance subjects differ from SHA256SUMS's binaries (-SHA256SUMS +provenance):\n%s", diff)
	}
	if st.Type != StatementType || st.PredicateType != SLSAProvenance {
		t.Errorf("statement types %q, %q", st.Type, st.PredicateType)
	}
	return m
}

func TestWrite(t *testing.T) {
	keygen := sshKeygen(t)
	dist, keys := t.TempDir(), t.TempDir()
	buildGoBinary(t, dist, "lintgate_linux_amd64")
	buildGoBinary(t, dist, "lintgate_windows_arm64.exe", "GOOS=windows", "GOARCH=arm64") // a PE binary's build information too
	keyFile, allowed := newKey(t, keys)
	in := Input{Version: "v0.0.0-test", Commit: commit, Created: time.Unix(1764600000, 0), Repository: "https://github.com/lintgate/lintgate", Key: readFile(t, keyFile)}
	wrote, err := Write(dist, in)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"lintgate_linux_amd64.spdx.json", "lintgate_windows_arm64.spdx.json", "lintgate.intoto.json", "SHA256SUMS", "SHA256SUMS.sig"}
	if diff := cmp.Diff(want, wrote); diff != "" {
		t.Errorf("wrote (-want +got):\n%s", diff)
	}
	checkDist(t, dist)

	// ssh-keygen accepts the signature in the lintgate-release namespace only.
	sums := filepath.Join(dist, ManifestFile)
	verify := func(ns string, data []byte) error {
		cmd := exec.Command(keygen, "-Y", "verify", "-f", allowed, "-I", "release@example.com", "-n", ns, "-s", sums+".sig")
		cmd.Stdin = bytes.NewReader(data)
		out, err := cmd.CombinedOutput()
		t.Logf("ssh-keygen -n %s: %s", ns, out)
		return err
	}
	manifest := readFile(t, sums)
	if err := verify(Namespace, manifest); err != nil {
		t.Errorf("ssh-keygen -Y verify refused SHA256SUMS.sig: %v", err)
	}
	if err := verify("lintgate-snapshot", manifest); err == nil {
		t.Error("ssh-keygen accepted the release signature as a snapshot's")
	}
	if err := verify(Namespace, append(manifest, '\n')); err == nil {
		t.Error("ssh-keygen accepted a tampered SHA256SUMS")
	}
	signers, err := sshsig.ParseAllowedSigners("allowed_signers", readFile(t, allowed))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifySignature(manifest, readFile(t, sums+".sig"), signers, "allowed_signers", time.Now()); err != nil {
		t.Errorf("VerifySignature: %v", err)
	}

	// Same input, same bytes.
	before := readAll(t, dist)
	if _, err := Write(dist, in); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, readAll(t, dist)); diff != "" {
		t.Errorf("a second Write changed dist/:\n%s", diff)
	}
}

// TestWriteBadKey: a key that does not parse fails before anything is
// written; a release without a key removes an old signature, which could
// not match the new SHA256SUMS.
func TestWriteBadKey(t *testing.T) {
	dist := t.TempDir()
	buildGoBinary(t, dist, "lintgate_linux_amd64")
	writeTestFile(t, filepath.Join(dist, "SHA256SUMS.sig"), []byte("old"))
	in := Input{Version: "v0.0.0-test", Commit: commit, Created: time.Unix(0, 0), Key: []byte("not a key")}
	if _, err := Write(dist, in); err == nil || !strings.Contains(err.Error(), "signing key") {
		t.Fatalf("Write with a bad key: %v", err)
	}
	if got := names(t, dist); !slices.Equal(got, []string{"SHA256SUMS.sig", "lintgate_linux_amd64"}) {
		t.Errorf("after a bad key dist/ has %v: want it untouched", got)
	}
	in.Key = nil
	if _, err := Write(dist, in); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dist, "SHA256SUMS.sig")); !os.IsNotExist(err) {
		t.Errorf("an unsigned release kept the old SHA256SUMS.sig (%v)", err)
	}
}

func TestWriteNoBinary(t *testing.T) {
	if _, err := Write(t.TempDir(), Input{}); err == nil || !strings.Contains(err.Error(), "no lintgate_<os>_<arch> binary") {
		t.Errorf("Write of an empty dir: %v", err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range names(t, dir) {
		out[n] = string(readFile(t, filepath.Join(dir, n)))
	}
	return out
}
