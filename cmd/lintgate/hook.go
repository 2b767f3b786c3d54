package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/internal/git"
)

// hookMarker identifies a pre-commit hook lintgate wrote.
const hookMarker = "# lintgate pre-commit hook"

func newHookCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook",
		Short: "Install or remove the git pre-commit hook that runs lintgate run --staged",
	}
	var dir string
	var force bool
	install := &cobra.Command{
		Use:   "install",
		Short: "Write a pre-commit hook that runs lintgate run --staged",
		Long: `Write the pre-commit hook of the repository (core.hooksPath when set) so that
every commit runs "lintgate run --staged": the packages with staged Go files
are linted and the commit stops on findings on the staged lines. The hook
calls this lintgate by its absolute path, falling back to lintgate on PATH
with a clear error when neither exists. A pre-commit hook lintgate did not
write is kept unless --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return installHook(e, cmd, dir, force) },
	}
	install.Flags().BoolVar(&force, "force", false, "replace a pre-commit hook lintgate did not write")
	uninstall := &cobra.Command{
		Use:   "uninstall",
		Short: "Remove the pre-commit hook, if lintgate wrote it",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return uninstallHook(e, cmd, dir) },
	}
	for _, c := range []*cobra.Command{install, uninstall} {
		c.Flags().StringVarP(&dir, "dir", "C", ".", "change to `dir` before doing anything")
		cmd.AddCommand(c)
	}
	return cmd
}

// installHook writes the pre-commit hook, keeping one lintgate did not
// write unless force.
func installHook(e *env, cmd *cobra.Command, dir string, force bool) error {
	path, err := hookPath(cmd, dir)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(path); err == nil && !bytes.Contains(old, []byte(hookMarker)) && !force {
		return usageError("%s exists and was not written by lintgate; use --force to replace it", displayPath(path))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if err := atomicfile.WriteFile(path, hookScript(selfPath()), 0o755); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	_, err = fmt.Fprintf(e.stdout, "wrote %s\n", displayPath(path))
	return err
}

// uninstallHook removes the pre-commit hook if lintgate wrote it.
func uninstallHook(e *env, cmd *cobra.Command, dir string) error {
	path, err := hookPath(cmd, dir)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		_, err = fmt.Fprintf(e.stdout, "no pre-commit hook at %s\n", displayPath(path))
		return err
	}
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if !bytes.Contains(old, []byte(hookMarker)) {
		return usageError("%s was not written by lintgate; left as it is", displayPath(path))
	}
	if err := os.Remove(path); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	_, err = fmt.Fprintf(e.stdout, "removed %s\n", displayPath(path))
	return err
}

// hookPath is the pre-commit hook of the repository dir is in.
func hookPath(cmd *cobra.Command, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", usageError("%v", err)
	}
	repo, err := git.Open(cmd.Context(), abs)
	if err != nil {
		return "", &ExitError{Code: ExitUsage, Err: fmt.Errorf("hook: %w", err)}
	}
	hooks, err := repo.HooksDir(cmd.Context())
	if err != nil {
		return "", &ExitError{Code: ExitUsage, Err: err}
	}
	return filepath.Join(hooks, "pre-commit"), nil
}

// selfPath is how this lintgate was started, as an absolute path: the
// name it was run by is kept (not resolved through links), so a link
// named lintgate stays one.
func selfPath() string {
	if strings.ContainsRune(os.Args[0], filepath.Separator) {
		if abs, err := filepath.Abs(os.Args[0]); err == nil {
			return abs
		}
	}
	if p, err := exec.LookPath(os.Args[0]); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
	}
	if p, err := os.Executable(); err == nil {
		return p
	}
	return "lintgate"
}

// hookScript is the pre-commit hook: run the lintgate at self, or the one
// on PATH when that has moved; when it fails, say how to commit anyway.
func hookScript(self string) []byte {
	q := "'" + strings.ReplaceAll(self, "'", `'\''`) + "'"
	return []byte("#!/bin/sh\n" + hookMarker + ` (written by lintgate hook install; lintgate hook uninstall removes it)
lintgate=` + q + `
if [ ! -x "$lintgate" ]; then
	lintgate=$(command -v lintgate) || {
		echo "lintgate pre-commit hook: lintgate is neither at ` + strings.ReplaceAll(q, `"`, `\"`) + ` nor on PATH; install it and run lintgate hook install again" >&2
		exit 1
	}
fi
status=0
"$lintgate" run --staged --format text || status=$?
if [ "$status" -ne 0 ]; then
	echo "lintgate pre-commit hook: commit stopped (lintgate run --staged exited $status); fix what it reports, or commit without the hook: git commit --no-verify" >&2
fi
exit "$status"
`)
}
