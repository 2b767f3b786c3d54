package snapshot

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lintgate/lintgate/internal/sumdbtest"
)

// TestSeedTreeHeads is the air-gapped apply of a bundle whose lookups
// raced a growing tree: one answer came with an older tree head than the
// latest, so its record was proved only against the latest's tiles. A
// machine that starts from that older head needs a tile the bundle
// lacks; one seeded with the bundle's tree head proves every record from
// the bundle alone, in any order.
func TestSeedTreeHeads(t *testing.T) {
	db, err := sumdbtest.New("sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.ReplaceAll(dbLines, "example.com/dep", "example.com/a") + strings.ReplaceAll(dbLines, "example.com/dep", "example.com/b") +
		"example.com/pad v1.0.0 " + goodSum + "\nexample.com/pad v1.1.0 " + goodSum + "\n"
	srv := db.Serve(lines)
	a := Module{Path: "example.com/a", Version: "v1.0.0", Sum: goodSum, GoModSum: goodGoMod, Cache: CacheOK}
	b := a
	b.Path = "example.com/b"

	// a's answer, fetched while the tree had one record.
	early := t.TempDir()
	if mods, r := runSumDB(t, dbEnv(early, srv.GOSUMDB), []Module{a}); mods[0].SumDB != SumConfirmed || r.TreeSize != "1" {
		t.Fatalf("a alone: %q %+v", mods[0].SumDB, r)
	}
	for _, v := range []string{"v1.0.0", "v1.1.0"} {
		if err := srv.Publish("example.com/pad", v); err != nil {
			t.Fatal(err)
		}
	}
	// The bundle's check: b at the grown tree, then a's early answer
	// proved against it.
	work := t.TempDir()
	env := dbEnv(work, srv.GOSUMDB)
	if mods, r := runSumDB(t, env, []Module{b}); mods[0].SumDB != SumConfirmed || r.TreeSize != "4" {
		t.Fatalf("b: %q %+v", mods[0].SumDB, r)
	}
	lookupA := "modcache/cache/download/sumdb/sumdb.test/lookup/example.com/a@v1.0.0"
	copyTestFile(t, filepath.Join(early, lookupA), filepath.Join(work, lookupA))
	if mods, r := runSumDB(t, env, []Module{a, b}); mods[0].SumDB != SumConfirmed || mods[1].SumDB != SumConfirmed || r.TreeSize != "4" {
		t.Fatalf("bundle check: %q %q %+v", mods[0].SumDB, mods[1].SumDB, r)
	}
	srv.Close()

	// The bundle's proxy, as a machine without a network unpacks it.
	files, err := proxyFiles(filepath.Join(work, "modcache", "cache", "download"))
	if err != nil {
		t.Fatal(err)
	}
	heads, err := treeHeadFiles(filepath.Join(work, "gopath", "pkg", "sumdb"))
	if err != nil || len(heads) != 1 || heads[0].Name != "proxy/sumdb/sumdb.test/latest" {
		t.Fatalf("tree heads %+v, %v", heads, err)
	}
	unpacked := t.TempDir()
	for _, f := range append(files, heads...) {
		rc, err := f.open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, filepath.Join(unpacked, filepath.FromSlash(f.Name)), string(data))
	}
	proxy := filepath.Join(unpacked, "proxy")
	air := func(dir string) map[string]string {
		e := dbEnv(dir, db.Verifier) // no URL: through GOPROXY, as the go command
		e["GOPROXY"] = FileURL(proxy)
		return e
	}

	// Not seeded: a's early tree head becomes this machine's, and its
	// tile is not in the bundle. The verdict says a tile is missing, not
	// that the database has no record.
	mods, _ := runSumDB(t, air(t.TempDir()), []Module{a})
	if !strings.HasPrefix(mods[0].SumDB, "unconfirmed: the proof of the record needs a tile") || !strings.Contains(mods[0].SumDB, "/tile/") {
		t.Errorf("not seeded: %q", mods[0].SumDB)
	}

	for _, order := range [][]Module{{a}, {b}, {a, b}, {b, a}} {
		dir := t.TempDir()
		sumdbDir := filepath.Join(dir, "gopath", "pkg", "sumdb")
		seeded, err := SeedTreeHeads(proxy, sumdbDir)
		if err != nil || len(seeded) != 1 || seeded[0] != "sumdb.test" {
			t.Fatalf("seeded %q, %v", seeded, err)
		}
		mods, r := runSumDB(t, air(dir), append([]Module(nil), order...))
		for _, m := range mods {
			if m.SumDB != SumConfirmed {
				t.Errorf("seeded, %s of %d: %q", m.Path, len(order), m.SumDB)
			}
		}
		if r.TreeSize != "4" || r.Error != "" {
			t.Errorf("seeded: %+v", r)
		}
		// A machine with a tree head keeps it.
		if seeded, err := SeedTreeHeads(proxy, sumdbDir); err != nil || len(seeded) != 0 {
			t.Errorf("second seed: %q, %v", seeded, err)
		}
	}
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, to, string(data))
}

// TestProveAgainstLatest: the second pass runs without the first pass's
// tiles (whose set depends on the lookups' order) and with its lookups
// and tree head.
func TestProveAgainstLatest(t *testing.T) {
	cache := t.TempDir()
	writeTestFile(t, filepath.Join(cache, "sum.golang.org", "lookup", "example.com", "a@v1.0.0"), "lookup")
	writeTestFile(t, filepath.Join(cache, "sum.golang.org", "tile", "8", "0", "001.p", "5"), "tile")
	var passes int
	check := func(_ context.Context, env []EnvVar) error {
		passes++
		_, tileErr := os.Stat(filepath.Join(cache, "sum.golang.org", "tile"))
		_, lookupErr := os.Stat(filepath.Join(cache, "sum.golang.org", "lookup", "example.com", "a@v1.0.0"))
		if lookupErr != nil || (passes == 1) != (tileErr == nil) || len(env) != 1 {
			t.Errorf("pass %d: tiles %v, lookup %v, env %v", passes, tileErr, lookupErr, env)
		}
		return nil
	}
	if err := proveAgainstLatest(context.Background(), check, []EnvVar{{"GOPROXY", "off"}}, cache); err != nil || passes != 2 {
		t.Fatalf("passes %d, %v", passes, err)
	}
	failed := errors.New("checks failed")
	passes = 0
	if err := proveAgainstLatest(context.Background(), func(context.Context, []EnvVar) error { passes++; return failed }, nil, cache); !errors.Is(err, failed) || passes != 1 {
		t.Errorf("a failing first pass: %d passes, %v", passes, err)
	}
}
