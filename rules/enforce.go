package rules

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// Enforce checks the golangci-lint configuration cfg against the policy
// p, before anything runs. root is the module root: plugin paths in both
// files are relative to it and .custom-gcl.yml is looked up in it.
//
// It checks every linter the configuration enables, with golangci-lint's
// own rules (v2.15.0, pkg/lint/lintersdb/manager.go): linters.default
// (standard when absent) selects a set from Known (all: every linter
// that is neither a formatter nor deactivated; fast: those of them in
// GroupFast; standard: those in GroupStandard), linters.enable adds,
// linters.disable removes, linters.fast-only keeps the fast ones. It
// checks every formatter in formatters.enable, every custom linter under
// linters.settings.custom (loaded, and so run, whether enabled or not)
// and every plugin module in .custom-gcl.yml against plugins.allow, the
// hash of every Go plugin file, the staticcheck checks and revive rules
// turned on when those linters are enabled, and that every linter in
// linters.require is enabled.
//
// Problems are sorted by file, line and column. Violations of the policy
// have Violation set; errors in the configuration (malformed YAML, a v1
// configuration, unknown names) do not.
func Enforce(p *Policy, cfg ConfigSource, k Known, root string) []Problem {
	e := &enforcer{p: p, k: k, root: root, d: &decoder{file: cfg.Name()}, enabled: map[string]enabledBy{}, disabled: map[string]Pos{}}
	e.run(cfg)
	e.problems = append(e.problems, e.d.problems...)
	return SortProblems(e.problems)
}

// enabledBy records where a linter or formatter was enabled: the
// position, and via, the reason when it was not named there explicitly.
type enabledBy struct {
	pos       Pos
	via       string
	formatter bool
	custom    bool
}

type enforcer struct {
	p        *Policy
	k        Known
	root     string
	d        *decoder // reads the configuration; collects its errors
	problems []Problem
	custom   []customLinter
	enabled  map[string]enabledBy
	disabled map[string]Pos
}

// violation records a policy violation at pos.
func (e *enforcer) violation(pos Pos, format string, args ...any) {
	e.problems = append(e.problems, problemAt(pos, true, format, args...))
}

// cite is how a violation names the policy's side: "lintgate.yml:3:3",
// or "lintgate.yml has no plugins.allow" when the key is absent.
func (e *enforcer) cite(pos Pos, key string) string {
	if pos.IsValid() {
		return pos.String()
	}
	return e.p.File + " has no " + key
}

// citeVia adds the reason a linter is on to a citation.
func citeVia(via, cite string) string {
	if via == "" {
		return cite
	}
	return via + "; " + cite
}

func (e *enforcer) run(src ConfigSource) {
	root, ok := e.parse(src)
	if !ok {
		return
	}
	e.readCustom(root)
	e.readLinters(root)
	e.readFormatters(root)
	e.checkLinters()
	e.checkCustom()
	e.checkCustomGCL()
	e.checkStaticcheck(root)
	e.checkRevive(root)
	e.checkRequired()
}

