package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

// golangciRules stands in for the golangci-lint linter registry, which
// this package must not link.
var golangciRules = []Rule{
	{ID: "errcheck", Tool: ToolGolangciLint, Linter: "errcheck", Title: "x"},
	{ID: "govet", Tool: ToolGolangciLint, Linter: "govet", Title: "vet"},
	{ID: "govet/printf", Tool: ToolGolangciLint, Linter: "govet", Check: "printf", Title: "printf"},
}

func fullCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := NewCatalog(StaticcheckRules(), ReviveRules(), golangciRules)
	if err != nil {
		t.Fatalf("NewCatalog: %v", err)
	}
	return c
}

func TestNewCatalogErrors(t *testing.T) {
	ok := Rule{ID: "a", Tool: ToolGolangciLint, Linter: "a", Title: "A"}
	tests := []struct {
		name    string
		rules   []Rule
		wantErr string
	}{
		{"duplicate id", []Rule{ok, ok}, `duplicate rule "a"`},
		{"no title", []Rule{{ID: "a", Tool: ToolGolangciLint, Linter: "a"}}, "incomplete rule"},
		{"no id", []Rule{{Tool: ToolGolangciLint, Linter: "a", Title: "A"}}, "incomplete rule"},
		{"no tool", []Rule{{ID: "a", Linter: "a", Title: "A"}}, "incomplete rule"},
		{"no linter", []Rule{{ID: "a", Tool: ToolGolangciLint, Title: "A"}}, "incomplete rule"},
		{
			"two whole-linter rules",
			[]Rule{ok, {ID: "b", Tool: ToolGolangciLint, Linter: "a", Title: "B"}},
			`rules "a" and "b" both cover linter "a"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCatalog(tt.rules)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("NewCatalog() error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestNewCatalog(t *testing.T) {
	sc, rv := StaticcheckRules(), ReviveRules()
	c := fullCatalog(t)
	if want := len(sc) + len(rv) + len(golangciRules); c.Len() != want {
		t.Errorf("Len() = %d, want %d", c.Len(), want)
	}
	if got := len(c.Rules()); got != c.Len() {
		t.Errorf("len(Rules()) = %d, want %d", got, c.Len())
	}
	r, ok := c.Lookup("staticcheck/SA4006")
	if !ok || r.Check != "SA4006" {
		t.Errorf("Lookup(staticcheck/SA4006) = %+v, %v", r, ok)
	}
}

func TestClassify(t *testing.T) {
	c := fullCatalog(t)
	tests := []struct {
		linter, text string
		wantID       string
		wantMsg      string
	}{
		{"staticcheck", "SA4006: this value of x is never used", "staticcheck/SA4006", "this value of x is never used"},
		{"staticcheck", "S1000: should use a simple channel send/receive instead of select with a single case", "staticcheck/S1000", "should use a simple channel send/receive instead of select with a single case"},
		{"staticcheck", "ST1005: error strings should not be capitalized", "staticcheck/ST1005", "error strings should not be capitalized"},
		{"unused", "func f is unused", "staticcheck/U1000", "func f is unused"},
		{"revive", "var-naming: don't use underscores in Go names; var my_x should be myX", "revive/var-naming", "don't use underscores in Go names; var my_x should be myX"},
		{"errcheck", "Error return value of `os.Remove` is not checked", "errcheck", "Error return value of `os.Remove` is not checked"},
		{"errcheck", "not a check: text", "errcheck", "not a check: text"},
		{"govet", "printf: fmt.Sprintf call needs 1 arg but has 2 args", "govet/printf", "fmt.Sprintf call needs 1 arg but has 2 args"},
		// An unknown prefix falls back to the whole-linter rule...
		{"govet", "nosuchcheck: foo", "govet", "nosuchcheck: foo"},
		// ...or, when the linter has none, to a synthesized rule.
		{"staticcheck", "XX9999: foo", "staticcheck", "XX9999: foo"},
		{"revive", "no-such-rule: foo", "revive", "no-such-rule: foo"},
		{"mycustom", "something is off", "mycustom", "something is off"},
		// A check of another linter does not match.
		{"revive", "SA4006: foo", "revive", "SA4006: foo"},
	}
	for _, tt := range tests {
		t.Run(tt.linter+"/"+tt.text, func(t *testing.T) {
			r, msg := c.Classify(tt.linter, tt.text)
			if diff := cmp.Diff([2]string{tt.wantID, tt.wantMsg}, [2]string{r.ID, msg}); diff != "" {
				t.Errorf("Classify(%q, %q) (-want +got):\n%s", tt.linter, tt.text, diff)
			}
			if r.Title == "" || r.Tool == "" || r.Linter == "" || r.Level == "" {
				t.Errorf("Classify(%q, %q) returned incomplete rule %+v", tt.linter, tt.text, r)
			}
			if known, ok := c.Lookup(r.ID); ok && !cmp.Equal(known, r) {
				t.Errorf("Classify returned %+v, catalog has %+v", r, known)
			}
		})
	}
}

func TestClassifySynthesized(t *testing.T) {
	c := fullCatalog(t)
	r, _ := c.Classify("mycustom", "boom")
	want := Rule{ID: "mycustom", Tool: ToolGolangciLint, Linter: "mycustom", Title: r.Title, Level: finding.LevelWarning}
	if diff := cmp.Diff(want, r); diff != "" || r.Title == "" {
		t.Errorf("synthesized rule (-want +got):\n%s", diff)
	}
	if _, ok := c.Lookup("mycustom"); ok {
		t.Error("Classify added the synthesized rule to the catalog")
	}
}

func TestStaticcheckRules(t *testing.T) {
	rules := StaticcheckRules()
	if len(rules) < 150 {
		t.Errorf("StaticcheckRules() returned %d rules, want at least 150", len(rules))
	}
	categories := map[string]string{"SA": "correctness", "S": "simple", "ST": "style", "QF": "quickfix", "U": "unused"}
	for i, r := range rules {
		if i > 0 && rules[i-1].ID >= r.ID {
			t.Errorf("rules not sorted or duplicated: %q before %q", rules[i-1].ID, r.ID)
		}
		check := strings.TrimPrefix(r.ID, "staticcheck/")
		if r.Title == "" || r.Text == "" || r.Markdown == "" || r.Level == "" {
			t.Errorf("rule %q is missing documentation or level: %+v", r.ID, r)
		}
		if want := "https://staticcheck.dev/docs/checks/#" + check; r.HelpURI != want {
			t.Errorf("rule %q: HelpURI %q, want %q", r.ID, r.HelpURI, want)
		}
		if cat := categories[strings.TrimRight(check, "0123456789")]; len(r.Tags) == 0 || r.Tags[0] != cat {
			t.Errorf("rule %q: tags %v, want category %q first", r.ID, r.Tags, cat)
		}
		if r.Default == slices.Contains(r.Tags, "non-default") {
			t.Errorf("rule %q: Default %v but tags %v", r.ID, r.Default, r.Tags)
		}
	}
}

func TestStaticcheckRuleSpotCheck(t *testing.T) {
	byID := map[string]Rule{}
	for _, r := range StaticcheckRules() {
		byID[r.ID] = r
	}
	tests := []struct {
		id, linter, check string
		level             finding.Level
		tags              []string
		isDefault         bool
		markdownHas       string
	}{
		{"staticcheck/SA4006", "staticcheck", "SA4006", finding.LevelWarning, []string{"correctness"}, true, "never read"},
		{"staticcheck/SA5000", "staticcheck", "SA5000", finding.LevelError, []string{"correctness"}, true, "nil map"},
		{"staticcheck/SA1019", "staticcheck", "SA1019", finding.LevelWarning, []string{"correctness", "deprecated"}, true, "deprecated"},
		{"staticcheck/S1000", "staticcheck", "S1000", finding.LevelWarning, []string{"simple"}, true, "Before:"},
		{"staticcheck/ST1000", "staticcheck", "ST1000", finding.LevelWarning, []string{"style", "non-default"}, false, "package comment"},
		{"staticcheck/QF1001", "staticcheck", "QF1001", finding.LevelNote, []string{"quickfix"}, true, "De Morgan"},
		{"staticcheck/U1000", "unused", "", finding.LevelWarning, []string{"unused"}, true, "Unused code"},
	}
	for _, tt := range tests {
		r, ok := byID[tt.id]
		if !ok {
			t.Errorf("no rule %q", tt.id)
			continue
		}
		got := []any{r.Linter, r.Check, r.Level, r.Tags, r.Default}
		want := []any{tt.linter, tt.check, tt.level, tt.tags, tt.isDefault}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: linter, check, level, tags, default (-want +got):\n%s", tt.id, diff)
		}
		if !strings.Contains(r.Markdown, tt.markdownHas) {
			t.Errorf("%s: markdown %q does not contain %q", tt.id, r.Markdown, tt.markdownHas)
		}
	}
}
