package runner

// The differential test of the policy check against the engine: for every
// configuration of a corpus, the linters and plugins the policy check
// judges (rules.ReadGolangci, Golangci.Enabled, Golangci.Plugins) are the
// ones the embedded golangci-lint's own loader and linter manager enable,
// for the project's file and for the effective configuration lintgate
// writes from it. A fuzz target mutates key case and structure of the
// same corpus.

import (
	"cmp"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/golangci-lint/v2/pkg/config"
	"github.com/golangci/golangci-lint/v2/pkg/goanalysis"
	"github.com/golangci/golangci-lint/v2/pkg/lint/linter"
	"github.com/golangci/golangci-lint/v2/pkg/lint/lintersdb"
	"github.com/golangci/golangci-lint/v2/pkg/logutils"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/lintgate/lintgate/rules"
)

// judged is what one side says will run: linters and formatters by
// name, and the custom plugins by name and kind.
type judged struct {
	Linters []string
	Plugins map[string]string
}

// policySide is what lintgate's policy check judges.
func policySide(t *testing.T, src rules.ConfigSource) (judged, *rules.Golangci, []rules.Problem) {
	t.Helper()
	k, err := Known()
	if err != nil {
		t.Fatal(err)
	}
	g, ps := rules.ReadGolangci(src)
	if g == nil || len(ps) > 0 {
		return judged{}, g, ps
	}
	en, ps := g.Enabled(k)
	return judged{Linters: slices.Sorted(maps.Keys(en.Linters)), Plugins: g.Plugins()}, g, ps
}

// engineSide loads the file at path as `golangci-lint linters --config
// path` does (commands.lintersCommand.preRunE: config.NewLintersLoader
// with its flags, Load with validation, lintersdb.NewManager) and returns
// what its manager enables. Go plugins are not opened: a builder stands
// in for golangci-lint's two plugin builders, with the same loop over
// linters.settings.custom and the same groups, so that the test neither
// executes plugin code nor needs a custom golangci-lint build.
func engineSide(t *testing.T, path string) (judged, error) {
	t.Helper()
	v := viper.New()
	fs := pflag.NewFlagSet("linters", pflag.ContinueOnError)
	fs.String("default", config.GroupStandard, "")
	fs.StringSlice("enable", nil, "")
	fs.StringSlice("disable", nil, "")
	fs.StringSlice("enable-only", nil, "")
	fs.Bool("fast-only", false, "")
	for flag, key := range map[string]string{"default": "linters.default", "fast-only": "linters.fast-only"} {
		if err := v.BindPFlag(key, fs.Lookup(flag)); err != nil {
			t.Fatal(err)
		}
	}
	log := logutils.NewStderrLog("engine")
	cfg := rules.NewGolangciDefaults() // a fresh process's defaults: earlier loads wrote into NewDefault's
	loader := config.NewLintersLoader(log, v, fs, config.LoaderOptions{Config: path}, cfg, nil)
	if err := loader.Load(config.LoadOptions{Validation: true}); err != nil {
		return judged{}, err
	}
	plugins := &fakePlugins{}
	m, err := lintersdb.NewManager(log, cfg, lintersdb.NewLinterBuilder(), plugins)
	if err != nil {
		return judged{}, err
	}
	enabled, err := m.GetEnabledLintersMap()
	if err != nil {
		return judged{}, err
	}
	delete(enabled, "typecheck") // not a linter; always on
	return judged{Linters: slices.Sorted(maps.Keys(enabled)), Plugins: plugins.kinds}, nil
}

// fakePlugins builds golangci-lint's custom linters as its plugin
// builders do (pkg/lint/lintersdb/builder_plugin_go.go and
// builder_plugin_module.go: type "" or goplugin is a Go plugin, module a
// module plugin, anything else neither; standard group, loads types).
type fakePlugins struct{ kinds map[string]string }

func (b *fakePlugins) Build(cfg *config.Config) ([]*linter.Config, error) {
	b.kinds = map[string]string{}
	var out []*linter.Config
	for name, s := range cfg.Linters.Settings.Custom {
		switch s.Type {
		case "", "goplugin":
			b.kinds[name] = "goplugin"
		case "module":
			b.kinds[name] = "module"
		default:
			continue
		}
		out = append(out, linter.NewConfig(goanalysis.NewLinter(name, s.Description, nil, nil)).
			WithGroups(config.GroupStandard).WithLoadForGoAnalysis())
	}
	return out, nil
}

