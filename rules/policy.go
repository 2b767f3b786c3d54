package rules

import (
	"path"
	"strings"

	"github.com/lintgate/lintgate/finding"
)

// PolicyFile is the name of the policy file in the module root.
const PolicyFile = "lintgate.yml"

// Policy is a parsed lintgate.yml: which linters, plugins, staticcheck
// checks and revive rules may run, the versions the team expects, severity
// overrides, the gate and output defaults. Every value keeps the position
// it was written at, so that violations can cite it ("lintgate.yml:3:3").
//
// The format, decoded strictly (unknown keys, wrong types, duplicate keys
// and duplicate list entries are errors, and every problem is reported
// with file:line:col):
//
//	version: 1                 # required; only 1 exists
//	linters:
//	  # golangci-lint linter and formatter names that may be enabled.
//	  # Absent: every built-in linter may be enabled. [] allows none.
//	  allow: [errcheck, govet, staticcheck, unused, revive, gofmt]
//	  # Linters (or formatters, or allowed plugins) that must be enabled;
//	  # each must also be allowed.
//	  require: [staticcheck, govet]
//	plugins:
//	  # Custom linters (linters.settings.custom.<name> in .golangci.yml)
//	  # that may be loaded. Absent or empty: none may. A plugin is code
//	  # that runs on every machine, so each is pinned.
//	  allow:
//	    - name: mylinter                 # Go plugin (type: goplugin):
//	      path: tools/mylinter.so        # path relative to the module root
//	      sha256: 3b1f...                # 64 lowercase hex digits
//	    - name: other                    # module plugin (type: module):
//	      module: example.com/other/linter
//	      version: v1.2.3                # a semantic version, or instead
//	                                     # path: the local module directory
//	staticcheck:
//	  # staticcheck checks that may be turned on, in staticcheck's own
//	  # syntax: "all" or "*", a category glob ("S*" is S1000 but not
//	  # SA1000), a prefix glob ("SA1*"), a check id, and "-" to exclude;
//	  # later entries win. Absent section: every check may.
//	  checks: ["SA*", "S1*", "ST1000", "QF*"]
//	revive:
//	  # revive rules that may be turned on: names or path.Match globs,
//	  # "-" to exclude, later entries win. Absent section: every rule may.
//	  rules: ["*", "-add-constant"]
//	pins:                      # optional: the versions this lintgate must embed
//	  golangci-lint: v2.15.0
//	  staticcheck: v0.8.2      # honnef.co/go/tools module version, or the
//	                           # release name (2026.2.2)
//	  revive: v1.17.1
//	severity:                  # rule pattern -> error, warning, note or none
//	  "staticcheck/SA*": error
//	  "revive/*": note
//	  errcheck: warning
//	gate:
//	  fail-on: warning         # error, warning, note or none
//	  baseline: lintgate.baseline.sarif
//	  new-only: true
//	output:
//	  sarif: lintgate.sarif
//	  category: lintgate/
//
// A rule pattern is a rule id (staticcheck/SA4006, govet/printf, errcheck)
// or a path.Match glob over rule ids; "*" does not cross "/", so
// "staticcheck/*" is every staticcheck rule and "*" every rule without a
// check part. When several patterns match, the most specific wins (see
// Level).
//
// staticcheck.checks covers golangci-lint's staticcheck linter; U1000 is
// the unused linter, allowed through linters.allow. The sub-checks of
// other linters (govet analyzers, gosec rules, gocritic checks) are not
// restricted: allowing a linter allows all of its checks.
//
// A policy is used in three steps: Validate checks its names against what
// lintgate knows, CheckPins its pins against the embedded versions, and
// Enforce checks a golangci-lint configuration against it.
type Policy struct {
	// File is the name the policy was read from, used in messages.
	File string
	// Version is the format version (1); VersionPos locates it.
	Version    int
	VersionPos Pos
	Linters    LinterRules
	Plugins    PluginRules
	// Staticcheck holds staticcheck.checks.
	Staticcheck PatternList
	// Revive holds revive.rules.
	Revive   PatternList
	Pins     Pins
	Severity []SeverityRule
	Gate     Gate
	Output   Output
}

