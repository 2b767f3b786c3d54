package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/mod/sumdb/dirhash"

	"github.com/lintgate/lintgate/internal/sumdbtest"
	"github.com/lintgate/lintgate/snapshot"
)

// snapModule writes a module requiring example.com/dep v1.0.0 and a
// module cache holding it (go.sum lines computed with dirhash), and points
// the go command at them, offline. It returns the module directory.
func snapModule(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	root, cache := filepath.Join(tmp, "mod"), filepath.Join(tmp, "modcache")
	dep := filepath.Join(cache, "example.com", "dep@v1.0.0")
	dl := filepath.Join(cache, "cache", "download", "example.com", "dep", "@v")
	goMod := "module example.com/dep\n\ngo 1.21\n"
	for name, data := range map[string]string{
		filepath.Join(dep, "go.mod"):         goMod,
		filepath.Join(dep, "dep.go"):         "package dep\n",
		filepath.Join(dl, "v1.0.0.mod"):      goMod,
		filepath.Join(dl, "v1.0.0.info"):     `{"Version":"v1.0.0"}`,
		filepath.Join(root, "go.mod"):        "module example.com/main\n\ngo 1.26\n\nrequire example.com/dep v1.0.0\n",
		filepath.Join(root, ".golangci.yml"): "version: \"2\"\n",
		filepath.Join(root, "main.go"):       "package main\n\nimport _ \"example.com/dep\"\n\nfunc main() {}\n",
	} {
		writeFile(t, name, data)
	}
	sum, err := dirhash.HashDir(dep, "example.com/dep@v1.0.0", dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	modSum, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return os.Open(filepath.Join(dl, "v1.0.0.mod")) })
	if err != nil {
		t.Fatal(err)
	}
	goSum := "example.com/dep v1.0.0 " + sum + "\nexample.com/dep v1.0.0/go.mod " + modSum + "\n"
	writeFile(t, filepath.Join(root, "go.sum"), goSum)
	db, err := sumdbtest.New("sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	srv := db.Serve(goSum + toolchainLine(t))
	t.Cleanup(srv.Close)
	for k, v := range map[string]string{
		"GOENV": "off", "GOMODCACHE": cache, "GOPROXY": "off", "GOFLAGS": "", "GOSUMDB": srv.GOSUMDB,
		"GOPATH": filepath.Join(tmp, "gopath"), "XDG_CACHE_HOME": filepath.Join(tmp, "cache"),
		"GONOSUMDB": "", "GOPRIVATE": "", "GONOPROXY": "", "GOINSECURE": "", "GOWORK": "", "GOTOOLCHAIN": "local",
	} {
		t.Setenv(k, v)
	}
	return root
}

// toolchainLine is the go.sum line of this GOROOT's toolchain module,
// for the test databases to hold, so that the toolchain verifies.
func toolchainLine(t *testing.T) string {
	t.Helper()
	line, err := goRootLine()
	if err != nil {
		t.Fatal(err)
	}
	return line + "\n"
}

var goRootLine = sync.OnceValues(func() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT", "GOVERSION", "GOHOSTOS", "GOHOSTARCH").Output()
	if err != nil {
		return "", err
	}
	f := strings.Fields(string(out))
	if len(f) != 4 {
		return "", fmt.Errorf("go env: %q", out)
	}
	return snapshot.ToolchainLine(f[0], f[1], f[2], f[3])
})

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lintgate runs Main in process and returns its exit code and output.
func lintgate(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	t.Logf("lintgate %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	return code, stdout.String(), stderr.String()
}

// editSnapshot rewrites the recorded snapshot, as a hand edit would.
func editSnapshot(t *testing.T, file string, edit func(*snapshot.Predicate)) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	edit(&s.Predicate)
	if data, err = s.Marshal(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, string(data))
}

