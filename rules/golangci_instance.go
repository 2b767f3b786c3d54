package rules

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"
)

// instance converts the tree into the JSON values the validator takes:
// golangci-lint validates what yaml.v3 decodes, numbers as json.Number.
func instance(n *yaml.Node) any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = instance(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = instance(c)
		}
		return s
	}
	var x any
	if err := n.Decode(&x); err != nil {
		return n.Value
	}
	switch x := x.(type) {
	case int:
		return json.Number(strconv.Itoa(x))
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case uint64:
		return json.Number(strconv.FormatUint(x, 10))
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case string, bool, nil:
		return x
	}
	return n.Value // timestamps and such: golangci-lint's schema wants strings there
}

// respell gives the keys that additionalProperties errors name the
// schema's spelling where it differs only in case; it reports whether it
// renamed any.
func respell(inst any, e *jsonschema.ValidationError) bool {
	renamed := false
	if k, ok := e.ErrorKind.(*kind.AdditionalProperties); ok {
		props := propertiesAt(e.SchemaURL)
		if m, ok := instanceAt(inst, e.InstanceLocation).(map[string]any); ok {
			for _, name := range k.Properties {
				i := slices.IndexFunc(props, func(p string) bool { return p != name && strings.EqualFold(p, name) })
				if i < 0 {
					continue
				}
				if _, taken := m[props[i]]; !taken {
					m[props[i]] = m[name]
					delete(m, name)
					renamed = true
				}
			}
		}
	}
	for _, c := range e.Causes {
		renamed = respell(inst, c) || renamed
	}
	return renamed
}

// instanceAt follows an instance location through maps and lists.
func instanceAt(inst any, loc []string) any {
	for _, step := range loc {
		switch x := inst.(type) {
		case map[string]any:
			inst = x[step]
		case []any:
			i, ok := atoi(step)
			if !ok || i >= len(x) {
				return nil
			}
			inst = x[i]
		default:
			return nil
		}
	}
	return inst
}
