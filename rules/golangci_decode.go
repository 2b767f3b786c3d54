package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/golangci/golangci-lint/v2/pkg/config"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"
)

// Golangci is a golangci-lint configuration read once, the way the
// embedded golangci-lint reads it: Config is what its own config package
// decodes (viper, golangci-lint's decode hooks, its defaults), and the
// tree is the file as viper sees it (see foldTree), with every node's
// place, so that what the policy judges in Config can be named by
// file:line:col.
type Golangci struct {
	// Config is the configuration as golangci-lint decodes it.
	Config *config.Config
	file   string
	root   *yaml.Node // the folded tree: a mapping
}

// ReadGolangci reads a golangci-lint v2 configuration: it parses it,
// validates it against golangci-lint's JSON schema (the one `golangci-lint
// config verify` uses), and decodes it with golangci-lint's config
// package. The problems are the file's errors, each at its place:
// malformed YAML or JSON, duplicate keys (also keys that differ only in
// case), keys golangci-lint does not know, values of the wrong type, a
// configuration that is not v2.
//
// When the file decodes despite schema errors, the Golangci comes with
// them, so that the policy can still be checked for a complete report;
// nothing may run from it.
//
// It also proves that the folded tree, which lintgate writes the
// effective configuration from, decodes to the same Config as the file.
func ReadGolangci(src ConfigSource) (*Golangci, []Problem) {
	file := src.Name()
	format, err := configFormat(src)
	if err != nil {
		return nil, []Problem{{File: file, Msg: err.Error()}}
	}
	raw, ps := parseGolangci(file, format, src.Data)
	if raw == nil {
		return nil, ps
	}
	root, dups := foldTree(file, raw)
	if root == nil {
		return nil, dups
	}
	if p, bad := versionProblem(src, root); bad {
		return nil, SortProblems(append(dups, p))
	}
	var schema []Problem
	if !src.isDefault() { // the embedded default is checked at build time (TestDefaultConfigSchema)
		schema = validateSchema(file, root)
	}
	if len(dups) > 0 {
		// golangci-lint would keep one of each pair at random: nothing to
		// judge, but the rest of the file can still be told.
		return nil, SortProblems(append(dups, schema...))
	}
	cfg, err := decodeGolangci(src.Data, format)
	if err != nil && len(schema) > 0 {
		return nil, schema // they say where it is wrong; golangci-lint's message does not
	}
	if err != nil {
		return nil, []Problem{{File: file, Msg: err.Error()}}
	}
	g := &Golangci{Config: cfg, file: file, root: root}
	if err := g.sameAs(root, cfg); err != nil {
		return nil, append(schema, Problem{File: file, Msg: err.Error()})
	}
	return g, schema
}

// parseGolangci parses the file into a tree with positions: YAML and
// JSON with yaml.v3 (JSON is YAML), TOML with go-toml's parser.
func parseGolangci(file, format string, data []byte) (*yaml.Node, []Problem) {
	empty := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	if format == "toml" {
		return tomlTree(file, data)
	}
	d := &decoder{file: file}
	doc, ok := d.unmarshal(data) // syntax errors placed exactly; alias cycles refused
	if !ok {
		return nil, d.problems
	}
	if len(doc.Content) == 0 {
		return empty, nil
	}
	raw := resolve(doc.Content[0])
	switch {
	case raw.Kind == yaml.MappingNode:
		return raw, nil
	case isNull(raw):
		return empty, nil
	}
	return nil, []Problem{problemAt(nodePos(file, raw), false, "the configuration must be a mapping")}
}

// configFormat is the format golangci-lint reads a file in: by its
// extension, YAML when it has none (BaseLoader.setConfigFile).
func configFormat(src ConfigSource) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(src.Path)); ext {
	case "", ".yml", ".yaml":
		return "yaml", nil
	case ".json":
		return "json", nil
	case ".toml":
		return "toml", nil
	default:
		return "", fmt.Errorf("golangci-lint does not read %s files; use .golangci.yml", ext)
	}
}

// decodeGolangci decodes a configuration as golangci-lint v2.15.0 does
// (pkg/config/base_loader.go, parseConfig): viper reads the file in its
// format, then unmarshals it over config.NewDefault() (a deep copy, see
// NewGolangciDefaults) with golangci-lint's decode hooks.
func decodeGolangci(data []byte, format string) (*config.Config, error) {
	v := viper.New()
	v.SetConfigType(format)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("golangci-lint cannot read it: %w", err)
	}
	cfg := NewGolangciDefaults()
	if err := v.Unmarshal(cfg, viper.DecodeHook(config.DecodeHookFunc())); err != nil {
		return nil, fmt.Errorf("golangci-lint cannot decode it: %w", err)
	}
	return cfg, nil
}

// sameAs checks that tree, written as YAML, decodes to want.
func (g *Golangci) sameAs(tree *yaml.Node, want *config.Config) error {
	data, err := encodeTree(tree)
	if err != nil {
		return fmt.Errorf("%s: %w", g.file, err)
	}
	got, err := decodeGolangci(data, "yaml")
	if err != nil {
		return fmt.Errorf("%s: the effective configuration: %w", g.file, err)
	}
	a, errA := json.Marshal(got)
	b, errB := json.Marshal(want)
	if errA != nil || errB != nil || !bytes.Equal(a, b) {
		// A defect of lintgate, not of the file: refuse to run rather than
		// run something the policy did not judge.
		return fmt.Errorf("lintgate cannot prove that golangci-lint reads the effective configuration as it reads %s; please report this with the file", g.file)
	}
	return nil
}

func encodeTree(root *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// at is the position of the value at path in the tree (keys folded, list
// indexes as "0", "1"...), or of the nearest enclosing one written.
func (g *Golangci) at(path ...string) Pos {
	for ; ; path = path[:len(path)-1] {
		if _, v := treeNode(g.root, path...); v != nil {
			return nodePos(g.file, v)
		}
		if len(path) == 0 {
			return Pos{File: g.file, Line: 1, Col: 1}
		}
	}
}

// keyAt is the position of the key of path's last step, or at(path)
// when it has none.
func (g *Golangci) keyAt(path ...string) Pos {
	if k, _ := treeNode(g.root, path...); k != nil {
		return nodePos(g.file, k)
	}
	return g.at(path...)
}
