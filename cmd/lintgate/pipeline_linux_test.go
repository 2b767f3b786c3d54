//go:build linux

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestPolicyRefusalEndsTheChild: the golangci-lint child starts before
// the policy is checked; when the policy refuses a plugin, the child is
// ended and reaped having run nothing: no golangci-lint cache, no temp
// config, no log, no child process of ours left, running or zombie.
func TestPolicyRefusalEndsTheChild(t *testing.T) {
	mod := t.TempDir()
	for name, data := range map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.24\n",
		"a.go":   "package a\n",
		".golangci.yml": "version: \"2\"\nlinters:\n  default: none\n  enable: [evil]\n" +
			"  settings:\n    custom:\n      evil:\n        path: evil.so\n",
		"evil.so": "not a plugin: golangci-lint would fail loudly if it tried to load it\n",
	} {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmp, cache := t.TempDir(), filepath.Join(t.TempDir(), "gl-cache")
	t.Setenv("TMPDIR", tmp)
	t.Setenv("GOLANGCI_LINT_CACHE", cache)
	before := childrenOf(t, os.Getpid())
	t.Setenv("CI", "") // no progress lines before the steps
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"run", "-v", "-C", mod, "-o", "out.sarif"}, strings.NewReader(""), &stdout, &stderr)
	if code != ExitPolicy || !strings.Contains(stderr.String(), `custom linter "evil" is configured but`) {
		t.Fatalf("exit %d, stderr:\n%s\nwant exit %d naming the plugin", code, stderr.String(), ExitPolicy)
	}
	// -v reports each step: the child was started before the refusal.
	if !strings.HasPrefix(stderr.String(), "lintgate: start took ") {
		t.Errorf("stderr does not begin with the start step:\n%s", stderr.String())
	}
	// No child of this process is left, running or unreaped (a zombie),
	// that was not there before.
	if left := slices.DeleteFunc(childrenOf(t, os.Getpid()), func(pid int) bool { return slices.Contains(before, pid) }); len(left) > 0 {
		t.Errorf("children left after the refusal: %v", left)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("temp files left: %v", entries)
	}
	for _, p := range []string{cache, filepath.Join(mod, "out.sarif")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s exists: golangci-lint ran or a log was written", p)
		}
	}
}

// childrenOf lists the processes whose parent is pid, zombies included,
// from /proc/PID/stat (the parent is the field after the state, which
// follows the command name in parentheses).
func childrenOf(t *testing.T, pid int) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue // it exited meanwhile
		}
		fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			out = append(out, child)
		}
	}
	return out
}
