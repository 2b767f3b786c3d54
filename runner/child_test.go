package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain makes the test binary a fake golangci-lint under that name, as
// cmd/lintgate's main does with the real one: it waits for its arguments
// exactly as ExecuteGolangci does (awaitArgs), then records that it ran
// by creating the file its first argument names, and prints its
// arguments.
func TestMain(m *testing.M) {
	if IsGolangciName(os.Args[0]) {
		os.Exit(fakeGolangci())
	}
	os.Exit(m.Run())
}

func fakeGolangci() int {
	args, ok := awaitArgs()
	if !ok {
		return ExitNotStarted
	}
	if len(args) < 2 {
		return 2
	}
	if err := os.WriteFile(args[1], []byte("ran\n"), 0o644); err != nil {
		return 3
	}
	wd, _ := os.Getwd()
	_, _ = os.Stdout.WriteString(strings.Join(args[1:], " ") + "\n" + wd + "\n")
	_, _ = os.Stderr.WriteString("WARN fake\n")
	return 7
}

func startTestChild(t *testing.T, dir string) *Child {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c, err := startChild(context.Background(), self, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Cancel)
	return c
}

// TestChildRunsWhenTold: the child started early runs the arguments Run
// hands over, in its directory, with its output and exit code.
func TestChildRunsWhenTold(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	c := startTestChild(t, dir)
	time.Sleep(50 * time.Millisecond) // the child is waiting by now
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the child ran before it got its arguments")
	}
	var out, log bytes.Buffer
	code, err := c.Run(context.Background(), Command{Args: []string{marker, "./..."}, Dir: dir, Stdout: &out, Stderr: &log})
	if err != nil || code != 7 {
		t.Fatalf("Run = %d, %v; want the child's exit code 7", code, err)
	}
	resolved, _ := filepath.EvalSymlinks(dir)
	if got, want := out.String(), marker+" ./...\n"+resolved+"\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if log.String() != "WARN fake\n" {
		t.Errorf("stderr = %q", log.String())
	}
	c.Cancel() // after Run: nothing to do
	if c.cmd.ProcessState == nil || c.cmd.ProcessState.ExitCode() != 7 {
		t.Errorf("process state %v after Cancel; want the run's exit 7", c.cmd.ProcessState)
	}
}

// TestChildCalledOff: a child whose run is called off (a policy
// violation) is ended and reaped having run nothing; one that sees its
// stdin closed exits by itself with ExitNotStarted.
func TestChildCalledOff(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	c := startTestChild(t, dir)
	time.Sleep(100 * time.Millisecond)
	c.Cancel()
	if c.cmd.ProcessState == nil {
		t.Fatal("Cancel returned before reaping the child")
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a cancelled child ran")
	}
	fresh := filepath.Join(t.TempDir(), "ran")
	if _, err := c.Run(context.Background(), Command{Args: []string{fresh}, Dir: dir}); err != nil {
		t.Errorf("Run after Cancel (a fresh process): %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("Run after Cancel did not run a fresh process: %v", err)
	}

	c = startTestChild(t, dir)
	_ = c.stdin.Close()
	err := c.cmd.Wait()
	if code, _ := exitStatus("x", err); code != ExitNotStarted {
		t.Errorf("child with its stdin closed: exit %d (%v); want %d", code, err, ExitNotStarted)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a child whose stdin closed ran")
	}
}

// TestChildOtherDir: a command for another directory does not go to the
// waiting child (which is ended) but to a fresh process.
func TestChildOtherDir(t *testing.T) {
	c := startTestChild(t, t.TempDir())
	other := t.TempDir()
	marker := filepath.Join(other, "ran")
	var out bytes.Buffer
	code, err := c.Run(context.Background(), Command{Args: []string{marker}, Dir: other, Stdout: &out})
	if err != nil || code != 7 {
		t.Fatalf("Run = %d, %v", code, err)
	}
	if c.cmd.ProcessState == nil {
		t.Error("the waiting child was not ended")
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the fresh process did not run: %v", err)
	}
}
