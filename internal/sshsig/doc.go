// Package sshsig makes and checks detached SSH signatures (SSHSIG, the
// format of `ssh-keygen -Y sign`) and reads OpenSSH allowed_signers files.
// Snapshots (namespace lintgate-snapshot) and release manifests (namespace
// lintgate-release) are signed with it: one scheme, one set of keys, and
// every signature lintgate makes verifies with `ssh-keygen -Y verify`, and
// the other way round.
//
// The signature format is github.com/hiddeco/sshsig's; keys are
// golang.org/x/crypto/ssh's. What is here is the policy around them: a
// signature must be in the expected namespace, by a key an allowed_signers
// line lists for that namespace, valid at the time of the check, over
// exactly the bytes given. Lines with cert-authority are skipped:
// certificates are not supported.
package sshsig
