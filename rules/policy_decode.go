package rules

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"gopkg.in/yaml.v3"

	"github.com/lintgate/lintgate/finding"
)

// policy decodes the top-level mapping.
func (d *decoder) policy(root *yaml.Node) *Policy {
	p := &Policy{File: d.file}
	sawVersion := false
	d.mapping(root, "", []field{
		{"version", func(_, v *yaml.Node) { sawVersion = true; d.version(p, v) }},
		{"linters", func(_, v *yaml.Node) { d.linters(p, v) }},
		{"plugins", func(_, v *yaml.Node) { d.plugins(p, v) }},
		{"staticcheck", func(k, v *yaml.Node) {
			p.Staticcheck = d.patterns(k, v, "staticcheck", "checks", d.staticcheckPattern)
		}},
		{"revive", func(k, v *yaml.Node) {
			p.Revive = d.patterns(k, v, "revive", "rules", d.globPattern("revive.rules"))
		}},
		{"pins", func(_, v *yaml.Node) { d.pins(p, v) }},
		{"severity", func(_, v *yaml.Node) { d.severity(p, v) }},
		{"gate", func(_, v *yaml.Node) { d.gate(p, v) }},
		{"output", func(_, v *yaml.Node) { d.output(p, v) }},
	})
	if !sawVersion {
		d.errorf(root, "missing version (want version: 1)")
	}
	return p
}

func (d *decoder) version(p *Policy, v *yaml.Node) {
	r := resolve(v)
	if r.Kind != yaml.ScalarNode || r.ShortTag() != "!!int" {
		d.errorf(v, "version must be an integer, not %s", describe(r))
		return
	}
	if r.Value != "1" {
		d.errorf(v, "unsupported version %s (want 1)", r.Value)
		return
	}
	p.Version, p.VersionPos = 1, d.pos(v)
}

func (d *decoder) linters(p *Policy, v *yaml.Node) {
	m, ok := d.want(v, "linters", yaml.MappingNode)
	if !ok {
		return
	}
	d.mapping(m, "linters", []field{
		{"allow", func(k, v *yaml.Node) {
			p.Linters.Allow = d.list(v, "linters.allow", "linter", nil)
			p.Linters.AllowPos = d.pos(k)
		}},
		{"require", func(k, v *yaml.Node) {
			p.Linters.Require = d.list(v, "linters.require", "linter", nil)
			p.Linters.RequirePos = d.pos(k)
		}},
	})
}

func (d *decoder) plugins(p *Policy, v *yaml.Node) {
	m, ok := d.want(v, "plugins", yaml.MappingNode)
	if !ok {
		return
	}
	d.mapping(m, "plugins", []field{{"allow", func(k, v *yaml.Node) {
		p.Plugins.AllowPos = d.pos(k)
		seq, ok := d.want(v, "plugins.allow", yaml.SequenceNode)
		if !ok {
			return
		}
		p.Plugins.Allow = []Plugin{}
		first := map[string]Pos{}
		for i, c := range seq.Content {
			pl, ok := d.plugin(c, i)
			if !ok {
				continue
			}
			if at, dup := first[pl.Name.Value]; dup {
				d.errorAt(pl.Name.Pos, "duplicate plugin %q in plugins.allow (first at %d:%d)", pl.Name.Value, at.Line, at.Col)
				continue
			}
			first[pl.Name.Value] = pl.Name.Pos
			p.Plugins.Allow = append(p.Plugins.Allow, pl)
		}
	}}})
}

// sha256RE is a SHA-256 as sha256sum prints it.
var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// plugin decodes the i-th entry of plugins.allow.
func (d *decoder) plugin(n *yaml.Node, i int) (Plugin, bool) {
	where := fmt.Sprintf("plugins.allow[%d]", i)
	m, ok := d.want(n, where, yaml.MappingNode)
	if !ok {
		return Plugin{}, false
	}
	pl, present, valid := d.pluginFields(m, where)
	pl.Pos = d.pos(n)
	label := where
	if pl.Name.Pos.IsValid() {
		label = fmt.Sprintf("plugin %q", pl.Name.Value)
	} else if !present["name"] {
		d.errorf(n, "%s: missing name", where)
	}
	if !valid {
		return pl, false
	}
	if pl.IsModule() {
		valid = d.modulePlugin(n, label, pl)
	} else {
		valid = d.goPlugin(n, label, pl)
	}
	return pl, valid && pl.Name.Pos.IsValid()
}

