package release

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/crypto/ssh"

	_ "github.com/lintgate/lintgate/internal/testflags"
)

const spdxSchemaID = "http://spdx.org/rdf/terms/2.3"

var spdxSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	data, err := os.ReadFile(filepath.Join("testdata", "spdx-schema-2.3.json"))
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(spdxSchemaID, doc); err != nil {
		return nil, err
	}
	return c.Compile(spdxSchemaID)
})

// validateSPDX fails the test unless data is valid against the SPDX 2.3
// JSON schema.
func validateSPDX(t *testing.T, name string, data []byte) {
	t.Helper()
	sch, err := spdxSchema()
	if err != nil {
		t.Fatalf("SPDX schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s is not valid SPDX 2.3: %v", name, err)
	}
}

// goVersionM is what `go version -m` says a binary links: path@version
// to sum, replacements resolved ("=>" lines replace the "dep" before).
func goVersionM(t *testing.T, binary string) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "version", "-m", binary).Output()
	if err != nil {
		t.Fatalf("go version -m %s: %v", binary, err)
	}
	mods := map[string]string{}
	last := ""
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "dep":
			last = f[1] + "@" + f[2]
			mods[last] = strings.Join(f[3:], "")
		case len(f) >= 3 && f[0] == "=>":
			delete(mods, last)
			mods[f[1]+"@"+f[2]] = strings.Join(f[3:], "")
		}
	}
	if len(mods) == 0 {
		t.Fatalf("go version -m %s lists no module:\n%s", binary, out)
	}
	return mods
}

// sshKeygen is OpenSSH's ssh-keygen: the interoperability checks need it
// and fail, not skip, without it.
func sshKeygen(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Fatalf("ssh-keygen is needed to prove interoperability with OpenSSH: %v", err)
	}
	return p
}

// newKey writes an ed25519 OpenSSH private key and an allowed_signers
// file for it (principal release@example.com) into dir.
func newKey(t *testing.T, dir string) (keyFile, allowedFile string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "release key")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	keyFile, allowedFile = filepath.Join(dir, "release_key"), filepath.Join(dir, "allowed_signers")
	writeTestFile(t, keyFile, pem.EncodeToMemory(block))
	writeTestFile(t, allowedFile, []byte(`release@example.com namespaces="lintgate-release" `+string(ssh.MarshalAuthorizedKey(sp))))
	return keyFile, allowedFile
}

func writeTestFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// buildGoBinary builds a real Go program with dependencies
// (internal/cmd/release itself; a test binary's build information lists
// no dependencies) into dir as name, the way make release builds.
func buildGoBinary(t *testing.T, dir, name string, env ...string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -buildid=", "-o", out, "../internal/cmd/release")
	cmd.Env = append(append(os.Environ(), "CGO_ENABLED=0"), env...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, msg)
	}
	return out
}
