package rules

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/mgechev/revive/config"
	scversion "honnef.co/go/tools/lintcmd/version"
)

// The golangci-lint linter groups lintgate expands linters.default with.
const (
	// GroupStandard is golangci-lint's "standard" set (linters.default:
	// standard, the default).
	GroupStandard = "standard"
	// GroupFast marks linters golangci-lint does not consider slow
	// (linters.default: fast, --fast-only).
	GroupFast = "fast"
)

// LinterInfo is what golangci-lint's registry says about one linter or
// formatter. Package runner fills it from the embedded golangci-lint
// (package rules does not link golangci-lint).
type LinterInfo struct {
	// Formatter marks formatters (enabled under formatters.enable).
	Formatter bool
	// Deprecated marks linters golangci-lint warns about but still runs.
	Deprecated bool
	// Deactivated marks linters deprecated past the warning stage
	// (deprecation level above warning): no linters.default set includes
	// them.
	Deactivated bool
	// Internal marks pseudo-linters such as typecheck, which always run
	// and cannot be enabled or disabled; the policy never restricts them.
	Internal bool
	// Groups holds GroupStandard when the linter is in golangci-lint's
	// standard group and GroupFast when it is not slow.
	Groups []string
}

// InGroup reports whether the linter is in group g.
func (l LinterInfo) InGroup(g string) bool { return slices.Contains(l.Groups, g) }

// Known is what the embedded golangci-lint and the libraries know: the
// names policies and configurations are checked against.
type Known struct {
	// Linters maps every golangci-lint linter and formatter name to its
	// registry information.
	Linters map[string]LinterInfo
	// StaticcheckChecks are the checks of golangci-lint's staticcheck
	// linter (staticcheck, simple, stylecheck and quickfix; U1000 belongs
	// to the unused linter).
	StaticcheckChecks []string
	// ReviveRules are the names of every revive rule.
	ReviveRules []string
	// DefaultStaticcheckChecks is what golangci-lint turns on when
	// linters.settings.staticcheck.checks is absent, in staticcheck's
	// checks syntax (see GolangciDefaultStaticcheckChecks).
	DefaultStaticcheckChecks []string
	// DefaultReviveRules are the rules revive runs when nothing in
	// linters.settings.revive is set.
	DefaultReviveRules []string
}

// GolangciDefaultStaticcheckChecks returns the checks golangci-lint
// v2.15.0 gives staticcheck when linters.settings.staticcheck.checks is
// absent (createConfig in pkg/golinters/staticcheck/staticcheck.go):
// every check except six stylecheck checks. Note that this is not
// staticcheck's own default, which also leaves out its non-default
// checks.
func GolangciDefaultStaticcheckChecks() []string {
	return []string{"all", "-ST1000", "-ST1003", "-ST1016", "-ST1020", "-ST1021", "-ST1022"}
}

// NewKnown returns a Known with the given linter registry and everything
// else from the staticcheck and revive libraries lintgate links.
func NewKnown(linters map[string]LinterInfo) Known {
	var checks []string
	for _, r := range StaticcheckRules() {
		if r.Linter == "staticcheck" {
			checks = append(checks, r.Check)
		}
	}
	var rules, defaults []string
	for _, r := range config.AllRules() {
		rules = append(rules, r.Name())
	}
	for _, r := range config.DefaultRules() {
		defaults = append(defaults, r.Name())
	}
	slices.Sort(rules)
	slices.Sort(defaults)
	return Known{
		Linters:                  linters,
		StaticcheckChecks:        checks,
		ReviveRules:              rules,
		DefaultStaticcheckChecks: GolangciDefaultStaticcheckChecks(),
		DefaultReviveRules:       defaults,
	}
}