// TestSnapshotDriftExits is the acceptance list: exit 42 and a line that
// names the drift, for each change after a clean snapshot.
func TestSnapshotDriftExits(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, root, file string)
		want   string
	}{
		{"go.sum edited", func(t *testing.T, root, _ string) {
			writeFile(t, filepath.Join(root, "go.sum"), "example.com/dep v1.0.0 h1:AAAA/go.sum/edited=\n")
		}, "\n~ files.go.sum sha256:"},
		{"module cache file edited", func(t *testing.T, _, _ string) {
			writeFile(t, filepath.Join(os.Getenv("GOMODCACHE"), "example.com", "dep@v1.0.0", "dep.go"), "package dep // edited\n")
		}, "\n! module example.com/dep@v1.0.0: content differs from go.sum: the cache has h1:"},
		{"empty module cache", func(t *testing.T, _, _ string) { t.Setenv("GOMODCACHE", t.TempDir()) },
			"\n! module example.com/dep@v1.0.0: missing from the module cache\n"},
		{"GOSUMDB=off", func(t *testing.T, _, _ string) { t.Setenv("GOSUMDB", "off") },
			" -> off [weakening]\n"},
		{"GOFLAGS=-mod=mod", func(t *testing.T, _, _ string) { t.Setenv("GOFLAGS", "-mod=mod") },
			"\n~ target.mod \"\" -> mod [weakening]\n"},
		{"GONOSUMDB added", func(t *testing.T, _, _ string) { t.Setenv("GONOSUMDB", "corp.example.com") },
			"\n~ env.GONOSUMDB \"\" -> corp.example.com [weakening]\n"},
		{".golangci.yml changed", func(t *testing.T, root, _ string) {
			writeFile(t, filepath.Join(root, ".golangci.yml"), "version: \"2\"\nlinters:\n  default: none\n")
		}, "\n~ configs..golangci.yml sha256:"},
		{"a different Go version recorded", func(t *testing.T, _, file string) {
			editSnapshot(t, file, func(p *snapshot.Predicate) { p.Toolchain.GoVersion = "go1.25.7" })
		}, "\n~ toolchain.goVersion go1.25.7 -> go1."},
		{"a different linter sum recorded", func(t *testing.T, _, file string) {
			editSnapshot(t, file, func(p *snapshot.Predicate) {
				l := p.Linters["golangci-lint"]
				l.Sum = "h1:recorded="
				p.Linters["golangci-lint"] = l
			})
		}, "\n~ linters.golangci-lint.sum h1:recorded= -> h1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := snapModule(t)
			file := filepath.Join(root, defaultSnapshot)
			if code, _, _ := lintgate(t, "snapshot", "create", "-C", root); code != ExitOK {
				t.Fatalf("create: exit %d", code)
			}
			if code, _, _ := lintgate(t, "snapshot", "verify", "-C", root); code != ExitOK {
				t.Fatalf("verify before the change: exit %d", code)
			}
			tt.change(t, root, file)
			code, stdout, stderr := lintgate(t, "snapshot", "verify", "-C", root)
			if code != ExitDrift || !strings.Contains("\n"+stdout, tt.want) || !strings.Contains(stderr, "snapshot drift since") {
				t.Errorf("verify: exit %d, want 42 with a line %q", code, tt.want)
			}
		})
	}
}

func TestSnapshotInvalidExit2(t *testing.T) {
	root := snapModule(t)
	writeFile(t, filepath.Join(root, "bad.json"), "{\n  \"_type\": [1,\n}")
	code, _, stderr := lintgate(t, "snapshot", "verify", "-C", root, "bad.json")
	if code != ExitUsage || !strings.Contains(stderr, "bad.json:3:1: invalid character '}'") {
		t.Errorf("verify bad.json: exit %d, %q", code, stderr)
	}
	if code, _, stderr := lintgate(t, "snapshot", "inspect", "-C", root, "missing.json"); code != ExitUsage || !strings.Contains(stderr, "missing.json") {
		t.Errorf("inspect missing.json: exit %d, %q", code, stderr)
	}
}

// sshKey writes an unencrypted ed25519 key made in Go and an
// allowed_signers file for it; it returns both paths.
func sshKey(t *testing.T, dir, options string) (key, allowed string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "ci")
	if err != nil {
		t.Fatal(err)
	}
	key, allowed = filepath.Join(dir, "id_ed25519"), filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(key, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, allowed, "ci@example.com "+options+string(ssh.MarshalAuthorizedKey(sp)))
	return key, allowed
}

func keygen(t *testing.T, args ...string) error {
	t.Helper()
	p, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Fatalf("ssh-keygen proves interoperability with OpenSSH; it must be installed: %v", err)
	}
	out, err := exec.Command(p, args...).CombinedOutput()
	t.Logf("ssh-keygen %s: %s", strings.Join(args, " "), out)
	return err
}

