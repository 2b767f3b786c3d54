package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lintgate/lintgate/internal/interrupt"
	"github.com/lintgate/lintgate/runner/internal/prestart"
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
	if len(args) > 2 && args[2] == "hang" {
		time.Sleep(time.Minute)
	}
	wd, _ := os.Getwd()
	_, _ = os.Stdout.WriteString(strings.Join(args[1:], " ") + "\n" + wd + "\n" + os.Getenv("LINTGATE_TEST_HANDOVER") + "\n")
	_, _ = os.Stderr.WriteString("WARN fake\n")
	return 7
}

// childKinds are the two ways a Child comes to be: started by
// StartChild after the parent's initialisation, or started with the
// process (package prestart) and adopted. Every test runs both.
var childKinds = []struct {
	name  string
	start func(t *testing.T, ctx context.Context, dir string) *Child
}{
	{"exec", func(t *testing.T, ctx context.Context, dir string) *Child {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		c, err := startChild(ctx, self, dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Cancel)
		return c
	}},
	{"prestart", func(t *testing.T, ctx context.Context, dir string) *Child {
		c, err := adopt(ctx, *startPrestarted(t), dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Cancel)
		return c
	}},
}

func forEachKind(t *testing.T, test func(t *testing.T, start func(dir string) *Child)) {
	for _, k := range childKinds {
		t.Run(k.name, func(t *testing.T) {
			test(t, func(dir string) *Child { return k.start(t, context.Background(), dir) })
		})
	}
}

// TestChildRunsWhenTold: the child started early runs the arguments Run
// hands over, in its directory, with its output and exit code.
func TestChildRunsWhenTold(t *testing.T) { forEachKind(t, testChildRunsWhenTold) }

func testChildRunsWhenTold(t *testing.T, start func(string) *Child) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	c := start(dir)
	time.Sleep(50 * time.Millisecond) // the child is waiting by now
	// Set after the child started: it gets the environment with its
	// arguments.
	t.Setenv("LINTGATE_TEST_HANDOVER", "at the handover")
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the child ran before it got its arguments")
	}
	var out, log bytes.Buffer
	code, err := c.Run(context.Background(), Command{Args: []string{marker, "./..."}, Dir: dir, Stdout: &out, Stderr: &log})
	if err != nil || code != 7 {
		t.Fatalf("Run = %d, %v; want the child's exit code 7", code, err)
	}
	resolved, _ := filepath.EvalSymlinks(dir)
	if got, want := out.String(), marker+" ./...\n"+resolved+"\nat the handover\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if log.String() != "WARN fake\n" {
		t.Errorf("stderr = %q", log.String())
	}
	c.Cancel() // after Run: nothing to do
	if c.state == nil || c.state.ExitCode() != 7 {
		t.Errorf("process state %v after Cancel; want the run's exit 7", c.state)
	}
}

// TestChildCalledOff: a child whose run is called off (a policy
// violation) is ended and reaped having run nothing; one that sees its
// stdin closed exits by itself with ExitNotStarted.
func TestChildCalledOff(t *testing.T) { forEachKind(t, testChildCalledOff) }

func testChildCalledOff(t *testing.T, start func(string) *Child) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	c := start(dir)
	time.Sleep(100 * time.Millisecond)
	c.Cancel()
	if c.state == nil {
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

	c = start(dir)
	_ = c.stdin.Close()
	st, err := c.reap()
	if code, _ := exitStatus("x", st, err); code != ExitNotStarted {
		t.Errorf("child with its stdin closed: exit %d (%v); want %d", code, err, ExitNotStarted)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a child whose stdin closed ran")
	}
}

// TestChildOtherDir: a command for another directory does not go to the
// waiting child (which is ended) but to a fresh process.
func TestChildOtherDir(t *testing.T) { forEachKind(t, testChildOtherDir) }

func testChildOtherDir(t *testing.T, start func(string) *Child) {
	c := start(t.TempDir())
	other := t.TempDir()
	marker := filepath.Join(other, "ran")
	var out bytes.Buffer
	code, err := c.Run(context.Background(), Command{Args: []string{marker}, Dir: other, Stdout: &out})
	if err != nil || code != 7 {
		t.Fatalf("Run = %d, %v", code, err)
	}
	if c.state == nil {
		t.Error("the waiting child was not ended")
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the fresh process did not run: %v", err)
	}
}

// TestChildInterrupted: a cancelled context ends a running child (its
// process group gets SIGKILL, or the signal that interrupted lintgate)
// long before WaitDelay.
func TestChildInterrupted(t *testing.T) {
	for _, k := range childKinds {
		t.Run(k.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			dir := t.TempDir()
			c := k.start(t, ctx, dir)
			time.AfterFunc(200*time.Millisecond, cancel)
			began := time.Now()
			code, err := c.Run(ctx, Command{Args: []string{filepath.Join(dir, "ran"), "hang"}, Dir: dir})
			if err == nil || code != -1 {
				t.Errorf("Run = %d, %v; want a child ended by a signal", code, err)
			}
			if d := time.Since(began); d > interrupt.WaitDelay/2 {
				t.Errorf("the cancelled child took %s to end", d)
			}
		})
	}
}

// startPrestarted starts this test binary as package prestart starts
// lintgate's child at a process's start.
func startPrestarted(t *testing.T) *prestart.Child {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	pc, err := prestart.Start(self, nil)
	if runtime.GOOS != "linux" {
		t.Skipf("prestart.Start on %s: %v (the exec kind runs)", runtime.GOOS, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return pc
}
