package release

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/mod/module"
)

// SPDX 2.3 JSON, the part of it an SBOM of a Go binary needs (the field
// names and meaning are the SPDX 2.3 specification's, spdx.github.io/spdx-spec/v2.3).
type spdxDocument struct {
	SPDXVersion       string             `json:"spdxVersion"`
	DataLicense       string             `json:"dataLicense"`
	SPDXID            string             `json:"SPDXID"`
	Name              string             `json:"name"`
	DocumentNamespace string             `json:"documentNamespace"`
	CreationInfo      spdxCreationInfo   `json:"creationInfo"`
	Packages          []spdxPackage      `json:"packages"`
	Relationships     []spdxRelationship `json:"relationships"`
}

type spdxCreationInfo struct {
	Created  string   `json:"created"`
	Creators []string `json:"creators"`
	Comment  string   `json:"comment,omitempty"`
}

type spdxPackage struct {
	SPDXID                string            `json:"SPDXID"`
	Name                  string            `json:"name"`
	VersionInfo           string            `json:"versionInfo"`
	PackageFileName       string            `json:"packageFileName,omitempty"`
	Supplier              string            `json:"supplier,omitempty"`
	DownloadLocation      string            `json:"downloadLocation"`
	FilesAnalyzed         bool              `json:"filesAnalyzed"`
	Checksums             []spdxChecksum    `json:"checksums,omitempty"`
	LicenseConcluded      string            `json:"licenseConcluded"`
	LicenseDeclared       string            `json:"licenseDeclared"`
	CopyrightText         string            `json:"copyrightText"`
	ExternalRefs          []spdxExternalRef `json:"externalRefs,omitempty"`
	PrimaryPackagePurpose string            `json:"primaryPackagePurpose"`
	Comment               string            `json:"comment,omitempty"`
}

type spdxChecksum struct {
	Algorithm     string `json:"algorithm"`
	ChecksumValue string `json:"checksumValue"`
}

type spdxExternalRef struct {
	ReferenceCategory string `json:"referenceCategory"`
	ReferenceType     string `json:"referenceType"`
	ReferenceLocator  string `json:"referenceLocator"`
}

type spdxRelationship struct {
	SPDXElementID      string `json:"spdxElementId"`
	RelationshipType   string `json:"relationshipType"`
	RelatedSPDXElement string `json:"relatedSpdxElement"`
}

// noAssertion is SPDX's "nothing is claimed".
const noAssertion = "NOASSERTION"

// SBOMInput is what an SBOM is made of.
type SBOMInput struct {
	// Binary is the release file name; SHA256 its digest in hex.
	Binary, SHA256 string
	// Version is the released version and Commit the source commit.
	Version, Commit string
	// Created is the SBOM's creation time: the source commit's time, so
	// that two builds of one commit give the same SBOM.
	Created time.Time
	// Build is the binary's own build information (debug/buildinfo.ReadFile).
	Build *debug.BuildInfo
}

