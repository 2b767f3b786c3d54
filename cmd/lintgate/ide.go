package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/ide"
	"github.com/lintgate/lintgate/rules"
)

type ideOptions struct {
	dir    string
	dryRun bool
}

// ideTargets are the editors lintgate ide exports for.
var ideTargets = []struct {
	name, short, long string
	plan              func(ide.Options) ([]ide.File, error)
}{
	{
		name:  "vscode",
		short: "Write .vscode/settings.json, extensions.json and tasks.json (merged, never clobbered)",
		long: `Make VS Code lint as CI does. vscode-go runs golangci-lint v2 through the
launcher .lintgate/bin/golangci-lint (the golangci-lint embedded in this
lintgate) with the exported configuration .lintgate/golangci.yml on every
save, never with --fast-only; gopls' own staticcheck is turned off so that
it does not report a second, drifting set. .vscode/extensions.json
recommends the Go and SARIF Viewer extensions, and .vscode/tasks.json gets
a "lintgate" task that runs the gate, writes lintgate.sarif and puts the
findings in the Problems view.`,
		plan: ide.VSCode,
	},
	{
		name:  "goland",
		short: "Write .idea/golinter.xml, .idea/watcherTasks.xml and .run/lintgate.run.xml (merged)",
		long: `Make GoLand lint as CI does. The Go Linter plugin (.idea/golinter.xml) runs
the launcher .lintgate/bin/golangci-lint with the exported configuration
.lintgate/golangci.yml, fast mode off; a File Watcher (.idea/watcherTasks.xml)
runs the gate when a .go file is saved, and the shared run configuration
.run/lintgate.run.xml runs it on demand. Both write lintgate.sarif.`,
		plan: ide.GoLand,
	},
}

func newIdeCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ide",
		Short: "Write editor settings that run the pinned linters with the CI configuration",
		Long: `Write VS Code or GoLand settings so that the editor shows what CI will say.

Both write .lintgate/: the launchers (bin/golangci-lint and bin/lintgate,
which run this lintgate binary by its absolute path, with .cmd twins for
Windows) and golangci.yml, the effective configuration lintgate run uses.
.lintgate/ is machine specific and ignores itself; every teammate exports
once, the editor settings can be committed. lintgate run warns when
.lintgate/golangci.yml no longer matches .golangci.yml.

Existing settings are merged, never clobbered: comments, trailing commas
and every key lintgate does not own survive. A second run changes nothing.
--dry-run prints the changes as a unified diff and writes nothing. A file
that does not parse is reported as path:line:col and nothing is written
(exit 2), nor is anything written through a symlink that leads outside the
module.`,
	}
	for _, t := range ideTargets {
		var o ideOptions
		c := &cobra.Command{
			Use:   t.name,
			Short: t.short,
			Long:  t.long,
			Args:  cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error {
				return runIde(e, o, t.plan)
			},
		}
		c.Flags().StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
		c.Flags().BoolVar(&o.dryRun, "dry-run", false, "print what would change as a unified diff; write nothing")
		cmd.AddCommand(c)
	}
	return cmd
}

func runIde(e *env, o ideOptions, plan func(ide.Options) ([]ide.File, error)) error {
	dir, root, src, err := locate(o.dir, "", false)
	if err != nil {
		return err
	}
	// The editor must not run what lintgate run would refuse.
	if _, _, err := enforcePolicy(e, "", dir, root, src); err != nil {
		return err
	}
	config, err := exportedConfig(src, root)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	files, err := plan(ide.Options{Root: root, Lintgate: selfPath(), Config: config, Name: displayPath})
	if err != nil {
		return errorLines(e.stderr, err)
	}
	name := func(f ide.File) string { return displayPath(filepath.Join(root, filepath.FromSlash(f.Path))) }
	for _, f := range files {
		for _, n := range f.Notes {
			e.warnf("%s: %s", name(f), n)
		}
	}
	var out strings.Builder
	for _, f := range files {
		switch {
		case !f.Changed():
			fmt.Fprintf(&out, "unchanged %s\n", name(f))
		case o.dryRun:
			out.WriteString(f.Diff())
		default:
			fmt.Fprintf(&out, "wrote %s\n", name(f))
		}
	}
	if !o.dryRun {
		if err := ide.Write(files); err != nil {
			return &ExitError{Code: ExitUsage, Err: err}
		}
	}
	_, err = io.WriteString(e.stdout, out.String())
	return err
}

// errorLines prints every error joined in err on a line of its own, as
// compilers do, and returns the usage exit.
func errorLines(w io.Writer, err error) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, err := range errs {
		_, _ = fmt.Fprintln(w, err) // nothing better to do if stderr fails
	}
	return &ExitError{Code: ExitUsage}
}

// exportedConfig is the effective configuration as lintgate ide writes
// it: its header names the source relative to the module root, so that
// the bytes do not depend on where the command ran.
func exportedConfig(src rules.ConfigSource, root string) ([]byte, error) {
	if src.Path != "" {
		if rel, err := filepath.Rel(root, src.Path); err == nil && !strings.HasPrefix(rel, "..") {
			src.Display = filepath.ToSlash(rel)
		}
	}
	return rules.EffectiveConfig(src)
}

// warnStaleExport tells the user when the exported configuration the
// editor lints with no longer matches the one lintgate run uses.
func warnStaleExport(e *env, root string, src rules.ConfigSource) {
	path := filepath.Join(root, filepath.FromSlash(ide.ConfigPath))
	old, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	now, cerr := exportedConfig(src, root)
	if err != nil || cerr != nil || !bytes.Equal(old, now) {
		e.warnf("%s is stale: it no longer matches %s, so the editor lints differently; run lintgate ide vscode (or goland) again", displayPath(path), src.Name())
	}
}
