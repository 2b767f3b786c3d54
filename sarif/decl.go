package sarif

import (
	"bytes"
	"go/scanner"
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

// parseDecls lists the top-level declarations of a Go file, in order,
// with the names, lines and doc comments go/parser gives them, from the
// file's tokens alone (go/scanner): a SARIF log of 100,000 findings
// reads thousands of sources, and building their syntax trees cost ten
// times as much. A file that does not parse still gives the declarations
// its tokens show; a file that is not Go gives none.
func parseDecls(path string, src []byte) []declSpan {
	if !strings.HasSuffix(path, ".go") {
		return nil
	}
	fset := token.NewFileSet()
	d := declScanner{src: src, line: 1}
	var s scanner.Scanner
	// scanFrom (re)starts the scanner at offset from.
	scanFrom := func(from int) {
		file := fset.AddFile(path, -1, len(src)-from)
		d.base = file.Base() - from
		s.Init(file, src[from:], nil, scanner.ScanComments) // errors: the tokens it recovers are enough
	}
	scanFrom(0)
	for {
		pos, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			d.finish()
			return d.spans
		case token.COMMENT:
			d.comment(pos, lit)
			continue
		}
		d.token(pos, tok, lit)
		if tok != token.LBRACE {
			continue
		}
		// What is between braces (a body, a composite literal, a struct's
		// fields) holds no top-level declaration and no spec: skip to the
		// matching brace, and go on as the scanner would after it.
		end := skipBraces(src, int(pos)-d.base+1)
		if end == len(src) {
			d.finish()
			return d.spans
		}
		d.token(token.Pos(d.base+end), token.RBRACE, "")
		if semi, ok := semicolonAfter(src, end+1); ok {
			d.token(token.Pos(d.base+semi), token.SEMICOLON, "\n")
		}
		scanFrom(end + 1)
	}
}

// skipBraces returns the offset of the } that closes the block whose
// content starts at i, len(src) if none does. It knows just enough Go to
// see braces that are tokens: not those in comments, strings and runes.
func skipBraces(src []byte, i int) int {
	depth := 1
	for ; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		case '"', '\'':
			i = skipQuoted(src, i)
		case '`':
			if j := bytes.IndexByte(src[i+1:], '`'); j >= 0 {
				i += j + 1
			} else {
				return len(src)
			}
		case '/':
			i = skipComment(src, i)
		}
	}
	return len(src)
}

// skipQuoted returns the offset of the quote that ends the string or
// rune literal opened at i (or of the newline that cuts it short, as
// for the scanner).
func skipQuoted(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case q, '\n':
			return i
		}
	}
	return i
}

// skipComment returns the offset of the last byte of the comment that
// starts at i, or i when none does.
func skipComment(src []byte, i int) int {
	if i+1 >= len(src) {
		return i
	}
	switch src[i+1] {
	case '/':
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			return i + j - 1
		}
		return len(src) - 1
	case '*':
		if j := bytes.Index(src[i+2:], []byte("*/")); j >= 0 {
			return i + 2 + j + 1
		}
		return len(src) - 1
	}
	return i
}

// semicolonAfter says where the scanner inserts a semicolon after a }
// that ends before i: at the end of its line (or the comment that ends
// it, or the end of the file), unless another token follows on the line.
func semicolonAfter(src []byte, i int) (int, bool) {
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\n':
			return i, true
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			return i, true
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := skipComment(src, i)
			if bytes.IndexByte(src[i:end], '\n') >= 0 || end >= len(src)-1 && !bytes.HasSuffix(src[i:], []byte("*/")) {
				return i, true
			}
			i = end + 1
		default:
			return i, false
		}
	}
	return i, true
}

