package rules

import (
	"cmp"
	"slices"
	"strings"

	"honnef.co/go/tools/analysis/lint"
	"honnef.co/go/tools/quickfix"
	"honnef.co/go/tools/simple"
	"honnef.co/go/tools/staticcheck"
	"honnef.co/go/tools/stylecheck"
	"honnef.co/go/tools/unused"

	"github.com/lintgate/lintgate/finding"
)

// staticcheckHelpBase is where staticcheck documents its checks; the
// check id is the fragment.
const staticcheckHelpBase = "https://staticcheck.dev/docs/checks/#"

// staticcheckCategories maps a check id's letter prefix to its category
// tag: the analyzer set the check belongs to.
var staticcheckCategories = map[string]string{
	"SA": "correctness",
	"S":  "simple",
	"ST": "style",
	"QF": "quickfix",
	"U":  "unused",
}

// StaticcheckRules returns one rule for every check of staticcheck's
// analyzer sets (staticcheck, simple, stylecheck, quickfix and unused),
// sorted by id. All text comes from the checks' own documentation.
//
// golangci-lint reports every check through its "staticcheck" linter with
// a "<CHECK>: " prefix, except U1000, which its "unused" linter reports
// without a prefix; that rule therefore covers the whole "unused" linter.
func StaticcheckRules() []Rule {
	sets := [][]*lint.Analyzer{
		staticcheck.Analyzers,
		simple.Analyzers,
		stylecheck.Analyzers,
		quickfix.Analyzers,
		{unused.Analyzer},
	}
	var out []Rule
	for _, set := range sets {
		for _, a := range set {
			out = append(out, staticcheckRule(a))
		}
	}
	slices.SortFunc(out, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// staticcheckRule converts one analyzer and its documentation to a rule.
func staticcheckRule(a *lint.Analyzer) Rule {
	check := a.Analyzer.Name
	doc := a.Doc.Compile()
	r := Rule{
		ID:       "staticcheck/" + check,
		Tool:     ToolStaticcheck,
		Linter:   "staticcheck",
		Check:    check,
		Title:    doc.Title,
		Text:     strings.TrimSpace(doc.Format(false)),
		Markdown: strings.TrimSpace(doc.FormatMarkdown(false)),
		HelpURI:  staticcheckHelpBase + check,
		Level:    staticcheckLevel(doc.Severity),
		Tags:     staticcheckTags(check, doc),
		Since:    doc.Since,
		Default:  !doc.NonDefault,
	}
	if check == unused.Analyzer.Analyzer.Name {
		r.Linter = "unused"
		r.Check = ""
	}
	return r
}

// staticcheckLevel maps a check's severity to a SARIF level the way
// staticcheck's own SARIF output does (lintcmd's sarifLevel): a check
// without a configured severity defaults to warning.
func staticcheckLevel(s lint.Severity) finding.Level {
	switch s {
	case lint.SeverityError:
		return finding.LevelError
	case lint.SeverityInfo, lint.SeverityHint:
		return finding.LevelNote
	default: // SeverityNone, SeverityWarning, SeverityDeprecated
		return finding.LevelWarning
	}
}

// staticcheckTags returns the category of a check (from its id's prefix)
// plus "deprecated" for checks that report uses of deprecated identifiers
// and "non-default" for checks staticcheck does not enable by default.
func staticcheckTags(check string, doc *lint.Documentation) []string {
	prefix := strings.TrimRight(check, "0123456789")
	category, ok := staticcheckCategories[prefix]
	if !ok {
		category = strings.ToLower(prefix)
	}
	tags := []string{category}
	if doc.Severity == lint.SeverityDeprecated {
		tags = append(tags, "deprecated")
	}
	if doc.NonDefault {
		tags = append(tags, "non-default")
	}
	return tags
}
