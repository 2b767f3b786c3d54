package release

import (
	"debug/buildinfo"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/internal/filehash"
	"github.com/lintgate/lintgate/internal/sshsig"
)

// Input is what Write needs besides the binaries.
type Input struct {
	Version, Commit string
	// Created is the source commit's time (the SBOMs' creation time).
	Created time.Time
	// Builder is the provenance's builder id (DefaultBuilder when empty).
	Builder    string
	Repository string
	// Flags and Env are the go build flags and environment, for the
	// provenance.
	Flags []string
	Env   map[string]string
	// Key is an unencrypted OpenSSH private key to sign SHA256SUMS with,
	// or nil for no signature.
	Key []byte
}

// Write makes the release artifacts for the binaries (BinaryName files)
// in dir: an SBOM per binary, the provenance, SHA256SUMS over every other
// file in dir and, with a key, SHA256SUMS.sig. It returns the names it
// wrote. A key that does not parse fails before anything is written, and
// an old SHA256SUMS.sig never stays beside a new SHA256SUMS.
func Write(dir string, in Input) ([]string, error) {
	var signer ssh.Signer
	if in.Key != nil {
		var err error
		if signer, err = sshsig.ParseKey(in.Key, Namespace); err != nil {
			return nil, fmt.Errorf("signing key: %w", err)
		}
	}
	sigFile := filepath.Join(dir, sshsig.SignatureFile(ManifestFile))
	if err := os.Remove(sigFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	bins, err := readBinaries(dir)
	if err != nil {
		return nil, err
	}
	var wrote []string
	for _, b := range bins {
		data, err := SBOM(SBOMInput{Binary: b.Name, SHA256: b.SHA256, Version: in.Version, Commit: in.Commit, Created: in.Created, Build: b.Build})
		if err != nil {
			return wrote, err
		}
		if err := writeFile(dir, SBOMName(b.Name), data, &wrote); err != nil {
			return wrote, err
		}
	}
	prov, err := NewProvenance(ProvenanceInput{Version: in.Version, Commit: in.Commit, Builder: in.Builder, Repository: in.Repository, Binaries: bins, Flags: in.Flags, Env: in.Env}).Marshal()
	if err != nil {
		return wrote, err
	}
	if err := writeFile(dir, ProvenanceFile, prov, &wrote); err != nil {
		return wrote, err
	}
	manifest, err := manifestOf(dir)
	if err != nil {
		return wrote, err
	}
	if err := writeFile(dir, ManifestFile, manifest, &wrote); err != nil || signer == nil {
		return wrote, err
	}
	sig, err := sshsig.Sign(manifest, signer, Namespace)
	if err != nil {
		return wrote, err
	}
	return wrote, writeFile(dir, filepath.Base(sigFile), sig, &wrote)
}

func writeFile(dir, name string, data []byte, wrote *[]string) error {
	if err := atomicfile.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		return err
	}
	*wrote = append(*wrote, name)
	return nil
}

// readBinaries reads the build information of the lintgate_* binaries.
func readBinaries(dir string) ([]BuiltBinary, error) {
	names, err := filepath.Glob(filepath.Join(dir, "lintgate_*"))
	if err != nil {
		return nil, err
	}
	var bins []BuiltBinary
	for _, path := range names {
		if strings.HasSuffix(path, ".json") {
			continue
		}
		digest, err := filehash.SHA256(path)
		if err != nil {
			return nil, err
		}
		bi, err := buildinfo.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: not a Go binary with build information: %w", path, err)
		}
		bins = append(bins, BuiltBinary{Name: filepath.Base(path), SHA256: digest, Build: bi})
	}
	if len(bins) == 0 {
		return nil, fmt.Errorf("%s: no lintgate_<os>_<arch> binary to release", dir)
	}
	return bins, nil
}

// manifestOf is SHA256SUMS of every regular file in dir but SHA256SUMS
// and its signature.
func manifestOf(dir string) ([]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var m Manifest
	for _, e := range entries {
		name := e.Name()
		if name == ManifestFile || name == sshsig.SignatureFile(ManifestFile) {
			continue
		}
		if !e.Type().IsRegular() {
			return nil, fmt.Errorf("%s: only regular files may be released", filepath.Join(dir, name))
		}
		digest, err := filehash.SHA256(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		m = append(m, Entry{Name: name, SHA256: digest})
	}
	slices.SortFunc(m, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return m.Marshal(), nil
}
