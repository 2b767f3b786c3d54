package sshsig

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"time"

	hsig "github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// SignatureFile is where the detached signature of a file goes.
func SignatureFile(path string) string { return path + ".sig" }

// ParseKey reads an unencrypted OpenSSH private key. Call it before
// writing anything that is to be signed: a bad key must not leave a file
// without its signature, or beside an old one.
func ParseKey(key []byte, namespace string) (ssh.Signer, error) {
	signer, err := ssh.ParsePrivateKey(key)
	var pm *ssh.PassphraseMissingError
	if errors.As(err, &pm) {
		return nil, fmt.Errorf("the key is protected by a passphrase, which lintgate cannot ask for; sign with ssh-keygen -Y sign -n %s instead", namespace)
	}
	if err != nil {
		return nil, err
	}
	return signer, nil
}

// Sign makes an armored, detached SSH signature (SSHSIG, sha512) of data
// in namespace, the same thing `ssh-keygen -Y sign -n NAMESPACE` writes.
func Sign(data []byte, signer ssh.Signer, namespace string) ([]byte, error) {
	sig, err := hsig.Sign(bytes.NewReader(data), signer, hsig.HashSHA512, namespace)
	if err != nil {
		return nil, err
	}
	return hsig.Armor(sig), nil
}

// Signer is who made a verified signature.
type Signer struct {
	// Principals are those of the allowed_signers lines that allow the key.
	Principals []string
	// Fingerprint is the key's SHA256 fingerprint, as ssh-keygen shows it.
	Fingerprint string
}

// Verify checks an armored SSH signature of data against the lines of an
// OpenSSH allowed_signers file (ParseAllowedSigners; allowedName names it
// in errors): the key must be listed, allowed for the namespace and valid
// at now, and the signature must be over exactly data in namespace.
func Verify(data, armored []byte, signers []AllowedSigner, allowedName, namespace string, now time.Time) (Signer, error) {
	sig, err := hsig.Unarmor(armored)
	if err != nil {
		return Signer{}, fmt.Errorf("not an SSH signature: %w", err)
	}
	if sig.Namespace != namespace {
		return Signer{}, fmt.Errorf("signature namespace is %q, want %q", sig.Namespace, namespace)
	}
	fp := ssh.FingerprintSHA256(sig.PublicKey)
	var principals []string
	for _, s := range signers {
		if bytes.Equal(s.Key.Marshal(), sig.PublicKey.Marshal()) && s.allows(namespace, now) {
			principals = append(principals, s.Principals...)
		}
	}
	if len(principals) == 0 {
		return Signer{}, fmt.Errorf("key %s is not allowed to sign %s by %s", fp, namespace, allowedName)
	}
	if err := hsig.Verify(bytes.NewReader(data), sig, sig.PublicKey, sig.HashAlgorithm, namespace); err != nil {
		return Signer{}, fmt.Errorf("bad signature by %s: %w", fp, err)
	}
	return Signer{Principals: sorted(principals), Fingerprint: fp}, nil
}

// sorted is a sorted copy of s.
func sorted(s []string) []string {
	out := append([]string{}, s...)
	slices.Sort(out)
	return out
}