// SBOM writes the SPDX 2.3 JSON SBOM of a lintgate binary: the binary as
// the described package, every module its build information lists (a
// replaced module as its replacement, what was linked) and the Go standard
// library, each with a package URL; module checksums are the go.sum h1:
// hashes (a SHA-256, as an SPDX SHA256 checksum and verbatim in the
// comment).
func SBOM(in SBOMInput) ([]byte, error) {
	main := spdxPackage{
		SPDXID: "SPDXRef-Package-lintgate", Name: in.Build.Main.Path, VersionInfo: in.Version,
		PackageFileName: in.Binary, Supplier: "Organization: lintgate",
		DownloadLocation: sourceLocation(in.Build.Main.Path, in.Commit), FilesAnalyzed: false,
		Checksums:             []spdxChecksum{{Algorithm: "SHA256", ChecksumValue: in.SHA256}},
		ExternalRefs:          []spdxExternalRef{purl(in.Build.Main.Path, in.Version)},
		PrimaryPackagePurpose: "APPLICATION",
		Comment:               "built with " + in.Build.GoVersion + "; build settings: " + settingsText(in.Build.Settings),
	}
	doc := spdxDocument{
		SPDXVersion: "SPDX-2.3", DataLicense: "CC0-1.0", SPDXID: "SPDXRef-DOCUMENT",
		Name:              in.Binary + " " + in.Version,
		DocumentNamespace: "https://lintgate.dev/spdx/" + url.PathEscape(in.Binary) + "/" + url.PathEscape(in.Version) + "/" + in.SHA256,
		CreationInfo: spdxCreationInfo{
			Created:  in.Created.UTC().Format(time.RFC3339),
			Creators: []string{"Tool: lintgate-release-" + in.Version},
			Comment:  "From the binary's own build information (debug/buildinfo), as `go version -m " + in.Binary + "` prints it.",
		},
		Packages:      []spdxPackage{main, stdlibPackage(in.Build.GoVersion)},
		Relationships: []spdxRelationship{{"SPDXRef-DOCUMENT", "DESCRIBES", main.SPDXID}},
	}
	doc.Relationships = append(doc.Relationships, spdxRelationship{main.SPDXID, "DEPENDS_ON", "SPDXRef-Package-stdlib"})
	ids := map[string]bool{main.SPDXID: true, "SPDXRef-Package-stdlib": true}
	for _, d := range in.Build.Deps {
		p, err := modulePackage(d, ids)
		if err != nil {
			return nil, err
		}
		doc.Packages = append(doc.Packages, p)
		doc.Relationships = append(doc.Relationships, spdxRelationship{main.SPDXID, "DEPENDS_ON", p.SPDXID})
	}
	// lintgate does not scan licenses: it claims nothing about them
	// (optional in SPDX 2.3, but older readers want the fields).
	for i := range doc.Packages {
		p := &doc.Packages[i]
		p.LicenseConcluded, p.LicenseDeclared, p.CopyrightText = noAssertion, noAssertion, noAssertion
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	return append(out, '\n'), err
}

// modulePackage is a linked module as an SPDX package.
func modulePackage(d *debug.Module, ids map[string]bool) (spdxPackage, error) {
	comment := ""
	if d.Replace != nil {
		comment = "replaces " + d.Path + "@" + d.Version + "; "
		d = d.Replace
	}
	p := spdxPackage{
		SPDXID: spdxID(d.Path, ids), Name: d.Path, VersionInfo: d.Version,
		DownloadLocation: proxyZip(d.Path, d.Version), FilesAnalyzed: false,
		ExternalRefs:          []spdxExternalRef{purl(d.Path, d.Version)},
		PrimaryPackagePurpose: "LIBRARY",
	}
	if d.Sum != "" {
		digest, err := h1SHA256(d.Sum)
		if err != nil {
			return p, fmt.Errorf("module %s@%s: %w", d.Path, d.Version, err)
		}
		p.Checksums = []spdxChecksum{{Algorithm: "SHA256", ChecksumValue: digest}}
		comment += "go.sum " + d.Sum + " (golang.org/x/mod/sumdb/dirhash Hash1: SHA-256 of the module's file hashes)"
	}
	p.Comment = comment
	return p, nil
}

func stdlibPackage(goVersion string) spdxPackage {
	return spdxPackage{
		SPDXID: "SPDXRef-Package-stdlib", Name: "stdlib", VersionInfo: goVersion,
		DownloadLocation: "https://go.dev/dl/" + goVersion + ".src.tar.gz", FilesAnalyzed: false,
		ExternalRefs:          []spdxExternalRef{purl("stdlib", goVersion)},
		PrimaryPackagePurpose: "LIBRARY",
		Comment:               "the Go standard library and runtime of the Go that built the binary",
	}
}

var idChars = regexp.MustCompile(`[^a-zA-Z0-9.-]+`)

// spdxID is a unique SPDX identifier for a module path.
func spdxID(path string, used map[string]bool) string {
	base := "SPDXRef-Package-go-" + idChars.ReplaceAllString(path, "-")
	id := base
	for n := 2; used[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	used[id] = true
	return id
}

// purl is the package URL of a Go module (purl-spec, type golang).
func purl(path, version string) spdxExternalRef {
	return spdxExternalRef{ReferenceCategory: "PACKAGE-MANAGER", ReferenceType: "purl",
		ReferenceLocator: "pkg:golang/" + path + "@" + url.PathEscape(version)}
}

// proxyZip is where the go command downloads a module from by default.
func proxyZip(path, version string) string {
	p, err1 := module.EscapePath(path)
	v, err2 := module.EscapeVersion(version)
	if err1 != nil || err2 != nil {
		return noAssertion
	}
	return "https://proxy.golang.org/" + p + "/@v/" + v + ".zip"
}

func sourceLocation(path, commit string) string {
	if commit == "" || !strings.HasPrefix(path, "github.com/") {
		return noAssertion
	}
	return "git+https://" + path + "@" + commit
}

// h1SHA256 is the SHA-256 inside a go.sum "h1:" hash, in hex.
func h1SHA256(sum string) (string, error) {
	b64, ok := strings.CutPrefix(sum, "h1:")
	b, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil || len(b) != 32 {
		return "", fmt.Errorf("%q is not a go.sum h1: hash", sum)
	}
	return hex.EncodeToString(b), nil
}

func settingsText(settings []debug.BuildSetting) string {
	parts := make([]string, 0, len(settings))
	for _, s := range settings {
		parts = append(parts, s.Key+"="+s.Value)
	}
	return strings.Join(parts, " ")
}
