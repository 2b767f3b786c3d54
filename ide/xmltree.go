package ide

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// element is an XML element with everything in it kept: attributes in
// their order, child elements, comments, text and processing instructions
// (as *element, xml.CharData, xml.Comment, xml.ProcInst, xml.Directive).
// Names keep their namespace prefix as written.
type element struct {
	name     xml.Name
	attrs    []xml.Attr
	children []any
	// line and col are where the element starts in the parsed file.
	line, col int
}

// xmlDoc is an IntelliJ XML file being merged.
type xmlDoc struct {
	// before and after are the comments, processing instructions and
	// directives around the root element.
	before, after []any
	root          *element
	changed       bool
}

// parseXML reads data into a tree. A file without a root element (empty,
// or only a prolog) has a nil root.
func parseXML(data []byte) (*xmlDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	doc := &xmlDoc{}
	var stack []*element
	for {
		line, col := inputPos(dec)
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			l, c := inputPos(dec)
			msg := err.Error()
			if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
				msg = se.Msg
			}
			return nil, &ParseError{Line: l, Col: c, Msg: msg}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &element{name: t.Name, attrs: t.Copy().Attr, line: line, col: col}
			switch {
			case len(stack) > 0:
				top := stack[len(stack)-1]
				top.children = append(top.children, e)
			case doc.root != nil:
				return nil, &ParseError{Line: line, Col: col, Msg: "a second root element <" + qname(t.Name) + ">"}
			default:
				doc.root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, &ParseError{Line: line, Col: col, Msg: "unexpected </" + qname(t.Name) + ">"}
			}
			if open := stack[len(stack)-1]; open.name != t.Name {
				return nil, &ParseError{Line: line, Col: col, Msg: fmt.Sprintf("</%s> does not close <%s> from line %d", qname(t.Name), qname(open.name), open.line)}
			}
			stack = stack[:len(stack)-1]
		default:
			tok = xml.CopyToken(tok)
			switch {
			case len(stack) > 0:
				top := stack[len(stack)-1]
				top.children = append(top.children, tok)
			case isSpace(tok):
			case doc.root == nil:
				doc.before = append(doc.before, tok)
			default:
				doc.after = append(doc.after, tok)
			}
		}
	}
	if len(stack) > 0 {
		l, c := inputPos(dec)
		return nil, &ParseError{Line: l, Col: c, Msg: "<" + qname(stack[len(stack)-1].name) + "> is not closed"}
	}
	return doc, nil
}

// inputPos is the decoder's 1-based line and column; right after a
// newline the decoder says column 0 of the line before, which is its
// last column, not a position: it becomes column 1.
func inputPos(dec *xml.Decoder) (line, col int) {
	line, col = dec.InputPos()
	return line, max(col, 1)
}

func isSpace(tok any) bool {
	cd, ok := tok.(xml.CharData)
	return ok && len(bytes.TrimSpace(cd)) == 0
}

// ensureRoot checks that the root element is named name, or creates it.
func (d *xmlDoc) ensureRoot(name string, attrs ...string) error {
	if d.root == nil {
		d.root = newElement(name, attrs...)
		d.changed = true
		return nil
	}
	if d.root.name.Space != "" || d.root.name.Local != name {
		return &ParseError{Line: d.root.line, Col: d.root.col, Msg: fmt.Sprintf("want a <%s> root element, not <%s>", name, qname(d.root.name))}
	}
	return nil
}

