package sarif

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// syntheticInput is n findings spread over files files of 200 lines in
// documented functions of nine statements, some lines non-ASCII, a
// tenth of the findings with a fix, for measuring the
// SARIF step alone.
func syntheticInput(tb testing.TB, n, files int) Input {
	tb.Helper()
	var src strings.Builder
	src.WriteString("package p\n\n")
	for i := range 198 {
		switch {
		case i%11 == 0: // a function of nine statements, documented
			fmt.Fprintf(&src, "// f%d removes files.\n", i)
		case i%11 == 1:
			fmt.Fprintf(&src, "func f%d() {\n", i)
		case i%11 == 10:
			src.WriteString("}\n")
		case i%7 == 0:
			fmt.Fprintf(&src, "\tx%d := \"ünïcode 😀\"; os.Remove(x%d)\n", i, i)
		default:
			fmt.Fprintf(&src, "\tos.Remove(\"file%d\")\n", i)
		}
	}
	data := []byte(src.String())
	ruleIDs := []string{"errcheck", "staticcheck/SA4006", "revive/exported", "govet/printf"}
	var rs []rules.Rule
	for _, id := range ruleIDs {
		tool, linter, check := rules.ToolGolangciLint, id, ""
		if l, c, ok := strings.Cut(id, "/"); ok {
			linter, check = l, c
			switch l {
			case "staticcheck":
				tool = rules.ToolStaticcheck
			case "revive":
				tool = rules.ToolRevive
			}
		}
		rs = append(rs, rules.Rule{ID: id, Tool: tool, Linter: linter, Check: check, Title: id, Level: finding.LevelWarning})
	}
	cat, err := rules.NewCatalog(rs)
	if err != nil {
		tb.Fatal(err)
	}
	fs := make([]finding.Finding, 0, n)
	for i := range n {
		f := finding.Finding{
			RuleID: ruleIDs[i%len(ruleIDs)], Message: "Error return value of `os.Remove` is not checked",
			Pos: finding.Position{Path: fmt.Sprintf("pkg%d/file%d.go", i%files/50, i%files), Line: 3 + i/files%198, Column: 2},
		}
		r, _ := cat.Lookup(f.RuleID)
		f.Tool = r.Tool
		if i%10 == 0 {
			f.Fixes = []finding.Fix{{Description: "fix", Edits: []finding.Edit{{Start: 20, End: 25, NewText: "_ = "}}}}
		}
		fs = append(fs, f)
	}
	return Input{
		Root: "/src/mod", Findings: fs, Rules: cat, Driver: Tool{Name: "lintgate", Version: "v1.0.0"},
		Extensions: []Tool{{Name: rules.ToolGolangciLint}, {Name: rules.ToolStaticcheck}, {Name: rules.ToolRevive}},
		Success:    true, MaxResults: -1,
		ReadFile: func(string) ([]byte, error) { return data, nil },
	}
}

// BenchmarkWrite100k is the SARIF step for 100,000 findings over 5,000
// files: fingerprints, UTF-16 columns, line hashes, snippets, fixes, and
// the JSON encoding. The target is under a second with memory linear in
// findings (compare the 10k and 100k allocations per finding).
func BenchmarkWrite100k(b *testing.B) { benchmarkWrite(b, 100_000, 5_000) }

// BenchmarkWrite10k is the same at a tenth of the size.
func BenchmarkWrite10k(b *testing.B) { benchmarkWrite(b, 10_000, 500) }

func benchmarkWrite(b *testing.B, n, files int) {
	in := syntheticInput(b, n, files)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/finding")
}

// TestSyntheticInputValid: the benchmark's log is a valid one, so the
// benchmark measures real work.
func TestSyntheticInputValid(t *testing.T) {
	in := syntheticInput(t, 2_000, 100)
	data, _ := buildLog(t, in)
	problems, err := Validate(data)
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
}

// TestSourcesShared: a log built with the Sources the fingerprints were
// computed from reads each file once in all, and its results are the
// same as those of a log that reads them itself.
func TestSourcesShared(t *testing.T) {
	in := syntheticInput(t, 200, 20)
	var reads atomic.Int64
	data, _ := in.ReadFile("")
	in.ReadFile = func(string) ([]byte, error) { reads.Add(1); return data, nil }
	alone := in
	alone.Findings = slices.Clone(in.Findings)
	SetFingerprints(alone.Root, alone.ReadFile, alone.Findings)
	want, _ := buildLog(t, alone)
	if n := reads.Swap(0); n != 40 {
		t.Errorf("fingerprints, then a log of its own: %d reads of 20 files, want 40", n)
	}
	in.Sources = NewSources(in.Root, in.ReadFile)
	in.Sources.SetFingerprints(in.Findings)
	got, _ := buildLog(t, in)
	if n := reads.Load(); n != 20 {
		t.Errorf("shared sources: %d reads of 20 files, want 20", n)
	}
	if !bytes.Equal(got, want) {
		t.Error("the log built with shared sources differs")
	}
}
