package snapshot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDrift is the acceptance list: each change of the environment after
// a clean snapshot is drift in the default mode, with a line naming it.
func TestDrift(t *testing.T) {
	tests := []struct {
		name string
		// change changes the environment (or the recorded snapshot).
		change func(t *testing.T, f *fixture, recorded *Statement)
		want   []string // substrings of the output lines
	}{
		{
			name: "go.sum edited",
			change: func(t *testing.T, f *fixture, _ *Statement) {
				data, _ := os.ReadFile(filepath.Join(f.root, "go.sum"))
				i := strings.Index(string(data), "h1:")
				data[i+3] ^= 1 // one character of the content hash
				write(t, filepath.Join(f.root, "go.sum"), string(data))
			},
			want: []string{"~ files.go.sum sha256:", "~ " + depKey + " h1:", "~ " + depKey + " cache ok -> content differs from go.sum", "! module example.com/dep@v1.0.0: content differs from go.sum"},
		},
		{
			name: "module cache file edited",
			change: func(t *testing.T, f *fixture, _ *Statement) {
				write(t, filepath.Join(f.cache, "example.com", "dep@v1.0.0", "dep.go"), "package dep\n\nconst V = 2\n")
			},
			want: []string{"~ " + depKey + " cache ok -> content differs from go.sum: the cache has h1:", "! module example.com/dep@v1.0.0: content differs"},
		},
		{
			name: "empty module cache",
			change: func(t *testing.T, _ *fixture, _ *Statement) {
				t.Setenv("GOMODCACHE", t.TempDir())
			},
			want: []string{`~ modules.error "" -> go list -mod=readonly -m -json all: exit status 1: go: module lookup disabled by GOPROXY=off`, "~ " + depKey + " cache ok -> missing from the module cache", "! module example.com/dep@v1.0.0: missing from the module cache", "! build list: go list"},
		},
		{
			name:   "GOSUMDB=off",
			change: func(t *testing.T, _ *fixture, _ *Statement) { t.Setenv("GOSUMDB", "off") },
			want:   []string{"~ env.GOSUMDB sumdb.test+"},
		},
		{
			name:   "GOFLAGS=-mod=mod",
			change: func(t *testing.T, _ *fixture, _ *Statement) { t.Setenv("GOFLAGS", "-mod=mod") },
			want:   []string{`~ env.GOFLAGS "" -> -mod=mod [weakening]`, `~ target.mod "" -> mod [weakening]`},
		},
		{
			name:   "GONOSUMDB added",
			change: func(t *testing.T, _ *fixture, _ *Statement) { t.Setenv("GONOSUMDB", "corp.example.com") },
			want:   []string{`~ env.GONOSUMDB "" -> corp.example.com [weakening]`},
		},
		{
			name: ".golangci.yml changed",
			change: func(_ *testing.T, f *fixture, _ *Statement) {
				f.configs[0].Data = []byte("version: \"2\"\nlinters:\n  default: all\n")
			},
			want: []string{"~ configs..golangci.yml sha256:"},
		},
		{
			name:   "a different Go version recorded",
			change: func(_ *testing.T, _ *fixture, r *Statement) { r.Predicate.Toolchain.GoVersion = "go1.25.7" },
			want:   []string{"~ toolchain.goVersion go1.25.7 -> go1."},
		},
		{
			name: "a different linter sum recorded",
			change: func(_ *testing.T, _ *fixture, r *Statement) {
				r.Predicate.Linters["golangci-lint"] = Tool{Path: "github.com/golangci/golangci-lint/v2", Version: "v2.15.0", Sum: "h1:other"}
			},
			want: []string{"~ linters.golangci-lint.sum h1:other -> h1:golangci"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			recorded := f.collect(t)
			tt.change(t, f, recorded)
			res := Compare(recorded, f.collect(t))
			if !res.Drift(false) {
				t.Errorf("no drift in the default mode; changes %v", res.Changes)
			}
			out := output(t, res)
			for _, w := range tt.want {
				if !strings.Contains(out, "\n"+w) {
					t.Errorf("no line %q in\n%s", w, out)
				}
			}
		})
	}
}

func output(t *testing.T, r Result) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("\n")
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestStrictOnly: a patch release of Go and a different binary are not
// drift by default, but are under --strict, and are marked [strict].
func TestStrictOnly(t *testing.T) {
	f := newFixture(t)
	recorded := f.collect(t)
	recorded.Predicate.Toolchain.GoVersion = "go1.26.8"
	write(t, f.exe, "another binary")
	now := f.collect(t)
	now.Predicate.Toolchain.GoVersion = "go1.26.9"
	res := Compare(recorded, now)
	if res.Drift(false) || !res.Drift(true) {
		t.Fatalf("Drift(default) = %v, Drift(strict) = %v; want false, true", res.Drift(false), res.Drift(true))
	}
	out := output(t, res)
	for _, w := range []string{"~ toolchain.goVersion go1.26.8 -> go1.26.9 [strict]", "~ lintgate.binary sha256:", "~ subject.lintgate sha256:"} {
		if !strings.Contains(out, "\n"+w) {
			t.Errorf("no line %q in\n%s", w, out)
		}
	}
	if failing, strictOnly := res.Counts(false); failing != 0 || strictOnly != 3 {
		t.Errorf("Counts(default) = %d, %d; want 0, 3", failing, strictOnly)
	}
}

// TestWeaknesses: create refuses these environments.
func TestWeaknesses(t *testing.T) {
	tests := []struct {
		name, env, value, want string
	}{
		{"GOSUMDB off", "GOSUMDB", "off", "GOSUMDB=off"},
		{"-mod=mod", "GOFLAGS", "-mod=mod", "-mod=mod"},
		{"empty cache", "GOMODCACHE", "", "missing from the module cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			v := tt.value
			if tt.env == "GOMODCACHE" {
				v = t.TempDir()
			}
			t.Setenv(tt.env, v)
			got := strings.Join(f.collect(t).Predicate.Weak.Reasons, "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("reasons %q, want one with %q", got, tt.want)
			}
		})
	}
}