// parse reads the configuration's root mapping; a v1 configuration stops
// the checks.
func (e *enforcer) parse(src ConfigSource) (*yaml.Node, bool) {
	doc, ok := e.d.unmarshal(src.Data)
	if !ok {
		return nil, false
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	if len(doc.Content) > 0 {
		root = resolve(doc.Content[0])
	}
	if root.Kind != yaml.MappingNode {
		e.d.errorf(root, "the configuration must be a mapping")
		return nil, false
	}
	if p, bad := versionProblem(src, root); bad {
		e.problems = append(e.problems, p)
		return nil, false
	}
	return root, true
}

// lookupKV returns the key and value nodes of key in mapping m (aliases
// resolved, merge keys followed), or nils.
func lookupKV(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if c := resolve(m.Content[i]); c.Kind == yaml.ScalarNode && c.Value == key && c.ShortTag() != "!!merge" {
			return m.Content[i], m.Content[i+1]
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if resolve(m.Content[i]).ShortTag() != "!!merge" {
			continue
		}
		merged := resolve(m.Content[i+1])
		sources := []*yaml.Node{merged}
		if merged.Kind == yaml.SequenceNode {
			sources = merged.Content
		}
		for _, s := range sources {
			if s != m {
				if k, v := lookupKV(s, key); k != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

// lookupPath follows keys from m; it returns the value node or nil.
func lookupPath(m *yaml.Node, keys ...string) *yaml.Node {
	for _, key := range keys {
		_, m = lookupKV(m, key)
		if m == nil {
			return nil
		}
	}
	return m
}

// isNull reports whether n is absent or null.
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// names reads a list of strings from the configuration; it allows
// duplicates, as golangci-lint does.
func (e *enforcer) names(n *yaml.Node, where string) []Entry {
	if isNull(n) {
		return nil
	}
	seq, ok := e.d.want(n, where, yaml.SequenceNode)
	if !ok {
		return nil
	}
	var out []Entry
	for _, c := range seq.Content {
		if s, ok := e.d.str(c, where+" entry"); ok {
			out = append(out, s)
		}
	}
	return out
}

// linterGroups are the values of linters.default.
var linterGroups = []string{"standard", "all", "fast", "none"}

// readLinters computes the enabled linters from the linters section.
func (e *enforcer) readLinters(root *yaml.Node) {
	lk, lin := lookupKV(root, "linters")
	if !isNull(lin) {
		if _, ok := e.d.want(lin, "linters", yaml.MappingNode); !ok {
			return
		}
	}
	e.enableGroup(e.readDefault(lk, lin))
	_, en := lookupKV(lin, "enable")
	for _, s := range e.names(en, "linters.enable") {
		// An explicit entry replaces a group's; the first entry stays.
		if by, dup := e.enabled[s.Value]; e.linterName(s, "enabled") && (!dup || by.via != "") {
			e.enabled[s.Value] = enabledBy{pos: s.Pos, custom: e.isCustom(s.Value)}
		}
	}
	_, dis := lookupKV(lin, "disable")
	for _, s := range e.names(dis, "linters.disable") {
		if _, dup := e.disabled[s.Value]; e.linterName(s, "disabled") && !dup {
			delete(e.enabled, s.Value)
			e.disabled[s.Value] = s.Pos
		}
	}
	if _, fast := lookupKV(lin, "fast-only"); !isNull(fast) {
		if only, ok := e.d.boolean(fast, "linters.fast-only"); ok && only {
			for name, by := range e.enabled {
				if by.custom || !e.k.Linters[name].InGroup(GroupFast) {
					delete(e.enabled, name)
				}
			}
		}
	}
}

// readDefault reads linters.default: the group, where it was chosen and
// how to say so. An invalid value is reported and selects nothing, so
// that the rest can still be checked.
func (e *enforcer) readDefault(lk, lin *yaml.Node) (group string, pos Pos, via string) {
	_, v := lookupKV(lin, "default")
	if isNull(v) {
		pos = e.d.pos(lk)
		if lk == nil {
			pos = Pos{File: e.d.file, Line: 1, Col: 1}
		}
		return "standard", pos, "enabled by the default linters.default: standard"
	}
	s, ok := e.d.str(v, "linters.default")
	if !ok {
		return "none", Pos{}, ""
	}
	if !slices.Contains(linterGroups, s.Value) {
		e.d.errorAt(s.Pos, "linters.default: unknown value %q (want %s)%s", s.Value, orList(linterGroups), DidYouMean(s.Value, linterGroups))
		return "none", Pos{}, ""
	}
	return s.Value, s.Pos, "enabled by linters.default: " + s.Value
}

// enableGroup enables the linters of a linters.default group.
func (e *enforcer) enableGroup(group string, pos Pos, via string) {
	for name, info := range e.k.Linters {
		if info.Formatter || info.Deactivated || info.Internal {
			continue
		}
		if group == "all" || (group == "fast" && info.InGroup(GroupFast)) || (group == "standard" && info.InGroup(GroupStandard)) {
			e.enabled[name] = enabledBy{pos: pos, via: via}
		}
	}
	if group == "all" || group == "standard" {
		// golangci-lint puts custom linters in the standard group.
		for _, c := range e.custom {
			e.enabled[c.name] = enabledBy{pos: pos, via: via, custom: true}
		}
	}
}

// linterName checks a name in linters.enable or linters.disable.
func (e *enforcer) linterName(s Entry, verb string) bool {
	info, known := e.k.Linters[s.Value]
	switch {
	case e.isCustom(s.Value):
		return true
	case known && info.Internal:
		e.d.errorAt(s.Pos, "%s is not a linter, it cannot be enabled or disabled", s.Value)
	case known && info.Formatter:
		e.d.errorAt(s.Pos, "%q is a formatter; it is %s under formatters.enable", s.Value, verb)
	case known:
		return true
	default:
		candidates := e.k.linterNames(false)
		for _, c := range e.custom {
			candidates = append(candidates, c.name)
		}
		e.d.errorAt(s.Pos, "unknown linter %q%s", s.Value, DidYouMean(s.Value, candidates))
	}
	return false
}

// readFormatters adds formatters.enable to the enabled set.
func (e *enforcer) readFormatters(root *yaml.Node) {
	_, f := lookupKV(root, "formatters")
	if isNull(f) {
		return
	}
	if _, ok := e.d.want(f, "formatters", yaml.MappingNode); !ok {
		return
	}
	_, en := lookupKV(f, "enable")
	for _, s := range e.names(en, "formatters.enable") {
		info, known := e.k.Linters[s.Value]
		switch {
		case known && info.Formatter:
			if _, dup := e.enabled[s.Value]; !dup {
				e.enabled[s.Value] = enabledBy{pos: s.Pos, formatter: true}
			}
		case known:
			e.d.errorAt(s.Pos, "%q is a linter, not a formatter; enable it under linters.enable", s.Value)
		default:
			var formatters []string
			for name, info := range e.k.Linters {
				if info.Formatter {
					formatters = append(formatters, name)
				}
			}
			slices.Sort(formatters)
			e.d.errorAt(s.Pos, "unknown formatter %q%s", s.Value, DidYouMean(s.Value, formatters))
		}
	}
}

// checkLinters reports enabled built-in linters and formatters the
// policy does not allow.
func (e *enforcer) checkLinters() {
	allow := e.p.Linters
	for _, name := range sortedKeys(e.enabled) {
		by := e.enabled[name]
		if by.custom || e.k.Linters[name].Internal || allow.Allows(name) {
			continue
		}
		e.violation(by.pos, "%s %q is enabled but %s does not allow it (%s)",
			kindOf(by.formatter), name, e.p.File, citeVia(by.via, e.cite(allow.AllowPos, "linters.allow")))
	}
}

// checkRequired reports required linters that are not enabled.
func (e *enforcer) checkRequired() {
	for _, r := range e.p.Linters.Require {
		if _, on := e.enabled[r.Value]; on {
			continue
		}
		kind := kindOf(e.k.Linters[r.Value].Formatter)
		if at, off := e.disabled[r.Value]; off {
			e.violation(r.Pos, "%s %q is required but %s disables it (%s)", kind, r.Value, e.d.file, at)
			continue
		}
		e.violation(r.Pos, "%s %q is required but %s does not enable it", kind, r.Value, e.d.file)
	}
}

func kindOf(formatter bool) string {
	if formatter {
		return "formatter"
	}
	return "linter"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
