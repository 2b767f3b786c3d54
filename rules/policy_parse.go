package rules

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// LoadPolicy reads and parses the policy file at path; path as given
// names the file in messages. A file that cannot be read gives a
// *PolicyError such as "lintgate.yml: is a directory" that wraps the
// underlying error (errors.Is(err, fs.ErrNotExist) tells a missing file).
func LoadPolicy(path string) (*Policy, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if fi.IsDir() {
		return nil, fileProblem(path, "is a directory", nil)
	}
	if !fi.Mode().IsRegular() {
		// A FIFO would block and a device is never a policy.
		return nil, fileProblem(path, "is not a regular file", nil)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, readError(path, err)
	}
	return ParsePolicy(path, data)
}

// readError turns an error from os.Stat or os.ReadFile into a
// *PolicyError whose message is the bare reason ("permission denied").
func readError(path string, err error) error {
	msg := err.Error()
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		msg = pe.Err.Error()
	}
	return fileProblem(path, msg, err)
}

func fileProblem(path, msg string, cause error) *PolicyError {
	return &PolicyError{Problems: []Problem{{File: path, Msg: msg}}, cause: cause}
}

// ParsePolicy decodes a policy from data; file names it in messages. The
// decoding is strict (see Policy) and collects every problem: the error,
// if any, is a *PolicyError listing all of them sorted by position.
func ParsePolicy(file string, data []byte) (*Policy, error) {
	d := &decoder{file: file}
	var p *Policy
	if root := d.parse(data); root != nil {
		p = d.policy(root)
	}
	if len(d.problems) > 0 {
		return nil, &PolicyError{Problems: SortProblems(d.problems), Partial: p}
	}
	return p, nil
}

// decoder walks a policy's YAML nodes and collects problems.
type decoder struct {
	file     string
	problems []Problem
}

func (d *decoder) pos(n *yaml.Node) Pos { return nodePos(d.file, n) }

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errorAt(d.pos(n), format, args...)
}

func (d *decoder) errorAt(pos Pos, format string, args ...any) {
	d.problems = append(d.problems, problemAt(pos, false, format, args...))
}

// parse reads the single YAML document in data and returns its root
// mapping, or nil after recording why there is none.
func (d *decoder) parse(data []byte) (root *yaml.Node) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; a policy parser
		// must not take the command down with it.
		if r := recover(); r != nil {
			d.errorAt(Pos{File: d.file}, "cannot parse YAML: %v", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.errorAt(Pos{File: d.file}, "empty policy")
		} else {
			d.syntaxError(data, err)
		}
		return nil
	}
	d.noMoreDocuments(dec, data)
	if len(doc.Content) == 0 {
		d.errorAt(Pos{File: d.file}, "empty policy")
		return nil
	}
	root = resolve(doc.Content[0])
	switch {
	case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
		d.errorAt(Pos{File: d.file}, "empty policy")
		return nil
	case root.Kind != yaml.MappingNode:
		d.errorf(doc.Content[0], "the policy must be a mapping, not %s", describe(root))
		return nil
	}
	return root
}

// noMoreDocuments reports a second document in the stream.
func (d *decoder) noMoreDocuments(dec *yaml.Decoder, data []byte) {
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		n := &next
		if len(next.Content) > 0 {
			n = next.Content[0]
		}
		d.errorf(n, "more than one YAML document; a policy is one mapping")
	case !errors.Is(err, io.EOF):
		d.syntaxError(data, err)
	}
}

// unmarshal parses the first YAML document in data, recording a syntax
// error (or a panic of yaml.v3) as a problem.
func (d *decoder) unmarshal(data []byte) (doc *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			d.errorAt(Pos{File: d.file}, "cannot parse YAML: %v", r)
			doc, ok = nil, false
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		d.syntaxError(data, err)
		return nil, false
	}
	if a := aliasCycle(&n); a != nil {
		d.errorf(a, "alias *%s refers to a node that contains it", a.Value)
		return nil, false
	}
	return &n, true
}

// aliasCycle returns an alias that refers to a node containing it, which
// yaml.v3 accepts ("a: &x [*x]") and which no walk through aliases
// survives, or nil.
func aliasCycle(root *yaml.Node) *yaml.Node {
	onPath, done := map[*yaml.Node]bool{}, map[*yaml.Node]bool{}
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		if done[n] {
			return nil
		}
		onPath[n] = true
		children := n.Content
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			children = []*yaml.Node{n.Alias}
		}
		for _, c := range children {
			if onPath[c] {
				return n
			}
			if a := walk(c); a != nil {
				return a
			}
		}
		onPath[n], done[n] = false, true
		return nil
	}
	return walk(root)
}

// yaml.v3 messages that never carry a line: errors of its reader, and
// aliases to anchors that do not exist.
var (
	yamlBadInputRE = regexp.MustCompile(`^(control characters are not allowed|invalid leading UTF-8 octet|invalid trailing UTF-8 octet|incomplete UTF-8 octet sequence)$`)
	yamlAnchorRE   = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
	// yamlParserErrorRE matches the problems of yaml.v3's parser
	// (parserc.go), as opposed to its scanner.
	yamlParserErrorRE = regexp.MustCompile(`^(did not find expected (',' or '\]'|',' or '}'|'-' indicator|<document start>|<stream-start>|key|node content)|found duplicate %(TAG|YAML) directive|found incompatible YAML document|found undefined tag handle)$`)
)