// agree checks that the policy side and the engine agree on the file
// name holding data, and on the effective configuration written from it.
// It returns false when lintgate refuses the file (then nothing runs and
// there is nothing to compare).
func agree(t *testing.T, name string, data []byte) bool {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	src := rules.ConfigSource{Path: path, Data: data}
	want, g, ps := policySide(t, src)
	if len(ps) > 0 {
		return false
	}
	got, err := engineSide(t, path)
	if err != nil {
		t.Fatalf("lintgate accepts %s but golangci-lint does not load it: %v\n%s", name, err, data)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("%s: policy check and golangci-lint disagree (-policy +engine):\n%s\n%s", name, diff, data)
	}
	eff, err := g.Effective()
	if err != nil {
		t.Fatalf("%s: Effective: %v", name, err)
	}
	effPath := filepath.Join(dir, "effective.yml")
	if err := os.WriteFile(effPath, eff, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err = engineSide(t, effPath)
	if err != nil {
		t.Fatalf("%s: golangci-lint does not load the effective config: %v\n%s", name, err, eff)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("%s: the effective config runs something else (-policy +engine):\n%s\n%s", name, diff, eff)
	}
	return true
}

func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "engine", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in testdata/engine: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = data
	}
	return out
}

// TestPolicyAgreesWithEngine is the differential test over the corpus.
func TestPolicyAgreesWithEngine(t *testing.T) {
	for name, data := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			if !agree(t, configName(name), data) {
				_, _, ps := policySide(t, rules.ConfigSource{Path: name, Data: data})
				t.Fatalf("lintgate refuses a corpus file: %v", ps)
			}
		})
	}
}

// configName is the name golangci-lint would find the file under.
func configName(corpusName string) string {
	return ".golangci" + cmp.Or(filepath.Ext(corpusName), ".yml")
}

// FuzzPolicyAgreesWithEngine mutates the corpus (the case of every key,
// and where a mapping is written: in place, in flow style, or merged in
// with <<) and checks that the policy check and the engine still agree
// on every configuration lintgate accepts. Its seeds run in go test.
func FuzzPolicyAgreesWithEngine(f *testing.F) {
	for _, name := range slices.Sorted(maps.Keys(corpus(f))) {
		for _, seed := range []uint64{0x5eed, 0xdeadbeefcafe, 0x13} {
			f.Add(corpus(f)[name], seed)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		m := &mutator{state: seed | 1}
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
			m.mutate(doc.Content[0])
			if out, err := yaml.Marshal(&doc); err == nil {
				agree(t, ".golangci.yml", out)
			}
			return
		}
		var tbl map[string]any
		if toml.Unmarshal(data, &tbl) == nil {
			m.recaseTOML(tbl)
			if out, err := toml.Marshal(tbl); err == nil {
				agree(t, ".golangci.toml", out)
			}
		}
	})
}

// mutator rewrites a YAML tree from a seed (xorshift).
type mutator struct{ state uint64 }

func (m *mutator) next() uint64 {
	m.state ^= m.state << 13
	m.state ^= m.state >> 7
	m.state ^= m.state << 17
	return m.state
}

func (m *mutator) mutate(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		return // the anchored node is mutated where it is written
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			if c.Value != "<<" {
				c.Value = m.recase(c.Value)
			}
			continue
		}
		m.mutate(c)
		if c.Kind != yaml.MappingNode || n.Kind != yaml.MappingNode || c.Anchor != "" {
			continue
		}
		switch m.next() % 4 {
		case 0:
			c.Style = yaml.FlowStyle
		case 1: // key: {<<: {...}}
			n.Content[i] = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!merge", Value: "<<"}, c,
			}}
		}
	}
}

// recaseTOML recases the keys of a decoded TOML table, at every level.
func (m *mutator) recaseTOML(tbl map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(tbl)) {
		v := tbl[k]
		switch v := v.(type) {
		case map[string]any:
			m.recaseTOML(v)
		case []any:
			for _, e := range v {
				if sub, ok := e.(map[string]any); ok {
					m.recaseTOML(sub)
				}
			}
		}
		delete(tbl, k)
		tbl[m.recase(k)] = v
	}
}

// recase returns s in lower, upper or title case, or with every letter's
// case chosen at random.
func (m *mutator) recase(s string) string {
	switch m.next() % 5 {
	case 0:
		return strings.ToUpper(s)
	case 1:
		return strings.ToLower(s)
	case 2:
		return strings.ToUpper(s[:min(1, len(s))]) + s[min(1, len(s)):]
	case 3:
		b := []byte(s)
		for i := range b {
			if m.next()%2 == 0 {
				b[i] = strings.ToUpper(string(b[i]))[0]
			}
		}
		return string(b)
	}
	return s
}
