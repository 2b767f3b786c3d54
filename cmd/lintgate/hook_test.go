package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHookScriptMoved: when the lintgate the hook names has moved and none
// is on PATH, the hook fails with a message saying what to do.
func TestHookScriptMoved(t *testing.T) {
	dir := t.TempDir()
	hook := filepath.Join(dir, "pre-commit")
	gone := filepath.Join(dir, "it's gone", "lintgate")
	if err := os.WriteFile(hook, hookScript(gone), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", hook)
	cmd.Env = []string{"PATH=" + dir}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("hook: %v, want exit 1\n%s", err, out)
	}
	if want := "lintgate is neither at '" + strings.ReplaceAll(gone, "'", `'\''`) + "' nor on PATH"; !strings.Contains(string(out), want) {
		t.Errorf("hook said %q, want it to contain %q", out, want)
	}
	// With a lintgate on PATH, the hook runs that one.
	fake := filepath.Join(dir, "lintgate")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho ran \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("sh", hook)
	cmd.Env = []string{"PATH=" + dir + ":/usr/bin:/bin"}
	out, err = cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ran run --staged --format text" {
		t.Errorf("hook with lintgate on PATH: %v %q", err, out)
	}
}
