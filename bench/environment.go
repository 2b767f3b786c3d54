package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// environment is what every measurement shares: the tools and the
// process environment they run in.
type environment struct {
	lintgate    string // the binary measured
	staticcheck string // standalone staticcheck, built from the module cache
	moduleDir   string // lintgate's own module (for go build and go test)
	modCache    string
	work        string
	base        []string // environment of every measured process
	machine     machine
	logf        func(string, ...any)
}

// machine describes where the numbers were measured.
type machine struct {
	CPU      string
	Cores    int
	Memory   string
	OS       string
	Go       string
	Lintgate string // first line of lintgate version
}

func newEnvironment(ctx context.Context, o options, logf func(string, ...any)) (*environment, error) {
	goenv, err := goEnv(ctx)
	if err != nil {
		return nil, err
	}
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	e := &environment{lintgate: o.lintgate, moduleDir: dir, modCache: goenv["GOMODCACHE"], work: o.work, logf: logf}
	if _, err := os.Stat(o.lintgate); err != nil {
		return nil, fmt.Errorf("-lintgate: %w (make bench builds it)", err)
	}
	// Standalone staticcheck at the version go.mod pins, so (c) runs the
	// same checks as the staticcheck inside golangci-lint.
	e.staticcheck = filepath.Join(o.work, "bin", "staticcheck")
	logf("building staticcheck (the version go.mod pins)")
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", e.staticcheck, "honnef.co/go/tools/cmd/staticcheck")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build staticcheck: %w\n%s", err, out)
	}
	e.base = baseEnv(os.Environ(), goenv["GOCACHE"])
	e.machine = describeMachine(goenv["GOVERSION"])
	out, err := exec.CommandContext(ctx, o.lintgate, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version: %w", o.lintgate, err)
	}
	e.machine.Lintgate = strings.TrimSpace(firstLine(string(out)))
	return e, nil
}

func goEnv(ctx context.Context) (map[string]string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "-json", "GOMODCACHE", "GOCACHE", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(out, &m); err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	return m, nil
}

// baseEnv is the environment of the measured processes: the caller's,
// with the analysis caches removed (each command gets its own), the Go
// build cache named explicitly (so a changed XDG_CACHE_HOME, which moves
// staticcheck's cache, does not move it) and no network: the corpus and
// its dependencies are all in the module cache.
func baseEnv(environ []string, gocache string) []string {
	drop := map[string]bool{"GOLANGCI_LINT_CACHE": true, "XDG_CACHE_HOME": true, "GOCACHE": true, "GOFLAGS": true, "GOPROXY": true, "GOSUMDB": true, "GOTOOLCHAIN": true}
	var env []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	// -mod=mod: a module from the cache may lack go.sum lines for its
	// test dependencies; GOSUMDB=off is safe here because GOPROXY=off
	// means nothing is downloaded.
	return append(env, "GOCACHE="+gocache, "GOFLAGS=-mod=mod -buildvcs=false", "GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local")
}

func describeMachine(goVersion string) machine {
	m := machine{Cores: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, Go: goVersion}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if kb := procField("/proc/meminfo", "MemTotal"); kb != "" {
		var n int64
		if _, err := fmt.Sscanf(kb, "%d kB", &n); err == nil {
			m.Memory = fmt.Sprintf("%.0f GiB", float64(n)/(1<<20))
		}
	}
	return m
}

// procField is the value of the first "key: value" line of a /proc file.
func procField(path, key string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
