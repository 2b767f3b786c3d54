package main

import (
	"io"
	"strings"
	"testing"

	_ "github.com/lintgate/lintgate/internal/testflags"
)

// TestRunUsage: missing or bad flags are refused before anything is
// read or written (make release passes them all; release/make_test.go
// runs the whole thing).
func TestRunUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{nil, "usage: release -dir DIR"},
		{[]string{"-dir", dir, "-version", "v1.0.0", "-commit", "abc"}, "usage:"},
		{[]string{"-dir", dir, "-version", "v1.0.0", "-commit", "abc", "-time", "yesterday"}, `-time "yesterday": want Unix seconds`},
		{[]string{"-dir", dir, "-version", "v1.0.0", "-commit", "abc", "-time", "1", "-env", "CGO_ENABLED"}, `-env "CGO_ENABLED": want KEY=VALUE`},
		{[]string{"-dir", dir, "-version", "v1.0.0", "-commit", "abc", "-time", "1", "-sign", dir + "/missing"}, "-sign: open"},
		{[]string{"-dir", dir, "-version", "v1.0.0", "-commit", "abc", "-time", "1"}, "no lintgate_<os>_<arch> binary"},
	}
	for _, tt := range tests {
		if err := run(tt.args, io.Discard); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q): %v, want %q", tt.args, err, tt.want)
		}
	}
}
