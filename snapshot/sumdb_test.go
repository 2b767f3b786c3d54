package snapshot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/internal/sumdbtest"
)

const (
	goodSum   = "h1:el941eeO+6/lspuzfGLW5CC1As82o7fdkdiIBwApkPU="
	goodGoMod = "h1:+QWJ4TaKK0+5my1i1gpAnAdlLGkNg3weRsq3J1AghTg="
	otherSum  = "h1:+ipiSZW0lFQg5h17zBFK953s7pb6B+ueyW5YWpbR/Hg="
	dbLines   = "example.com/dep v1.0.0 " + goodSum + "\nexample.com/dep v1.0.0/go.mod " + goodGoMod + "\n"
)

// dbEnv is the go env of a module whose GOSUMDB is gosumdb, with caches
// in dir.
func dbEnv(dir, gosumdb string) map[string]string {
	return map[string]string{
		"GOSUMDB": gosumdb, "GOPROXY": "off", "GOPATH": filepath.Join(dir, "gopath"),
		"GOMODCACHE": filepath.Join(dir, "modcache"),
	}
}

// runSumDB checks mods against the database env names.
func runSumDB(t *testing.T, env map[string]string, mods []Module) ([]Module, SumDB) {
	t.Helper()
	db, err := dialSumDB(context.Background(), sumEnvOf(env))
	r := checkSumDB(db, err, env["GONOSUMDB"], mods)
	return mods, r
}

func dep(sum, goMod string) Module {
	return Module{Path: "example.com/dep", Version: "v1.0.0", Sum: sum, GoModSum: goMod, Cache: CacheOK}
}

func TestSumDBVerdicts(t *testing.T) {
	srv := serveSumDB(t, dbLines)
	tests := []struct {
		name      string
		mod       Module
		gonosumdb string
		want      string
	}{
		{"confirmed", dep(goodSum, goodGoMod), "", SumConfirmed},
		{"go.mod only", dep("", goodGoMod), "", SumConfirmed},
		{"content contradicted", dep(otherSum, goodGoMod), "", "contradicted: go.sum has " + otherSum + " for the content, the checksum database has " + goodSum},
		{"go.mod contradicted", dep(goodSum, otherSum), "", "contradicted: go.sum has " + otherSum + " for go.mod, the checksum database has " + goodGoMod},
		{"unknown", Module{Path: "example.com/other", Version: "v1.2.3", Sum: goodSum, Cache: CacheOK}, "", "unknown: go.sum has " + goodSum + ", the checksum database has no record of example.com/other@v1.2.3"},
		{"private", dep(otherSum, otherSum), "example.com", SumPrivate},
		{"replaced", Module{Path: "example.com/old", Version: "v0.1.0 => example.com/dep@v1.0.0", Sum: goodSum, Cache: CacheOK}, "", SumConfirmed},
		{"no go.sum line", Module{Path: "example.com/x", Version: "v1.0.0", Cache: CacheNotLoaded}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := dbEnv(t.TempDir(), srv.GOSUMDB)
			env["GONOSUMDB"] = tt.gonosumdb
			mods, r := runSumDB(t, env, []Module{tt.mod})
			if mods[0].SumDB != tt.want {
				t.Errorf("verdict %q, want %q", mods[0].SumDB, tt.want)
			}
			if r.Name != "sumdb.test" || r.Error != "" {
				t.Errorf("sumdb %+v", r)
			}
			p := &Predicate{Env: map[string]string{}, Modules: Modules{List: mods}, SumDB: r}
			if failed := len(IntegrityFailures(p)) > 0; failed != !sumConfirmed(tt.want) {
				t.Errorf("integrity failures %q for verdict %q", IntegrityFailures(p), tt.want)
			}
		})
	}
}

func TestSumDBOffAndUnreachable(t *testing.T) {
	mods, r := runSumDB(t, dbEnv(t.TempDir(), "off"), []Module{dep(goodSum, goodGoMod)})
	if r.Name != "off" || mods[0].SumDB != SumOff {
		t.Errorf("GOSUMDB=off: %+v %q", r, mods[0].SumDB)
	}
	srv := serveSumDB(t, dbLines)
	srv.Close()
	mods, r = runSumDB(t, dbEnv(t.TempDir(), srv.GOSUMDB), []Module{dep(goodSum, goodGoMod)})
	if !strings.HasPrefix(mods[0].SumDB, "unconfirmed: the checksum database could not be asked: ") || !strings.Contains(mods[0].SumDB, "connection refused") {
		t.Errorf("unreachable: %q", mods[0].SumDB)
	}
	p := &Predicate{Env: map[string]string{}, Modules: Modules{List: mods}, SumDB: r}
	if got := IntegrityFailures(p); len(got) != 1 || !strings.HasPrefix(got[0], "module example.com/dep@v1.0.0: checksum database sumdb.test: unconfirmed: ") {
		t.Errorf("unreachable: integrity failures %q", got)
	}
	_, r = runSumDB(t, dbEnv(t.TempDir(), "sumdb.test+00000000+AAAA"), nil)
	if !strings.Contains(r.Error, "invalid GOSUMDB") {
		t.Errorf("bad key: %+v", r)
	}
}

