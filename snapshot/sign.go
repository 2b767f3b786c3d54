package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// Namespace is the SSHSIG namespace of snapshot signatures: a signature
// made for git commits or files cannot pass for a snapshot's.
const Namespace = "lintgate-snapshot"

// SignatureFile is where the detached signature of a snapshot file goes.
func SignatureFile(snapshot string) string { return snapshot + ".sig" }

// Sign makes an armored, detached SSH signature (SSHSIG, sha512, namespace
// "lintgate-snapshot") of data with the OpenSSH private key in key, the
// same thing `ssh-keygen -Y sign -n lintgate-snapshot` writes.
func Sign(data, key []byte) ([]byte, error) {
	signer, err := ssh.ParsePrivateKey(key)
	var pm *ssh.PassphraseMissingError
	if errors.As(err, &pm) {
		return nil, errors.New("the key is protected by a passphrase, which lintgate cannot ask for; sign with ssh-keygen -Y sign -n lintgate-snapshot instead")
	}
	if err != nil {
		return nil, err
	}
	sig, err := sshsig.Sign(bytes.NewReader(data), signer, sshsig.HashSHA512, Namespace)
	if err != nil {
		return nil, err
	}
	return sshsig.Armor(sig), nil
}

// Signer is who made a verified signature.
type Signer struct {
	// Principals are those of the allowed_signers lines that allow the key.
	Principals []string
	// Fingerprint is the key's SHA256 fingerprint, as ssh-keygen shows it.
	Fingerprint string
}

// Verify checks an armored SSH signature of data against an OpenSSH
// allowed_signers file (ParseAllowedSigners; allowedName names it in
// errors): the key must be
// listed, allowed for the namespace and valid at now, and the signature
// must be over exactly data in the lintgate-snapshot namespace.
func Verify(data, armored []byte, signers []AllowedSigner, allowedName string, now time.Time) (Signer, error) {
	sig, err := sshsig.Unarmor(armored)
	if err != nil {
		return Signer{}, fmt.Errorf("not an SSH signature: %w", err)
	}
	if sig.Namespace != Namespace {
		return Signer{}, fmt.Errorf("signature namespace is %q, want %q", sig.Namespace, Namespace)
	}
	fp := ssh.FingerprintSHA256(sig.PublicKey)
	var principals []string
	for _, s := range signers {
		if bytes.Equal(s.Key.Marshal(), sig.PublicKey.Marshal()) && s.allows(Namespace, now) {
			principals = append(principals, s.Principals...)
		}
	}
	if len(principals) == 0 {
		return Signer{}, fmt.Errorf("key %s is not allowed to sign snapshots by %s", fp, allowedName)
	}
	if err := sshsig.Verify(bytes.NewReader(data), sig, sig.PublicKey, sig.HashAlgorithm, Namespace); err != nil {
		return Signer{}, fmt.Errorf("bad signature by %s: %w", fp, err)
	}
	return Signer{Principals: sortedNonNil(principals), Fingerprint: fp}, nil
}
