package rules

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// foldTree returns the tree golangci-lint's viper sees when it reads the
// configuration root: aliases expanded, merge keys (<<) resolved the way
// yaml.v3 resolves them (a mapping's own keys win over merged ones, and
// earlier merge sources over later ones), and the keys of every mapping
// that is reached through mappings alone folded to lower case, as viper
// folds them (insensitiviseMap in viper's util.go; mappings inside lists
// keep their case, and golangci-lint's decoder matches those
// case-insensitively when they are struct fields). Every node keeps the
// line and column it was written at.
//
// Two keys of one mapping that are equal, or equal once folded, are
// reported with both positions: yaml.v3 refuses the first kind, and viper
// keeps one of the second kind at random.
func foldTree(file string, root *yaml.Node) (*yaml.Node, []Problem) {
	f := &folder{file: file, reported: map[[2]Pos]bool{}, budget: maxFoldedNodes}
	out := f.fold(root, true)
	if f.budget < 0 {
		return nil, []Problem{{File: file, Line: 1, Col: 1, Msg: "excessive aliasing: the configuration expands to more than a million values"}}
	}
	return out, f.problems
}

// maxFoldedNodes bounds the tree aliases expand to ("billion laughs");
// yaml.v3, which golangci-lint decodes with, refuses such files too.
const maxFoldedNodes = 1_000_000

type folder struct {
	file     string
	problems []Problem
	reported map[[2]Pos]bool // each pair of duplicate keys once
	budget   int             // nodes still allowed
}

// mapEntry is one key of a folded mapping.
type mapEntry struct {
	key, value *yaml.Node
	exact      string // the key as written
}

func (f *folder) fold(n *yaml.Node, lower bool) *yaml.Node {
	n = resolve(n)
	if f.budget--; n == nil || f.budget < 0 {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		return f.mapping(n, lower)
	case yaml.SequenceNode:
		c := *n
		c.Anchor = ""
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, e := range n.Content {
			c.Content[i] = f.fold(e, false) // viper leaves maps in lists alone
		}
		return &c
	}
	c := *n
	c.Anchor, c.Content = "", nil
	if c.Kind == yaml.ScalarNode && c.ShortTag() == "!!null" {
		// Spelled out: yaml.v3 writes an empty null in a flow mapping as
		// '', an empty string.
		c.Value, c.Style = "null", 0
	}
	return &c
}

// mapping folds one mapping: its entries in yaml.v3's order of
// precedence, keys folded when lower is set.
func (f *folder) mapping(m *yaml.Node, lower bool) *yaml.Node {
	var entries []mapEntry
	f.collect(m, map[string]int{}, &entries, map[*yaml.Node]bool{})
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: m.Line, Column: m.Column, Style: m.Style}
	folded := map[string]mapEntry{}
	for _, e := range entries {
		name := e.exact
		if lower {
			name = strings.ToLower(name)
		}
		if first, dup := folded[name]; dup {
			f.duplicate(first.key, e.key)
			continue
		}
		folded[name] = e
		k := *resolve(e.key)
		k.Anchor, k.Value = "", name
		out.Content = append(out.Content, &k, f.fold(e.value, lower))
	}
	return out
}

// collect appends the entries of m that are not yet in seen: its own
// keys first, then those of the sources of its last merge key, in order.
// Two equal keys written in one mapping are reported.
func (f *folder) collect(m *yaml.Node, seen map[string]int, out *[]mapEntry, visiting map[*yaml.Node]bool) {
	if visiting[m] {
		return // aliasCycle refuses cycles before this; be safe anyway
	}
	visiting[m] = true
	defer delete(visiting, m)
	var merge *yaml.Node
	written := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		rk := resolve(k)
		if isMergeKey(rk) {
			merge = v
			continue
		}
		if first, dup := written[rk.Value]; dup {
			f.duplicate(first, k)
			continue
		}
		written[rk.Value] = k
		if _, ok := seen[rk.Value]; ok {
			continue
		}
		seen[rk.Value] = len(*out)
		*out = append(*out, mapEntry{key: k, value: v, exact: rk.Value})
	}
	merge = resolve(merge)
	if merge == nil {
		return
	}
	sources := []*yaml.Node{merge}
	if merge.Kind == yaml.SequenceNode {
		sources = merge.Content
	}
	for _, s := range sources {
		if s = resolve(s); s != nil && s.Kind == yaml.MappingNode {
			f.collect(s, seen, out, visiting)
		}
	}
}

// isMergeKey reports whether k is yaml.v3's merge key.
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "" || k.Tag == "!" || k.ShortTag() == "!!merge")
}

// duplicate reports two keys that golangci-lint cannot both keep.
func (f *folder) duplicate(first, second *yaml.Node) {
	a, b := nodePos(f.file, first), nodePos(f.file, second)
	if f.reported[[2]Pos{a, b}] {
		return
	}
	f.reported[[2]Pos{a, b}] = true
	what := "duplicate key " + quote(resolve(second).Value)
	if resolve(first).Value != resolve(second).Value {
		what += " (the same key as " + quote(resolve(first).Value) + ": golangci-lint ignores the case of keys)"
	}
	f.problems = append(f.problems, problemAt(b, false, "%s; first at %d:%d: keep one of them", what, a.Line, a.Col))
}

func quote(s string) string { return `"` + s + `"` }

// treeNode follows keys (already folded) and list indexes ("0", "1"...)
// from n; it returns the key node of the last step (nil for an index)
// and the value node, or nils. A key written with dots ("linters.enable",
// which viper splits into two levels) stands for as many steps.
func treeNode(n *yaml.Node, path ...string) (key, value *yaml.Node) {
	if len(path) == 0 || n == nil {
		return nil, n
	}
	switch n.Kind {
	case yaml.MappingNode:
		for j := 1; j <= len(path); j++ { // "linters", then "linters.enable"...
			k, v := mapGet(n, strings.Join(path[:j], "."))
			if v == nil {
				continue
			}
			if j == len(path) {
				return k, v
			}
			if k, v := treeNode(v, path[j:]...); v != nil {
				return k, v
			}
		}
	case yaml.SequenceNode:
		if i, ok := atoi(path[0]); ok && i < len(n.Content) {
			if len(path) == 1 {
				return nil, n.Content[i]
			}
			return treeNode(n.Content[i], path[1:]...)
		}
	}
	return nil, nil
}

// mapGet returns the key and value nodes of key in m: the key written
// so, else one that differs only in case (the schema's spelling of a
// folded key).
func mapGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, key) {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func atoi(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}
