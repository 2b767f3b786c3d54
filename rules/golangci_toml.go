package rules

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
	"gopkg.in/yaml.v3"
)

// tomlTree parses a .golangci.toml into the YAML tree the rest of the
// checks read, every node at its place in the TOML file. The values are
// decoded by viper's own TOML codec (go-toml v2) later; the tree only
// serves positions, the schema and the effective configuration, and is
// proven to decode to the same configuration (Golangci.sameAs).
func tomlTree(file string, data []byte) (*yaml.Node, []Problem) {
	t := &tomlReader{file: file}
	t.p.Reset(data)
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	current := root
	for t.p.NextExpression() {
		e := t.p.Expression()
		switch e.Kind {
		case unstable.Table:
			current = t.table(root, e, false)
		case unstable.ArrayTable:
			current = t.table(root, e, true)
		case unstable.KeyValue:
			t.keyValue(current, e)
		}
	}
	if err := t.p.Error(); err != nil {
		return nil, []Problem{t.syntaxError(err)}
	}
	return root, nil
}

type tomlReader struct {
	file string
	p    unstable.Parser
}

func (t *tomlReader) syntaxError(err error) Problem {
	var pe *unstable.ParserError
	if errors.As(err, &pe) && len(pe.Highlight) > 0 {
		s := t.p.Shape(t.p.Range(pe.Highlight))
		return Problem{File: t.file, Line: s.Start.Line, Col: s.Start.Column, Msg: pe.Message}
	}
	return Problem{File: t.file, Msg: err.Error()}
}

// at places a node at the start of r.
func (t *tomlReader) at(n *yaml.Node, r unstable.Range) *yaml.Node {
	s := t.p.Shape(r)
	n.Line, n.Column = s.Start.Line, s.Start.Column
	return n
}

// table opens [a.b] (or appends to [[a.b]]) and returns its mapping.
func (t *tomlReader) table(root *yaml.Node, e *unstable.Node, array bool) *yaml.Node {
	keys := t.keys(e.Key())
	m := root
	for i, k := range keys {
		last := i == len(keys)-1
		if last && array {
			seq := t.child(m, k, yaml.SequenceNode)
			item := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: k.Line, Column: k.Column}
			seq.Content = append(seq.Content, item)
			return item
		}
		m = t.child(m, k, yaml.MappingNode)
	}
	return m
}

// child returns the value of key k in m, creating it of the given kind;
// the last item of an array of tables stands for the array.
func (t *tomlReader) child(m, k *yaml.Node, kind yaml.Kind) *yaml.Node {
	if _, v := exactGet(m, k.Value); v != nil {
		if v.Kind == yaml.SequenceNode && kind == yaml.MappingNode && len(v.Content) > 0 {
			return v.Content[len(v.Content)-1]
		}
		if v.Kind == kind {
			return v
		}
	}
	tag := "!!map"
	if kind == yaml.SequenceNode {
		tag = "!!seq"
	}
	v := &yaml.Node{Kind: kind, Tag: tag, Line: k.Line, Column: k.Column}
	m.Content = append(m.Content, k, v)
	return v
}

// exactGet is mapGet without the case-insensitive fallback.
func exactGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func (t *tomlReader) keys(it unstable.Iterator) []*yaml.Node {
	var out []*yaml.Node
	for it.Next() {
		k := it.Node()
		out = append(out, t.at(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(k.Data)}, k.Raw))
	}
	return out
}

// keyValue adds a = 1 (or a.b.c = 1) to m. A key written twice is kept
// twice, so that foldTree reports both places.
func (t *tomlReader) keyValue(m *yaml.Node, e *unstable.Node) {
	keys := t.keys(e.Key())
	for _, k := range keys[:len(keys)-1] {
		m = t.child(m, k, yaml.MappingNode)
	}
	k := keys[len(keys)-1]
	m.Content = append(m.Content, k, t.value(e.Value(), k))
}

// value converts a TOML value; near places nodes without a range of their
// own (arrays, empty tables).
func (t *tomlReader) value(v *unstable.Node, near *yaml.Node) *yaml.Node {
	switch v.Kind {
	case unstable.Array:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: near.Line, Column: near.Column}
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind != unstable.Comment {
				seq.Content = append(seq.Content, t.value(c, near))
			}
		}
		if len(seq.Content) > 0 {
			seq.Line, seq.Column = seq.Content[0].Line, seq.Content[0].Column
		}
		return seq
	case unstable.InlineTable:
		m := t.at(&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}, v.Raw)
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				t.keyValue(m, c)
			}
		}
		return m
	}
	return t.at(tomlScalar(v), v.Raw)
}

// tomlScalar is a TOML scalar as the YAML scalar that decodes to the same
// value.
func tomlScalar(v *unstable.Node) *yaml.Node {
	s := string(v.Data)
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch v.Kind {
	case unstable.Bool:
		n.Tag = "!!bool"
	case unstable.Integer:
		if i, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64); err == nil {
			n.Tag, n.Value = "!!int", strconv.FormatInt(i, 10)
		}
	case unstable.Float:
		n.Tag, n.Value = "!!float", tomlFloat(strings.ReplaceAll(s, "_", ""))
	}
	return n
}

func tomlFloat(s string) string {
	switch strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-") {
	case "inf":
		return strings.TrimSuffix(s, "inf") + ".inf"
	case "nan":
		return ".nan"
	}
	return s
}
