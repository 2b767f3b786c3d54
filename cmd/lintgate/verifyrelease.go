package main

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/lintgate/lintgate/internal/filehash"
	"github.com/lintgate/lintgate/internal/sshsig"
	"github.com/lintgate/lintgate/release"
)

// releaseCheck is what checking this binary against a release manifest
// found.
type releaseCheck struct {
	// Binary is the manifest's name for this platform; Manifest the
	// manifest's sha256.
	Binary, Manifest string
	// Signer is "principals key SHA256:..." of a good signature; empty when
	// the signature was not checked.
	Signer string
}

// checkRelease checks the running binary against a SHA256SUMS manifest
// and, with allowedFile, the manifest's signature. Unreadable files are
// usage errors (exit 2); a missing or bad signature and a binary that is
// not the release's are ExitDrift.
func checkRelease(manifestFile, allowedFile, sigFile string) (releaseCheck, error) {
	var rc releaseCheck
	data, err := os.ReadFile(manifestFile)
	if err != nil {
		return rc, usageError("--verify: %v", err)
	}
	m, err := release.ParseManifest(displayPath(manifestFile), data)
	if err != nil {
		return rc, usageError("--verify: %v", err)
	}
	rc.Manifest = fmt.Sprintf("sha256:%x", sha256.Sum256(data))
	if allowedFile != "" {
		if rc.Signer, err = checkReleaseSignature(data, allowedFile, cmp.Or(sigFile, sshsig.SignatureFile(manifestFile))); err != nil {
			return rc, err
		}
	}
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err != nil {
		return rc, &ExitError{Code: ExitTool, Err: fmt.Errorf("locating this lintgate binary: %w", err)}
	}
	digest, err := filehash.SHA256(exe)
	if err != nil {
		return rc, &ExitError{Code: ExitTool, Err: err}
	}
	rc.Binary = release.BinaryName(runtime.GOOS, runtime.GOARCH)
	if err := release.CheckBinary(m, rc.Binary, digest); err != nil {
		return rc, &ExitError{Code: ExitDrift, Err: err}
	}
	return rc, nil
}

func checkReleaseSignature(manifest []byte, allowedFile, sigFile string) (string, error) {
	allowed, err := os.ReadFile(allowedFile)
	if err != nil {
		return "", usageError("--allowed-signers: %v", err)
	}
	signers, err := sshsig.ParseAllowedSigners(displayPath(allowedFile), allowed)
	if err != nil {
		return "", usageError("--allowed-signers: %v", err)
	}
	sig, err := os.ReadFile(sigFile)
	if err != nil {
		return "", &ExitError{Code: ExitDrift, Err: fmt.Errorf("no signature of the release manifest: %w", err)}
	}
	s, err := release.VerifySignature(manifest, sig, signers, displayPath(allowedFile), time.Now())
	if err != nil {
		return "", &ExitError{Code: ExitDrift, Err: fmt.Errorf("%s: %w", displayPath(sigFile), err)}
	}
	return strings.Join(s.Principals, ",") + " key " + s.Fingerprint, nil
}

// verifyRelease is lintgate version --verify.
func verifyRelease(e *env, o versionOptions) error {
	rc, err := checkRelease(o.verify, o.allowedSigners, o.signature)
	if err != nil {
		return err
	}
	if rc.Signer != "" {
		_, _ = fmt.Fprintf(e.stdout, "signature: good, %s\n", rc.Signer)
	} else {
		_, _ = fmt.Fprintln(e.stdout, "signature: not checked (--allowed-signers FILE checks it)")
	}
	_, err = fmt.Fprintf(e.stdout, "this lintgate is the released %s of %s\n", rc.Binary, displayPath(o.verify))
	return err
}
