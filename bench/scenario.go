package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/lintgate/lintgate/rules"
)

const (
	scenarioCold   = "cold"
	scenarioWarm   = "warm"
	scenarioStaged = "staged"
)

// The commands compared.
const (
	cmdLintgate = "a"
	cmdGolangci = "b"
	cmdDIY      = "c"
)

const golangciName = "golangci-lint"

var commandNames = map[string]string{
	cmdLintgate: "lintgate run, SARIF",
	cmdGolangci: "embedded golangci-lint alone, JSON",
	cmdDIY:      "golangci-lint + staticcheck + revive + merge",
}

// The do-it-yourself workflow's golangci-lint configs: lintgate's default
// set without staticcheck (run standalone instead) and revive on its own.
// Both go through rules.EffectiveConfig like lintgate's, so no run drops
// findings to golangci-lint's per-linter limits.
const (
	diyGolangciConfig = "version: \"2\"\nlinters:\n  default: standard\n  disable:\n    - staticcheck\n"
	diyReviveConfig   = "version: \"2\"\nlinters:\n  default: none\n  enable:\n    - revive\n"
)

// commands builds the three commands on a corpus; out receives their
// outputs.
type commands struct {
	e       *environment
	c       *corpus
	configs map[string]string // name -> effective config file
	out     string
}

func newCommands(e *environment, c *corpus, dir string) (*commands, error) {
	cs := &commands{e: e, c: c, out: filepath.Join(dir, "out"), configs: map[string]string{}}
	if err := os.MkdirAll(cs.out, 0o755); err != nil {
		return nil, err
	}
	for name, data := range map[string][]byte{
		"lintgate": rules.DefaultGolangciConfig(),
		"diy":      []byte(diyGolangciConfig),
		"revive":   []byte(diyReviveConfig),
	} {
		eff, err := rules.EffectiveConfig(rules.ConfigSource{Path: name + ".yml", Data: data})
		if err != nil {
			return nil, fmt.Errorf("%s config: %w", name, err)
		}
		p := filepath.Join(dir, name+".golangci.yml")
		if err := os.WriteFile(p, eff, 0o644); err != nil {
			return nil, err
		}
		cs.configs[name] = p
	}
	return cs, nil
}

// steps is the process list of command cmd; staged runs only the edited
// package (lintgate finds it itself with --staged).
func (cs *commands) steps(cmd string, staged bool) []step {
	pkgs := "./..."
	if staged {
		pkgs = cs.c.editPkg
	}
	out := func(name string) string { return filepath.Join(cs.out, cmd+"-"+name) }
	// golangci-lint runs as lintgate's child does: the lintgate binary
	// under the name golangci-lint, one process.
	golangci := func(config string, extra ...string) []string {
		args := []string{cs.e.lintgate, "run", "--config=" + config, "--show-stats=false", "--issues-exit-code=0", "--allow-serial-runners"}
		return append(append(args, extra...), pkgs)
	}
	switch cmd {
	case cmdLintgate:
		argv := []string{cs.e.lintgate, "run", "--default-config", "--fail-on", "none", "-q", "-o", out("lintgate.sarif")}
		if staged {
			argv = append(argv, "--staged")
		} else {
			argv = append(argv, pkgs)
		}
		return []step{{argv: argv, dir: cs.c.dir}}
	case cmdGolangci:
		// The exact child command lintgate runs (runner.runOnce).
		return []step{{argv: golangci(cs.configs["lintgate"], "--output.json.path=stdout"), arg0: golangciName, dir: cs.c.dir, stdout: out("golangci.json")}}
	}
	return []step{
		{argv: golangci(cs.configs["diy"], "--output.sarif.path="+out("golangci.sarif")), arg0: golangciName, dir: cs.c.dir},
		{argv: []string{cs.e.staticcheck, "-f", "sarif", pkgs}, dir: cs.c.dir, stdout: out("staticcheck.sarif"), okCodes: []int{0, 1}},
		{argv: golangci(cs.configs["revive"], "--output.sarif.path="+out("revive.sarif")), arg0: golangciName, dir: cs.c.dir},
		{argv: []string{cs.e.lintgate, "merge", "-o", out("merged.sarif"), out("golangci.sarif"), out("staticcheck.sarif"), out("revive.sarif")}, dir: cs.c.dir},
	}
}

// env is the environment additions of command cmd: its own analysis
// caches (golangci-lint's, and staticcheck's under XDG_CACHE_HOME).
func (cs *commands) env(cache string) []string {
	return []string{"GOLANGCI_LINT_CACHE=" + filepath.Join(cache, "golangci-lint"), "XDG_CACHE_HOME=" + filepath.Join(cache, "xdg")}
}

// measure runs command cmd once with its caches under cache.
func (cs *commands) measure(ctx context.Context, cmd, cache string, staged bool) (sample, int, error) {
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return sample{}, 0, err
	}
	steps := cs.steps(cmd, staged)
	for i := range steps {
		steps[i].env = cs.env(cache)
	}
	s, err := runSteps(ctx, cs.e.base, steps)
	if err != nil {
		return s, 0, err
	}
	n, err := cs.findings(cmd)
	return s, n, err
}
