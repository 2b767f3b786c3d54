package snapshot

import (
	"time"

	"github.com/lintgate/lintgate/internal/sshsig"
)

// Namespace is the SSHSIG namespace of snapshot signatures: a signature
// made for git commits, files or releases cannot pass for a snapshot's.
const Namespace = "lintgate-snapshot"

// SignatureFile is where the detached signature of a snapshot file goes.
func SignatureFile(snapshot string) string { return sshsig.SignatureFile(snapshot) }

// AllowedSigner is one line of an OpenSSH allowed_signers file.
type AllowedSigner = sshsig.AllowedSigner

// Signer is who made a verified signature.
type Signer = sshsig.Signer

// ParseAllowedSigners reads an allowed_signers file (see
// sshsig.ParseAllowedSigners).
func ParseAllowedSigners(name string, data []byte) ([]AllowedSigner, error) {
	return sshsig.ParseAllowedSigners(name, data)
}

// Sign makes an armored, detached SSH signature (SSHSIG, sha512, namespace
// "lintgate-snapshot") of data with the OpenSSH private key in key, the
// same thing `ssh-keygen -Y sign -n lintgate-snapshot` writes.
func Sign(data, key []byte) ([]byte, error) {
	signer, err := sshsig.ParseKey(key, Namespace)
	if err != nil {
		return nil, err
	}
	return sshsig.Sign(data, signer, Namespace)
}

// Verify checks an armored SSH signature of data in the lintgate-snapshot
// namespace against allowed_signers lines (see sshsig.Verify).
func Verify(data, armored []byte, signers []AllowedSigner, allowedName string, now time.Time) (Signer, error) {
	return sshsig.Verify(data, armored, signers, allowedName, Namespace, now)
}
