package release

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Release file names.
const (
	ManifestFile   = "SHA256SUMS"
	ProvenanceFile = "lintgate.intoto.json"
	// Namespace is the SSHSIG namespace of release signatures: a snapshot's
	// or a git commit's signature cannot pass for a release's.
	Namespace = "lintgate-release"
)

// BinaryName is the release name of lintgate for a platform:
// lintgate_linux_amd64, lintgate_windows_amd64.exe.
func BinaryName(goos, goarch string) string {
	name := "lintgate_" + goos + "_" + goarch
	if goos == "windows" {
		name += ".exe"
	}
	return name
}

// SBOMName is the name of a binary's SPDX SBOM.
func SBOMName(binary string) string { return strings.TrimSuffix(binary, ".exe") + ".spdx.json" }

// Entry is one line of a manifest: a file name and its sha256 in hex.
type Entry struct {
	Name   string
	SHA256 string
}

// Manifest is a parsed SHA256SUMS, sorted by name.
type Manifest []Entry

// Lookup returns the entry of a file name.
func (m Manifest) Lookup(name string) (Entry, bool) {
	i := slices.IndexFunc(m, func(e Entry) bool { return e.Name == name })
	if i < 0 {
		return Entry{}, false
	}
	return m[i], true
}

// Marshal writes the manifest in sha256sum's text format, sorted by name.
func (m Manifest) Marshal() []byte {
	sorted := slices.SortedFunc(slices.Values(m), func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	var b bytes.Buffer
	for _, e := range sorted {
		fmt.Fprintf(&b, "%s  %s\n", e.SHA256, e.Name)
	}
	return b.Bytes()
}

// ParseManifest reads sha256sum's output format: "<64 hex>  <name>" or
// "<64 hex> *<name>" per line. Errors name the file and line; a name
// listed twice, a name with a directory and an empty manifest are errors.
func ParseManifest(file string, data []byte) (Manifest, error) {
	var m Manifest
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" {
			continue
		}
		e, err := parseManifestLine(line)
		if err == nil && seen[e.Name] {
			err = fmt.Errorf("%s is listed twice", e.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
		seen[e.Name] = true
		m = append(m, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%s: no checksums: not a SHA256SUMS file", file)
	}
	slices.SortFunc(m, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return m, nil
}

func parseManifestLine(line string) (Entry, error) {
	sum, rest, ok := strings.Cut(line, " ")
	if !ok || len(rest) < 2 || (rest[0] != ' ' && rest[0] != '*') {
		return Entry{}, fmt.Errorf("want \"<sha256>  <file>\" (the format of sha256sum), got %q", line)
	}
	if b, err := hex.DecodeString(sum); err != nil || len(b) != sha256.Size || strings.ToLower(sum) != sum {
		return Entry{}, fmt.Errorf("%q is not a sha256 in lowercase hex", sum)
	}
	name := rest[1:]
	if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return Entry{}, fmt.Errorf("%q: a release file has no directory", name)
	}
	return Entry{Name: name, SHA256: sum}, nil
}