// TestSumDBCachesAndFork: a second run needs no network (the lookups,
// tiles and tree head are where the go command keeps them), and a
// server of the same key whose log does not extend the tree seen is a
// security error (sumdb.ErrSecurity through ClientOps.SecurityError).
func TestSumDBCachesAndFork(t *testing.T) {
	db, err := sumdbtest.New("sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	srv := db.Serve(dbLines)
	dir := t.TempDir()
	env := dbEnv(dir, srv.GOSUMDB)
	mods, r := runSumDB(t, env, []Module{dep(goodSum, goodGoMod)})
	if mods[0].SumDB != SumConfirmed || r.TreeSize != "1" || r.RootHash == "" {
		t.Fatalf("first run: %q %+v", mods[0].SumDB, r)
	}
	for _, f := range []string{"gopath/pkg/sumdb/sumdb.test/latest", "modcache/cache/download/sumdb/sumdb.test/lookup/example.com/dep@v1.0.0"} {
		if _, err := os.ReadFile(filepath.Join(dir, f)); err != nil {
			t.Errorf("cache: %v", err)
		}
	}
	srv.Close()
	mods, r2 := runSumDB(t, env, []Module{dep(goodSum, goodGoMod)})
	if mods[0].SumDB != SumConfirmed || r2 != r {
		t.Errorf("second run, database down: %q %+v", mods[0].SumDB, r2)
	}

	fork := db.Serve("example.com/fork v1.0.0 " + goodSum + "\n" + dbLines + "example.com/new v1.0.0 " + goodSum + "\n")
	defer fork.Close()
	for _, mv := range [][2]string{{"example.com/fork", "v1.0.0"}, {"example.com/dep", "v1.0.0"}} {
		if err := fork.Publish(mv[0], mv[1]); err != nil {
			t.Fatal(err)
		}
	}
	env["GOSUMDB"] = fork.GOSUMDB
	newMod := Module{Path: "example.com/new", Version: "v1.0.0", Sum: goodSum, Cache: CacheOK}
	mods, r = runSumDB(t, env, []Module{dep(goodSum, goodGoMod), newMod})
	if !strings.HasPrefix(r.Error, "security error: ") || !strings.HasPrefix(mods[1].SumDB, "security error: ") {
		t.Errorf("fork: %+v %q", r, mods[1].SumDB)
	}
	p := &Predicate{Env: map[string]string{}, Modules: Modules{List: mods}, SumDB: r}
	if got := IntegrityFailures(p); !strings.Contains(strings.Join(got, "\n"), "checksum database sumdb.test: security error: ") {
		t.Errorf("fork: integrity failures %q", got)
	}
}

// TestSumDBThroughProxy: a proxy that serves /sumdb/<name>/supported
// serves every request, as for the go command; a proxy answering 404
// is skipped for the next.
func TestSumDBThroughProxy(t *testing.T) {
	db, err := sumdbtest.New("sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	srv := db.Serve(dbLines)
	defer srv.Close()
	var asked []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path)
		rest, ok := strings.CutPrefix(r.URL.Path, "/sumdb/sumdb.test")
		switch {
		case !ok:
			http.NotFound(w, r)
		case rest == "/supported":
		default:
			srv.Config.Handler.ServeHTTP(w, httptestRequest(r, rest))
		}
	}))
	defer proxy.Close()
	none := httptest.NewServer(http.NotFoundHandler())
	defer none.Close()
	env := dbEnv(t.TempDir(), db.Verifier) // no URL: direct would be https://sumdb.test
	env["GOPROXY"] = none.URL + "," + proxy.URL + ",direct"
	mods, r := runSumDB(t, env, []Module{dep(goodSum, goodGoMod)})
	if mods[0].SumDB != SumConfirmed || r.Error != "" {
		t.Errorf("through the proxy: %q %+v", mods[0].SumDB, r)
	}
	if len(asked) == 0 || asked[0] != "/sumdb/sumdb.test/supported" {
		t.Errorf("proxy requests %q", asked)
	}
}

func httptestRequest(r *http.Request, path string) *http.Request {
	r2 := r.Clone(r.Context())
	r2.URL.Path = path
	return r2
}

func TestProxyList(t *testing.T) {
	tests := []struct {
		goproxy, gonoproxy string
		want               []proxySpec
	}{
		{"https://proxy.golang.org,direct", "", []proxySpec{{url: "https://proxy.golang.org"}, {url: "direct"}}},
		{"proxy.example|off,https://never", "", []proxySpec{{url: "https://proxy.example", fallBackOnError: true}, {url: "off"}}},
		{"file:///srv/proxy", "corp.example", []proxySpec{{url: "noproxy"}, {url: "file:///srv/proxy"}}},
	}
	for _, tt := range tests {
		got, err := proxyList(tt.goproxy, tt.gonoproxy)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(proxySpec{})); diff != "" {
			t.Errorf("proxyList(%q) (-want +got):\n%s", tt.goproxy, diff)
		}
	}
	if _, err := proxyList(",", ""); err == nil {
		t.Error("proxyList(\",\"): no error")
	}
}
