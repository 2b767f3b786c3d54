package main

import (
	"bytes"
	"context"
	"time"

	"github.com/lintgate/lintgate/internal/report"
	"github.com/lintgate/lintgate/lint"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/runner"
	"github.com/lintgate/lintgate/sarif"
)

// vcsInfo is the git provenance of a run, read while the lint runs.
type vcsInfo struct {
	vcs    *sarif.VCS
	prefix string
}

// startProvenance reads the provenance in the background when an output
// needs it (four git commands); the channel yields it, or nothing.
func (p outputPlan) startProvenance(ctx context.Context, root string) <-chan vcsInfo {
	c := make(chan vcsInfo, 1)
	if !p.needsProvenance() {
		c <- vcsInfo{}
		return c
	}
	go func() {
		v, prefix := provenance(ctx, root)
		c <- vcsInfo{v, prefix}
	}()
	return c
}

// write renders the report into every planned output and returns the
// gate's exit. read is the source reader the lint used: each file is
// read once for the fingerprints, the SARIF log and the other formats.
func (p outputPlan) write(e *env, dir string, rep *lint.Report, read func(string) ([]byte, error), vcs <-chan vcsInfo, verbose bool) error {
	gate := gateExit(rep.Gate)
	vi := <-vcs // no git process of the lookup outlives an early return
	end := func() {
		if p.endProgress != nil {
			p.endProgress()
		}
	}
	defer end()
	if p.baseline != "" {
		if err := p.writeBaseline(e, dir, rep, exitCode(gate)); err != nil {
			return err
		}
	}
	if p.summaryOnly { // lintgate baseline: the baseline is the output
		end()
		if err := newSummary(rep).print(e.stdout, colorEnabled(e.stdout), false); err != nil {
			return err
		}
		return gate
	}
	var log []byte
	if p.has("sarif") {
		var err error
		if log, err = p.sarifLog(e, rep, read, vi.vcs, exitCode(gate), verbose); err != nil {
			return err
		}
	}
	end() // the costly part is done: the outputs may print
	rin := report.Input{Root: rep.Root, Findings: rep.Findings, Notifications: rep.Notifications, Success: rep.Success, PathPrefix: vi.prefix, ReadFile: read}
	for _, out := range p.outputs {
		if err := p.writeOne(e, dir, out, rep, log, rin); err != nil {
			return err
		}
	}
	if !p.has("text") { // the counts and the verdict, where they do not mix with the output
		if err := newSummary(rep).print(e.stderr, colorEnabled(e.stderr), false); err != nil {
			return err
		}
	}
	return gate
}

// writeBaseline writes the run's log, without absent results, as the
// next baseline.
func (p outputPlan) writeBaseline(e *env, dir string, rep *lint.Report, code int) error {
	in, err := logInput(rep, p.category, code)
	if err != nil {
		return err
	}
	data, err := marshalLog(in)
	if err != nil {
		return &ExitError{Code: ExitTool, Err: err}
	}
	if err := writeOutput(e, dir, p.baseline, data); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return nil
}

// sarifLog builds and encodes the run's SARIF log.
func (p outputPlan) sarifLog(e *env, rep *lint.Report, read func(string) ([]byte, error), vcs *sarif.VCS, code int, verbose bool) ([]byte, error) {
	start := time.Now()
	in, err := logInput(rep, p.category, code)
	if err != nil {
		return nil, err
	}
	in.Absent, in.ReadFile, in.VCS, in.MaxResults = rep.Absent, read, vcs, p.maxResults
	if limit := in.ResultLimit(); limit >= 0 && len(rep.Findings) > limit {
		e.warnf("%s", sarif.TruncationMessage(len(rep.Findings), limit))
	}
	log, err := marshalLog(in)
	if err != nil {
		return nil, &ExitError{Code: ExitTool, Err: err}
	}
	if verbose {
		e.warnf("the SARIF log took %s (%d findings, %d bytes)", time.Since(start).Round(time.Millisecond), len(rep.Findings), len(log))
	}
	return log, nil
}

// writeOne writes one output: the text summary, or a rendered format.
func (p outputPlan) writeOne(e *env, dir string, out output, rep *lint.Report, log []byte, rin report.Input) error {
	w, stream := out.destination(e)
	var data []byte
	switch {
	case out.format == "text" && stream:
		return newSummary(rep).print(w, colorEnabled(w), !p.quiet)
	case out.format == "text":
		var buf bytes.Buffer
		if err := newSummary(rep).print(&buf, false, !p.quiet); err != nil {
			return err
		}
		data = buf.Bytes()
	default:
		var err error
		if data, err = render(out.format, log, rin); err != nil {
			return &ExitError{Code: ExitTool, Err: err}
		}
	}
	if stream {
		_, err := w.Write(data)
		return err
	}
	if err := writeOutput(e, dir, out.path, data); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return nil
}

// logInput is what the SARIF log of a run is made of. The catalog, which
// golangci-lint's findings were classified with, is built by then.
func logInput(rep *lint.Report, category string, code int) (sarif.Input, error) {
	cat, err := runner.Catalog()
	if err != nil {
		return sarif.Input{}, &ExitError{Code: ExitTool, Err: err}
	}
	pins := runner.ReadPins()
	return sarif.Input{
		Root:          rep.Root,
		Findings:      rep.Findings,
		Notifications: rep.Notifications,
		Rules:         cat,
		// The driver's version without its "v" (0.0.0-test): the SARIF
		// Multitool (SARIF2005) wants a version that starts with a digit.
		Driver: sarif.Tool{Name: "lintgate", Version: runner.SemVer(pins.Lintgate.Version), InformationURI: "https://github.com/lintgate/lintgate"},
		Extensions: []sarif.Tool{
			{Name: rules.ToolGolangciLint, Version: pins.GolangciLint.Version, InformationURI: "https://golangci-lint.run"},
			{Name: rules.ToolStaticcheck, Version: pins.Staticcheck.Version, InformationURI: "https://staticcheck.dev"},
			{Name: rules.ToolRevive, Version: pins.Revive.Version, InformationURI: "https://revive.run"},
		},
		Success:  rep.Success,
		ExitCode: code,
		Category: category,
		Sources:  rep.Sources,
	}, nil
}

// marshalLog builds the log and encodes it.
func marshalLog(in sarif.Input) ([]byte, error) {
	var buf bytes.Buffer
	if err := sarif.Write(&buf, in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
