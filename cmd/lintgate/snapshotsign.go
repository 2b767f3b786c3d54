package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/crypto/ssh"

	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/internal/sshsig"
	"github.com/lintgate/lintgate/snapshot"
)

// snapshotSigner reads and parses the --sign key before anything is
// collected or written: a bad key writes nothing.
func snapshotSigner(dir, keyFile string) (ssh.Signer, error) {
	if keyFile == "" {
		return nil, nil
	}
	key, err := os.ReadFile(resolve(dir, keyFile))
	if err != nil {
		return nil, usageError("--sign: %v", err)
	}
	signer, err := sshsig.ParseKey(key, snapshot.Namespace)
	if err != nil {
		return nil, usageError("--sign %s: %v", keyFile, err)
	}
	return signer, nil
}

// writeSigned writes the snapshot and, with a signer, its signature, made
// before either file is written. Without a signer an old signature file is
// removed: it cannot match the new snapshot. If the signature cannot be
// written, no old one stays either.
func writeSigned(e *env, out, note string, data []byte, signer ssh.Signer) error {
	var sig []byte
	if signer != nil {
		var err error
		if sig, err = sshsig.Sign(data, signer, snapshot.Namespace); err != nil {
			return &ExitError{Code: ExitTool, Err: fmt.Errorf("signing %s: %w", displayPath(out), err)}
		}
	}
	sigFile := snapshot.SignatureFile(out)
	if err := atomicfile.WriteFile(out, data, 0o644); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	_, _ = fmt.Fprintf(e.stdout, "wrote %s%s\n", displayPath(out), note)
	if sig == nil {
		if err := os.Remove(sigFile); err == nil {
			_, _ = fmt.Fprintf(e.stdout, "removed %s: it signed the previous snapshot (--sign KEY signs this one)\n", displayPath(sigFile))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s no longer matches %s and cannot be removed: %w", displayPath(sigFile), displayPath(out), err)}
		}
		return nil
	}
	if err := atomicfile.WriteFile(sigFile, sig, 0o644); err != nil {
		_ = os.Remove(sigFile) // an old signature would not match the new snapshot
		return &ExitError{Code: ExitUsage, Err: err}
	}
	_, _ = fmt.Fprintf(e.stdout, "wrote %s\n", displayPath(sigFile))
	return nil
}

// recordRelease checks this binary against --verify-release for the
// snapshot: a mismatch or a bad signature is recorded (and warned about),
// an unreadable manifest or allowed_signers file is a usage error.
func recordRelease(e *env, dir string, o snapshotOptions) (*snapshot.Release, error) {
	allowed := ""
	if o.allowedSigners != "" {
		allowed = resolve(dir, o.allowedSigners)
	}
	rc, err := checkRelease(resolve(dir, o.verifyRelease), allowed, "")
	r := &snapshot.Release{Manifest: rc.Manifest, Binary: rc.Binary, Matched: "true", Signature: cmp.Or(rc.Signer, "not checked")}
	var ee *ExitError
	if errors.As(err, &ee) && ee.Code != ExitDrift {
		return nil, err
	}
	if err != nil {
		r.Matched, r.Problem = "false", err.Error()
		if rc.Signer == "" && allowed != "" {
			r.Signature = "bad"
		}
		e.warnf("recorded: this lintgate is not the verified release: %v", err)
	}
	return r, nil
}
