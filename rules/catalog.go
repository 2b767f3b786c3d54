package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/finding"
)

// The tools a rule can belong to: the SARIF tool extensions.
const (
	ToolGolangciLint = "golangci-lint"
	ToolStaticcheck  = "staticcheck"
	ToolRevive       = "revive"
)

// Rule describes one check lintgate can report. All text comes from the
// linters' own libraries.
type Rule struct {
	// ID is the SARIF rule id: "<linter>/<check>" or "<linter>".
	ID string `json:"id"`
	// Tool is the SARIF tool component: golangci-lint, staticcheck or revive.
	Tool string `json:"tool"`
	// Linter is the golangci-lint linter that reports it (staticcheck's
	// U1000 is reported by golangci-lint's "unused").
	Linter string `json:"linter"`
	// Check is the sub-check name, empty for a rule that is a whole linter.
	Check string `json:"check,omitempty"`
	// Title is a one-line plain-text summary.
	Title string `json:"title"`
	// Text is the full plain-text description; Markdown is the same in
	// Markdown. Either may be empty.
	Text     string `json:"text,omitempty"`
	Markdown string `json:"markdown,omitempty"`
	HelpURI  string `json:"helpUri,omitempty"`
	// Level is the default SARIF level.
	Level finding.Level `json:"level"`
	Tags  []string      `json:"tags,omitempty"`
	Since string        `json:"since,omitempty"`
	// Default reports whether the tool enables the rule by default.
	Default bool `json:"default"`
}

// Catalog is the set of rules lintgate can report, indexed by id.
type Catalog struct {
	byID     map[string]Rule
	checks   map[string]map[string]string // linter -> check -> rule id
	byLinter map[string]string            // linter -> rule id of the whole linter
}

// NewCatalog builds a catalog. Two rules with the same id are an error:
// the catalog is generated, so a duplicate is a bug in the generator.
func NewCatalog(sets ...[]Rule) (*Catalog, error) {
	c := &Catalog{byID: map[string]Rule{}, checks: map[string]map[string]string{}, byLinter: map[string]string{}}
	for _, set := range sets {
		for _, r := range set {
			if err := c.add(r); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

func (c *Catalog) add(r Rule) error {
	if r.ID == "" || r.Title == "" || r.Tool == "" || r.Linter == "" {
		return fmt.Errorf("catalog: incomplete rule %+v", r)
	}
	if _, dup := c.byID[r.ID]; dup {
		return fmt.Errorf("catalog: duplicate rule %q", r.ID)
	}
	if r.Level == "" {
		r.Level = finding.LevelWarning
	}
	c.byID[r.ID] = r
	if r.Check == "" {
		if prev, dup := c.byLinter[r.Linter]; dup {
			return fmt.Errorf("catalog: rules %q and %q both cover linter %q", prev, r.ID, r.Linter)
		}
		c.byLinter[r.Linter] = r.ID
	} else {
		m := c.checks[r.Linter]
		if m == nil {
			m = map[string]string{}
			c.checks[r.Linter] = m
		}
		m[r.Check] = r.ID
	}
	return nil
}

// Lookup returns the rule with the given id.
func (c *Catalog) Lookup(id string) (Rule, bool) {
	r, ok := c.byID[id]
	return r, ok
}

// Len returns the number of rules.
func (c *Catalog) Len() int { return len(c.byID) }

// Rules returns every rule sorted by tool, then id.
func (c *Catalog) Rules() []Rule {
	out := make([]Rule, 0, len(c.byID))
	for _, r := range c.byID {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Rule) int {
		return cmp.Or(cmp.Compare(a.Tool, b.Tool), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Classify maps what golangci-lint reports (a linter name and an issue
// text) to a rule and the message without its check prefix.
//
// golangci-lint prefixes the text with the analyzer or rule name when it
// differs from the linter name ("SA4006: this value of x is never used",
// "var-naming: don't use underscores"). A prefix that is a known check of
// that linter selects the rule "<linter>/<check>"; otherwise the rule is
// the linter itself. A linter the catalog does not know (a custom plugin)
// gets a rule synthesized from its name, so every result has a descriptor.
func (c *Catalog) Classify(linter, text string) (Rule, string) {
	if check, msg, ok := strings.Cut(text, ": "); ok && !strings.ContainsAny(check, " \t\n") {
		if id, ok := c.checks[linter][check]; ok {
			return c.byID[id], msg
		}
	}
	if id, ok := c.byLinter[linter]; ok {
		return c.byID[id], text
	}
	return Fallback(linter, ToolGolangciLint, linter), text
}

// Fallback is the rule of an id no catalog knows (a custom plugin's
// linter): a minimal descriptor, so that no result lacks one.
func Fallback(id, tool, linter string) Rule {
	return Rule{
		ID:     id,
		Tool:   cmp.Or(tool, ToolGolangciLint),
		Linter: linter,
		Title:  fmt.Sprintf("Findings of %s", id),
		Level:  finding.LevelWarning,
	}
}