// pluginFields decodes the keys of a plugins.allow entry; it returns
// which keys were present and whether all of them were well formed.
func (d *decoder) pluginFields(m *yaml.Node, where string) (pl Plugin, present map[string]bool, valid bool) {
	present, valid = map[string]bool{}, true
	str := func(dst *Entry, key string) func(_, v *yaml.Node) {
		return func(_, v *yaml.Node) {
			present[key] = true
			var ok bool
			if *dst, ok = d.str(v, where+"."+key); !ok {
				valid = false
			}
		}
	}
	d.mapping(m, where, []field{
		{"name", str(&pl.Name, "name")},
		{"path", str(&pl.Path, "path")},
		{"sha256", func(k, v *yaml.Node) {
			// A hash of only digits is a YAML number; take it as written.
			if r := resolve(v); r.Kind == yaml.ScalarNode && sha256RE.MatchString(r.Value) {
				present["sha256"], pl.SHA256 = true, Entry{Value: r.Value, Pos: d.pos(v)}
				return
			}
			str(&pl.SHA256, "sha256")(k, v)
		}},
		{"module", str(&pl.Module, "module")},
		{"version", str(&pl.Version, "version")},
	})
	return pl, present, valid
}

// modulePlugin checks an entry for a golangci-lint module plugin.
func (d *decoder) modulePlugin(n *yaml.Node, label string, pl Plugin) bool {
	ok := true
	if pl.SHA256.Pos.IsValid() {
		d.errorAt(pl.SHA256.Pos, "%s: sha256 is for Go plugins (path and sha256); a module plugin has module and version", label)
		ok = false
	}
	if err := module.CheckPath(pl.Module.Value); err != nil {
		d.errorAt(pl.Module.Pos, "%s: module %q is not a valid module path", label, pl.Module.Value)
		ok = false
	}
	switch {
	case pl.Version.Pos.IsValid() && pl.Path.Pos.IsValid():
		d.errorAt(pl.Path.Pos, "%s: a module plugin has version or path (a local module), not both", label)
		ok = false
	case pl.Version.Pos.IsValid() && !semver.IsValid(pl.Version.Value):
		d.errorAt(pl.Version.Pos, "%s: version %q is not a semantic version like v1.2.3", label, pl.Version.Value)
		ok = false
	case !pl.Version.Pos.IsValid() && !pl.Path.Pos.IsValid():
		d.errorf(n, "%s: missing version of module %q", label, pl.Module.Value)
		ok = false
	}
	return ok
}

// goPlugin checks an entry for a Go plugin (a .so file).
func (d *decoder) goPlugin(n *yaml.Node, label string, pl Plugin) bool {
	ok := true
	if pl.Version.Pos.IsValid() {
		d.errorAt(pl.Version.Pos, "%s: version is for module plugins (module and version); a Go plugin has path and sha256", label)
		ok = false
	}
	switch {
	case !pl.Path.Pos.IsValid():
		d.errorf(n, "%s: missing path (a Go plugin has path and sha256; a module plugin has module and version)", label)
		ok = false
	case !pl.SHA256.Pos.IsValid():
		d.errorf(n, "%s: missing sha256 of %q", label, pl.Path.Value)
		ok = false
	case !sha256RE.MatchString(pl.SHA256.Value):
		d.errorAt(pl.SHA256.Pos, "%s: sha256 %q is not 64 lowercase hex digits", label, pl.SHA256.Value)
		ok = false
	}
	return ok
}

// patterns decodes a section holding one list of patterns under listKey
// (staticcheck.checks, revive.rules).
func (d *decoder) patterns(k, v *yaml.Node, section, listKey string, check func(Entry) bool) PatternList {
	m, ok := d.want(v, section, yaml.MappingNode)
	if !ok {
		return PatternList{Pos: d.pos(k), Patterns: []Entry{}}
	}
	var out PatternList
	d.mapping(m, section, []field{{listKey, func(k, v *yaml.Node) {
		out.Patterns = d.list(v, section+"."+listKey, "pattern", check)
		out.Pos = d.pos(k)
	}}})
	if !out.Pos.IsValid() {
		d.errorf(k, "missing %s.%s", section, listKey)
		out.Pos = d.pos(k)
	}
	return out
}

// staticcheckPattern checks a pattern in staticcheck's syntax: "*" may
// only end it (staticcheck reads any other "*" literally, so such a
// pattern would never match).
func (d *decoder) staticcheckPattern(e Entry) bool {
	p := strings.TrimPrefix(e.Value, "-")
	if i := strings.IndexByte(p, '*'); p == "" || (i >= 0 && i != len(p)-1) {
		d.errorAt(e.Pos, "staticcheck.checks: %q is not a check pattern (a check id, \"all\", or a prefix ending in \"*\", optionally after \"-\")", e.Value)
		return false
	}
	return true
}

// globPattern returns a check for path.Match patterns, optionally after
// "-".
func (d *decoder) globPattern(where string) func(Entry) bool {
	return func(e Entry) bool {
		p := strings.TrimPrefix(e.Value, "-")
		if _, err := path.Match(p, ""); err != nil || p == "" {
			d.errorAt(e.Pos, "%s: bad pattern %q: syntax error in pattern", where, e.Value)
			return false
		}
		return true
	}
}

