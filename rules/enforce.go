package rules

import (
	"slices"
	"strconv"
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
	_, ps := Judge(p, cfg, k, root)
	return ps
}

// Judge is Enforce that also returns the one reading of the
// configuration it judged, to write the effective configuration from
// (Golangci.Effective) when there are no problems. The Golangci is nil
// when the file could not be decoded.
func Judge(p *Policy, cfg ConfigSource, k Known, root string) (*Golangci, []Problem) {
	g, ps := ReadGolangci(cfg)
	if g == nil {
		return nil, ps
	}
	// The schema's messages come first; the checks below add what they
	// find at other places.
	schema := slices.Clone(ps)
	for _, q := range EnforceGolangci(p, g, k, root) {
		if !slices.ContainsFunc(schema, func(s Problem) bool { return s.Pos() == q.Pos() }) {
			ps = append(ps, q)
		}
	}
	return g, SortProblems(ps)
}

// EnforceGolangci is Enforce on a configuration already read, so that a
// run judges and then writes the effective configuration from the one
// reading (see Golangci.Effective).
func EnforceGolangci(p *Policy, g *Golangci, k Known, root string) []Problem {
	e := newEnforcer(p, g, k, root)
	e.run()
	e.problems = append(e.problems, e.d.problems...)
	return SortProblems(e.problems)
}

func newEnforcer(p *Policy, g *Golangci, k Known, root string) *enforcer {
	return &enforcer{p: p, g: g, k: k, root: root, d: &decoder{file: g.file}, enabled: map[string]enabledBy{}, disabled: map[string]Pos{}}
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
	g        *Golangci
	d        *decoder // collects the configuration's errors
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

func (e *enforcer) run() {
	e.readCustom()
	e.readLinters()
	e.readFormatters()
	e.checkLinters()
	e.checkCustom()
	e.checkCustomGCL()
	e.checkStaticcheck()
	e.checkRevive()
	e.checkRequired()
}

// entries are the names of a list of linters, formatters or checks, each
// where it is written.
func (e *enforcer) entries(names []string, path ...string) []Entry {
	out := make([]Entry, len(names))
	for i, name := range names {
		out[i] = Entry{Value: name, Pos: e.g.at(append(path, strconv.Itoa(i))...)}
	}
	return out
}

// linterGroups are the values of linters.default.
var linterGroups = []string{"standard", "all", "fast", "none"}

// readLinters computes the enabled linters from the linters section.
func (e *enforcer) readLinters() {
	l := e.g.Config.Linters
	e.enableGroup(e.readDefault())
	for _, s := range e.entries(l.Enable, "linters", "enable") {
		// An explicit entry replaces a group's; the first entry stays.
		if by, dup := e.enabled[s.Value]; e.linterName(s, "enabled") && (!dup || by.via != "") {
			e.enabled[s.Value] = enabledBy{pos: s.Pos, custom: e.isCustom(s.Value)}
		}
	}
	for _, s := range e.entries(l.Disable, "linters", "disable") {
		if _, dup := e.disabled[s.Value]; e.linterName(s, "disabled") && !dup {
			delete(e.enabled, s.Value)
			e.disabled[s.Value] = s.Pos
		}
	}
	if l.FastOnly {
		for name, by := range e.enabled {
			if by.custom || !e.k.Linters[name].InGroup(GroupFast) {
				delete(e.enabled, name)
			}
		}
	}
}

// readDefault reads linters.default: the group, where it was chosen and
// how to say so. An invalid value is reported and selects nothing, so
// that the rest can still be checked.
func (e *enforcer) readDefault() (group string, pos Pos, via string) {
	group = e.g.Config.Linters.Default
	if group == "" {
		return "standard", e.g.keyAt("linters"), "enabled by the default linters.default: standard"
	}
	pos = e.g.at("linters", "default")
	if !slices.Contains(linterGroups, group) {
		e.d.errorAt(pos, "linters.default: unknown value %q (want %s)%s", group, orList(linterGroups), DidYouMean(group, linterGroups))
		return "none", Pos{}, ""
	}
	return group, pos, "enabled by linters.default: " + group
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
func (e *enforcer) readFormatters() {
	for _, s := range e.entries(e.g.Config.Formatters.Enable, "formatters", "enable") {
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
