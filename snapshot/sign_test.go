package snapshot

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// sshKeygen is OpenSSH's ssh-keygen: the interoperability tests need it
// and fail, not skip, without it.
func sshKeygen(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Fatalf("ssh-keygen is needed to prove interoperability with OpenSSH: %v", err)
	}
	return p
}

// keyPair writes an unencrypted ed25519 OpenSSH private key made in Go
// and returns its file, its content and its authorized_keys line.
func keyPair(t *testing.T, dir string) (string, []byte, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "test key")
	if err != nil {
		t.Fatal(err)
	}
	data := pem.EncodeToMemory(block)
	file := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return file, data, strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))
}

func run(t *testing.T, stdin []byte, name string, args ...string) error {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	t.Logf("%s %s: %s", filepath.Base(name), strings.Join(args, " "), out)
	return err
}

func TestSignVerifiesWithOpenSSH(t *testing.T) {
	keygen := sshKeygen(t)
	dir := t.TempDir()
	_, key, pub := keyPair(t, dir)
	data := []byte(`{"snapshot": "bytes"}` + "\n")
	sig, err := Sign(data, key)
	if err != nil {
		t.Fatal(err)
	}
	sigFile := filepath.Join(dir, "s.json.sig")
	allowed := filepath.Join(dir, "allowed_signers")
	write(t, sigFile, string(sig))
	write(t, allowed, "ci@example.com namespaces=\"lintgate-snapshot\" "+pub+"\n")
	verify := func(data []byte, ns string) error {
		return run(t, data, keygen, "-Y", "verify", "-f", allowed, "-I", "ci@example.com", "-n", ns, "-s", sigFile)
	}
	if err := verify(data, Namespace); err != nil {
		t.Errorf("ssh-keygen -Y verify refused lintgate's signature: %v", err)
	}
	if err := verify(append([]byte(" "), data...), Namespace); err == nil {
		t.Error("ssh-keygen -Y verify accepted a tampered file")
	}
	if err := verify(data, "file"); err == nil {
		t.Error("ssh-keygen -Y verify accepted the signature in another namespace")
	}
	signers, err := ParseAllowedSigners("allowed_signers", []byte("ci@example.com "+pub+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(data, sig, signers, "allowed_signers", time.Now()); err != nil {
		t.Errorf("lintgate refused its own signature: %v", err)
	}
}

func TestVerifyOpenSSHSignature(t *testing.T) {
	keygen := sshKeygen(t)
	dir := t.TempDir()
	keyFile, _, pub := keyPair(t, dir)
	data := []byte(`{"snapshot": "bytes"}` + "\n")
	file := filepath.Join(dir, "s.json")
	write(t, file, string(data))
	sign := func(ns string) []byte {
		if err := run(t, nil, keygen, "-Y", "sign", "-f", keyFile, "-n", ns, file); err != nil {
			t.Fatalf("ssh-keygen -Y sign: %v", err)
		}
		sig, err := os.ReadFile(SignatureFile(file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(SignatureFile(file)); err != nil {
			t.Fatal(err)
		}
		return sig
	}
	good, otherNS := sign(Namespace), sign("file")
	_, _, stranger := keyPair(t, t.TempDir())
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, allowed string
		data, sig     []byte
		want          string // "" for success
	}{
		{"good", "ci@example.com " + pub, data, good, ""},
		{"namespace pattern", `ci@example.com,dev@example.com namespaces="git,lintgate-*" ` + pub, data, good, ""},
		{"quoted principals", `"ci@example.com" valid-after="20260101" ` + pub, data, good, ""},
		{"tampered file", "ci@example.com " + pub, append(data, ' '), good, "bad signature"},
		{"wrong namespace", "ci@example.com " + pub, data, otherNS, `namespace is "file"`},
		{"namespace not allowed", `ci@example.com namespaces="git" ` + pub, data, good, "not allowed"},
		{"namespace negated", `ci@example.com namespaces="*,!lintgate-snapshot" ` + pub, data, good, "not allowed"},
		{"expired", `ci@example.com valid-before="20260101Z" ` + pub, data, good, "not allowed"},
		{"unknown key", "ci@example.com " + stranger, data, good, "not allowed"},
		{"not a signature", "ci@example.com " + pub, data, []byte("junk"), "not an SSH signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			signers, err := ParseAllowedSigners("allowed_signers", []byte("# comment\n\n"+tt.allowed+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			s, err := Verify(tt.data, tt.sig, signers, "allowed_signers", now)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Verify: %v", err)
			case tt.want == "" && (s.Principals[0] != "ci@example.com" || !strings.HasPrefix(s.Fingerprint, "SHA256:")):
				t.Errorf("signer %+v", s)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Verify: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestSignEncryptedKey(t *testing.T) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sign([]byte("x"), pem.EncodeToMemory(block)); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Errorf("Sign with an encrypted key: %v", err)
	}
}
