package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestNewProgressModes(t *testing.T) {
	t.Setenv("CI", "")
	for _, tc := range []struct {
		mode  string
		quiet bool
		ci    string
		on    bool
	}{
		{mode: "auto"},                       // a pipe, not CI: nothing
		{mode: "auto", ci: "true", on: true}, // CI: lines
		{mode: "auto", ci: "true", quiet: true},
		{mode: "always", on: true},
		{mode: "always", quiet: true},
		{mode: "never", ci: "true"},
	} {
		t.Setenv("CI", tc.ci)
		p, err := newProgress(&bytes.Buffer{}, tc.mode, tc.quiet)
		if err != nil || (p != nil) != tc.on {
			t.Errorf("newProgress(%q, quiet %v, CI=%q) = %v, %v; want on %v", tc.mode, tc.quiet, tc.ci, p, err, tc.on)
		}
	}
	if _, err := newProgress(&bytes.Buffer{}, "sometimes", false); exitCode(err) != ExitUsage {
		t.Errorf("--progress sometimes: %v, want a usage error", err)
	}
}

// TestProgressLines: not on a terminal, a start line and a heartbeat
// line per interval naming the stage, and nothing after the end.
func TestProgressLines(t *testing.T) {
	var out syncBuffer
	var mu sync.Mutex
	clock := time.Unix(0, 0)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(15 * time.Second) // every reading: 15s later
		return clock
	}
	p := &progress{w: &out, every: 20 * time.Millisecond, now: now}
	p.begin("linting ./...", "starting golangci-lint")
	p.set("running linters")
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(out.String(), "\n") < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	p.end()
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(got) < 3 || got[0] != "lintgate: linting ./...: starting golangci-lint (a line every 20ms until it ends)" ||
		got[1] != "lintgate: still running linters (15s)" || got[2] != "lintgate: still running linters (30s)" {
		t.Errorf("lines:\n%s", out.String())
	}
	n := out.String()
	time.Sleep(50 * time.Millisecond)
	if out.String() != n || strings.Contains(n, "\r") {
		t.Errorf("output after the end, or terminal codes:\n%q", out.String())
	}
}

// TestProgressTerminalLine: on a terminal, one line redrawn in place,
// erased before anything else is printed and at the end.
func TestProgressTerminalLine(t *testing.T) {
	var out syncBuffer
	start := time.Unix(0, 0)
	p := &progress{w: &out, tty: true, every: time.Hour, now: func() time.Time { return start }}
	p.begin("linting ./...", "starting golangci-lint")
	p.set("loading packages")
	p.clear()
	p.set("running linters")
	p.end()
	want := "\r\x1b[Klintgate: starting golangci-lint 0.0s" + "\r\x1b[Klintgate: loading packages 0.0s" + "\r\x1b[K" +
		"\r\x1b[Klintgate: running linters 0.0s" + "\r\x1b[K"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("terminal output (-want +got):\n%s", diff)
	}
}
