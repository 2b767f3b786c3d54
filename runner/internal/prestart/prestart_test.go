package prestart

import "testing"

func TestLints(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"lintgate", "run"}, true},
		{[]string{"/usr/local/bin/lintgate", "run", "--staged", "-o", "x.sarif", "./..."}, true},
		{[]string{"lintgate", "baseline", "-o", "b.sarif"}, true},
		{[]string{"lintgate", "run", "--", "--help"}, true}, // a package pattern after --
		{[]string{"lintgate"}, false},
		{[]string{"lintgate", "version"}, false},
		{[]string{"lintgate", "snapshot", "verify"}, false},
		{[]string{"lintgate", "run", "--help"}, false},
		{[]string{"lintgate", "run", "-h"}, false},
		{[]string{"lintgate", "--version"}, false},
		{[]string{"golangci-lint", "run"}, false}, // the child itself
		{[]string{`C:\bin\golangci-lint.exe`, "run"}, false},
		{[]string{"/x/golangci-lint", "run"}, false},
		{[]string{"lintgate-golangci-lint", "run"}, true},
	}
	for _, tt := range tests {
		if got := Lints(tt.args); got != tt.want {
			t.Errorf("Lints(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestTake(t *testing.T) {
	if _, ok := Take(); ok {
		t.Fatal("a test binary started a child")
	}
	mu.Lock()
	started = &Child{Pid: 42}
	mu.Unlock()
	if c, ok := Take(); !ok || c.Pid != 42 {
		t.Errorf("Take = %+v, %v", c, ok)
	}
	if _, ok := Take(); ok {
		t.Error("taken twice")
	}
}