// declScanner follows the tokens of a file at the top level (depth 0)
// and one level into a parenthesised type, var, const or import group.
type declScanner struct {
	src   []byte
	base  int // the file's token.Pos base
	spans []declSpan
	// The line at offset off: tokens come in order, so counting the
	// newlines since the last one is all a line number costs (the file's
	// own lines, as the findings', whatever a //line directive says).
	off, line int

	depth   int // open (, [ and {
	endLine int // the line the previous token ended on
	// A comment group not yet followed by a token; lead is set when it
	// did not start on the previous token's line (that is a line
	// comment, never a doc comment), as go/parser decides.
	groupStart, groupEnd int
	lead                 bool

	decl *declInProgress
}

// declInProgress is the top-level declaration being scanned.
type declInProgress struct {
	kw           token.Token
	line, doc    int // the keyword's line and its doc comment's first line (0: none)
	end          int // the line its last token ended on
	name, kind   string
	recv         bool // func: in the receiver's parentheses
	recvAny      bool // a token in them
	recvDone     bool // after them
	recvType     string
	recvTypeDone bool
	grouped      bool // type/var/const/import ( ... )
	specs        int
	spec         *declSpan // the spec being scanned in a group
	specNames    []string
	specComma    bool // a comma after the last name
	specNameDone bool
}

func (d *declScanner) lineOf(pos token.Pos, lit string) (first, last int) {
	off := int(pos) - d.base
	if off > d.off && off <= len(d.src) {
		d.line += bytes.Count(d.src[d.off:off], newline)
		d.off = off
	}
	// A raw string or a general comment may span lines.
	return d.line, d.line + strings.Count(lit, "\n")
}

var newline = []byte{'\n'}

func (d *declScanner) comment(pos token.Pos, lit string) {
	first, last := d.lineOf(pos, lit)
	switch {
	case first == d.endLine && d.groupEnd < d.endLine:
		// A line comment: the group after it starts afresh.
		d.groupStart, d.groupEnd, d.lead = first, last, false
	case d.groupEnd > 0 && first <= d.groupEnd+1 && (d.lead || first > d.groupEnd):
		if !d.lead { // the first comment after a line comment
			d.groupStart, d.lead = first, true
		}
		d.groupEnd = last
	default:
		d.groupStart, d.groupEnd, d.lead = first, last, true
	}
}

// docFor is the first line of the doc comment of a token on line, 0 if
// it has none, and forgets the comment group.
func (d *declScanner) docFor(line int) int {
	doc := 0
	if d.lead && d.groupEnd+1 == line {
		doc = d.groupStart
	}
	d.groupStart, d.groupEnd, d.lead = 0, 0, false
	return doc
}

func (d *declScanner) token(pos token.Pos, tok token.Token, lit string) {
	line, last := d.lineOf(pos, lit)
	doc := d.docFor(line)
	depth := d.depth
	switch tok {
	case token.LPAREN, token.LBRACK, token.LBRACE:
		d.depth++
	case token.RPAREN, token.RBRACK, token.RBRACE:
		d.depth = max(d.depth-1, 0)
	}
	d.declToken(tok, lit, line, doc, depth)
	if tok != token.SEMICOLON {
		d.endLine = last
		if d.decl != nil {
			d.decl.end = last
		}
	}
}

// declToken moves the declaration being scanned on by one token.
func (d *declScanner) declToken(tok token.Token, lit string, line, doc, depth int) {
	switch x := d.decl; {
	case x == nil:
		if depth == 0 {
			switch tok {
			case token.FUNC, token.TYPE, token.VAR, token.CONST, token.IMPORT:
				d.decl = &declInProgress{kw: tok, line: line, doc: doc}
			}
		}
	case depth == 0 && tok == token.SEMICOLON:
		d.endDecl()
	case x.kw == token.FUNC:
		d.funcToken(depth, tok, lit)
	default:
		d.genToken(depth, tok, lit, line, doc)
	}
}

