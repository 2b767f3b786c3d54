package rules

import (
	"strings"
	"testing"
)

// FuzzReadGolangci: reading a golangci-lint configuration never panics,
// every problem names the file, and a configuration read without
// problems always yields its effective configuration (the proof that it
// decodes to what was judged holds) and reads back without problems.
func FuzzReadGolangci(f *testing.F) {
	for _, seed := range []string{
		fuzzConfig,
		okConfig,
		"version: \"2\"\nLinters: {Default: none, Enable: [gochecknoglobals]}\n",
		"version: \"2\"\nlinters:\n  <<: {default: none, enable: &l [gosec]}\n  disable: *l\n",
		"version: \"2\"\nlinters:\n  settings:\n    Custom:\n      Evil: {Path: /tmp/evil.so}\n",
		"version: \"2\"\nlinters:\n  enable: [a]\n  Enable: [b]\n",
		`{"version": "2", "linters": {"enabel": ["x"]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := ConfigSource{Path: ".golangci.yml", Data: data}
		g, ps := ReadGolangci(src)
		for _, p := range ps {
			if !strings.HasPrefix(p.String(), ".golangci.yml") {
				t.Fatalf("problem without the file name: %q", p)
			}
		}
		if g == nil || len(ps) > 0 {
			return
		}
		eff, err := g.Effective()
		if err != nil {
			t.Fatalf("Effective of a configuration read without problems: %v\n%s", err, data)
		}
		if _, ps := ReadGolangci(ConfigSource{Path: "effective.yml", Data: eff}); len(ps) > 0 {
			t.Fatalf("the effective configuration has problems: %v\n%s", ps, eff)
		}
	})
}