// syntaxError records a yaml.v3 error with the best position it can
// find. yaml.v3 gives "line N: message", where N is 1-based for scanner
// errors but 0-based for parser errors, and it omits line 0 altogether;
// errors of its reader (control characters, bad UTF-8) and of aliases
// carry no line, and this function looks their place up in data.
func (d *decoder) syntaxError(data []byte, err error) {
	msg := strings.TrimSpace(strings.TrimPrefix(err.Error(), "yaml: "))
	pos := Pos{File: d.file, Line: 1}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if line, err := strconv.Atoi(m[1]); err == nil {
			pos.Line, msg = line, m[2]
		}
		if yamlParserErrorRE.MatchString(msg) {
			// yaml.v3 prints the 0-based line of its parser's marks (it
			// adds 1 for scanner errors only).
			pos.Line++
		}
	} else if yamlBadInputRE.MatchString(msg) {
		pos = d.badInputPos(data)
	} else if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			pos = d.offsetPos(data, i)
		}
	}
	d.errorAt(pos, "%s", msg)
}

// badInputPos is the position of the first byte yaml.v3's reader
// rejects: invalid UTF-8 or a character YAML does not allow.
func (d *decoder) badInputPos(data []byte) Pos {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && size <= 1) || !yamlAllowed(r) {
			return d.offsetPos(data, i)
		}
		i += size
	}
	return Pos{File: d.file}
}

// yamlAllowed reports whether YAML allows r in a stream (YAML 1.1
// c-printable, as yaml.v3 checks it).
func yamlAllowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= 0x10FFFF
}

// offsetPos converts a byte offset in data to a line and a column in
// characters, as yaml.v3 counts them.
func (d *decoder) offsetPos(data []byte, off int) Pos {
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return Pos{File: d.file, Line: line, Col: utf8.RuneCount(before[start:]) + 1}
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 64; i++ {
		n = n.Alias
	}
	return n
}

// describe names the type of a node for messages: "a list", "a string".
func describe(n *yaml.Node) string {
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind != yaml.ScalarNode:
		return "an alias"
	}
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return "null"
	case "!!bool":
		return "a boolean"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!str":
		return "a string"
	case "!!timestamp":
		return "a timestamp"
	case "!!binary":
		return "binary data"
	case "!!merge":
		return "a merge key"
	default:
		return "a value tagged " + strconv.Quote(tag)
	}
}

// field is a key a mapping may hold and how to decode its value.
type field struct {
	name   string
	decode func(key, val *yaml.Node)
}

// mapping decodes the mapping m (at where, "" for the top level) by its
// fields, reporting unknown, duplicate and non-string keys.
func (d *decoder) mapping(m *yaml.Node, where string, fields []field) {
	in := ""
	if where != "" {
		in = " in " + where
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		name, ok := d.key(k, in)
		if !ok {
			continue
		}
		if first, dup := seen[name]; dup {
			d.errorf(k, "duplicate key %q%s (first at %d:%d)", name, in, first.Line, first.Column)
			continue
		}
		seen[name] = k
		i := indexField(fields, name)
		if i < 0 {
			hint := DidYouMean(name, names)
			if hint == "" {
				hint = " (want " + orList(names) + ")"
			}
			d.errorf(k, "unknown key %q%s%s", name, in, hint)
			continue
		}
		fields[i].decode(k, v)
	}
}

// key returns the string a mapping key holds.
func (d *decoder) key(k *yaml.Node, in string) (string, bool) {
	r := resolve(k)
	if r.ShortTag() == "!!merge" {
		d.errorf(k, "merge keys (<<) are not supported%s", in)
		return "", false
	}
	if r.Kind != yaml.ScalarNode || r.ShortTag() != "!!str" {
		d.errorf(k, "keys%s must be strings, not %s", in, describe(r))
		return "", false
	}
	return r.Value, true
}

func indexField(fields []field, name string) int {
	for i, f := range fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// want returns n resolved if it has the given kind.
func (d *decoder) want(n *yaml.Node, where string, kind yaml.Kind) (*yaml.Node, bool) {
	r := resolve(n)
	if r.Kind == kind {
		return r, true
	}
	want := map[yaml.Kind]string{yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}[kind]
	d.errorf(n, "%s must be %s, not %s", where, want, describe(r))
	return nil, false
}

// str decodes a non-empty string.
func (d *decoder) str(n *yaml.Node, where string) (Entry, bool) {
	r := resolve(n)
	if r.Kind != yaml.ScalarNode || r.ShortTag() != "!!str" {
		d.errorf(n, "%s must be a string, not %s", where, describe(r))
		return Entry{}, false
	}
	if strings.TrimSpace(r.Value) == "" {
		d.errorf(n, "%s must not be empty", where)
		return Entry{}, false
	}
	return Entry{Value: r.Value, Pos: d.pos(n)}, true
}

// boolean decodes true or false.
func (d *decoder) boolean(n *yaml.Node, where string) (bool, bool) {
	r := resolve(n)
	if r.Kind != yaml.ScalarNode || r.ShortTag() != "!!bool" {
		d.errorf(n, "%s must be true or false, not %s", where, describe(r))
		return false, false
	}
	return strings.EqualFold(r.Value, "true"), true
}

// list decodes a list of distinct non-empty strings; what names an entry
// in messages ("linter"). A present but empty list is non-nil.
func (d *decoder) list(n *yaml.Node, where, what string, check func(Entry) bool) []Entry {
	seq, ok := d.want(n, where, yaml.SequenceNode)
	if !ok {
		return nil
	}
	out := []Entry{}
	first := map[string]Pos{}
	for _, c := range seq.Content {
		e, ok := d.str(c, where+" entry")
		if !ok || (check != nil && !check(e)) {
			continue
		}
		if p, dup := first[e.Value]; dup {
			d.errorAt(e.Pos, "duplicate %s %q in %s (first at %d:%d)", what, e.Value, where, p.Line, p.Col)
			continue
		}
		first[e.Value] = e.Pos
		out = append(out, e)
	}
	return out
}
