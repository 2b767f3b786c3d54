package main

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// sarifResult is one line of the SARIF step's Go benchmark.
type sarifResult struct {
	Name     string
	Findings int
	Time     time.Duration // per op
	Bytes    int64         // allocated per op
	Allocs   int64
}

// sarifFindings is how many findings each benchmark writes
// (sarif/bench_test.go).
var sarifFindings = map[string]int{"BenchmarkWrite100k": 100_000, "BenchmarkWrite10k": 10_000}

// sarifBenchmark runs the SARIF step's Go benchmark in lintgate's module.
func sarifBenchmark(ctx context.Context, moduleDir string) ([]sarifResult, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "./sarif", "-run", "^$", "-bench", "^BenchmarkWrite", "-benchmem", "-benchtime", "5x", "-count", "1")
	cmd.Dir = moduleDir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench: %w\n%s", err, out)
	}
	return parseBenchOutput(string(out))
}

// parseBenchOutput reads the result lines of `go test -bench -benchmem`:
// "BenchmarkWrite100k-2  5  1119000000 ns/op  326000000 B/op  4000000 allocs/op".
func parseBenchOutput(out string) ([]sarifResult, error) {
	var rs []sarifResult
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) < 8 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name, _, _ := strings.Cut(f[0], "-")
		n, ok := sarifFindings[name]
		if !ok {
			continue
		}
		r := sarifResult{Name: name, Findings: n}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark line %q: %w", strings.TrimSpace(line), err)
			}
			switch f[i+1] {
			case "ns/op":
				r.Time = time.Duration(v)
			case "B/op":
				r.Bytes = int64(v)
			case "allocs/op":
				r.Allocs = int64(v)
			}
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("no SARIF benchmark results in:\n%s", out)
	}
	return rs, nil
}