func TestSnapshotSignatures(t *testing.T) {
	root := snapModule(t)
	keys := t.TempDir()
	key, allowed := sshKey(t, keys, `namespaces="lintgate-snapshot" `)
	file := filepath.Join(root, defaultSnapshot)
	if code, stdout, _ := lintgate(t, "snapshot", "create", "-C", root, "--sign", key); code != ExitOK || !strings.Contains(stdout, "lintgate.snapshot.json.sig\n") {
		t.Fatalf("create --sign: exit %d", code)
	}
	// lintgate's signature verifies with OpenSSH, and with lintgate.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "ci@example.com", "-n", snapshot.Namespace, "-s", file+".sig")
	cmd.Stdin = bytes.NewReader(data)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("ssh-keygen -Y verify: %v\n%s", err, out)
	}
	verify := func(want int, wantOut string) {
		t.Helper()
		code, stdout, _ := lintgate(t, "snapshot", "verify", "-C", root, "--strict", "--allowed-signers", allowed)
		if code != want || !strings.Contains(stdout, wantOut) {
			t.Errorf("verify --strict: exit %d, want %d with %q", code, want, wantOut)
		}
	}
	verify(ExitOK, "signature: good, ci@example.com key SHA256:")

	// A signature by ssh-keygen -Y sign verifies in lintgate.
	if err := os.Remove(file + ".sig"); err != nil {
		t.Fatal(err)
	}
	if err := keygen(t, "-Y", "sign", "-f", key, "-n", snapshot.Namespace, file); err != nil {
		t.Fatal(err)
	}
	verify(ExitOK, "signature: good")

	// A different Go patch release: no drift by default, drift under
	// --strict (the file is re-signed, so only the release differs).
	editSnapshot(t, file, func(p *snapshot.Predicate) { p.Toolchain.GoVersion = "go1.26.0" })
	_ = os.Remove(file + ".sig") // ssh-keygen -Y sign does not overwrite
	if err := keygen(t, "-Y", "sign", "-f", key, "-n", snapshot.Namespace, file); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := lintgate(t, "snapshot", "verify", "-C", root); code != ExitOK || !strings.Contains(stdout, "[strict]\n") || !strings.Contains(stdout, "1 difference only --strict compares") {
		t.Errorf("verify (default) of a patch release: exit %d", code)
	}
	verify(ExitDrift, "\n~ toolchain.goVersion go1.26.0 -> go1.")

	// A tampered file and a signature in another namespace fail.
	lintgate(t, "snapshot", "create", "-C", root, "--sign", key)
	writeFile(t, file, string(data)+" ")
	verify(ExitDrift, "! signature: bad signature")
	writeFile(t, file, string(data))
	_ = os.Remove(file + ".sig")
	if err := keygen(t, "-Y", "sign", "-f", key, "-n", "file", file); err != nil {
		t.Fatal(err)
	}
	verify(ExitDrift, `! signature: signature namespace is "file", want "lintgate-snapshot"`)

	// --strict needs the allowed signers; a bad allowed_signers is exit 2.
	if code, _, _ := lintgate(t, "snapshot", "verify", "-C", root, "--strict"); code != ExitUsage {
		t.Errorf("--strict without --allowed-signers: exit %d", code)
	}
	writeFile(t, filepath.Join(keys, "bad"), "ci@example.com not-a-key\n")
	if code, _, _ := lintgate(t, "snapshot", "verify", "-C", root, "--allowed-signers", filepath.Join(keys, "bad")); code != ExitUsage {
		t.Errorf("bad allowed_signers: exit %d", code)
	}
}

func TestSnapshotInspectVulns(t *testing.T) {
	root := snapModule(t)
	if code, _, _ := lintgate(t, "snapshot", "create", "-C", root); code != ExitOK {
		t.Fatal("create failed")
	}
	db, err := filepath.Abs(filepath.Join("..", "..", "snapshot", "testdata", "vulndb"))
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(db)}).String()
	code, stdout, _ := lintgate(t, "snapshot", "inspect", "-C", root, "--vulns", "--db", u)
	if code != ExitOK {
		t.Fatalf("inspect --vulns: exit %d", code)
	}
	for _, want := range []string{"\nlinters\n", "golangci-lint  github.com/golangci/golangci-lint/v2", "GO-2099-0002", "github.com/golangci/golangci-lint/v2@v2.15.0"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("inspect --vulns: no %q", want)
		}
	}
	if strings.Contains(stdout, "GO-2099-0003") || strings.Contains(stdout, "GO-2099-0004") {
		t.Error("inspect --vulns lists vulnerabilities that do not affect the pinned versions")
	}
}

// TestSnapshotSubjects: verify compares the statement's subjects with
// the present (issue 18, item 8): an edited digest and an emptied list
// are drift; a digest that is not hex is an invalid snapshot.
func TestSnapshotSubjects(t *testing.T) {
	root := snapModule(t)
	file := filepath.Join(root, defaultSnapshot)
	if code, _, _ := lintgate(t, "snapshot", "create", "-C", root); code != ExitOK {
		t.Fatalf("create: exit %d", code)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(*snapshot.Statement)) {
		t.Helper()
		s, err := snapshot.Parse(file, data)
		if err != nil {
			t.Fatal(err)
		}
		f(s)
		out, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, file, string(out))
	}
	for _, tt := range []struct {
		name string
		edit func(*snapshot.Statement)
		code int
		want string
	}{
		{"go.mod digest 00", func(s *snapshot.Statement) {
			for i := range s.Subject {
				if s.Subject[i].Name == "go.mod" {
					s.Subject[i].Digest["sha256"] = "00"
				}
			}
		}, ExitDrift, "\n~ subject.go.mod sha256:00 -> sha256:"},
		{"no subjects", func(s *snapshot.Statement) { s.Subject = []snapshot.Subject{} }, ExitDrift, "\n+ subject.go.sum sha256:"},
		{"digest not hex", func(s *snapshot.Statement) { s.Subject[0].Digest["sha256"] = "zz" }, ExitUsage, "is not lowercase hex"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit(tt.edit)
			code, stdout, stderr := lintgate(t, "snapshot", "verify", "-C", root)
			if code != tt.code || !strings.Contains("\n"+stdout+stderr, tt.want) {
				t.Errorf("verify: exit %d, want %d with %q", code, tt.code, tt.want)
			}
		})
	}
}
