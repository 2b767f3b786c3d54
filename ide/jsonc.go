package ide

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tailscale/hujson"
)

// jsonDoc is a JSONC document being merged: its syntax tree, and the
// layout new members get (one level of indentation, the line ending).
type jsonDoc struct {
	root    hujson.Value
	unit    string
	nl      string
	bom     bool
	changed bool
}

// bom is the UTF-8 byte order mark some Windows editors start files with.
const bom = "\ufeff"

// hujsonErrorRE matches hujson's "hujson: line N, column M: message".
var hujsonErrorRE = regexp.MustCompile(`^hujson: line (\d+), column (\d+): (.*)$`)

// parseDoc parses a JSONC document whose top level is an object. An empty
// file is an empty object.
func parseDoc(data []byte) (*jsonDoc, error) {
	hasBOM := bytes.HasPrefix(data, []byte(bom))
	data = bytes.TrimPrefix(data, []byte(bom))
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}\n")
	}
	v, err := hujson.Parse(data)
	if err != nil {
		if m := hujsonErrorRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			return nil, &ParseError{Line: line, Col: col, Msg: m[3]}
		}
		return nil, &ParseError{Line: 1, Col: 1, Msg: strings.TrimPrefix(err.Error(), "hujson: ")}
	}
	if _, ok := v.Value.(*hujson.Object); !ok {
		line, col := lineCol(data, v.StartOffset)
		return nil, &ParseError{Line: line, Col: col, Msg: "want a JSON object at the top level"}
	}
	d := &jsonDoc{root: v, unit: "\t", nl: "\n", bom: hasBOM}
	if bytes.Contains(data, []byte("\r\n")) {
		d.nl = "\r\n"
	}
	if indent, ok := membersIndent(d.object()); ok && indent != "" {
		d.unit = indent
	}
	return d, nil
}

// lineCol is the 1-based line and byte column of offset n in data.
func lineCol(data []byte, n int) (line, col int) {
	line = 1 + bytes.Count(data[:n], []byte("\n"))
	col = n - bytes.LastIndexByte(data[:n], '\n')
	return line, col
}

func (d *jsonDoc) object() *hujson.Object { return d.root.Value.(*hujson.Object) }

func (d *jsonDoc) bytes() []byte {
	if d.bom {
		return append([]byte(bom), d.root.Pack()...)
	}
	return d.root.Pack()
}

// membersIndent is the indentation of obj's members, and whether they
// are on lines of their own.
func membersIndent(obj *hujson.Object) (string, bool) {
	if len(obj.Members) == 0 {
		return "", bytes.Contains(obj.AfterExtra, []byte("\n"))
	}
	return indentOf(obj.Members[0].Name.BeforeExtra)
}

// elementsIndent is membersIndent for an array.
func elementsIndent(arr *hujson.Array) (string, bool) {
	if len(arr.Elements) == 0 {
		return "", bytes.Contains(arr.AfterExtra, []byte("\n"))
	}
	return indentOf(arr.Elements[0].BeforeExtra)
}

// indentOf is the whitespace after the last line break of extra, and
// whether there is a line break.
func indentOf(extra hujson.Extra) (string, bool) {
	i := bytes.LastIndexByte(extra, '\n')
	if i < 0 {
		return "", false
	}
	rest := extra[i+1:]
	// Only the leading whitespace: a comment may precede the value.
	return string(rest[:len(rest)-len(bytes.TrimLeft(rest, " \t"))]), true
}

// childIndent is the indentation for members or elements of a composite
// whose own line is indented by indent.
func (d *jsonDoc) childIndent(v hujson.ValueTrimmed, indent string) (string, bool) {
	var got string
	var multi bool
	switch c := v.(type) {
	case *hujson.Object:
		got, multi = membersIndent(c)
		if len(c.Members) == 0 && !multi && c == d.object() {
			multi = true // an empty file becomes a laid out object
		}
	case *hujson.Array:
		got, multi = elementsIndent(c)
	}
	if got == "" {
		got = indent + d.unit
	}
	return got, multi
}

// kv is a member of an ordered object.
type kv struct {
	k string
	v any
}

// ordered is a JSON object whose members keep their order.
type ordered []kv

