package sarif

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

func TestParseDecls(t *testing.T) {
	src := `package p

import "os"

// T is a type.
type T[K comparable] struct{}

// Close closes.
func (t *T[K]) Close() error {
	return os.Remove("x")
}

var (
	// a is documented.
	a = 1
	b, c = 2, 3
)

const d = 4

func f() {}
`
	spans := parseDecls("p.go", []byte(src))
	fn := func(name string, line int) finding.Decl {
		return finding.Decl{Name: name, Kind: "function", Line: line}
	}
	tests := []struct {
		line int
		want finding.Decl
	}{
		{1, finding.Decl{}}, // the package clause
		{3, finding.Decl{Name: "import", Kind: "declaration", Line: 3}},
		{4, finding.Decl{}},
		{5, finding.Decl{Name: "T", Kind: "type", Line: 6}}, // its doc comment
		{6, finding.Decl{Name: "T", Kind: "type", Line: 6}},
		{8, finding.Decl{Name: "T.Close", Kind: "member", Line: 9}},
		{10, finding.Decl{Name: "T.Close", Kind: "member", Line: 9}},
		{11, finding.Decl{Name: "T.Close", Kind: "member", Line: 9}},
		{13, finding.Decl{}}, // "var (" belongs to no one spec
		{15, finding.Decl{Name: "a", Kind: "variable", Line: 15}},
		{16, finding.Decl{Name: "b,c", Kind: "variable", Line: 16}},
		{19, finding.Decl{Name: "d", Kind: "variable", Line: 19}},
		{21, fn("f", 21)},
		{22, finding.Decl{}},
	}
	for _, tt := range tests {
		if got := declAt(spans, tt.line); got != tt.want {
			t.Errorf("line %d: %+v, want %+v", tt.line, got, tt.want)
		}
	}
	if got := parseDecls("p.txt", []byte(src)); got != nil {
		t.Errorf("a file that is not Go has declarations %v", got)
	}
	// A file that does not parse keeps what the parser recovered.
	broken := parseDecls("p.go", []byte("package p\n\nfunc g() {\n\tx :=\n}\n\nfunc h() {}\n"))
	if diff := cmp.Diff(fn("g", 3), declAt(broken, 4)); diff != "" {
		t.Errorf("broken file (-want +got):\n%s", diff)
	}
}
