package sshsig

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	_ "github.com/lintgate/lintgate/internal/testflags"
)

// newKey returns an ed25519 OpenSSH private key (PEM) and its
// authorized_keys line.
func newKey(t testing.TB) ([]byte, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "test key")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(block), strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))
}

func TestParseAllowedSignersErrors(t *testing.T) {
	_, pub := newKey(t)
	tests := []struct{ data, want string }{
		{"ci@example.com\n", "a:1: public key"},
		{"# c\nci@example.com bogus=1 " + pub, `a:2: unknown option "bogus"`},
		{`"ci@example.com ` + pub, "a:1: unterminated"},
		{"ci@example.com valid-after=\"2026\" " + pub, `a:1: bad time "2026"`},
	}
	for _, tt := range tests {
		if _, err := ParseAllowedSigners("a", []byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseAllowedSigners(%q): %v, want %q", tt.data, err, tt.want)
		}
	}
	got, err := ParseAllowedSigners("a", []byte("ca@example.com cert-authority "+pub+"\n"))
	if err != nil || len(got) != 0 {
		t.Errorf("cert-authority line: %v, %v; want skipped", got, err)
	}
}

// TestNamespaces: a signature is good only in its own namespace, and an
// allowed_signers line restricted to one namespace does not allow another.
func TestNamespaces(t *testing.T) {
	key, pub := newKey(t)
	signer, err := ParseKey(key, "lintgate-release")
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("abc  lintgate_linux_amd64\n")
	sig, err := Sign(data, signer, "lintgate-release")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	parse := func(line string) []AllowedSigner {
		s, err := ParseAllowedSigners("allowed_signers", []byte(line+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s, err := Verify(data, sig, parse("rel@example.com "+pub), "allowed_signers", "lintgate-release", now); err != nil || s.Principals[0] != "rel@example.com" {
		t.Errorf("Verify in its namespace: %+v, %v", s, err)
	}
	if _, err := Verify(data, sig, parse("rel@example.com "+pub), "allowed_signers", "lintgate-snapshot", now); err == nil || !strings.Contains(err.Error(), `namespace is "lintgate-release"`) {
		t.Errorf("Verify in another namespace: %v", err)
	}
	if _, err := Verify(data, sig, parse(`rel@example.com namespaces="lintgate-snapshot" `+pub), "allowed_signers", "lintgate-release", now); err == nil || !strings.Contains(err.Error(), "not allowed to sign lintgate-release by allowed_signers") {
		t.Errorf("Verify with a line for another namespace: %v", err)
	}
	if _, err := Verify(bytes.ToUpper(data), sig, parse("rel@example.com "+pub), "allowed_signers", "lintgate-release", now); err == nil || !strings.Contains(err.Error(), "bad signature") {
		t.Errorf("Verify of other data: %v", err)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		s, p string
		want bool
	}{
		{"lintgate-snapshot", "lintgate-snapshot", true},
		{"lintgate-snapshot", "lintgate-*", true},
		{"lintgate-snapshot", "*", true},
		{"lintgate-snapshot", "lintgate-snapshot?", false},
		{"lintgate-snapshot", "lintgate-snapsho?", true},
		{"lintgate-snapshot", "git", false},
		{"", "*", true},
	}
	for _, tt := range tests {
		if got := match(tt.s, tt.p); got != tt.want {
			t.Errorf("match(%q, %q) = %v", tt.s, tt.p, got)
		}
	}
}

// FuzzParseAllowedSigners: any allowed_signers file (it comes from the
// repository, so from anyone who can open a pull request) is parsed or
// refused with file:line, never a panic; every line kept has principals
// and a key, and the line checks never panic either.
func FuzzParseAllowedSigners(f *testing.F) {
	_, pub := newKey(f)
	for _, seed := range []string{
		"ci@example.com " + pub,
		`ci@example.com,dev@example.com namespaces="git,lintgate-*" ` + pub,
		`"ci@example.com" valid-after="20260101" valid-before="20270101000000Z" ` + pub,
		"ca@example.com cert-authority " + pub,
		"# comment\n\n\"\"",
		`"a"` + " " + pub,
		"x namespaces=\"*,!lintgate-snapshot\" " + pub,
		"x valid-after=2026",
	} {
		f.Add([]byte(seed))
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		signers, err := ParseAllowedSigners("allowed_signers", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "allowed_signers:") {
				t.Errorf("error without the file name: %v", err)
			}
			return
		}
		for _, s := range signers {
			if s.Key == nil || len(s.Principals) == 0 {
				t.Errorf("a kept line without key or principals: %+v", s)
			}
			_ = s.allows("lintgate-release", now)
		}
	})
}

// TestParseAllowedSignersLongLine: a line longer than the scanner takes is
// refused with the file name, like any other bad line.
func TestParseAllowedSignersLongLine(t *testing.T) {
	_, err := ParseAllowedSigners("allowed_signers", []byte(strings.Repeat("x", 70000)))
	if err == nil || !strings.HasPrefix(err.Error(), "allowed_signers: ") {
		t.Errorf("a 70,000-byte line: %v", err)
	}
}
