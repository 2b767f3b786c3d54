// Command bench measures lintgate against the embedded golangci-lint alone
// and against the do-it-yourself workflow of three tools plus a merge, on
// real modules copied out of the module cache. `make bench` runs it.
//
// For every corpus and scenario (cold analysis cache, warm cache, one
// staged file in a warm tree) it runs, side by side and in rotating order:
//
//	a  lintgate run writing SARIF
//	b  the embedded golangci-lint alone, with the effective config lintgate
//	   computes and JSON output: the floor
//	c  golangci-lint without staticcheck and revive, standalone staticcheck
//	   built from the module cache, revive through golangci-lint alone, and
//	   lintgate merge of the three SARIF logs
//
// It reports the median and the min-max spread of the wall time, the peak
// RSS of each command, the findings each one reported, and the ratios a/b
// and c/a; with -update it rewrites the results section of BENCHMARKS.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	lintgate   string
	corpora    []string
	reps       int
	scenarios  []string
	update     string
	work       string
	keep       bool
	sarifBench bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var corpora, scenarios string
	fs.StringVar(&o.lintgate, "lintgate", "bin/lintgate", "the lintgate `binary` to measure")
	fs.StringVar(&corpora, "corpus", "honnef.co/go/tools@v0.8.2,github.com/caddyserver/caddy/v2@v2.11.9", "comma-separated `module@version` list, copied from the module cache (downloaded there when missing)")
	fs.IntVar(&o.reps, "n", 3, "timed runs of each command per scenario")
	fs.StringVar(&scenarios, "scenarios", "cold,warm,staged", "comma-separated subset of cold,warm,staged")
	fs.StringVar(&o.update, "update", "", "rewrite the results section of this markdown `file` (BENCHMARKS.md)")
	fs.StringVar(&o.work, "work", "", "work `dir` (default: a new temporary directory, removed at the end)")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory")
	fs.BoolVar(&o.sarifBench, "sarif", true, "also run the SARIF step benchmark (go test ./sarif -bench Write)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.reps < 1 {
		return o, fmt.Errorf("-n %d: want at least 1", o.reps)
	}
	o.corpora = split(corpora)
	o.scenarios = split(scenarios)
	for _, s := range o.scenarios {
		if s != scenarioCold && s != scenarioWarm && s != scenarioStaged {
			return o, fmt.Errorf("-scenarios: unknown scenario %q (want cold, warm or staged)", s)
		}
	}
	return o, nil
}

func split(s string) []string {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if o.lintgate, err = filepath.Abs(o.lintgate); err != nil {
		return err
	}
	if o.work == "" {
		if o.work, err = os.MkdirTemp("", "lintgate-bench-"); err != nil {
			return err
		}
		if !o.keep {
			defer func() { err = errors.Join(err, os.RemoveAll(o.work)) }()
		}
	}
	logf := func(format string, args ...any) { _, _ = fmt.Fprintf(stderr, format+"\n", args...) } // progress only
	env, err := newEnvironment(ctx, o, logf)
	if err != nil {
		return err
	}
	rep := report{Machine: env.machine}
	for _, c := range o.corpora {
		res, err := benchCorpus(ctx, env, c, o)
		if err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
		rep.Corpora = append(rep.Corpora, res)
	}
	if o.sarifBench {
		logf("SARIF step benchmark")
		if rep.Sarif, err = sarifBenchmark(ctx, env.moduleDir); err != nil {
			return err
		}
	}
	text := rep.markdown()
	if _, err := io.WriteString(stdout, text); err != nil {
		return err
	}
	if o.update != "" {
		return updateSection(o.update, text)
	}
	return nil
}
