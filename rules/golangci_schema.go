package rules

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	jsonsch "github.com/golangci/golangci-lint/v2/jsonschema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"
)

// golangciSchema is the JSON schema `golangci-lint config verify` checks
// configurations with, embedded in golangci-lint's jsonschema package at
// the version lintgate embeds, compiled as config verify compiles it
// (pkg/commands/config_verify.go, validateConfiguration), once.
var golangciSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.UseLoader(jsonsch.NewEmbedLoader())
	c.DefaultDraft(jsonschema.Draft7)
	s, err := c.Compile(jsonsch.NextSchema)
	if err != nil {
		return nil, fmt.Errorf("golangci-lint's JSON schema: %w", err)
	}
	return s, nil
})

// PrepareGolangciSchema compiles golangci-lint's schema (some tens of
// milliseconds), so that a caller can do it while it does something else;
// ReadGolangci waits for it.
func PrepareGolangciSchema() { _, _ = golangciSchema() }

// golangciSchemaDoc is the same schema as plain JSON values, to look up
// the properties a mapping may have (for "did you mean").
var golangciSchemaDoc = sync.OnceValues(func() (any, error) {
	return jsonsch.NewEmbedLoader().Load("file://" + jsonsch.NextSchema)
})

// validateSchema validates the folded tree against golangci-lint's
// schema; each error is placed at its node.
func validateSchema(file string, root *yaml.Node) []Problem {
	s, err := golangciSchema()
	if err != nil {
		return []Problem{{File: file, Msg: err.Error()}}
	}
	inst := instance(root)
	// The tree's keys are folded to lower case, as viper folds them, but
	// the schema spells some in camel case (gocritic's settings) and
	// golangci-lint matches them case-insensitively: such a key takes the
	// schema's spelling, and the file is validated again, until no key
	// is renamed (once per level of nesting at most).
	for range 64 {
		err = s.Validate(inst)
		ve, ok := errors.AsType[*jsonschema.ValidationError](err)
		if err != nil && !ok {
			return []Problem{{File: file, Msg: "validating against golangci-lint's schema: " + err.Error()}}
		}
		if !ok {
			return nil
		}
		if respell(inst, ve) {
			continue
		}
		v := &schemaReport{file: file, root: root}
		v.walk(ve, "")
		return v.result()
	}
	return []Problem{{File: file, Msg: "validating against golangci-lint's schema: too deeply nested"}}
}

type schemaReport struct {
	file     string
	root     *yaml.Node
	problems []Problem
	plain    []string // the instance locations of problems
	branches []branchProblem
}

// branchProblem is the complaint of one alternative of an anyOf or
// oneOf at the instance location at.
type branchProblem struct {
	Problem
	at string
}

var printer = message.NewPrinter(language.English)

// walk reports the leaves of the error tree. Where a value matched none
// of several alternatives (anyOf, oneOf) and every alternative only
// misses a property, it says so once; otherwise each alternative's
// complaint is a branch message, dropped where a plain one is at the
// same place.
func (v *schemaReport) walk(e *jsonschema.ValidationError, branch string) {
	switch e.ErrorKind.(type) {
	case *kind.OneOf, *kind.AnyOf:
		if missing := requiredOnly(e); len(missing) > 0 {
			key, node := treeNode(v.root, e.InstanceLocation...)
			if key != nil {
				node = key
			}
			if name := customLinterAt(e.InstanceLocation); name != "" && len(e.InstanceLocation) == 4 {
				v.add(e, nodePos(v.file, node), branch, "custom linter %q: missing path (a Go plugin is a .so file) or type: module", name)
				return
			}
			v.add(e, nodePos(v.file, node), branch, "%s: missing %s", label(strings.Join(e.InstanceLocation, ".")), orList(missing))
			return
		}
		name := customLinterAt(e.InstanceLocation)
		if _, both := e.ErrorKind.(*kind.OneOf); both && len(e.Causes) == 0 && name != "" && len(e.InstanceLocation) == 4 {
			// Both alternatives matched: type: module with a path.
			_, path := treeNode(v.root, append(e.InstanceLocation, "path")...)
			v.add(e, nodePos(v.file, path), branch, "custom linter %q: path is not supported with type module", name)
			return
		}
		if branch == "" {
			branch = "/" + strings.Join(e.InstanceLocation, "/")
		}
	}
	if len(e.Causes) == 0 {
		v.leaf(e, branch)
		return
	}
	for _, c := range e.Causes {
		v.walk(c, branch)
	}
}

// requiredOnly returns the properties the alternatives of e miss, when
// missing properties is all that is wrong.
func requiredOnly(e *jsonschema.ValidationError) []string {
	var missing []string
	for _, c := range e.Causes {
		r, ok := c.ErrorKind.(*kind.Required)
		if !ok || len(c.Causes) > 0 {
			return nil
		}
		for _, m := range r.Missing {
			missing = append(missing, strconv.Quote(m))
		}
	}
	return missing
}

// jsonTypeNames say JSON schema types in YAML's words.
var jsonTypeNames = map[string]string{
	"array": "a list", "object": "a mapping", "string": "a string", "boolean": "true or false",
	"integer": "an integer", "number": "a number", "null": "null",
}

// customLinterAt returns the name of the custom linter at the instance
// location loc (linters.settings.custom.NAME...), or "".
func customLinterAt(loc []string) string {
	if len(loc) >= 4 && loc[0] == "linters" && loc[1] == "settings" && loc[2] == "custom" {
		return loc[3]
	}
	return ""
}

