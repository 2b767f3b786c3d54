//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestProgressInTerminal runs lintgate in a real terminal (tmux): while
// it lints, the pane shows the stage and the time elapsed on one line
// redrawn in place; when it ends, that line is gone and the summary is
// there. tmux is required: the test fails without it (.ci/run installs
// it).
func TestProgressInTerminal(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("tmux is needed to test the progress in a terminal (apt-get install -y tmux): %v", err)
	}
	tmp := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(tmp, "lintgate")
	if err := os.Symlink(self, bin); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(tmp, "run.sh")
	// A cold golangci-lint cache, so that the lint lasts a while.
	body := fmt.Sprintf("cd %q && NO_COLOR=1 CI= TMPDIR=%q GOLANGCI_LINT_CACHE=%q %q run -o %q; echo \"EXIT=$?\"; sleep 600\n",
		filepath.Join(fixturesDir(t), "basic"), tmp, filepath.Join(tmp, "gl-cache"), bin, filepath.Join(tmp, "out.sarif"))
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(tmp, "tmux.sock")
	tm := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		return string(out), err
	}
	if out, err := tm("new-session", "-d", "-x", "200", "-y", "50", "sh "+script); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	defer func() { _, _ = tm("kill-server") }()
	stage := regexp.MustCompile(`lintgate: (starting golangci-lint|loading packages|running linters|writing the log) \d+\.\ds`)
	var seen []string
	var pane string
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(30 * time.Millisecond) {
		pane, _ = tm("capture-pane", "-p")
		if m := stage.FindStringSubmatch(pane); m != nil && (len(seen) == 0 || seen[len(seen)-1] != m[1]) {
			seen = append(seen, m[1])
		}
		if strings.Contains(pane, "EXIT=") {
			break
		}
	}
	if !strings.Contains(pane, "EXIT=1") {
		t.Fatalf("lintgate did not end with exit 1 in 3 minutes; pane:\n%s", pane)
	}
	if !contains(seen, "running linters") {
		t.Errorf("the pane never showed the linters running with the time elapsed; stages seen: %v", seen)
	}
	if stage.MatchString(pane) || strings.Contains(pane, "lintgate: running linters") {
		t.Errorf("the progress line was not erased at the end:\n%s", pane)
	}
	if !strings.Contains(pane, "gate: FAILED") {
		t.Errorf("no summary in the pane:\n%s", pane)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