// funcToken follows a func declaration to its receiver's type and name.
func (d *declScanner) funcToken(depth int, tok token.Token, lit string) {
	x := d.decl
	switch {
	case x.name != "":
	case depth == 0 && tok == token.LPAREN && !x.recv && !x.recvDone:
		x.recv = true
	case x.recv && depth == 1 && tok == token.RPAREN:
		// No type: "()" is no receiver, "(x)"'s x is the type.
		x.recv, x.recvDone = false, true
	case x.recv:
		x.recvAny = true
		switch {
		case x.recvTypeDone:
		case tok == token.IDENT:
			x.recvType = lit
		case tok == token.PERIOD:
			x.recvType, x.recvTypeDone = "?", true
		case tok == token.LBRACK:
			x.recvTypeDone = true
		}
	case depth == 0 && tok == token.IDENT:
		x.name, x.kind = lit, "function"
		if x.recvAny {
			if x.recvType == "" {
				x.recvType = "?"
			}
			x.name, x.kind = x.recvType+"."+lit, "member"
		}
	}
}

// genToken follows a type, var, const or import declaration, and the
// specs of a group.
func (d *declScanner) genToken(depth int, tok token.Token, lit string, line, doc int) {
	x := d.decl
	if x.specs == 0 && !x.grouped && depth == 0 && tok == token.LPAREN {
		x.grouped = true
		return
	}
	if !x.grouped {
		x.specs = 1
		d.specName(tok, lit)
		return
	}
	if depth != 1 {
		return
	}
	switch {
	case tok == token.SEMICOLON || tok == token.RPAREN:
		d.endSpec(x)
	case x.spec == nil:
		x.specs++
		if x.kw != token.IMPORT {
			x.spec = &declSpan{start: line, end: line, decl: finding.Decl{Line: line}}
			if doc > 0 {
				x.spec.start = doc
			}
			x.specNames, x.specComma, x.specNameDone = nil, false, false
		}
		d.specName(tok, lit)
	default:
		d.specName(tok, lit)
	}
}

// specName collects a spec's name: a type's, or a var or const list.
func (d *declScanner) specName(tok token.Token, lit string) {
	x := d.decl
	afterName := len(x.specNames) > 0 && !x.specComma
	switch {
	case x.specNameDone:
	case tok == token.IDENT && !afterName:
		x.specNames = append(x.specNames, lit)
		x.specComma = false
		x.specNameDone = x.kw == token.TYPE
	case tok == token.COMMA && afterName:
		x.specComma = true
	default: // the type or the = after the names
		x.specNameDone = true
	}
}

// endSpec ends a spec of a group at the last token before its ; or ).
func (d *declScanner) endSpec(x *declInProgress) {
	if x.spec == nil {
		return
	}
	x.spec.end = x.end
	x.spec.decl.Name, x.spec.decl.Kind = strings.Join(x.specNames, ","), genKind(x.kw)
	d.spans = append(d.spans, *x.spec)
	x.spec = nil
}

// endDecl ends the top-level declaration at its last token.
func (d *declScanner) endDecl() {
	x := d.decl
	d.decl = nil
	start := x.line
	if x.doc > 0 {
		start = x.doc
	}
	switch {
	case x.kw == token.FUNC:
		if x.name != "" {
			d.spans = append(d.spans, declSpan{decl: finding.Decl{Name: x.name, Kind: x.kind, Line: x.line}, start: start, end: x.end})
		}
	case x.kw == token.IMPORT || x.specs == 0:
		d.spans = append(d.spans, declSpan{decl: finding.Decl{Name: x.kw.String(), Kind: "declaration", Line: x.line}, start: start, end: x.end})
	case !x.grouped:
		d.spans = append(d.spans, declSpan{decl: finding.Decl{Name: strings.Join(x.specNames, ","), Kind: genKind(x.kw), Line: x.line}, start: start, end: x.end})
	default:
		d.endSpec(x) // a group cut short
	}
}

// finish ends a declaration the file ends in.
func (d *declScanner) finish() {
	if d.decl != nil {
		d.endDecl()
	}
}

func genKind(kw token.Token) string {
	if kw == token.TYPE {
		return "type"
	}
	return "variable"
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
