package snapshot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// downloadingGo answers like the go command and, for go mod download,
// writes what the go command would into $GOMODCACHE/cache/download.
type downloadingGo struct {
	t     *testing.T
	calls []string
}

func (g *downloadingGo) Run(_ context.Context, dir string, env []string, args ...string) ([]byte, error) {
	g.calls = append(g.calls, filepath.Base(dir)+": "+strings.Join(args, " ")+" | "+envValue(env, "GOPROXY"))
	if args[0] == "env" {
		return []byte("go1.26.8\n"), nil
	}
	if args[0] != "mod" {
		return nil, nil
	}
	dl := filepath.Join(envValue(env, "GOMODCACHE"), "cache", "download")
	for _, m := range args[3:] {
		path, version, _ := strings.Cut(m, "@")
		v := filepath.Join(dl, filepath.FromSlash(path), "@v", version)
		for _, ext := range []string{".info", ".mod", ".zip", ".ziphash", ".lock"} {
			writeTestFile(g.t, v+ext, m+ext)
		}
		writeTestFile(g.t, filepath.Join(dl, filepath.FromSlash(path), "@v", "list"), "v9.9.9\n") // stale
		writeTestFile(g.t, filepath.Join(envValue(env, "GOMODCACHE"), path+"@"+version, "x.go"), "package x")
		if strings.HasPrefix(m, "golang.org/toolchain@") {
			writeTestFile(g.t, filepath.Join(dl, "sumdb", "sum.golang.org", "lookup", m), "lookup")
			writeTestFile(g.t, filepath.Join(dl, "sumdb", "sum.golang.org", "tile", "8", "0", "001.p", "5"), "tile")
			writeTestFile(g.t, filepath.Join(dl, "sumdb", "sum.golang.org", "tile", "8", "0", "001.p", "5.lock"), "")
		}
	}
	return nil, nil
}

func envValue(env []string, key string) string {
	v := ""
	for _, e := range env {
		if k, val, ok := strings.Cut(e, "="); ok && k == key {
			v = val
		}
	}
	return v
}

func writeTestFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCollectBundle(t *testing.T) {
	st := applyStatement()
	st.Predicate.Target = Target{GOOS: "linux", GOARCH: "arm64"}
	seed := t.TempDir()
	if err := os.MkdirAll(filepath.Join(seed, "cache", "download"), 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	g := &downloadingGo{t: t}
	files, err := CollectBundle(context.Background(), BundleOptions{
		Root: "/m", Go: g, Snapshot: []byte("{}"), Statement: st, Signature: []byte("sig"),
		Toolchain: true, Work: work, Seed: seed,
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := []string{
		"lintgate.snapshot.json", "lintgate.snapshot.json.sig", "manifest.sha256",
		"proxy/example.com/a/@v/list", "proxy/example.com/a/@v/v1.0.0.info", "proxy/example.com/a/@v/v1.0.0.mod", "proxy/example.com/a/@v/v1.0.0.zip",
		"proxy/example.com/b/@v/list", "proxy/example.com/b/@v/v1.0.0.info", "proxy/example.com/b/@v/v1.0.0.mod", "proxy/example.com/b/@v/v1.0.0.zip",
		"proxy/example.com/fork/@v/list", "proxy/example.com/fork/@v/v1.0.1.info", "proxy/example.com/fork/@v/v1.0.1.mod", "proxy/example.com/fork/@v/v1.0.1.zip",
		"proxy/golang.org/toolchain/@v/list",
		"proxy/golang.org/toolchain/@v/v0.0.1-go1.26.8.linux-arm64.info",
		"proxy/golang.org/toolchain/@v/v0.0.1-go1.26.8.linux-arm64.mod",
		"proxy/golang.org/toolchain/@v/v0.0.1-go1.26.8.linux-arm64.zip",
		"proxy/sumdb/sum.golang.org/lookup/golang.org/toolchain@v0.0.1-go1.26.8.linux-arm64",
		"proxy/sumdb/sum.golang.org/supported",
		"proxy/sumdb/sum.golang.org/tile/8/0/001.p/5",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("bundle files (-want +got):\n%s", diff)
	}
	for _, f := range files {
		if f.Name == "proxy/example.com/a/@v/list" && string(f.Data) != "v1.0.0\n" {
			t.Errorf("list = %q, want the versions in the bundle, not the cache's stale list", f.Data)
		}
	}
	seeded := FileURL(filepath.Join(seed, "cache", "download")) + ",https://proxy.example"
	wantCalls := []string{
		"m: env GOVERSION | " + seeded,
		"m: list -mod=readonly -m -json all | " + seeded,
		"m: mod download -json example.com/a@v1.0.0 example.com/b@v1.0.0 example.com/fork@v1.0.1 | " + seeded,
		"empty: mod download -json golang.org/toolchain@v0.0.1-go1.26.8.linux-arm64 | " + seeded,
	}
	if diff := cmp.Diff(wantCalls, g.calls); diff != "" {
		t.Errorf("go commands (-want +got):\n%s", diff)
	}
	manifest := string(files[2].Data)
	if strings.Contains(manifest, "manifest.sha256") || !strings.Contains(manifest, "  lintgate.snapshot.json.sig\n") {
		t.Errorf("manifest:\n%s", manifest)
	}
}
