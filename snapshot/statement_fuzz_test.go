package snapshot

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzStatement is a snapshot with every section filled in.
func fuzzStatement(t testing.TB) []byte {
	s := &Statement{
		Type: StatementType, PredicateType: PredicateType,
		Subject: []Subject{{Name: "go.mod", Digest: map[string]string{"sha256": "00ff"}}, {Name: "lintgate", Digest: map[string]string{"sha256": "ab"}}},
		Predicate: Predicate{
			Lintgate:  Lintgate{Version: "v1.0.0", Build: map[string]string{"-trimpath": "true"}},
			Linters:   map[string]Tool{"revive": {Path: "github.com/mgechev/revive", Version: "v1.17.1", Sum: "h1:x"}},
			Toolchain: Toolchain{GoVersion: "go1.26.8", GoModToolchain: "go1.26.8"},
			Env:       map[string]string{"GOSUMDB": "sum.golang.org", "GONOSUMDB": "corp.example"},
			Files:     map[string]string{"go.mod": "sha256:00ff", "go.sum": Absent},
			Configs:   map[string]string{"lintgate.yml": Absent},
			Modules: Modules{List: []Module{
				{Path: "example.com/a", Version: "v1.0.0", Sum: "h1:a", GoModSum: "h1:b", Cache: CacheOK, SumDB: SumConfirmed},
				{Path: "example.com/b", Version: "v1.0.0", Sum: "h1:a", Cache: "content differs", SumDB: "contradicted: x"},
				{Path: "corp.example/c", Version: "v0.1.0", Sum: "h1:c", Cache: CacheOK, SumDB: SumPrivate},
			}},
			SumDB:  SumDB{Name: "sum.golang.org", TreeSize: "10", RootHash: "abc="},
			GoRoot: GoRoot{Dir: "/usr/local/go", Module: "golang.org/toolchain@v0.0.1-go1.26.8.linux-amd64", Hash: "h1:x", Verdict: ToolchainVerified},
			Weak:   Weak{Allowed: "true", Reasons: []string{"r"}},
		},
	}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// FuzzParseSnapshot: Parse never panics on any lintgate.snapshot.json;
// every error names the file; a statement that parses marshals to bytes
// that parse to the same statement, is no drift against itself, and can
// be inspected.
func FuzzParseSnapshot(f *testing.F) {
	f.Add(fuzzStatement(f))
	f.Add([]byte(`{"_type": "https://in-toto.io/Statement/v1", "subject": [], "predicateType": "https://lintgate.dev/snapshot/v1",
 "predicate": {"lintgate": {"version": "v1"}, "toolchain": {"goVersion": "go1.26.8"}, "files": {"go.mod": "sha256:x"}}}`))
	f.Add([]byte(`{"subject": [{"name": "go.mod", "digest": {"sha256": "00"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("lintgate.snapshot.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "lintgate.snapshot.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := Parse("again.json", out)
		if err != nil {
			t.Fatalf("Parse(Marshal(s)): %v\n%s", err, out)
		}
		again, err := back.Marshal()
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("Marshal(Parse(Marshal(s))) differs (%v):\n%s\n%s", err, out, again)
		}
		r := Compare(s, back)
		if len(r.Changes) > 0 {
			t.Fatalf("a snapshot drifts from itself: %v", r.Changes)
		}
		var b bytes.Buffer
		if err := Inspect(&b, "lintgate.snapshot.json", s); err != nil {
			t.Fatalf("Inspect: %v", err)
		}
		_ = r.Write(&b)
	})
}
