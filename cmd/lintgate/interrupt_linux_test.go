//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptEndsTheChild: SIGINT or SIGTERM to lintgate while
// golangci-lint lints is forwarded to the child, which lintgate waits
// for: afterwards no process lintgate started is left (by pid), the temp
// config (by name) is removed, no log is written, and lintgate exits
// 130/143 with one line. The same holds for lintgate golangci-lint.
func TestInterruptEndsTheChild(t *testing.T) {
	basic := filepath.Join(fixturesDir(t), "basic")
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		code int
		args []string
	}{
		{"run/SIGINT", syscall.SIGINT, 130, []string{"run", "-C", basic, "-o", "OUT"}},
		{"run/SIGTERM", syscall.SIGTERM, 143, []string{"run", "-C", basic, "-o", "OUT"}},
		{"golangci-lint/SIGINT", syscall.SIGINT, 130, []string{"golangci-lint", "run", "--output.sarif.path=OUT", "./..."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			out := filepath.Join(tmp, "out.sarif")
			for i, a := range tc.args {
				tc.args[i] = strings.ReplaceAll(a, "OUT", out)
			}
			cmd := selfCommand(t, "lintgate", tc.args...)
			cmd.Dir = basic
			// A cold golangci-lint cache: the lint lasts long enough.
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "GOLANGCI_LINT_CACHE="+filepath.Join(tmp, "gl-cache"), "NO_COLOR=1", "CI=")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			child, temp := awaitLinting(t, cmd.Process.Pid, tmp, tc.args[0] == "run")
			procs := descendants(cmd.Process.Pid)
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Errorf("exit %d (%v), want %d; stderr:\n%s", code, err, tc.code, stderr.String())
			}
			if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "interrupted by ") {
				t.Errorf("stderr is not one line saying the run was interrupted:\n%s", msg)
			}
			if alive(child) {
				t.Errorf("the golangci-lint child %d still runs", child)
			}
			awaitGone(t, procs)
			if temp != "" {
				if _, err := os.Stat(temp); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("temp config %s left behind (%v)", temp, err)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was written (%v)", out, err)
			}
		})
	}
}

// selfCommand runs this test binary as the named command (testscript's
// dispatch by argv[0]).
func selfCommand(t *testing.T, name string, args ...string) *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Args = append([]string{name}, args...)
	return cmd
}

// awaitLinting waits until lintgate's golangci-lint child is at work (it
// has its temp config, when wantTemp, and a child of its own: go list),
// and returns the child's pid and the temp config's name.
func awaitLinting(t *testing.T, pid int, tmp string, wantTemp bool) (int, string) {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		var temp string
		if m, _ := filepath.Glob(filepath.Join(tmp, "lintgate-golangci-*.yml")); len(m) == 1 {
			temp = m[0]
		}
		for _, c := range children(pid) {
			if cmdline(c) == "golangci-lint" && len(children(c)) > 0 && (temp != "" || !wantTemp) {
				return c, temp
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("golangci-lint did not start linting within 2 minutes")
	return 0, ""
}

// children lists the pids of pid's children, from every thread of it.
func children(pid int) []int {
	var out []int
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "children"))
	for _, f := range tasks {
		data, _ := os.ReadFile(f)
		for _, s := range strings.Fields(string(data)) {
			if n, err := strconv.Atoi(s); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

func descendants(pid int) []int {
	var out []int
	for _, c := range children(pid) {
		out = append(out, c)
		out = append(out, descendants(c)...)
	}
	return out
}

// cmdline is argv[0] of pid.
func cmdline(pid int) string {
	data, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	name, _, _ := strings.Cut(string(data), "\x00")
	return name
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	_, rest, _ := strings.Cut(string(data), ") ")
	return !strings.HasPrefix(rest, "Z")
}

// awaitGone fails unless every process in pids has ended within a few
// seconds (golangci-lint's own children are reaped by init once they end).
func awaitGone(t *testing.T, pids []int) {
	deadline := time.Now().Add(5 * time.Second)
	for _, p := range pids {
		for alive(p) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if alive(p) {
			t.Errorf("process %d (%s), started by lintgate, still runs", p, cmdline(p))
		}
	}
}

// TestNoLintNoChild: a lintgate run that ends before it lints (a usage
// error, a directory that is not there, a refused policy) ends the
// golangci-lint child started with it, which ran nothing: once lintgate
// has exited no process of it is left, found by an environment variable
// only this run's processes carry.
func TestNoLintNoChild(t *testing.T) {
	refused := t.TempDir()
	for name, data := range map[string]string{
		"go.mod":        "module example.com/refused\n\ngo 1.26\n",
		"a.go":          "package a\n",
		"lintgate.yml":  "version: 1\nlinters:\n  allow: [errcheck]\n",
		".golangci.yml": "version: \"2\"\nlinters:\n  default: none\n  enable: [gochecknoglobals]\n",
	} {
		if err := os.WriteFile(filepath.Join(refused, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		code int
		args []string
	}{
		{"usage", 2, []string{"run", "--no-such-flag"}},
		{"no directory", 2, []string{"run", "-C", filepath.Join(t.TempDir(), "gone")}},
		{"refused", 3, []string{"run", "-C", refused}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mark := "LINTGATE_TEST_MARK=" + strconv.FormatInt(time.Now().UnixNano(), 36)
			cmd := selfCommand(t, "lintgate", tc.args...)
			cmd.Env = append(os.Environ(), mark, "NO_COLOR=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			_ = cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if left := marked(mark); len(left) > 0 {
				t.Errorf("processes of the run left after it exited: %v", left)
			}
		})
	}
}

// marked lists the live processes whose environment holds kv.
func marked(kv string) []string {
	environs, _ := filepath.Glob("/proc/[0-9]*/environ")
	var out []string
	for _, f := range environs {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
		for _, v := range strings.Split(string(data), "\x00") {
			if v == kv && alive(pid) {
				out = append(out, strconv.Itoa(pid)+" "+cmdline(pid))
			}
		}
	}
	return out
}