// MarshalJSON writes the members in order.
func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(m.k)
		if err != nil {
			return nil, err
		}
		v, err := marshal(m.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// value lays v out as a JSON value whose first line is indented by
// indent: over several lines when multi, else on one line.
func (d *jsonDoc) value(v any, indent string, multi bool) hujson.Value {
	data, err := marshal(v)
	if err != nil {
		panic(fmt.Sprintf("ide: %v", err)) // only lintgate's own values are encoded here
	}
	var b bytes.Buffer
	if !multi {
		b.Write(spaced(data))
	} else if err := json.Indent(&b, data, indent, d.unit); err != nil {
		panic(fmt.Sprintf("ide: %v", err))
	}
	text := b.String()
	if d.nl != "\n" {
		text = strings.ReplaceAll(text, "\n", d.nl)
	}
	val, err := hujson.Parse([]byte(text))
	if err != nil {
		panic(fmt.Sprintf("ide: %v", err))
	}
	return val
}

// sameJSON reports whether the JSONC value v means want.
func sameJSON(v hujson.Value, want any) bool {
	c := v.Clone()
	c.Standardize()
	var got, w any
	if err := json.Unmarshal(c.Pack(), &got); err != nil {
		return false
	}
	data, err := marshal(want)
	if err != nil {
		return false
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return false
	}
	return reflect.DeepEqual(got, w)
}

// member returns the first member of obj named name, or nil.
func member(obj *hujson.Object, name string) *hujson.ObjectMember {
	for i := range obj.Members {
		if s, ok := stringOf(obj.Members[i].Name); ok && s == name {
			return &obj.Members[i]
		}
	}
	return nil
}

// stringOf is the value of a JSON string literal.
func stringOf(v hujson.Value) (string, bool) {
	lit, ok := v.Value.(hujson.Literal)
	if !ok || lit.Kind() != '"' {
		return "", false
	}
	return lit.String(), true
}

// set makes obj[path[0]][path[1]]... mean want, creating objects on the
// way (and replacing values that are not objects). indent is the
// indentation of obj's own line. Values that already mean want are left
// exactly as they are.
func (d *jsonDoc) set(obj *hujson.Object, indent string, path []string, want any) {
	if len(path) == 0 {
		return
	}
	name, rest := path[0], path[1:]
	inner, multi := d.childIndent(obj, indent)
	m := member(obj, name)
	if m == nil {
		d.appendMember(obj, inner, multi, name, nest(rest, want))
		return
	}
	if len(rest) == 0 {
		if !sameJSON(m.Value, want) {
			d.replace(&m.Value, inner, multi, want)
		}
		return
	}
	child, ok := m.Value.Value.(*hujson.Object)
	if !ok {
		d.replace(&m.Value, inner, multi, nest(rest, want))
		return
	}
	d.set(child, inner, rest, want)
}

// nest wraps want in one object per name of path.
func nest(path []string, want any) any {
	for i := len(path) - 1; i >= 0; i-- {
		want = ordered{{path[i], want}}
	}
	return want
}

// replace gives v the value want, keeping the comments around it.
func (d *jsonDoc) replace(v *hujson.Value, indent string, multi bool, want any) {
	v.Value = d.value(want, indent, multi).Value
	d.changed = true
}

// appendMember adds name: want after obj's last member.
func (d *jsonDoc) appendMember(obj *hujson.Object, indent string, multi bool, name string, want any) {
	trailing := len(obj.Members) > 0 && obj.Members[len(obj.Members)-1].Value.AfterExtra != nil
	before, rest := d.layoutNew(&obj.AfterExtra, len(obj.Members) == 0, indent, multi)
	nameVal := d.value(name, indent, multi)
	nameVal.BeforeExtra = before
	val := d.value(want, indent, multi)
	val.BeforeExtra = hujson.Extra(" ")
	if trailing {
		val.AfterExtra = hujson.Extra{}
	}
	obj.Members = append(obj.Members, hujson.ObjectMember{Name: nameVal, Value: val})
	obj.AfterExtra = rest
	d.changed = true
}

// appendElement adds want after arr's last element.
func (d *jsonDoc) appendElement(arr *hujson.Array, indent string, multi bool, want any) {
	trailing := len(arr.Elements) > 0 && arr.Elements[len(arr.Elements)-1].AfterExtra != nil
	before, rest := d.layoutNew(&arr.AfterExtra, len(arr.Elements) == 0, indent, multi)
	val := d.value(want, indent, multi)
	val.BeforeExtra = before
	if trailing {
		val.AfterExtra = hujson.Extra{}
	}
	arr.Elements = append(arr.Elements, val)
	arr.AfterExtra = rest
	d.changed = true
}

// layoutNew splits the extra before a composite's closing bracket: what
// comes before a new last item (comments after the old last item stay
// with it) and what stays before the bracket.
func (d *jsonDoc) layoutNew(after *hujson.Extra, empty bool, indent string, multi bool) (before, rest hujson.Extra) {
	lead := bytes.TrimRight(*after, " \t\r\n")
	tail := (*after)[len(lead):]
	if !multi {
		if empty {
			return slices.Clone(lead), slices.Clone(tail)
		}
		return append(slices.Clone(lead), ' '), slices.Clone(tail)
	}
	if !bytes.Contains(tail, []byte("\n")) {
		// The bracket was on the line of the last item (or of the opening
		// one): it gets a line of its own, indented one level less.
		tail = []byte(d.nl + strings.TrimSuffix(indent, d.unit))
	}
	before = append(slices.Clone(lead), d.nl+indent...)
	return before, slices.Clone(tail)
}

// removeElement removes arr's i-th element with the comments before it,
// keeping a trailing comma if there was one.
func removeElement(arr *hujson.Array, i int) {
	n := len(arr.Elements)
	trailing := arr.Elements[n-1].AfterExtra != nil
	removed := arr.Elements[i].BeforeExtra
	arr.Elements = slices.Delete(arr.Elements, i, i+1)
	if i < len(arr.Elements) && isBlank(removed) && isBlank(arr.Elements[i].BeforeExtra) {
		// ["a", "b"] without "a" is ["b"], not [ "b"].
		arr.Elements[i].BeforeExtra = removed
	}
	if i != n-1 || len(arr.Elements) == 0 {
		return
	}
	last := &arr.Elements[len(arr.Elements)-1]
	switch {
	case trailing && last.AfterExtra == nil:
		last.AfterExtra = hujson.Extra{}
	case !trailing && last.AfterExtra != nil:
		arr.AfterExtra = append(slices.Clone(last.AfterExtra), arr.AfterExtra...)
		last.AfterExtra = nil
	}
}

// isBlank reports whether extra is only whitespace.
func isBlank(extra hujson.Extra) bool {
	return len(bytes.Trim(extra, " \t\r\n")) == 0
}

// spaced puts a space after every comma and colon of compact JSON that is
// not inside a string: {"a": [1, 2]}, as people write JSON on one line.
func spaced(compact []byte) []byte {
	var out []byte
	inString, escaped := false, false
	for _, c := range compact {
		out = append(out, c)
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || c == ':'):
			out = append(out, ' ')
		}
	}
	return out
}
