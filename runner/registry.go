package runner

import (
	"bufio"
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/golangci/golangci-lint/v2/pkg/config"
	"github.com/golangci/golangci-lint/v2/pkg/lint/linter"
	"github.com/golangci/golangci-lint/v2/pkg/lint/lintersdb"
	gosecanalyzers "github.com/securego/gosec/v2/analyzers"
	gosecrules "github.com/securego/gosec/v2/rules"
	"golang.org/x/tools/go/analysis"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// Linter describes one linter of the embedded golangci-lint's registry.
type Linter struct {
	Name       string   `json:"name"`
	Desc       string   `json:"desc"`
	URL        string   `json:"url,omitempty"`
	Groups     []string `json:"groups,omitempty"` // standard, fast...
	Since      string   `json:"since,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
	Formatter  bool     `json:"formatter,omitempty"`
	// Analyzers are the go/analysis analyzers of a linter that has more
	// than one (govet's printf, shadow...).
	Analyzers []*analysis.Analyzer `json:"-"`
}

// linterConfigs builds the embedded golangci-lint's linter registry, once
// per process: building it constructs every linter (gci's constructor
// even runs "go env GOMOD"), so Known, Registry and Catalog share one
// build. govet has all its analyzers enabled so they can be listed.
var linterConfigs = sync.OnceValues(func() ([]*linter.Config, error) {
	cfg := config.NewDefault()
	cfg.Linters.Settings.Govet.EnableAll = true
	lcs, err := lintersdb.NewLinterBuilder().Build(cfg)
	if err != nil {
		return nil, fmt.Errorf("golangci-lint registry: %w", err)
	}
	return lcs, nil
})

// Registry returns every linter the embedded golangci-lint knows, sorted
// by name, with all of govet's analyzers enabled so they can be listed.
func Registry() ([]Linter, error) {
	lcs, err := linterConfigs()
	if err != nil {
		return nil, err
	}
	out := make([]Linter, 0, len(lcs))
	for _, lc := range lcs {
		out = append(out, linterOf(lc))
	}
	slices.SortFunc(out, func(a, b Linter) int { return cmp.Compare(a.Name, b.Name) })
	return out, nil
}

func linterOf(lc *linter.Config) Linter {
	l := Linter{
		Name:       lc.Name(),
		Desc:       strings.TrimSpace(lc.Linter.Desc()),
		URL:        lc.OriginalURL,
		Since:      lc.Since,
		Deprecated: lc.IsDeprecated(),
	}
	for g := range lc.Groups {
		l.Groups = append(l.Groups, g)
	}
	slices.Sort(l.Groups)
	if as := analyzersOf(lc.Linter); len(as) > 1 {
		l.Analyzers = as
	}
	return l
}

// analyzersOf reads the analyzers of a goanalysis linter. golangci-lint
// keeps them in an unexported field; the test of Catalog fails loudly if
// its shape changes, rather than the catalog silently losing sub-checks.
func analyzersOf(l linter.Linter) []*analysis.Analyzer {
	v := reflect.ValueOf(l)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("analyzers")
	if !f.IsValid() || f.Type() != reflect.TypeFor[[]*analysis.Analyzer]() {
		return nil
	}
	return *(*[]*analysis.Analyzer)(unsafe.Pointer(f.UnsafeAddr())) //nolint:gosec // reading an unexported field; its type is checked above
}

// Catalog returns the full rule catalog: staticcheck's and revive's rules
// from their libraries, and one rule per golangci-lint linter (or per
// analyzer, for linters made of several) from the registry. It is built
// once per process (the catalog is immutable), so a caller may start
// building it early in a goroutine and have it ready when it is needed.
func Catalog() (*rules.Catalog, error) { return catalog() }

var catalog = sync.OnceValues(buildCatalog)

// buildCatalog builds the catalog from golangciRuleTable, generated from
// the registry by go generate (see RulesTable), not from the registry
// itself: building the registry constructs every linter, CPU time and
// memory a lintgate process should not spend beside its child.
func buildCatalog() (*rules.Catalog, error) {
	return rules.NewCatalog(rules.StaticcheckRules(), rules.ReviveRules(), golangciRuleTable)
}

// RegistryRules are the golangci-lint rules of the catalog built from the
// registry itself, sorted by id: what the generated table holds.
func RegistryRules() ([]rules.Rule, error) {
	reg, err := Registry()
	if err != nil {
		return nil, err
	}
	rs := GolangciRules(reg)
	slices.SortFunc(rs, func(a, b rules.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rs, nil
}

// GolangciRules turns the registry into rules. Linters whose findings
// belong to staticcheck (unused, reported as staticcheck/U1000) are left to
// StaticcheckRules; typecheck is not a linter but load errors.
func GolangciRules(reg []Linter) []rules.Rule {
	var out []rules.Rule
	for _, l := range reg {
		switch l.Name {
		case "unused", "typecheck":
			continue
		}
		base := rules.Rule{
			ID: l.Name, Tool: toolOf(l.Name), Linter: l.Name,
			Title: firstSentence(l.Desc), Text: l.Desc, HelpURI: l.URL,
			Level: finding.LevelWarning, Tags: l.Groups, Since: l.Since,
			Default: slices.Contains(l.Groups, "standard"),
		}
		if l.Deprecated {
			base.Tags = append(slices.Clone(base.Tags), "deprecated")
		}
		out = append(out, base)
		if base.Tool != rules.ToolGolangciLint {
			continue // staticcheck's checks come from its own documentation
		}
		for _, a := range l.Analyzers {
			out = append(out, analyzerRule(base, a))
		}
		if l.Name == "gosec" {
			out = append(out, gosecRules(base)...)
		}
	}
	return out
}

func toolOf(linterName string) string {
	switch linterName {
	case "staticcheck":
		return rules.ToolStaticcheck
	case "revive":
		return rules.ToolRevive
	}
	return rules.ToolGolangciLint
}

func analyzerRule(base rules.Rule, a *analysis.Analyzer) rules.Rule {
	r := base
	r.ID = base.Linter + "/" + a.Name
	r.Check = a.Name
	r.Title = firstSentence(a.Doc)
	r.Text = strings.TrimSpace(a.Doc)
	if a.URL != "" {
		r.HelpURI = a.URL
	}
	return r
}

// gosecRules lists gosec's rules and analyzers (G101...), which gosec's
// golangci-lint wrapper reports as "G104: ...".
func gosecRules(base rules.Rule) []rules.Rule {
	descs := map[string]string{}
	for id, def := range gosecrules.Generate(false).Rules {
		descs[id] = def.Description
	}
	for id, def := range gosecanalyzers.Generate(false).Analyzers {
		descs[id] = def.Description
	}
	out := make([]rules.Rule, 0, len(descs))
	for id, desc := range descs {
		r := base
		r.ID, r.Check, r.Title, r.Text = "gosec/"+id, id, desc, desc
		out = append(out, r)
	}
	return out
}

// firstSentence returns the first line or sentence of a doc string.
func firstSentence(doc string) string {
	sc := bufio.NewScanner(strings.NewReader(strings.TrimSpace(doc)))
	if !sc.Scan() {
		return ""
	}
	line := strings.TrimSpace(sc.Text())
	if i := strings.Index(line, ". "); i > 0 {
		line = line[:i+1]
	}
	return line
}
