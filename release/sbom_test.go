package release

import (
	"debug/buildinfo"
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// sbomModules is path@version -> the h1: sum an SBOM's comment records,
// for the packages that are Go modules.
func sbomModules(t *testing.T, data []byte) (map[string]string, spdxDocument) {
	t.Helper()
	var doc spdxDocument
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	mods := map[string]string{}
	for _, p := range doc.Packages {
		if p.PrimaryPackagePurpose != "LIBRARY" || p.Name == "stdlib" {
			continue
		}
		_, sum, _ := strings.Cut(p.Comment, "go.sum ")
		sum, _, _ = strings.Cut(sum, " ")
		mods[p.Name+"@"+p.VersionInfo] = sum
		if want, _ := h1SHA256(sum); sum != "" && (len(p.Checksums) != 1 || p.Checksums[0].ChecksumValue != want) {
			t.Errorf("%s: checksums %+v do not carry %s", p.Name, p.Checksums, sum)
		}
	}
	return mods, doc
}

// TestSBOMOfARealBinary: the SBOM of a real binary, from its own build
// information, is valid SPDX 2.3 and lists exactly the modules `go version
// -m` lists, with their sums.
func TestSBOMOfARealBinary(t *testing.T) {
	exe := buildGoBinary(t, t.TempDir(), "lintgate_linux_amd64")
	bi, err := buildinfo.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	data, err := SBOM(SBOMInput{Binary: "lintgate_linux_amd64", SHA256: sumA, Version: "v1.2.3", Commit: "37b10c6e1f0a2b3c4d5e6f708192a3b4c5d6e7f8", Created: time.Unix(1764600000, 0), Build: bi})
	if err != nil {
		t.Fatal(err)
	}
	validateSPDX(t, "sbom", data)
	got, doc := sbomModules(t, data)
	want := goVersionM(t, exe)
	for m, sum := range want {
		if g, ok := got[m]; !ok || g != sum {
			t.Errorf("go version -m lists %s %s; the SBOM has %q (listed: %v)", m, sum, g, ok)
		}
	}
	if len(got) != len(want) {
		t.Errorf("the SBOM lists %d modules, go version -m %d", len(got), len(want))
	}
	if p := doc.Packages[0]; p.VersionInfo != "v1.2.3" || p.Checksums[0].ChecksumValue != sumA || p.PackageFileName != "lintgate_linux_amd64" {
		t.Errorf("described package %+v", p)
	}
	if p := doc.Packages[1]; p.Name != "stdlib" || p.VersionInfo != bi.GoVersion {
		t.Errorf("stdlib package %+v, want Go %s", p, bi.GoVersion)
	}
	if doc.CreationInfo.Created != "2025-12-01T14:40:00Z" {
		t.Errorf("created %q: want the commit time in UTC", doc.CreationInfo.Created)
	}
}

func TestSBOMReplacementsAndErrors(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/lintgate/lintgate", Version: "(devel)"},
		Deps: []*debug.Module{
			{Path: "example.com/a_b", Version: "v1.0.0", Sum: "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
			{Path: "example.com/a-b", Version: "v1.0.0+incompatible", Sum: "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
			{Path: "example.com/old", Version: "v0.1.0", Replace: &debug.Module{Path: "example.com/New", Version: "v0.2.0", Sum: "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}},
		},
	}
	data, err := SBOM(SBOMInput{Binary: "lintgate_linux_amd64", SHA256: sumA, Version: "v0.0.0-test", Created: time.Unix(0, 0), Build: bi})
	if err != nil {
		t.Fatal(err)
	}
	validateSPDX(t, "sbom", data)
	got, doc := sbomModules(t, data)
	for _, m := range []string{"example.com/a_b@v1.0.0", "example.com/a-b@v1.0.0+incompatible", "example.com/New@v0.2.0"} {
		if _, ok := got[m]; !ok {
			t.Errorf("%s missing from %v", m, got)
		}
	}
	ids := map[string]bool{}
	for _, p := range doc.Packages {
		if ids[p.SPDXID] {
			t.Errorf("SPDXID %s twice", p.SPDXID)
		}
		ids[p.SPDXID] = true
		if p.Name == "example.com/New" && p.DownloadLocation != "https://proxy.golang.org/example.com/!new/@v/v0.2.0.zip" {
			t.Errorf("download location %q: want the proxy's case-encoded path", p.DownloadLocation)
		}
	}
	bi.Deps[0].Sum = "h1:short"
	if _, err := SBOM(SBOMInput{Binary: "x", Build: bi}); err == nil || !strings.Contains(err.Error(), `module example.com/a_b@v1.0.0: "h1:short" is not a go.sum h1: hash`) {
		t.Errorf("bad sum: %v", err)
	}
}
