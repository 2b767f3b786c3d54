package rules

import (
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/golangci/golangci-lint/v2/pkg/config"
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
func (e *enforcer) checkStaticcheck() {
	sc, on := e.enabled["staticcheck"]
	if !on || !e.p.Staticcheck.Pos.IsValid() {
		return
	}
	allowed := staticcheckSelect(e.k.StaticcheckChecks, values(e.p.Staticcheck.Patterns))
	cite := e.p.Staticcheck.Pos.String()
	checks := e.g.Config.Linters.Settings.Staticcheck.Checks
	if checks == nil { // as golangci-lint's staticcheck linter decides
		for _, c := range sortedKeys(staticcheckSelect(e.k.StaticcheckChecks, e.k.DefaultStaticcheckChecks)) {
			if _, ok := allowed[c]; !ok {
				e.violation(sc.pos, "staticcheck check %q is turned on but %s does not allow it (turned on by golangci-lint's default checks; %s)", c, e.p.File, cite)
			}
		}
		return
	}
	entries := e.entries(checks, "linters", "settings", "staticcheck", "checks")
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
func (e *enforcer) checkRevive() {
	rv, on := e.enabled["revive"]
	if !on || !e.p.Revive.Pos.IsValid() {
		return
	}
	allowed := reviveSelect(e.k.ReviveRules, e.p.Revive.Patterns)
	cite := e.p.Revive.Pos.String()
	rules := e.reviveRules(rv)
	for _, name := range sortedKeys(rules) {
		if allowed[name] {
			continue
		}
		r := rules[name]
		e.violation(r.pos, "revive rule %q is turned on but %s does not allow it (%s)", name, e.p.File, citeVia(r.via, cite))
	}
}

// reviveRules computes the revive rules golangci-lint v2.15.0 runs
// (pkg/golinters/revive, getConfig): revive's defaults when
// linters.settings.revive is the zero value; otherwise the configured
// rules that are not disabled, plus every rule with enable-all-rules, or
// revive's defaults with enable-default-rules.
func (e *enforcer) reviveRules(rv enabledBy) map[string]reviveOn {
	out := map[string]reviveOn{}
	settings := e.g.Config.Linters.Settings.Revive
	if reflect.DeepEqual(settings, config.ReviveSettings{Go: settings.Go}) {
		for _, r := range e.k.DefaultReviveRules {
			out[r] = reviveOn{pos: rv.pos, via: "turned on by revive's default rules"}
		}
		return out
	}
	configured := map[string]bool{}
	for i, r := range settings.Rules {
		e.reviveRule(r, i, configured, out)
	}
	add := func(key string, on bool, rules []string) bool {
		if !on {
			return false
		}
		pos := e.g.at("linters", "settings", "revive", key)
		for _, r := range rules {
			if !configured[r] {
				out[r] = reviveOn{pos: pos, via: "turned on by " + key + ": true"}
			}
		}
		return true
	}
	if !add("enable-all-rules", settings.EnableAllRules, e.k.ReviveRules) {
		add("enable-default-rules", settings.EnableDefaultRules, e.k.DefaultReviveRules)
	}
	return out
}

// reviveRule reads one entry of linters.settings.revive.rules. As in
// golangci-lint, a later entry for the same rule replaces an earlier one.
func (e *enforcer) reviveRule(r config.ReviveRule, i int, configured map[string]bool, out map[string]reviveOn) {
	path := []string{"linters", "settings", "revive", "rules", strconv.Itoa(i)}
	if r.Name == "" {
		e.d.errorAt(e.g.at(path...), "linters.settings.revive.rules[%d]: missing name", i)
		return
	}
	pos := e.g.at(append(path, "name")...)
	rule := r.Name
	if actual, ok := reviveAliases[rule]; ok {
		rule = actual
	}
	if !slices.Contains(e.k.ReviveRules, rule) {
		e.d.errorAt(pos, "unknown revive rule %q%s", rule, DidYouMean(rule, e.k.ReviveRules))
		return
	}
	configured[rule] = true
	if r.Disabled {
		delete(out, rule)
	} else {
		out[rule] = reviveOn{pos: pos}
	}
}
