package release

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	sumA = "a3f0000000000000000000000000000000000000000000000000000000000001"
	sumB = "b4e0000000000000000000000000000000000000000000000000000000000002"
)

func TestParseManifest(t *testing.T) {
	data := sumB + "  lintgate_linux_amd64\n\n" + sumA + " *lintgate_windows_amd64.exe\r\n"
	m, err := ParseManifest("SHA256SUMS", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := Manifest{{"lintgate_linux_amd64", sumB}, {"lintgate_windows_amd64.exe", sumA}}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("ParseManifest (-want +got):\n%s", diff)
	}
	if got, want := string(m.Marshal()), sumB+"  lintgate_linux_amd64\n"+sumA+"  lintgate_windows_amd64.exe\n"; got != want {
		t.Errorf("Marshal = %q, want %q", got, want)
	}
	if e, ok := m.Lookup("lintgate_windows_amd64.exe"); !ok || e.SHA256 != sumA {
		t.Errorf("Lookup = %v, %v", e, ok)
	}
}

func TestParseManifestErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"", "SHA256SUMS: no checksums"},
		{sumA + " lintgate_linux_amd64\n", `SHA256SUMS:1: want "<sha256>  <file>"`},
		{sumA + "\n", `SHA256SUMS:1: want`},
		{"abc  x\n", `SHA256SUMS:1: "abc" is not a sha256`},
		{strings.ToUpper(sumA) + "  x\n", "is not a sha256 in lowercase hex"},
		{sumA + "  x\n" + sumB + "  x\n", "SHA256SUMS:2: x is listed twice"},
		{sumA + "  ../x\n", `"../x": a release file has no directory`},
		{"<html>\n", "SHA256SUMS:1: want"},
	}
	for _, tt := range tests {
		if _, err := ParseManifest("SHA256SUMS", []byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseManifest(%q): %v, want %q", tt.data, err, tt.want)
		}
	}
}

func TestCheckBinary(t *testing.T) {
	m := Manifest{{"lintgate_linux_amd64", sumA}, {"lintgate_linux_amd64.spdx.json", sumB}}
	tests := []struct {
		name, binary, digest, want string
	}{
		{"released", "lintgate_linux_amd64", sumA, ""},
		{"another binary", "lintgate_linux_amd64", sumB, "this binary is not the released lintgate_linux_amd64: its sha256 is " + sumB + ", the manifest says " + sumA},
		{"another platform", "lintgate_darwin_arm64", sumA, "the manifest has no lintgate_darwin_arm64 (it lists lintgate_linux_amd64)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckBinary(m, tt.binary, tt.digest)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("CheckBinary: %v, want %q", err, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	if got := BinaryName("windows", "amd64"); got != "lintgate_windows_amd64.exe" {
		t.Errorf("BinaryName(windows) = %q", got)
	}
	if got := SBOMName("lintgate_windows_amd64.exe"); got != "lintgate_windows_amd64.spdx.json" {
		t.Errorf("SBOMName = %q", got)
	}
}

// FuzzParseManifest: a downloaded SHA256SUMS is outside input; it parses
// into lines that marshal back to what parses the same, or is refused.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(sumA + "  lintgate_linux_amd64\n" + sumB + " *x.exe\n"))
	f.Add([]byte("junk"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest("SHA256SUMS", data)
		if err != nil {
			return
		}
		again, err := ParseManifest("SHA256SUMS", m.Marshal())
		if err != nil {
			t.Fatalf("the marshalled manifest does not parse: %v\n%s", err, m.Marshal())
		}
		if diff := cmp.Diff(m, again); diff != "" {
			t.Errorf("round trip (-first +second):\n%s", diff)
		}
	})
}
