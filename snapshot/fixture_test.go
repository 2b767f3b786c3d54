package snapshot

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/dirhash"

	"github.com/lintgate/lintgate/internal/buildinfo"
	"github.com/lintgate/lintgate/internal/sumdbtest"
	_ "github.com/lintgate/lintgate/internal/testflags"
)

const (
	depPath  = "example.com/dep"
	depKey   = "modules.example.com/dep@v1.0.0"
	depGoMod = "module example.com/dep\n\ngo 1.21\n"
)

// fixture is a main module requiring example.com/dep v1.0.0 and a module
// cache in a temporary directory that holds it, with go.sum lines
// computed by dirhash: no network, no real module cache.
type fixture struct {
	root, cache string
	exe         string
	configs     []Config
	build       buildinfo.Pinned
	// db is the checksum database GOSUMDB names: it holds the go.sum
	// lines of the fixture and this GOROOT's toolchain line.
	db *sumdbtest.Server
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	tmp := t.TempDir()
	f := &fixture{root: filepath.Join(tmp, "main"), cache: filepath.Join(tmp, "modcache"), exe: filepath.Join(tmp, "lintgate")}
	dep := filepath.Join(f.cache, "example.com", "dep@v1.0.0")
	write(t, filepath.Join(dep, "go.mod"), depGoMod)
	write(t, filepath.Join(dep, "dep.go"), "// Package dep is a dependency.\npackage dep\n\n// V is a value.\nconst V = 1\n")
	write(t, filepath.Join(f.cache, "cache", "download", "example.com", "dep", "@v", "v1.0.0.mod"), depGoMod)
	write(t, filepath.Join(f.cache, "cache", "download", "example.com", "dep", "@v", "v1.0.0.info"), `{"Version":"v1.0.0"}`)
	sum, err := dirhash.HashDir(dep, depPath+"@v1.0.0", dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	modSum, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return os.Open(filepath.Join(dep, "go.mod")) })
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(f.root, "go.mod"), "module example.com/main\n\ngo 1.26\n\nrequire example.com/dep v1.0.0\n")
	goSum := depPath + " v1.0.0 " + sum + "\n" + depPath + " v1.0.0/go.mod " + modSum + "\n"
	write(t, filepath.Join(f.root, "go.sum"), goSum)
	f.db = serveSumDB(t, goSum+toolchainLine(t))
	write(t, filepath.Join(f.root, "main.go"), "package main\n\nimport _ \"example.com/dep\"\n\nfunc main() {}\n")
	write(t, f.exe, "a lintgate binary")
	f.configs = []Config{{Name: ".golangci.yml", Data: []byte("version: \"2\"\n"), File: true}, {Name: "lintgate.yml", File: true}, {Name: "effective", Data: []byte("effective\n")}}
	f.build = buildinfo.FromBuildInfo(&debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: buildinfo.LintgateModule, Version: "v1.0.0", Sum: "h1:lintgate"},
		Deps:      []*debug.Module{{Path: buildinfo.GolangciLintModule, Version: "v2.15.0", Sum: "h1:golangci"}},
		Settings:  []debug.BuildSetting{{Key: "-trimpath", Value: "true"}},
	})
	// The go command sees exactly this environment: no network, no
	// go env -w settings, the fake module cache.
	for k, v := range map[string]string{
		"GOENV": "off", "GOMODCACHE": f.cache, "GOPROXY": "off", "GOFLAGS": "", "GOSUMDB": f.db.GOSUMDB,
		"GOPATH":    filepath.Join(tmp, "gopath"),
		"GONOSUMDB": "", "GOPRIVATE": "", "GONOPROXY": "", "GOINSECURE": "", "GOWORK": "", "GOTOOLCHAIN": "local",
		"GOEXPERIMENT": "", "CGO_ENABLED": "0",
	} {
		t.Setenv(k, v)
	}
	return f
}

func (f *fixture) options() Options {
	return Options{Root: f.root, Go: ExecGo{}, Executable: f.exe, Build: f.build, Configs: f.configs, CacheDir: testCacheDir}
}

// testCacheDir keeps the GOROOT hash between the tests (TestMain).
var testCacheDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lintgate-snapshot-test-")
	if err != nil {
		panic(err)
	}
	testCacheDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// serveSumDB serves a fresh checksum database holding the go.sum lines.
func serveSumDB(t *testing.T, goSum string) *sumdbtest.Server {
	t.Helper()
	db, err := sumdbtest.New("sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	s := db.Serve(goSum)
	t.Cleanup(s.Close)
	return s
}

// toolchainLine is the go.sum line of the toolchain module this GOROOT
// is, hashed by dirhash.Hash1 (one file after another, no cache), for
// test databases to hold.
func toolchainLine(t *testing.T) string {
	t.Helper()
	line, err := goRootLine()
	if err != nil {
		t.Fatal(err)
	}
	return line
}

var goRootLine = sync.OnceValues(func() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT", "GOVERSION", "GOHOSTOS", "GOHOSTARCH").Output()
	if err != nil {
		return "", err
	}
	f := strings.Fields(string(out))
	if len(f) != 4 {
		return "", fmt.Errorf("go env: %q", out)
	}
	version := toolchainVersion(f[1], f[2], f[3])
	if version == "" {
		return "", fmt.Errorf("the tests need a released Go, not %s", f[1])
	}
	files, err := listGoRoot(f[0], ToolchainModule+"@"+version)
	if err != nil {
		return "", err
	}
	byName := map[string]gorootFile{}
	var names []string
	for _, file := range files {
		byName[file.name] = file
		names = append(names, file.name)
	}
	h, err := dirhash.Hash1(names, func(name string) (io.ReadCloser, error) { return openGoRootFile(f[0], byName[name]) })
	return ToolchainModule + " " + version + " " + h + "\n", err
})

func (f *fixture) collect(t *testing.T) *Statement {
	t.Helper()
	s, err := Collect(context.Background(), f.options())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
