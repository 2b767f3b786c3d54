package rules

// Enabled is what a golangci-lint configuration turns on.
type Enabled struct {
	// Linters holds the linters and formatters that run.
	Linters map[string]bool
	// Staticcheck holds the staticcheck checks that run (empty when the
	// staticcheck linter does not).
	Staticcheck map[string]bool
	// Revive holds the revive rules that run (empty when revive does not).
	Revive map[string]bool
}

// EnabledBy computes what cfg turns on, reading it as Enforce does:
// linters.default expanded through k, enable and disable, formatters,
// custom linters, staticcheck's checks and revive's rules. The problems
// are the configuration's own errors.
func EnabledBy(cfg ConfigSource, k Known) (Enabled, []Problem) {
	g, ps := ReadGolangci(cfg)
	if g == nil || len(ps) > 0 {
		return Enabled{Linters: map[string]bool{}, Staticcheck: map[string]bool{}, Revive: map[string]bool{}}, ps
	}
	return g.Enabled(k)
}

// Enabled computes what the configuration turns on (see EnabledBy).
func (g *Golangci) Enabled(k Known) (Enabled, []Problem) {
	e := newEnforcer(&Policy{File: PolicyFile}, g, k, "")
	out := Enabled{Linters: map[string]bool{}, Staticcheck: map[string]bool{}, Revive: map[string]bool{}}
	e.readCustom()
	e.readLinters()
	e.readFormatters()
	for name := range e.enabled {
		out.Linters[name] = true
	}
	if out.Linters["staticcheck"] {
		patterns := k.DefaultStaticcheckChecks
		if checks := g.Config.Linters.Settings.Staticcheck.Checks; checks != nil {
			patterns = checks
		}
		for c := range staticcheckSelect(k.StaticcheckChecks, patterns) {
			out.Staticcheck[c] = true
		}
	}
	if rv, on := e.enabled["revive"]; on {
		for r := range e.reviveRules(rv) {
			out.Revive[r] = true
		}
	}
	return out, SortProblems(e.d.problems)
}

// Plugins returns the custom linters the configuration makes
// golangci-lint load, by name: "goplugin" or "module".
func (g *Golangci) Plugins() map[string]string {
	out := map[string]string{}
	for name, s := range g.Config.Linters.Settings.Custom {
		switch s.Type {
		case "", "goplugin":
			out[name] = "goplugin"
		case "module":
			out[name] = "module"
		}
	}
	return out
}

// RuleOn reports whether the configuration runs rule r: its linter is
// enabled and, for staticcheck and revive, its check or rule is turned on.
func (en Enabled) RuleOn(r Rule) bool {
	switch {
	case !en.Linters[r.Linter]:
		return false
	case r.Linter == "staticcheck" && r.Check != "":
		return en.Staticcheck[r.Check]
	case r.Linter == "revive" && r.Check != "":
		return en.Revive[r.Check]
	}
	return true
}

// AllowsRule reports whether the policy lets rule r run: its linter is
// allowed and, for staticcheck and revive, so is its check or rule.
func (p *Policy) AllowsRule(r Rule, k Known) bool {
	if !p.Linters.Allows(r.Linter) {
		return false
	}
	switch {
	case r.Linter == "staticcheck" && r.Check != "" && p.Staticcheck.Pos.IsValid():
		_, ok := staticcheckSelect(k.StaticcheckChecks, values(p.Staticcheck.Patterns))[r.Check]
		return ok
	case r.Linter == "revive" && r.Check != "" && p.Revive.Pos.IsValid():
		return reviveSelect(k.ReviveRules, p.Revive.Patterns)[r.Check]
	}
	return true
}
