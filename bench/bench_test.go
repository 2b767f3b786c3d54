package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSummarize(t *testing.T) {
	s := func(secs ...float64) []sample {
		var out []sample
		for i, v := range secs {
			out = append(out, sample{Wall: time.Duration(v * float64(time.Second)), MaxRSS: int64(i + 1), TreePSS: int64(10 - i)})
		}
		return out
	}
	tests := []struct {
		name string
		in   []sample
		want stats
	}{
		{"odd", s(3, 1, 2), stats{Median: 2 * time.Second, Min: time.Second, Max: 3 * time.Second, MaxRSS: 2, TreePSS: 9}},
		{"even", s(4, 1, 2, 3), stats{Median: 2500 * time.Millisecond, Min: time.Second, Max: 4 * time.Second, MaxRSS: 2, TreePSS: 8}},
		{"none", nil, stats{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, summarize(tt.in)); diff != "" {
			t.Errorf("%s: summarize (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestOrderRotates(t *testing.T) {
	firsts := map[string]bool{}
	for i := range 3 {
		o := order(i)
		if len(o) != 3 {
			t.Fatalf("order(%d) = %v", i, o)
		}
		firsts[o[0]] = true
	}
	if len(firsts) != 3 {
		t.Errorf("three runs start with %v; want every command first once", firsts)
	}
}

func TestParseBenchOutput(t *testing.T) {
	out := `goos: linux
BenchmarkWrite100k-2   	       5	1119000000 ns/op	326000000 B/op	 4000123 allocs/op
BenchmarkWrite10k-2    	       5	 110000000 ns/op	 33000000 B/op	  400012 allocs/op
BenchmarkOther-2       	       5	 1 ns/op	 1 B/op	 1 allocs/op
PASS
`
	got, err := parseBenchOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []sarifResult{
		{Name: "BenchmarkWrite100k", Findings: 100_000, Time: 1119 * time.Millisecond, Bytes: 326_000_000, Allocs: 4_000_123},
		{Name: "BenchmarkWrite10k", Findings: 10_000, Time: 110 * time.Millisecond, Bytes: 33_000_000, Allocs: 400_012},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseBenchOutput (-want +got):\n%s", diff)
	}
	if _, err := parseBenchOutput("PASS\n"); err == nil {
		t.Error("parseBenchOutput of no result lines: no error")
	}
}

func TestUpdateSection(t *testing.T) {
	p := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	before := "# Benchmarks\n\nintro\n" + beginMarker + "\nold table\n" + endMarker + "\n\nhow to reproduce\n"
	if err := os.WriteFile(p, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := updateSection(p, "new table\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	want := "# Benchmarks\n\nintro\n" + beginMarker + "\nnew table\n" + endMarker + "\n\nhow to reproduce\n"
	if string(got) != want {
		t.Errorf("after update:\n%s\nwant:\n%s", got, want)
	}
	if err := os.WriteFile(p, []byte("no markers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := updateSection(p, "x")
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("updateSection without markers: %v; want an error naming the file", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "no markers\n" {
		t.Errorf("file changed on error: %q", got)
	}
	// -update names a file that does not exist yet: it is created.
	missing := filepath.Join(t.TempDir(), "NEW.md")
	if err := updateSection(missing, "first table\n"); err != nil {
		t.Fatalf("updateSection on a missing file: %v", err)
	}
	got, _ = os.ReadFile(missing)
	if want := "# Benchmarks\n\n" + beginMarker + "\nfirst table\n" + endMarker + "\n"; string(got) != want {
		t.Errorf("created file:\n%s\nwant:\n%s", got, want)
	}
	if err := updateSection(missing, "second\n"); err != nil {
		t.Fatal(err)
	}
	if got, _ = os.ReadFile(missing); !strings.Contains(string(got), "\nsecond\n") || strings.Contains(string(got), "first") {
		t.Errorf("second update of the created file: %q", got)
	}
}

// TestRunStep runs real processes: the measurement reports the child's
// peak RSS and its stdout, and a failing command names itself and shows
// its stderr.
func TestRunStep(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	s, err := runStep(context.Background(), os.Environ(), step{argv: []string{"/bin/sh", "-c", "echo hello; exec sleep 0.2"}, stdout: out})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); string(got) != "hello\n" {
		t.Errorf("stdout = %q", got)
	}
	if s.Wall < 200*time.Millisecond || s.MaxRSS <= 0 || s.TreePSS <= 0 {
		t.Errorf("sample = %+v; want the wall time of the sleep and a peak RSS and PSS", s)
	}
	_, err = runStep(context.Background(), os.Environ(), step{argv: []string{"/bin/sh", "-c", "echo broken >&2; exit 3"}})
	if err == nil || !strings.Contains(err.Error(), "broken") || !strings.Contains(err.Error(), "/bin/sh") {
		t.Errorf("failing step: %v; want an error with the command and its stderr", err)
	}
	if _, err := runStep(context.Background(), os.Environ(), step{argv: []string{"/bin/sh", "-c", "exit 1"}, okCodes: []int{0, 1}}); err != nil {
		t.Errorf("exit 1 with okCodes {0, 1}: %v", err)
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 90123: "90,123", 1234567: "1,234,567"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%d) = %q; want %q", in, got, want)
		}
	}
}

func TestCopyTree(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	files := map[string]string{
		"go.mod":                   "module m\n",
		"a.go":                     "package m\n\nfunc A() {}\n",
		"a_test.go":                "package m\n",
		"x/y/tagged.go":            "//go:build linux\n\npackage y\n",
		"x/y/y.go":                 "package y\n",
		"x/z/z.go":                 "package z\n",
		"testdata/t/t.go":          "package t\n\n\n\n",
		"_examples/e/e.go":         "package e\n",
		"x/y/testdata/fixture.txt": "data",
	}
	for name, data := range files {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	var c corpus
	if err := copyTree(src, dst, &c); err != nil {
		t.Fatal(err)
	}
	// Lines: a.go 3, a_test.go 1, tagged 3, y.go 1, z.go 1 (testdata and _examples ignored).
	if c.Lines != 9 || c.TestLines != 1 || c.Packages != 3 {
		t.Errorf("counted %d lines, %d in tests, %d packages; want 9, 1, 3", c.Lines, c.TestLines, c.Packages)
	}
	if c.edit != filepath.Join("x", "y", "y.go") || c.editPkg != "./x/y" {
		t.Errorf("edit = %q (%q); want x/y/y.go, the first untagged file two directories deep", c.edit, c.editPkg)
	}
	for name, data := range files {
		got, err := os.ReadFile(filepath.Join(dst, name))
		if err != nil || string(got) != data {
			t.Errorf("%s copied as %q, %v", name, got, err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), []byte("changed"), 0o644); err != nil {
			t.Errorf("copy of %s is not writable: %v", name, err)
		}
	}
}