// newElement makes an element with attributes given as name, value pairs.
func newElement(name string, attrs ...string) *element {
	e := &element{name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.attrs = append(e.attrs, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	return e
}

// attr is the value of e's attribute name.
func (e *element) attr(name string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// setAttr sets an attribute, reporting whether that changed anything.
func (e *element) setAttr(name, value string) bool {
	for i, a := range e.attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			if a.Value == value {
				return false
			}
			e.attrs[i].Value = value
			return true
		}
	}
	e.attrs = append(e.attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
	return true
}

// find returns e's first child element named name whose attributes
// include the given name, value pairs, or nil.
func (e *element) find(name string, attrs ...string) *element {
	for _, c := range e.children {
		k, ok := c.(*element)
		if !ok || k.name.Space != "" || k.name.Local != name {
			continue
		}
		match := true
		for i := 0; i+1 < len(attrs); i += 2 {
			if v, ok := k.attr(attrs[i]); !ok || v != attrs[i+1] {
				match = false
			}
		}
		if match {
			return k
		}
	}
	return nil
}

// ensure returns e's child named name with the given attributes, adding
// it when missing.
func (d *xmlDoc) ensure(e *element, name string, attrs ...string) *element {
	if k := e.find(name, attrs...); k != nil {
		return k
	}
	k := newElement(name, attrs...)
	e.children = append(e.children, k)
	d.changed = true
	return k
}

// option makes e's <option name="name" value="value" /> say value.
func (d *xmlDoc) option(e *element, name, value string) {
	o := d.ensure(e, "option", "name", name)
	if o.setAttr("value", value) {
		d.changed = true
	}
}

// sortedOption is option for the components IntelliJ serializes with
// their options sorted by name (project settings, File Watchers): a new
// option goes before the first option that sorts after it, or after the
// last option, so the file is as IntelliJ would save it.
func (d *xmlDoc) sortedOption(e *element, name, value string) {
	if e.find("option", "name", name) == nil {
		at := len(e.children)
		for i, k := range e.children {
			o, ok := k.(*element)
			if !ok || o.name.Local != "option" {
				continue
			}
			if n, _ := o.attr("name"); n > name {
				at = i
				break
			}
			at = i + 1
		}
		e.children = slices.Insert(e.children, at, any(newElement("option", "name", name)))
		d.changed = true
	}
	d.option(e, name, value)
}

// optionValue is the value of e's option name.
func optionValue(e *element, name string) string {
	if o := e.find("option", "name", name); o != nil {
		v, _ := o.attr("value")
		return v
	}
	return ""
}

// bytes is the document as IntelliJ writes it: two-space indentation,
// double-quoted attributes, empty elements as <x />.
func (d *xmlDoc) bytes() []byte {
	var b bytes.Buffer
	for _, t := range d.before {
		writeMisc(&b, t, "")
	}
	writeElement(&b, d.root, "")
	for _, t := range d.after {
		writeMisc(&b, t, "")
	}
	return b.Bytes()
}

// result is the new content: the old bytes when nothing changed.
func (d *xmlDoc) result(old []byte) []byte {
	if !d.changed {
		return old
	}
	return d.bytes()
}

func writeElement(b *bytes.Buffer, e *element, indent string) {
	b.WriteString(indent + "<" + qname(e.name))
	for _, a := range e.attrs {
		b.WriteString(" " + qname(a.Name) + `="` + attrEscaper.Replace(a.Value) + `"`)
	}
	var kids []any
	textOnly := true
	for _, c := range e.children {
		if isSpace(c) {
			continue
		}
		kids = append(kids, c)
		if _, ok := c.(xml.CharData); !ok {
			textOnly = false
		}
	}
	switch {
	case len(kids) == 0:
		b.WriteString(" />\n")
		return
	case textOnly:
		b.WriteString(">")
		for _, c := range kids {
			b.WriteString(textEscaper.Replace(string(c.(xml.CharData))))
		}
		b.WriteString("</" + qname(e.name) + ">\n")
		return
	}
	b.WriteString(">\n")
	for _, c := range kids {
		if k, ok := c.(*element); ok {
			writeElement(b, k, indent+"  ")
		} else {
			writeMisc(b, c, indent+"  ")
		}
	}
	b.WriteString(indent + "</" + qname(e.name) + ">\n")
}

func writeMisc(b *bytes.Buffer, tok any, indent string) {
	switch t := tok.(type) {
	case xml.CharData:
		b.WriteString(indent + textEscaper.Replace(strings.TrimSpace(string(t))) + "\n")
	case xml.Comment:
		b.WriteString(indent + "<!--" + string(t) + "-->\n")
	case xml.ProcInst:
		b.WriteString(indent + "<?" + t.Target)
		if len(t.Inst) > 0 {
			b.WriteString(" " + string(t.Inst))
		}
		b.WriteString("?>\n")
	case xml.Directive:
		b.WriteString(indent + "<!" + string(t) + ">\n")
	}
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

var (
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#10;", "\r", "&#13;", "\t", "&#9;")
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
)

// xmlProlog is the declaration IntelliJ starts its .idea files with.
func xmlProlog() xml.ProcInst {
	return xml.ProcInst{Target: "xml", Inst: []byte(`version="1.0" encoding="UTF-8"`)}
}
