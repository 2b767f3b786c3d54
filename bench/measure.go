package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// step is one process of a command.
type step struct {
	argv   []string
	arg0   string // when set, the program's argv[0] (busybox dispatch)
	dir    string
	env    []string // added to the base environment
	stdout string   // file for stdout; "" discards it
	// okCodes are the exit codes that mean success; nil means only 0.
	okCodes []int
}

// sample is one measured run of a command: the steps' wall times added
// up, and the largest peak RSS of any of them.
type sample struct {
	Wall time.Duration
	// MaxRSS is ru_maxrss from wait4, in bytes: the largest resident set
	// of the process or any descendant it waited for (Linux folds the
	// children's maximum in), so for lintgate it is max(parent, child).
	MaxRSS int64
	// TreePSS is the largest sum of the proportional set sizes of the
	// process and its live descendants, sampled every 50 ms: for lintgate
	// it counts the waiting parent on top of its golangci-lint child, but
	// the pages both map from the one binary only once (a sum of RSS
	// would count them twice).
	TreePSS int64
}

// runSteps runs the steps one after the other, as a CI script would.
func runSteps(ctx context.Context, base []string, steps []step) (sample, error) {
	var total sample
	for _, s := range steps {
		one, err := runStep(ctx, base, s)
		if err != nil {
			return total, err
		}
		total.Wall += one.Wall
		total.MaxRSS = max(total.MaxRSS, one.MaxRSS)
		total.TreePSS = max(total.TreePSS, one.TreePSS)
	}
	return total, nil
}

func runStep(ctx context.Context, base []string, s step) (_ sample, err error) {
	cmd := exec.CommandContext(ctx, s.argv[0], s.argv[1:]...)
	if s.arg0 != "" {
		cmd.Args[0] = s.arg0
	}
	cmd.Dir = s.dir
	cmd.Env = append(slices.Clone(base), s.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if s.stdout != "" {
		f, err := os.Create(s.stdout)
		if err != nil {
			return sample{}, err
		}
		defer func() { err = errors.Join(err, f.Close()) }()
		cmd.Stdout = f
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	stop, peak := make(chan struct{}), make(chan int64)
	go func() { peak <- sampleTree(cmd.Process.Pid, stop) }()
	err = cmd.Wait()
	wall := time.Since(start)
	close(stop)
	tree := <-peak
	code := cmd.ProcessState.ExitCode()
	ok := slices.Contains(s.okCodes, code) || (s.okCodes == nil && code == 0)
	if err != nil && !ok || code < 0 {
		return sample{}, fmt.Errorf("%s: %w\n%s", strings.Join(s.argv, " "), err, tail(stderr.Bytes(), 15))
	}
	var rss int64
	if ru, isRusage := cmd.ProcessState.SysUsage().(*syscall.Rusage); isRusage {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return sample{Wall: wall, MaxRSS: rss, TreePSS: tree}, nil
}

// sampleTree samples the summed PSS of pid and its descendants
// until stop is closed, and returns the peak.
func sampleTree(pid int, stop <-chan struct{}) int64 {
	var peak int64
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return peak
		case <-tick.C:
			peak = max(peak, treePSS(pid))
		}
	}
}

// treePSS is the proportional set size of pid and its descendants, in
// bytes. Processes that exit while it looks are skipped.
func treePSS(pid int) int64 {
	total := pss(pid)
	for _, child := range children(pid) {
		total += treePSS(child)
	}
	return total
}

// pss reads the Pss line of /proc/PID/smaps_rollup.
func pss(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "Pss:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}

func children(pid int) []int {
	lists, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var out []int
	for _, l := range lists {
		data, err := os.ReadFile(l)
		if err != nil {
			continue
		}
		for f := range strings.FieldsSeq(string(data)) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// tail is the last n lines of b, for error messages.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
