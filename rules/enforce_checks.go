package rules

import (
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// staticcheckMatches returns the checks of all that pattern (without a
// leading "-") selects, the way staticcheck reads its checks option
// (golangci-lint v2.15.0 pkg/golinters/staticcheck, filterAnalyzerNames,
// a copy of staticcheck's lintcmd): "all" and "*" select every check; a
// pattern ending in "*" whose prefix holds no digit is a category ("S*"
// is S1000 but not SA1000); any other "*" pattern is a prefix ("SA1*");
// anything else is a check id.
func staticcheckMatches(all []string, pattern string) []string {
	switch {
	case pattern == "all" || pattern == "*":
		return all
	case strings.HasSuffix(pattern, "*"):
		prefix := strings.TrimSuffix(pattern, "*")
		category := !strings.ContainsFunc(prefix, unicode.IsNumber)
		var out []string
		for _, c := range all {
			if category && staticcheckCategory(c) == prefix || !category && strings.HasPrefix(c, prefix) {
				out = append(out, c)
			}
		}
		return out
	case slices.Contains(all, pattern):
		return []string{pattern}
	}
	return nil
}

// staticcheckCategory is the letters before a check id's number.
func staticcheckCategory(check string) string {
	if i := strings.IndexFunc(check, unicode.IsNumber); i >= 0 {
		return check[:i]
	}
	return check
}

// staticcheckSelect evaluates a checks list over all: it maps every check
// that ends up on to the index of the pattern that turned it on. Later
// patterns win; "-" turns checks off.
func staticcheckSelect(all, patterns []string) map[string]int {
	on := map[string]int{}
	for i, p := range patterns {
		enable := true
		if len(p) > 1 && p[0] == '-' {
			enable, p = false, p[1:]
		}
		for _, c := range staticcheckMatches(all, p) {
			if enable {
				on[c] = i
			} else {
				delete(on, c)
			}
		}
	}
	return on
}

// reviveSelect evaluates the policy's revive.rules over all rules.
func reviveSelect(all []string, patterns []Entry) map[string]bool {
	on := map[string]bool{}
	for _, e := range patterns {
		p, enable := strings.CutPrefix(e.Value, "-")
		enable = !enable
		for _, r := range all {
			if ok, _ := path.Match(p, r); ok {
				if enable {
					on[r] = true
				} else {
					delete(on, r)
				}
			}
		}
	}
	return on
}

func values(es []Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Value
	}
	return out
}

// checkStaticcheck checks the staticcheck checks turned on against
// staticcheck.checks, when staticcheck is enabled and the policy limits
// them.
func (e *enforcer) checkStaticcheck(root *yaml.Node) {
	sc, on := e.enabled["staticcheck"]
	if !on || !e.p.Staticcheck.Pos.IsValid() {
		return
	}
	allowed := staticcheckSelect(e.k.StaticcheckChecks, values(e.p.Staticcheck.Patterns))
	cite := e.p.Staticcheck.Pos.String()
	checks := lookupPath(root, "linters", "settings", "staticcheck", "checks")
	if isNull(checks) {
		for _, c := range sortedKeys(staticcheckSelect(e.k.StaticcheckChecks, e.k.DefaultStaticcheckChecks)) {
			if _, ok := allowed[c]; !ok {
				e.violation(sc.pos, "staticcheck check %q is turned on but %s does not allow it (turned on by golangci-lint's default checks; %s)", c, e.p.File, cite)
			}
		}
		return
	}
	entries := e.names(checks, "linters.settings.staticcheck.checks")
	for _, s := range entries {
		p := strings.TrimPrefix(s.Value, "-")
		if p != "all" && !strings.HasSuffix(p, "*") && !slices.Contains(e.k.StaticcheckChecks, p) {
			e.d.errorAt(s.Pos, "unknown staticcheck check %q%s", p, DidYouMean(p, e.k.StaticcheckChecks))
		}
	}
	selected := staticcheckSelect(e.k.StaticcheckChecks, values(entries))
	for _, c := range sortedKeys(selected) {
		if _, ok := allowed[c]; ok {
			continue
		}
		s := entries[selected[c]]
		via := ""
		if s.Value != c {
			via = "turned on by " + strconv.Quote(s.Value)
		}
		e.violation(s.Pos, "staticcheck check %q is turned on but %s does not allow it (%s)", c, e.p.File, citeVia(via, cite))
	}
}

// reviveAliases are the old rule names revive still accepts
// (actualRuleName in revive's config package).
var reviveAliases = map[string]string{"imports-blacklist": "imports-blocklist"}

// reviveOn is a revive rule turned on and where.
type reviveOn struct {
	pos Pos
	via string
}

