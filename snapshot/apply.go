package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"

	"github.com/lintgate/lintgate/internal/buildinfo"
)

// Plan is what apply does to make a machine match a snapshot, through
// the go command only: it runs go commands in the module with the
// snapshot's settings as their environment (never `go env -w`), so that
// the go command switches to the snapshot's Go release (GOTOOLCHAIN,
// which downloads and checksum-verifies the toolchain module) and
// downloads the modules into the module cache, checking them against
// go.sum and the checksum database.
type Plan struct {
	// Root is the module root the go commands run in.
	Root string
	// Env is the environment of every go command (GoEnv).
	Env []EnvVar
	// Toolchain is the Go release GOTOOLCHAIN names.
	Toolchain string
	// Modules are path@version of every module whose content go.sum
	// records: what the module-content check of verify looks for.
	Modules []string
}

// NewPlan plans applying the snapshot to the module in root; local is
// the applied bundle, or nil to use the snapshot's own module proxy.
func NewPlan(s *Statement, root string, local *Local) (Plan, error) {
	env, err := s.Predicate.GoEnv(local)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Root: root, Env: env, Toolchain: env[0].Value}
	for _, m := range s.Predicate.Modules.List {
		if m.Sum == "" || strings.HasPrefix(m.Cache, "ok (local replacement") {
			continue
		}
		v := m.Path + "@" + m.Version
		if _, repl, ok := strings.Cut(m.Version, " => "); ok {
			v = repl // go.sum records the replacement's content
		}
		p.Modules = append(p.Modules, v)
	}
	p.Modules = sortedNonNil(p.Modules)
	return p, nil
}

// Commands are the go commands the plan runs, in order: the toolchain
// switch, the module graph (every go.mod of it, which the build list
// needs), and the download of every module whose content go.sum records.
func (p Plan) Commands() [][]string {
	cmds := [][]string{{"env", "GOVERSION"}, {"list", "-mod=readonly", "-m", "-json", "all"}}
	if len(p.Modules) > 0 {
		cmds = append(cmds, append([]string{"mod", "download", "-json"}, p.Modules...))
	}
	return cmds
}

// Environ is the plan's environment as NAME=value strings.
func (p Plan) Environ() []string {
	var env []string
	for _, v := range p.Env {
		env = append(env, v.Name+"="+v.Value)
	}
	return env
}

// Describe writes what Run would do (apply --dry-run).
func (p Plan) Describe(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "in %s, with the snapshot's environment:\n", p.Root)
	for _, v := range p.Env {
		fmt.Fprintf(&b, "  %s=%s\n", v.Name, shQuote(v.Value))
	}
	why := []string{
		"switches to " + p.Toolchain + ", downloading and checksum-verifying it if needed",
		"fetches the go.mod files of the module graph",
		fmt.Sprintf("downloads the %d modules whose content go.sum records, checked against go.sum", len(p.Modules)),
	}
	for i, c := range p.Commands() {
		if i == 2 {
			c = c[:3]
		}
		fmt.Fprintf(&b, "go %s\n  (%s)\n", strings.Join(c, " "), why[i])
	}
	for _, m := range p.Modules {
		fmt.Fprintf(&b, "  %s\n", m)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Run runs the plan's go commands and checks that the go command now is
// the snapshot's release. It returns the number of modules downloaded.
func (p Plan) Run(ctx context.Context, g Go) (int, error) {
	cmds := p.Commands()
	out, err := g.Run(ctx, p.Root, p.Environ(), cmds[0]...)
	if err != nil {
		return 0, fmt.Errorf("switching to %s: %w", p.Toolchain, err)
	}
	if got := strings.TrimSpace(string(out)); got != p.Toolchain {
		return 0, fmt.Errorf("GOTOOLCHAIN=%s runs %s", p.Toolchain, got)
	}
	if _, err := g.Run(ctx, p.Root, p.Environ(), cmds[1]...); err != nil {
		return 0, fmt.Errorf("loading the module graph: %w", err)
	}
	if len(cmds) < 3 {
		return 0, nil
	}
	out, err = g.Run(ctx, p.Root, p.Environ(), cmds[2]...)
	if derr := downloadErrors(out); derr != nil || err != nil {
		return 0, fmt.Errorf("downloading modules: %w", errors.Join(derr, err))
	}
	return len(p.Modules), nil
}

// downloadErrors collects the Error fields of `go mod download -json`.
func downloadErrors(out []byte) error {
	var errs []error
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var m struct{ Path, Version, Error string }
		if err := dec.Decode(&m); err != nil {
			break
		}
		if m.Error != "" {
			errs = append(errs, fmt.Errorf("%s@%s: %s", m.Path, m.Version, m.Error))
		}
	}
	return errors.Join(errs...)
}

// LintgateHints says what apply cannot change: the lintgate binary
// itself, and the Go it was built with (whose go/types the linters
// type-check with). Each hint says what to install and how.
func (p *Predicate) LintgateHints(now buildinfo.Pinned) []string {
	want := p.Lintgate
	var hints []string
	install := want.Path + "/cmd/lintgate@" + want.Version
	switch {
	case want.Version == now.Lintgate.Version:
	case want.Version == "(devel)" || !semver.IsValid(want.Version):
		rev := want.Build["vcs.revision"]
		if rev == "" {
			rev = "unknown"
		}
		hints = append(hints, fmt.Sprintf("the snapshot was taken by a development build of lintgate (vcs.revision %s); this is %s: build lintgate from that commit (go build ./cmd/lintgate)", rev, now.Lintgate.Version))
	default:
		kind := "release"
		if module.IsPseudoVersion(want.Version) {
			kind = "pseudo-version"
		}
		hints = append(hints, fmt.Sprintf("lintgate is %s, the snapshot's is %s %s: install it with go install %s", now.Lintgate.Version, kind, want.Version, install))
	}
	if tc := p.Toolchain.LintgateGo; tc != "" && tc != now.GoVersion {
		hints = append(hints, fmt.Sprintf("lintgate was built with %s, the snapshot's with %s: rebuild it with GOTOOLCHAIN=%s go install %s", now.GoVersion, tc, tc, install))
	}
	return hints
}
