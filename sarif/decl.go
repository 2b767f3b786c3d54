package sarif

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lintgate/lintgate/finding"
)

// declSpan is a top-level declaration and the lines it covers, from its
// doc comment to its last line.
type declSpan struct {
	decl       finding.Decl
	start, end int
}

// parseDecls lists the top-level declarations of a Go file, in order.
// A file that does not parse completely still gives the declarations the
// parser recovered; a file that is not Go gives none.
func parseDecls(path string, src []byte) []declSpan {
	if !strings.HasSuffix(path, ".go") {
		return nil
	}
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if f == nil {
		return nil
	}
	line := func(p token.Pos) int { return fset.Position(p).Line }
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

// declAt is the declaration that covers line, the zero Decl when none.
func declAt(spans []declSpan, line int) finding.Decl {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end >= line })
	if i < len(spans) && spans[i].start <= line {
		return spans[i].decl
	}
	return finding.Decl{}
}

// declLineKey is the logical location property that holds the first line
// of the declaration, from which a baseline measures how far into its
// declaration a finding is.
const declLineKey = "startLine"

// logicalLocation is a declaration as a result's logical location, nil
// for the zero Decl.
func logicalLocation(d finding.Decl) *gosarif.LogicalLocation {
	if d.Name == "" {
		return nil
	}
	ll := &gosarif.LogicalLocation{Name: ptr(d.Name), Kind: ptr(d.Kind)}
	ll.Properties = gosarif.Properties{declLineKey: d.Line}
	return ll
}