// checkRevive checks the revive rules turned on against revive.rules,
// when revive is enabled and the policy limits them.
func (e *enforcer) checkRevive(root *yaml.Node) {
	rv, on := e.enabled["revive"]
	if !on || !e.p.Revive.Pos.IsValid() {
		return
	}
	allowed := reviveSelect(e.k.ReviveRules, e.p.Revive.Patterns)
	cite := e.p.Revive.Pos.String()
	rules := e.reviveRules(root, rv)
	for _, name := range sortedKeys(rules) {
		if allowed[name] {
			continue
		}
		r := rules[name]
		e.violation(r.pos, "revive rule %q is turned on but %s does not allow it (%s)", name, e.p.File, citeVia(r.via, cite))
	}
}

// reviveRules computes the revive rules golangci-lint v2.15.0 runs
// (pkg/golinters/revive, getConfig): revive's defaults when nothing in
// linters.settings.revive is set; otherwise the configured rules that
// are not disabled, plus every rule with enable-all-rules, or revive's
// defaults with enable-default-rules.
func (e *enforcer) reviveRules(root *yaml.Node, rv enabledBy) map[string]reviveOn {
	out := map[string]reviveOn{}
	settings := lookupPath(root, "linters", "settings", "revive")
	if !e.reviveConfigured(settings) {
		for _, r := range e.k.DefaultReviveRules {
			out[r] = reviveOn{pos: rv.pos, via: "turned on by revive's default rules"}
		}
		return out
	}
	configured := map[string]bool{}
	_, rules := lookupKV(settings, "rules")
	if !isNull(rules) {
		if seq, ok := e.d.want(rules, "linters.settings.revive.rules", yaml.SequenceNode); ok {
			for i, c := range seq.Content {
				e.reviveRule(c, i, configured, out)
			}
		}
	}
	add := func(key string, rules []string) bool {
		_, v := lookupKV(settings, key)
		if isNull(v) {
			return false
		}
		b, ok := e.d.boolean(v, "linters.settings.revive."+key)
		if !ok || !b {
			return false
		}
		for _, r := range rules {
			if !configured[r] {
				out[r] = reviveOn{pos: e.d.pos(v), via: "turned on by " + key + ": true"}
			}
		}
		return true
	}
	if !add("enable-all-rules", e.k.ReviveRules) {
		add("enable-default-rules", e.k.DefaultReviveRules)
	}
	return out
}

// reviveRule reads one entry of linters.settings.revive.rules. As in
// golangci-lint, a later entry for the same rule replaces an earlier one.
func (e *enforcer) reviveRule(c *yaml.Node, i int, configured map[string]bool, out map[string]reviveOn) {
	where := "linters.settings.revive.rules[" + strconv.Itoa(i) + "]"
	m, ok := e.d.want(c, where, yaml.MappingNode)
	if !ok {
		return
	}
	_, nv := lookupKV(m, "name")
	if isNull(nv) {
		e.d.errorf(c, "%s: missing name", where)
		return
	}
	name, ok := e.d.str(nv, where+".name")
	if !ok {
		return
	}
	rule := name.Value
	if actual, ok := reviveAliases[rule]; ok {
		rule = actual
	}
	if !slices.Contains(e.k.ReviveRules, rule) {
		e.d.errorAt(name.Pos, "unknown revive rule %q%s", rule, DidYouMean(rule, e.k.ReviveRules))
		return
	}
	configured[rule] = true
	disabled := false
	if _, dv := lookupKV(m, "disabled"); !isNull(dv) {
		disabled, _ = e.d.boolean(dv, where+".disabled")
	}
	if disabled {
		delete(out, rule)
	} else {
		out[rule] = reviveOn{pos: name.Pos}
	}
}

// reviveSettingsKeys are the keys of golangci-lint's ReviveSettings.
var reviveSettingsKeys = []string{
	"max-open-files", "confidence", "severity", "enable-all-rules", "enable-default-rules",
	"rules", "error-code", "warning-code", "directives",
}

// reviveConfigured reports whether linters.settings.revive differs from
// the zero settings, which is when golangci-lint stops using revive's
// default configuration.
func (e *enforcer) reviveConfigured(settings *yaml.Node) bool {
	if isNull(settings) {
		return false
	}
	m, ok := e.d.want(settings, "linters.settings.revive", yaml.MappingNode)
	if !ok {
		return false
	}
	for _, key := range reviveSettingsKeys {
		_, v := lookupKV(m, key)
		if isNull(v) {
			continue
		}
		v = resolve(v)
		if v.Kind != yaml.ScalarNode {
			return true // a list, even an empty one, is not the zero value
		}
		switch v.ShortTag() {
		case "!!bool":
			if strings.EqualFold(v.Value, "true") {
				return true
			}
		case "!!int", "!!float":
			if f, err := strconv.ParseFloat(strings.ReplaceAll(v.Value, "_", ""), 64); err != nil || f != 0 {
				return true
			}
		default:
			if v.Value != "" {
				return true
			}
		}
	}
	return false
}
