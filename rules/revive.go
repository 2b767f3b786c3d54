package rules

//go:generate go run ./internal/genrevive

import (
	"cmp"
	"slices"

	"github.com/mgechev/revive/config"
	"github.com/mgechev/revive/lint"

	"github.com/lintgate/lintgate/finding"
)

// reviveVersion is the revive release whose documentation HelpURI points
// to; it must match go.mod (TestReviveDocsUpToDate checks it).
const reviveVersion = "v1.17.1"

// reviveHelpBase is revive's rule documentation; the rule name is the
// fragment.
const reviveHelpBase = "https://github.com/mgechev/revive/blob/" + reviveVersion + "/RULES_DESCRIPTIONS.md#"

// reviveDoc is the documentation of one revive rule, generated from
// revive's RULES_DESCRIPTIONS.md into revive_docs.go.
type reviveDoc struct {
	// Title is the first sentence of the description, as plain text.
	Title string
	// Text is the description paragraph as plain text.
	Text string
	// Markdown is the rule's whole section of the documentation.
	Markdown string
}

// ReviveRules returns one rule for every rule revive knows, sorted by id.
// Their level is revive's default severity and Default tells whether
// revive enables the rule when no rules are configured. Titles and
// descriptions come from revive's RULES_DESCRIPTIONS.md (see genrevive).
func ReviveRules() []Rule {
	defaults := map[string]bool{}
	for _, r := range config.DefaultRules() {
		defaults[r.Name()] = true
	}
	level := reviveLevel(config.Default().Severity)
	var out []Rule
	for _, r := range config.AllRules() {
		out = append(out, reviveRule(r.Name(), level, defaults[r.Name()]))
	}
	slices.SortFunc(out, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// reviveRule builds the rule for one revive rule name. A rule missing
// from the generated documentation (revive upgraded without running go
// generate; the tests catch it) still gets a title so the catalog builds.
func reviveRule(name string, level finding.Level, isDefault bool) Rule {
	doc := reviveDocs[name]
	title := doc.Title
	if title == "" {
		title = "revive rule " + name
	}
	tags := []string{"revive"}
	if isDefault {
		tags = append(tags, "default")
	}
	return Rule{
		ID:       "revive/" + name,
		Tool:     ToolRevive,
		Linter:   "revive",
		Check:    name,
		Title:    title,
		Text:     doc.Text,
		Markdown: doc.Markdown,
		HelpURI:  reviveHelpBase + name,
		Level:    level,
		Tags:     tags,
		Default:  isDefault,
	}
}

// reviveLevel maps a revive severity to a SARIF level: revive reports a
// failure as an error only when configured so, otherwise as a warning.
func reviveLevel(s lint.Severity) finding.Level {
	if s == lint.SeverityError {
		return finding.LevelError
	}
	return finding.LevelWarning
}
