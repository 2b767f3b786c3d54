package snapshot

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	valid := `{"_type": "https://in-toto.io/Statement/v1", "subject": [], "predicateType": "https://lintgate.dev/snapshot/v1",
 "predicate": {"lintgate": {"version": "v1"}, "toolchain": {"goVersion": "go1.26.8"}, "files": {"go.mod": "sha256:x"}}}`
	tests := []struct{ name, data, want string }{
		{"syntax", "{\n  \"_type\": \"x\",\n  oops\n}", "s.json:3:3: invalid character 'o'"},
		{"not a string", "{\n  \"_type\": 42\n}", "s.json:2:13: _type is a JSON number, want a string"},
		{"empty", "", "s.json: empty file"},
		{"truncated", "{\n  \"_type\": \"x\",", "s.json:2:15: unexpected end of file"},
		{"unknown field", `{"colour": "red"}`, `s.json: json: unknown field "colour"`},
		{"wrong type", `{"_type": "x"}`, `s.json: _type is "x", want "https://in-toto.io/Statement/v1"`},
		{"wrong predicate", strings.Replace(valid, "snapshot/v1", "other", 1), `predicateType is "https://lintgate.dev/other"`},
		{"no go version", strings.Replace(valid, "go1.26.8", "", 1), "s.json: predicate.toolchain.goVersion is missing"},
		{"two values", valid + "\n{}", "s.json:3:1: more than one JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("s.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse: %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := Parse("s.json", []byte(valid)); err != nil {
		t.Errorf("valid: %v", err)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		key, old, cur     string
		strict, weakening bool
	}{
		{"toolchain.goVersion", "go1.26.8", "go1.26.9", true, false},
		{"toolchain.goVersion", "go1.25.7", "go1.26.8", false, false},
		{"toolchain.lintgateGo", "go1.26.8", "go1.26.9", true, false},
		{"lintgate.binary", "sha256:a", "sha256:b", true, false},
		{"lintgate.build.-trimpath", "", "true", true, false},
		{"env.GOPROXY", "https://proxy.golang.org,direct", "off", true, false},
		{"env.GOSUMDB", "sum.golang.org", "off", false, true},
		{"env.GOSUMDB", "off", "sum.golang.org", false, false},
		{"env.GONOSUMDB", "a.example", "a.example,b.example", false, true},
		{"env.GONOSUMDB", "a.example,b.example", "a.example", true, false},
		{"env.GOPRIVATE", "", "corp.example", false, true},
		{"env.GOINSECURE", "", "corp.example", false, true},
		{"env.GOFLAGS", "-tags=x", "-tags=x -mod=mod", false, true},
		{"env.GOFLAGS", "", "-buildvcs=false", true, false},
		{"target.mod", "", "mod", false, true},
		{"linters.revive.sum", "h1:a", "h1:b", false, false},
	}
	for _, tt := range tests {
		c := Diff(&Predicate{Env: map[string]string{}}, &Predicate{Env: map[string]string{}})
		if len(c) != 0 {
			t.Fatalf("empty predicates differ: %v", c)
		}
		w := weakening(tt.key, tt.old, tt.cur)
		s := !w && strictOnly(tt.key, tt.old, tt.cur)
		if s != tt.strict || w != tt.weakening {
			t.Errorf("%s %q -> %q: strict %v weakening %v, want %v %v", tt.key, tt.old, tt.cur, s, w, tt.strict, tt.weakening)
		}
	}
}

func TestChangeString(t *testing.T) {
	tests := []struct {
		c    Change
		want string
	}{
		{Change{Op: '~', Key: "toolchain.goVersion", Old: "go1.26.8", New: "go1.26.9", Strict: true}, "~ toolchain.goVersion go1.26.8 -> go1.26.9 [strict]"},
		{Change{Op: '~', Key: "env.GOSUMDB", Old: "sum.golang.org", New: "off", Weakening: true}, "~ env.GOSUMDB sum.golang.org -> off [weakening]"},
		{Change{Op: '+', Key: "modules.x@v1", New: "h1:a"}, "+ modules.x@v1 h1:a"},
		{Change{Op: '-', Key: "env.GOWORK", Old: ""}, `- env.GOWORK ""`},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestStronger: a setting that raises integrity is not drift by default
// (issue 18, item 16); it shows as [stronger] and --strict fails on it.
func TestStronger(t *testing.T) {
	tests := []struct {
		key, old, cur string
		stronger      bool
	}{
		{"GOSUMDB", "off", "sum.golang.org", true},
		{"GONOSUMDB", "a.example,b.example", "a.example", true},
		{"GONOSUMDB", "a.example", "b.example", false},
		{"GOSUMDB", "sum.golang.org", "off", false},
		{"GOSUMDB", "sum.golang.org", "sum.example.com", false},
	}
	for _, tt := range tests {
		cs := Diff(&Predicate{Env: map[string]string{tt.key: tt.old}}, &Predicate{Env: map[string]string{tt.key: tt.cur}})
		if len(cs) != 1 {
			t.Fatalf("%s: changes %v", tt.key, cs)
		}
		c := cs[0]
		if c.Stronger != tt.stronger || tt.stronger && (!c.Strict || !strings.HasSuffix(c.String(), " [stronger] [strict]")) {
			t.Errorf("%s %q -> %q: %q stronger %v strict %v", tt.key, tt.old, tt.cur, c.String(), c.Stronger, c.Strict)
		}
		r := Result{Changes: cs}
		if tt.stronger && (r.Drift(false) || !r.Drift(true)) {
			t.Errorf("%s %q -> %q: drift %v/%v, want false/true", tt.key, tt.old, tt.cur, r.Drift(false), r.Drift(true))
		}
	}
	cs := Diff(&Predicate{Target: Target{Mod: "mod"}}, &Predicate{})
	if len(cs) != 1 || !cs[0].Stronger {
		t.Errorf("-mod=mod dropped: %v", cs)
	}
}