// linterNames returns the known linter names (formatters included or
// not), sorted.
func (k Known) linterNames(formatters bool) []string {
	var out []string
	for name, info := range k.Linters {
		if formatters || !info.Formatter {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// Validate checks the names in the policy against what lintgate knows:
// unknown linters, checks and rules (with suggestions), patterns that
// match nothing, required linters that are not allowed, plugins named
// like built-in linters. Problems are sorted by position.
func (p *Policy) Validate(k Known) []Problem {
	v := &validator{p: p, k: k, plugins: map[string]bool{}}
	for _, pl := range p.Plugins.Allow {
		v.plugins[pl.Name.Value] = true
		if _, builtin := k.Linters[pl.Name.Value]; builtin {
			v.add(pl.Name.Pos, "plugin %q has the name of a golangci-lint linter", pl.Name.Value)
		}
	}
	v.names = slices.Sorted(maps.Keys(v.plugins))
	v.names = slices.Concat(k.linterNames(true), v.names)
	for _, e := range p.Linters.Allow {
		v.linter(e)
	}
	for _, e := range p.Linters.Require {
		if !v.linter(e) {
			continue
		}
		if !p.Linters.Allows(e.Value) && !v.plugins[e.Value] {
			v.add(e.Pos, "%s %q is required but linters.allow does not list it (%s)", kindOf(k.Linters[e.Value].Formatter), e.Value, p.Linters.AllowPos)
		}
	}
	for _, e := range p.Staticcheck.Patterns {
		v.staticcheckPattern(e)
	}
	for _, e := range p.Revive.Patterns {
		v.revivePattern(e)
	}
	for _, r := range p.Severity {
		v.severityPattern(r.Pattern)
	}
	return SortProblems(v.problems)
}

type validator struct {
	p        *Policy
	k        Known
	plugins  map[string]bool
	names    []string // linter, formatter and plugin names
	problems []Problem
}

// suggestLimit is how many problems get a "did you mean" at most: more
// than are listed (MaxListed), with room for the sorting by position.
const suggestLimit = 10 * MaxListed

// didYouMean is DidYouMean while the policy has fewer than suggestLimit
// problems: a file with millions of unknown names must not spend minutes
// on suggestions no one sees.
func (v *validator) didYouMean(name string, candidates []string) string {
	if len(v.problems) >= suggestLimit {
		return ""
	}
	return DidYouMean(name, candidates)
}

func (v *validator) add(pos Pos, format string, args ...any) {
	v.problems = append(v.problems, problemAt(pos, false, format, args...))
}

// linter checks a linter name; it reports whether the name is known.
func (v *validator) linter(e Entry) bool {
	if _, ok := v.k.Linters[e.Value]; ok || v.plugins[e.Value] {
		return true
	}
	v.add(e.Pos, "unknown linter %q%s", e.Value, v.didYouMean(e.Value, v.names))
	return false
}

func (v *validator) staticcheckPattern(e Entry) {
	p := strings.TrimPrefix(e.Value, "-")
	if p == "all" || p == "*" {
		return
	}
	if !strings.HasSuffix(p, "*") {
		if !slices.Contains(v.k.StaticcheckChecks, p) {
			v.add(e.Pos, "unknown staticcheck check %q%s", p, v.didYouMean(p, v.k.StaticcheckChecks))
		}
		return
	}
	if len(staticcheckMatches(v.k.StaticcheckChecks, p)) == 0 {
		v.add(e.Pos, "staticcheck check pattern %q matches no check", e.Value)
	}
}

func (v *validator) revivePattern(e Entry) {
	p := strings.TrimPrefix(e.Value, "-")
	if !hasMeta(p) {
		if !slices.Contains(v.k.ReviveRules, p) {
			v.add(e.Pos, "unknown revive rule %q%s", p, v.didYouMean(p, v.k.ReviveRules))
		}
		return
	}
	if !slices.ContainsFunc(v.k.ReviveRules, func(r string) bool { ok, _ := path.Match(p, r); return ok }) {
		v.add(e.Pos, "revive rule pattern %q matches no rule", e.Value)
	}
}

// severityPattern checks the literal parts of a rule pattern: the linter
// before "/" and, for staticcheck and revive, the check after it.
func (v *validator) severityPattern(e Entry) {
	linter, check, hasCheck := strings.Cut(e.Value, "/")
	if hasMeta(linter) {
		return
	}
	if _, ok := v.k.Linters[linter]; !ok && !v.plugins[linter] {
		v.add(e.Pos, "severity: unknown linter %q in %q%s", linter, e.Value, v.didYouMean(linter, v.names))
		return
	}
	if !hasCheck || hasMeta(check) {
		return
	}
	switch linter {
	case "staticcheck":
		checks := v.k.StaticcheckChecks
		if _, ok := v.k.Linters["unused"]; ok {
			// staticcheck/U1000 is the rule golangci-lint's unused reports.
			checks = append(slices.Clip(checks), "U1000")
		}
		if !slices.Contains(checks, check) {
			v.add(e.Pos, "severity: unknown staticcheck check %q in %q%s", check, e.Value, v.didYouMean(check, checks))
		}
	case "revive":
		if !slices.Contains(v.k.ReviveRules, check) {
			v.add(e.Pos, "severity: unknown revive rule %q in %q%s", check, e.Value, v.didYouMean(check, v.k.ReviveRules))
		}
	}
}

// hasMeta reports whether s holds a path.Match metacharacter.
func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[\`) }

// CheckPins compares the policy's pins with the versions this lintgate
// embeds (module versions such as v2.15.0, v0.8.2, v1.17.1, from the
// binary's build info). A staticcheck pin may also be a release name
// (2026.2.2), compared with the release of the linked honnef.co/go/tools
// when staticcheck is that module's version. Each mismatch is a
// violation at the pin.
func (p *Policy) CheckPins(golangci, staticcheck, revive string) []Problem {
	var out []Problem
	check := func(pin Entry, tool, embedded, shown string) {
		if !pin.Pos.IsValid() || pin.Value == embedded {
			return
		}
		out = append(out, problemAt(pin.Pos, true, "policy pins %s %s; this lintgate embeds %s", tool, pin.Value, shown))
	}
	unknown := func(v string) string {
		if v == "" {
			return "an unknown version"
		}
		return v
	}
	check(p.Pins.GolangciLint, ToolGolangciLint, golangci, unknown(golangci))
	if staticcheckReleaseRE.MatchString(p.Pins.Staticcheck.Value) {
		rel, shown := staticcheckRelease(staticcheck), unknown(staticcheck)
		if rel != "" {
			shown = rel + " (" + staticcheck + ")"
		}
		check(p.Pins.Staticcheck, ToolStaticcheck, rel, shown)
	} else {
		check(p.Pins.Staticcheck, ToolStaticcheck, staticcheck, unknown(staticcheck))
	}
	check(p.Pins.Revive, ToolRevive, revive, unknown(revive))
	return SortProblems(out)
}

// staticcheckRelease returns the release name (2026.2.2) of staticcheck
// module version v, when v is the version lintgate links.
func staticcheckRelease(v string) string {
	if v == "v"+scversion.MachineVersion {
		return scversion.Version
	}
	return ""
}
