package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
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
	// A lintgate that fails: the hook exits with its code and says how to
	// commit anyway.
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexit 4\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("sh", hook)
	cmd.Env = []string{"PATH=" + dir + ":/usr/bin:/bin"}
	out, err = cmd.CombinedOutput()
	want := "lintgate pre-commit hook: commit stopped (lintgate run --staged exited 4); fix what it reports, or commit without the hook: git commit --no-verify\n"
	if !errors.As(err, &ee) || ee.ExitCode() != 4 || string(out) != want {
		t.Errorf("hook with a failing lintgate: %v %q, want exit 4 and %q", err, out, want)
	}
}

// TestPreCommitHooksFile: every hook the repository offers the pre-commit
// framework runs a lintgate command line that parses (its subcommand and
// flags exist), and the snapshot hook fires on exactly the files a
// snapshot records.
func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
		PassFilenames              *bool `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, h := range hooks {
		ids[h.ID] = h.Entry
		args, ok := strings.CutPrefix(h.Entry, "lintgate ")
		if !ok || h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %s: entry %q, language %q, pass_filenames %v; want a lintgate command, golang, false", h.ID, h.Entry, h.Language, h.PassFilenames)
			continue
		}
		var stdout, stderr strings.Builder
		if code := Main(t.Context(), append(strings.Fields(args), "--help"), strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Errorf("hook %s: lintgate %s --help exits %d: %s", h.ID, args, code, stderr.String())
		}
		if h.ID == "lintgate-snapshot" {
			re := regexp.MustCompile(h.Files)
			for _, name := range []string{"go.mod", "go.sum", "sub/go.work", "lintgate.yml", ".golangci.yml", "a/.golangci.yaml", "lintgate.snapshot.json"} {
				if !re.MatchString(name) {
					t.Errorf("hook %s does not fire on %s", h.ID, name)
				}
			}
			for _, name := range []string{"main.go", "xgo.mod", "go.mod.orig", "docs/lintgate.yml.txt"} {
				if re.MatchString(name) {
					t.Errorf("hook %s fires on %s", h.ID, name)
				}
			}
		}
	}
	want := map[string]string{
		"lintgate":          "lintgate run --staged --format text",
		"lintgate-full":     "lintgate run --format text",
		"lintgate-snapshot": "lintgate snapshot verify",
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
}
