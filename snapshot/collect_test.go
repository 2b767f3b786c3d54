package snapshot

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCollectClean(t *testing.T) {
	f := newFixture(t)
	s := f.collect(t)
	p := s.Predicate
	if len(p.Weak.Reasons) > 0 {
		t.Fatalf("weak: %q", p.Weak.Reasons)
	}
	want := []Module{{Path: depPath, Version: "v1.0.0", Sum: p.Modules.List[0].Sum, GoModSum: p.Modules.List[0].GoModSum, Cache: CacheOK, SumDB: SumConfirmed}}
	if diff := cmp.Diff(want, p.Modules.List); diff != "" || !strings.HasPrefix(want[0].Sum, "h1:") {
		t.Errorf("modules (-want +got):\n%s", diff)
	}
	if p.Toolchain.GoModGo != "1.26" || p.Toolchain.GOTOOLCHAIN != "local" || p.Target.CGOEnabled != "0" {
		t.Errorf("toolchain %+v target %+v", p.Toolchain, p.Target)
	}
	if p.Env["GOSUMDB"] != f.db.GOSUMDB || p.Files["go.work"] != Absent || p.Configs["lintgate.yml"] != Absent {
		t.Errorf("env %v files %v configs %v", p.Env, p.Files, p.Configs)
	}
	// Two records (the module and the toolchain), proved against a
	// signed tree head of the database.
	if p.SumDB.Name != "sumdb.test" || p.SumDB.TreeSize != "2" || p.SumDB.RootHash == "" || p.SumDB.Error != "" {
		t.Errorf("sumdb %+v", p.SumDB)
	}
	if p.GoRoot.Verdict != ToolchainVerified || !strings.HasPrefix(p.GoRoot.Module, ToolchainModule+"@v0.0.1-go1.") || p.GoRoot.Hash+"\n" != strings.Fields(toolchainLine(t))[2]+"\n" {
		t.Errorf("goroot %+v", p.GoRoot)
	}
	var names []string
	for _, sub := range s.Subject {
		names = append(names, sub.Name)
	}
	if diff := cmp.Diff([]string{".golangci.yml", "go.mod", "go.sum", "lintgate"}, slices.Sorted(slices.Values(names))); diff != "" {
		t.Errorf("subjects (-want +got):\n%s", diff)
	}
	a, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, mustMarshal(t, f.collect(t))) {
		t.Error("two snapshots of one environment differ")
	}
	back, err := Parse("s.json", a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, mustMarshal(t, back)) {
		t.Error("Parse(Marshal(s)) does not marshal to the same bytes")
	}
	if diff := Diff(&s.Predicate, &back.Predicate); len(diff) > 0 {
		t.Errorf("a snapshot differs from itself: %v", diff)
	}
	if !bytes.Contains(a, []byte(`"_type": "https://in-toto.io/Statement/v1"`)) || bytes.Contains(a, []byte(f.root)) {
		t.Errorf("statement type missing or absolute path recorded:\n%s", a)
	}
}

func mustMarshal(t *testing.T, s *Statement) []byte {
	t.Helper()
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGoFlags(t *testing.T) {
	tests := []struct{ in, tags, mod string }{
		{"", "", ""},
		{"-buildvcs=false", "", ""},
		{"-mod=mod -tags=b,a", "a,b", "mod"},
		{"--tags=x -mod=vendor", "x", "vendor"},
	}
	for _, tt := range tests {
		tags, mod := goFlags(tt.in)
		if tags != tt.tags || mod != tt.mod {
			t.Errorf("goFlags(%q) = %q, %q; want %q, %q", tt.in, tags, mod, tt.tags, tt.mod)
		}
	}
}

// TestToolchainLine: go.mod's toolchain line is recorded (modfile.ParseLax
// skips it), also in a go.mod only the lax parser reads.
func TestToolchainLine(t *testing.T) {
	for _, tt := range []struct{ gomod, goLine, toolchainLine string }{
		{"module example.com/bbolt\n\ngo 1.24\n\ntoolchain go1.25.11\n", "1.24", "go1.25.11"},
		{"module example.com/m\n\ngo 1.26\n", "1.26", ""},
		{"module example.com/m\n\ngo 1.26\n\ntoolchain go1.26.8\n\nfuture directive\n", "1.26", "go1.26.8"},
	} {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "go.mod"), tt.gomod)
		tc, err := toolchain(Options{Root: dir}, map[string]string{})
		if err != nil || tc.GoModGo != tt.goLine || tc.GoModToolchain != tt.toolchainLine {
			t.Errorf("%q: %+v, %v; want go %q toolchain %q", tt.gomod, tc, err, tt.goLine, tt.toolchainLine)
		}
	}
}
