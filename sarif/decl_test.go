package sarif

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	// The file's own lines, whatever a //line directive says; "()" is no
	// receiver.
	lined := parseDecls("p.go", []byte("package p\n\nfunc f() {\n//line other.go:100\n\tg()\n}\n\nfunc () h() {}\n"))
	if diff := cmp.Diff(fn("f", 3), declAt(lined, 5)); diff != "" {
		t.Errorf("//line directive (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(fn("h", 8), declAt(lined, 8)); diff != "" {
		t.Errorf("no receiver (-want +got):\n%s", diff)
	}
	// A file that does not parse keeps what the parser recovered.
	broken := parseDecls("p.go", []byte("package p\n\nfunc g() {\n\tx :=\n}\n\nfunc h() {}\n"))
	if diff := cmp.Diff(fn("g", 3), declAt(broken, 4)); diff != "" {
		t.Errorf("broken file (-want +got):\n%s", diff)
	}
}

// parseDeclsAST is what parseDecls was, from the syntax tree go/parser
// builds: the oracle parseDecls must agree with.
// A file that does not parse completely still gives the declarations the
// parser recovered; a file that is not Go gives none.
func parseDeclsAST(path string, src []byte) []declSpan {
	if !strings.HasSuffix(path, ".go") {
		return nil
	}
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if f == nil {
		return nil
	}
	line := func(p token.Pos) int { return fset.PositionFor(p, false).Line } // the file's own lines, as the findings' (not //line directives')
	var spans []declSpan
	add := func(d finding.Decl, doc *ast.CommentGroup, from, to token.Pos) {
		start := line(from)
		if doc != nil {
			start = line(doc.Pos())
		}
		d.Line = line(from)
		spans = append(spans, declSpan{decl: d, start: start, end: line(to)})
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			add(funcDecl(d), d.Doc, d.Pos(), d.End())
		case *ast.GenDecl:
			if d.Tok == token.IMPORT || len(d.Specs) == 0 {
				add(finding.Decl{Name: d.Tok.String(), Kind: "declaration"}, d.Doc, d.Pos(), d.End())
				continue
			}
			for i, s := range d.Specs {
				from, doc := s.Pos(), specDoc(s)
				if i == 0 && !d.Lparen.IsValid() {
					from, doc = d.Pos(), d.Doc // var x = 1: the keyword's line
				}
				add(specDecl(s), doc, from, s.End())
			}
		}
	}
	return spans
}

func funcDecl(d *ast.FuncDecl) finding.Decl {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return finding.Decl{Name: d.Name.Name, Kind: "function"}
	}
	return finding.Decl{Name: recvType(d.Recv.List[0].Type) + "." + d.Name.Name, Kind: "member"}
}

// recvType is a receiver's type name without pointer or type parameters.
func recvType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}

func specDecl(s ast.Spec) finding.Decl {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return finding.Decl{Name: s.Name.Name, Kind: "type"}
	case *ast.ValueSpec:
		names := make([]string, len(s.Names))
		for i, n := range s.Names {
			names[i] = n.Name
		}
		return finding.Decl{Name: strings.Join(names, ","), Kind: "variable"}
	}
	return finding.Decl{}
}

func specDoc(s ast.Spec) *ast.CommentGroup {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return s.Doc
	case *ast.ValueSpec:
		return s.Doc
	}
	return nil
}

// TestParseDeclsAgreesWithParser: on real Go, every declaration span is
// the one go/parser's syntax tree gives: the Go tree's own packages
// (runtime, go/..., net/http: generics, cgo comments, huge tables, raw
// strings, every comment layout) and this module's.
func TestParseDeclsAgreesWithParser(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot := strings.TrimSpace(string(out))
	var files int
	for _, dir := range []string{
		filepath.Join(goroot, "src", "runtime"), filepath.Join(goroot, "src", "go"),
		filepath.Join(goroot, "src", "net", "http"), filepath.Join(goroot, "src", "cmd", "compile", "internal", "types2"),
		"..",
	} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() && (e.Name() == "testdata" || e.Name() == "node_modules" || strings.HasPrefix(e.Name(), ".")) && path != dir {
				if e != nil && e.IsDir() {
					return filepath.SkipDir
				}
				return err
			}
			if e.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if _, perr := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution); perr != nil {
				return nil // the parser's recovery is its own
			}
			files++
			if diff := cmp.Diff(parseDeclsAST(path, src), parseDecls(path, src), cmp.AllowUnexported(declSpan{})); diff != "" {
				t.Errorf("%s (-go/parser +parseDecls):\n%s", path, diff)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 1000 {
		t.Errorf("compared %d files; want the Go tree's", files)
	}
}
