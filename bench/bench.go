package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// scenarioResult is the samples of every command in one scenario.
type scenarioResult struct {
	Name     string
	Samples  map[string][]sample
	Findings map[string]int // of the last run
}

type corpusResult struct {
	Corpus    *corpus
	Scenarios []scenarioResult
}

// order is the commands in the order of run i: rotated, so no command
// always runs first (or right after another one) and drift in the
// machine's state spreads over all three.
func order(i int) []string {
	all := []string{cmdLintgate, cmdGolangci, cmdDIY}
	k := i % len(all)
	return append(all[k:], all[:k]...)
}

func benchCorpus(ctx context.Context, e *environment, modVersion string, o options) (corpusResult, error) {
	e.logf("%s: copying out of the module cache", modVersion)
	c, err := prepareCorpus(ctx, e, modVersion)
	if err != nil {
		return corpusResult{}, err
	}
	dir := filepath.Join(e.work, "run", filepath.Base(c.dir))
	cs, err := newCommands(e, c, dir)
	if err != nil {
		return corpusResult{}, err
	}
	res := corpusResult{Corpus: c}
	b := &bencher{cs: cs, dir: dir, reps: o.reps, logf: e.logf, module: modVersion}
	for _, sc := range o.scenarios {
		var r scenarioResult
		switch sc {
		case scenarioCold:
			r, err = b.cold(ctx)
		case scenarioWarm:
			r, err = b.warm(ctx)
		case scenarioStaged:
			r, err = b.staged(ctx)
		}
		if err != nil {
			return res, fmt.Errorf("%s scenario: %w", sc, err)
		}
		res.Scenarios = append(res.Scenarios, r)
	}
	return res, nil
}

type bencher struct {
	cs     *commands
	dir    string
	reps   int
	module string
	logf   func(string, ...any)
	warmed bool
}

func (b *bencher) record(r *scenarioResult, cmd string, s sample, n int) {
	if r.Samples == nil {
		r.Samples, r.Findings = map[string][]sample{}, map[string]int{}
	}
	r.Samples[cmd] = append(r.Samples[cmd], s)
	r.Findings[cmd] = n
	b.logf("%s %s %s: %.2fs, peak RSS %s, %d findings", b.module, r.Name, cmd, s.Wall.Seconds(), mib(s.MaxRSS), n)
}

// cold runs every command with fresh analysis caches (the Go build cache
// stays warm). One untimed run first fills the go command's caches for
// the corpus, so that the first measured run does not pay for them.
func (b *bencher) cold(ctx context.Context) (scenarioResult, error) {
	r := scenarioResult{Name: scenarioCold}
	prime := filepath.Join(b.dir, "cache", "prime")
	b.logf("%s priming the go command's caches", b.module)
	if _, _, err := b.cs.measure(ctx, cmdGolangci, prime, false); err != nil {
		return r, err
	}
	if err := os.RemoveAll(prime); err != nil {
		return r, err
	}
	for i := range b.reps {
		for _, cmd := range order(i) {
			cache := filepath.Join(b.dir, "cache", "cold-"+cmd)
			if err := os.RemoveAll(cache); err != nil {
				return r, err
			}
			s, n, err := b.cs.measure(ctx, cmd, cache, false)
			if err != nil {
				return r, err
			}
			b.record(&r, cmd, s, n)
			if err := os.RemoveAll(cache); err != nil {
				return r, err
			}
		}
	}
	return r, nil
}

func (b *bencher) warmCache(cmd string) string { return filepath.Join(b.dir, "cache", "warm-"+cmd) }

// warmUp fills every command's warm cache with one untimed run.
func (b *bencher) warmUp(ctx context.Context) error {
	if b.warmed {
		return nil
	}
	for _, cmd := range order(0) {
		b.logf("%s warming %s", b.module, cmd)
		if _, _, err := b.cs.measure(ctx, cmd, b.warmCache(cmd), false); err != nil {
			return err
		}
	}
	b.warmed = true
	return nil
}

// warm runs every command again over an unchanged tree.
func (b *bencher) warm(ctx context.Context) (scenarioResult, error) {
	r := scenarioResult{Name: scenarioWarm}
	if err := b.warmUp(ctx); err != nil {
		return r, err
	}
	for i := range b.reps {
		for _, cmd := range order(i) {
			s, n, err := b.cs.measure(ctx, cmd, b.warmCache(cmd), false)
			if err != nil {
				return r, err
			}
			b.record(&r, cmd, s, n)
		}
	}
	return r, nil
}

// staged changes one file of a warm tree and stages it, a new change for
// every run, and lints what a pre-commit hook would: lintgate with
// --staged, the others on the changed package.
func (b *bencher) staged(ctx context.Context) (r scenarioResult, err error) {
	r = scenarioResult{Name: scenarioStaged}
	if err := b.warmUp(ctx); err != nil {
		return r, err
	}
	defer func() {
		if rerr := b.cs.c.restore(ctx); err == nil {
			err = rerr
		}
	}()
	for i := range b.reps {
		if err := b.cs.c.stageEdit(ctx, i); err != nil {
			return r, err
		}
		for _, cmd := range order(i) {
			s, n, err := b.cs.measure(ctx, cmd, b.warmCache(cmd), true)
			if err != nil {
				return r, err
			}
			b.record(&r, cmd, s, n)
		}
	}
	return r, nil
}

// findings counts what command cmd reported in its last run: results in
// the SARIF logs, issues in golangci-lint's JSON.
func (cs *commands) findings(cmd string) (int, error) {
	switch cmd {
	case cmdLintgate:
		return sarifResults(filepath.Join(cs.out, cmd+"-lintgate.sarif"))
	case cmdGolangci:
		data, err := os.ReadFile(filepath.Join(cs.out, cmd+"-golangci.json"))
		if err != nil {
			return 0, err
		}
		var out struct{ Issues []json.RawMessage }
		if err := json.Unmarshal(data, &out); err != nil {
			return 0, fmt.Errorf("golangci-lint JSON: %w", err)
		}
		return len(out.Issues), nil
	}
	return sarifResults(filepath.Join(cs.out, cmd+"-merged.sarif"))
}

func sarifResults(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var log struct {
		Runs []struct{ Results []json.RawMessage }
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	n := 0
	for _, r := range log.Runs {
		n += len(r.Results)
	}
	return n, nil
}