// Entry is a scalar written in the policy and where it was written. Pos
// is invalid (Line 0) when the value is absent.
type Entry struct {
	Value string
	Pos   Pos
}

// LinterRules is the linters section.
type LinterRules struct {
	// Allow lists the linters and formatters that may be enabled; AllowPos
	// is the position of the allow key, invalid when the key is absent
	// (every built-in linter may then be enabled).
	Allow    []Entry
	AllowPos Pos
	// Require lists the linters that must be enabled.
	Require    []Entry
	RequirePos Pos
}

// Allows reports whether the policy lets linter name be enabled.
func (r LinterRules) Allows(name string) bool {
	return !r.AllowPos.IsValid() || containsEntry(r.Allow, name)
}

// PluginRules is the plugins section.
type PluginRules struct {
	Allow []Plugin
	// AllowPos is the position of the allow key, invalid when absent (no
	// plugin may then be loaded).
	AllowPos Pos
}

// Lookup returns the allowed plugin with the given name.
func (r PluginRules) Lookup(name string) (Plugin, bool) {
	for _, p := range r.Allow {
		// golangci-lint reads custom linter names lower-cased (viper
		// folds keys), so the policy's spelling cannot matter either.
		if strings.EqualFold(p.Name.Value, name) {
			return p, true
		}
	}
	return Plugin{}, false
}

// Plugin is one entry of plugins.allow: a Go plugin (Path and SHA256) or
// a module plugin (Module with Version or a local module Path).
type Plugin struct {
	// Pos is the position of the list entry.
	Pos     Pos
	Name    Entry
	Module  Entry
	Version Entry
	Path    Entry
	SHA256  Entry
}

// IsModule reports whether the entry allows a module plugin.
func (p Plugin) IsModule() bool { return p.Module.Pos.IsValid() }

// PatternList is a list of check or rule patterns (staticcheck.checks,
// revive.rules). Pos is the position of the list's key, invalid when the
// section is absent: everything is then allowed.
type PatternList struct {
	Patterns []Entry
	Pos      Pos
}

// Pins are the versions the policy expects lintgate to embed; absent pins
// have an invalid Pos.
type Pins struct {
	GolangciLint Entry
	Staticcheck  Entry
	Revive       Entry
}

// SeverityRule maps the rules matching Pattern to Level.
type SeverityRule struct {
	Pattern  Entry
	Level    finding.Level
	LevelPos Pos
}

// Gate is the gate section. Absent values keep their zero value and an
// invalid Pos; the command applies its defaults.
type Gate struct {
	FailOn     finding.Level
	FailOnPos  Pos
	Baseline   Entry
	NewOnly    bool
	NewOnlyPos Pos
}

// Output is the output section.
type Output struct {
	SARIF    Entry
	Category Entry
}

// Level returns the level the policy gives rule ruleID, or def when no
// severity pattern matches it. When several match, the most specific
// wins: an exact id beats any glob, then the longer literal prefix (the
// text before the first metacharacter), then the pattern with more
// literal characters, then the one written first.
func (p *Policy) Level(ruleID string, def finding.Level) finding.Level {
	best := -1
	var bestScore [3]int
	for i, r := range p.Severity {
		if ok, err := path.Match(r.Pattern.Value, ruleID); err != nil || !ok {
			continue
		}
		if s := specificity(r.Pattern.Value); best < 0 || compareScores(s, bestScore) > 0 {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return def
	}
	return p.Severity[best].Level
}

// specificity scores a pattern: exact (1 or 0), literal prefix length,
// number of literal characters.
func specificity(pattern string) [3]int {
	const meta = `*?[\`
	prefix := strings.IndexAny(pattern, meta)
	if prefix < 0 {
		return [3]int{1, len(pattern), len(pattern)}
	}
	literal := 0
	for _, r := range pattern {
		if !strings.ContainsRune(meta+"]", r) {
			literal++
		}
	}
	return [3]int{0, prefix, literal}
}

func compareScores(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return 0
}

func containsEntry(es []Entry, v string) bool {
	for _, e := range es {
		if e.Value == v {
			return true
		}
	}
	return false
}