var (
	// fullVersionRE is a release version with all three numbers.
	fullVersionRE = regexp.MustCompile(`^v\d+\.\d+\.\d+`)
	// staticcheckReleaseRE is a staticcheck release name: 2026.2, 2026.2.2.
	staticcheckReleaseRE = regexp.MustCompile(`^\d{4}\.\d+(\.\d+)?$`)
)

func (d *decoder) pins(p *Policy, v *yaml.Node) {
	m, ok := d.want(v, "pins", yaml.MappingNode)
	if !ok {
		return
	}
	version := func(dst *Entry, key string) func(_, v *yaml.Node) {
		return func(_, v *yaml.Node) {
			r := resolve(v)
			if key == ToolStaticcheck && r.Kind == yaml.ScalarNode && r.ShortTag() == "!!float" && staticcheckReleaseRE.MatchString(r.Value) {
				// An unquoted 2026.2 is a YAML number; take it as written.
				*dst = Entry{Value: r.Value, Pos: d.pos(v)}
				return
			}
			e, ok := d.str(v, "pins."+key)
			if !ok {
				return
			}
			switch {
			case semver.IsValid(e.Value) && fullVersionRE.MatchString(e.Value):
			case key == ToolStaticcheck && staticcheckReleaseRE.MatchString(e.Value):
			case key == ToolStaticcheck:
				d.errorAt(e.Pos, "pins.%s: %q is not a version like v0.8.2 or a release like 2026.2.2", key, e.Value)
				return
			default:
				d.errorAt(e.Pos, "pins.%s: %q is not a version like v1.2.3", key, e.Value)
				return
			}
			*dst = e
		}
	}
	d.mapping(m, "pins", []field{
		{ToolGolangciLint, version(&p.Pins.GolangciLint, ToolGolangciLint)},
		{ToolStaticcheck, version(&p.Pins.Staticcheck, ToolStaticcheck)},
		{ToolRevive, version(&p.Pins.Revive, ToolRevive)},
	})
}

// severity decodes the mapping from rule patterns to levels, in file
// order.
func (d *decoder) severity(p *Policy, v *yaml.Node) {
	m, ok := d.want(v, "severity", yaml.MappingNode)
	if !ok {
		return
	}
	p.Severity = []SeverityRule{}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		name, ok := d.key(k, " in severity")
		if !ok {
			continue
		}
		pat := Entry{Value: name, Pos: d.pos(k)}
		if strings.TrimSpace(name) == "" {
			d.errorf(k, "severity: empty rule pattern")
			continue
		}
		if first, dup := seen[pat.Value]; dup {
			d.errorf(k, "duplicate key %q in severity (first at %d:%d)", pat.Value, first.Line, first.Column)
			continue
		}
		seen[pat.Value] = k
		if _, err := path.Match(pat.Value, ""); err != nil {
			d.errorf(k, "severity: bad pattern %q: syntax error in pattern", pat.Value)
			continue
		}
		lv, ok := d.level(v, fmt.Sprintf("severity of %q", pat.Value))
		if !ok {
			continue
		}
		p.Severity = append(p.Severity, SeverityRule{Pattern: pat, Level: lv, LevelPos: d.pos(v)})
	}
}

// level decodes a SARIF level name.
func (d *decoder) level(v *yaml.Node, where string) (finding.Level, bool) {
	e, ok := d.str(v, where)
	if !ok {
		return "", false
	}
	lv, err := finding.ParseLevel(e.Value)
	if err != nil {
		d.errorf(v, "%s: %v", where, err)
		return "", false
	}
	return lv, true
}

func (d *decoder) gate(p *Policy, v *yaml.Node) {
	m, ok := d.want(v, "gate", yaml.MappingNode)
	if !ok {
		return
	}
	d.mapping(m, "gate", []field{
		{"fail-on", func(_, v *yaml.Node) {
			if lv, ok := d.level(v, "gate.fail-on"); ok {
				p.Gate.FailOn, p.Gate.FailOnPos = lv, d.pos(v)
			}
		}},
		{"baseline", func(_, v *yaml.Node) { p.Gate.Baseline, _ = d.str(v, "gate.baseline") }},
		{"new-only", func(_, v *yaml.Node) {
			if b, ok := d.boolean(v, "gate.new-only"); ok {
				p.Gate.NewOnly, p.Gate.NewOnlyPos = b, d.pos(v)
			}
		}},
	})
}

func (d *decoder) output(p *Policy, v *yaml.Node) {
	m, ok := d.want(v, "output", yaml.MappingNode)
	if !ok {
		return
	}
	d.mapping(m, "output", []field{
		{"sarif", func(_, v *yaml.Node) { p.Output.SARIF, _ = d.str(v, "output.sarif") }},
		{"category", func(_, v *yaml.Node) { p.Output.Category, _ = d.str(v, "output.category") }},
	})
}