// namedEnums are the lists of names in golangci-lint's schema, by their
// definition, with what lintgate calls one of their values.
var namedEnums = map[string]string{
	"formatter-names":    "formatter",
	"revive-rules":       "revive rule",
	"staticcheck-checks": "staticcheck check",
	"gosec-rules":        "gosec rule",
	"govet-analyzers":    "govet analyzer",
	"gocritic-checks":    "gocritic check",
}

func (v *schemaReport) leaf(e *jsonschema.ValidationError, branch string) {
	where := strings.Join(e.InstanceLocation, ".")
	key, node := treeNode(v.root, e.InstanceLocation...)
	pos := nodePos(v.file, key)
	if key == nil {
		pos = nodePos(v.file, node)
	}
	switch e.ErrorKind.(type) {
	case *kind.Type, *kind.Enum:
		if isNull(node) {
			return // viper reads a key without a value as absent
		}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		known := propertiesAt(e.SchemaURL)
		in := ""
		if where != "" {
			in = " in " + where
		}
		for _, name := range k.Properties {
			kn, _ := mapGet(node, name)
			v.add(e, nodePos(v.file, kn), branch, "unknown key %q%s%s", name, in, DidYouMean(name, known))
		}
	case *kind.Enum:
		v.enum(e, where, nodePos(v.file, node), k, branch)
	case *kind.Type:
		var want []string
		for _, w := range k.Want {
			want = append(want, cmp.Or(jsonTypeNames[w], w))
		}
		if where == "version" {
			want = []string{`"2" (a string: quote it)`}
		}
		v.add(e, nodePos(v.file, node), branch, "%s must be %s, not %s", label(where), orList(want), describe(node))
	default:
		v.add(e, pos, branch, "%s: %s", label(where), e.ErrorKind.LocalizedString(printer))
	}
}

// enum reports a value that is not one of a list.
func (v *schemaReport) enum(e *jsonschema.ValidationError, where string, pos Pos, k *kind.Enum, branch string) {
	schemaURL := e.SchemaURL
	got := fmt.Sprint(k.Got)
	var want []string
	for _, w := range k.Want {
		want = append(want, fmt.Sprint(w))
	}
	def := schemaURL[strings.LastIndex(schemaURL, "/")+1:]
	if name := customLinterAt(e.InstanceLocation); name != "" && len(e.InstanceLocation) == 5 && e.InstanceLocation[4] == "type" {
		v.add(e, pos, branch, "custom linter %q: unknown type %q (want goplugin or module)", name, got)
		return
	}
	if def == "formatter-names" && slices.Contains(v.enumValues("linter-names"), got) {
		v.add(e, pos, branch, "%q is a linter, not a formatter; enable it under linters.enable", got)
		return
	}
	if what, ok := namedEnums[def]; ok {
		v.add(e, pos, branch, "unknown %s %q%s", what, got, DidYouMean(got, want))
		return
	}
	msg := fmt.Sprintf("%s: unknown value %q", label(where), got)
	if len(want) <= 8 {
		msg += " (want " + orList(want) + ")"
	}
	v.add(e, pos, branch, "%s%s", msg, DidYouMean(got, want))
}

// enumValues returns the values of a named list of the schema (its
// definitions), looking into anyOf as linter-names needs.
func (v *schemaReport) enumValues(def string) []string {
	doc, err := golangciSchemaDoc()
	if err != nil {
		return nil
	}
	d, _ := doc.(map[string]any)["definitions"].(map[string]any)
	m, _ := d[def].(map[string]any)
	var out []string
	collect := func(m map[string]any) {
		vals, _ := m["enum"].([]any)
		for _, x := range vals {
			out = append(out, fmt.Sprint(x))
		}
	}
	collect(m)
	alts, _ := m["anyOf"].([]any)
	for _, a := range alts {
		if am, ok := a.(map[string]any); ok {
			collect(am)
		}
	}
	return out
}

func label(where string) string {
	if where == "" {
		return "the configuration"
	}
	return where
}

func (v *schemaReport) add(e *jsonschema.ValidationError, pos Pos, branch string, format string, args ...any) {
	if !pos.IsValid() {
		pos = Pos{File: v.file, Line: 1, Col: 1}
	}
	p := problemAt(pos, false, format, args...)
	if branch != "" {
		v.branches = append(v.branches, branchProblem{Problem: p, at: branch})
		return
	}
	v.problems = append(v.problems, p)
	v.plain = append(v.plain, "/"+strings.Join(e.InstanceLocation, "/"))
}

// result is the problems, with the complaints of alternatives only where
// no plain problem names the value or a part of it: a custom linter with
// an unknown type is told so, not also that it misses a path.
func (v *schemaReport) result() []Problem {
	out := v.problems
	for _, b := range v.branches {
		covered := slices.ContainsFunc(v.plain, func(at string) bool {
			return at == b.at || strings.HasPrefix(at, b.at+"/")
		})
		if !covered {
			out = append(out, b.Problem)
		}
	}
	return SortProblems(out)
}

// propertiesAt returns the property names of the schema object at
// schemaURL ("file:///golangci.next.jsonschema.json#/properties/linters").
func propertiesAt(schemaURL string) []string {
	doc, err := golangciSchemaDoc()
	if err != nil {
		return nil
	}
	u, err := url.Parse(schemaURL)
	if err != nil {
		return nil
	}
	obj := doc
	for _, tok := range strings.Split(strings.TrimPrefix(u.Fragment, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := obj.(map[string]any)
		if !ok {
			return nil
		}
		obj = m[tok]
	}
	m, _ := obj.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
