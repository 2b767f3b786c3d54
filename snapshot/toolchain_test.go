package snapshot

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/dirhash"
)

// thisMachine is the database's line for the Go of this machine, read
// from sum.golang.org (through proxy.golang.org): the toolchain test
// compares the GOROOT hash with it.
const thisMachine = "golang.org/toolchain v0.0.1-go1.26.8.linux-amd64 h1:ZOmGe1OnfREDMIdb1Qi4G9JSuDPBLGExZMQ4nis1RXM="

// TestGoRootHashThisMachine: GOROOT hashes, with the module mappings, to
// what the checksum database holds for its toolchain module.
func TestGoRootHashThisMachine(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT", "GOVERSION", "GOHOSTOS", "GOHOSTARCH").Output()
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(out))
	got, err := ToolchainLine(f[0], f[1], f[2], f[3])
	if err != nil {
		t.Fatal(err)
	}
	if got != thisMachine {
		t.Errorf("GOROOT %s: %s\nwant the database's %s (this test knows go1.26.8 linux/amd64 only: update thisMachine for another Go)", f[0], got, thisMachine)
	}
}

// fakeGoRoot writes a GOROOT of a few files, one of each mapping.
func fakeGoRoot(t *testing.T, dir string) {
	t.Helper()
	for name, data := range map[string]string{
		"VERSION":                    "go1.26.99\n",
		"go.env":                     "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=local\n",
		"src/fmt/print.go":           "package fmt\n",
		"src/go.mod":                 "module std\n",
		"src/cmd/go.mod":             "module cmd\n",
		"bin/go":                     "a go binary",
		"api/go1.txt":                "excluded",
		"doc/go_spec.html":           "excluded",
		"misc/x":                     "excluded",
		"test/x.go":                  "excluded",
		"pkg/tool/linux_amd64/vet":   "a vet binary",
		"lib/time/zoneinfo.zip":      "zones",
		"src/internal/api/api.go":    "package api // not excluded: api/ at the top only\n",
		"src/cmd/vendor/modules.txt": "# vendored\n",
	} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
}

// TestGoRootMappings: the files and names of the module, hashed as
// dirhash.Hash1 hashes them.
func TestGoRootMappings(t *testing.T) {
	root := t.TempDir()
	fakeGoRoot(t, root)
	const mod = "golang.org/toolchain@v0.0.1-go1.26.99.linux-amd64"
	files, err := listGoRoot(root, mod)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimPrefix(f.name, mod+"/"))
	}
	want := "VERSION bin/go go.env lib/time/zoneinfo.zip pkg/tool/linux_amd64/vet src/_go.mod src/cmd/_go.mod src/cmd/vendor/modules.txt src/fmt/print.go src/internal/api/api.go"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files\n got %s\nwant %s", got, want)
	}
	r, err := openGoRootFile(root, files[2])
	if err != nil {
		t.Fatal(err)
	}
	env, _ := io.ReadAll(r)
	if string(env) != "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n" {
		t.Errorf("go.env as the module has it: %q", env)
	}
	sums, err := fileHashes(root, files)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]gorootFile{}
	var full []string
	for _, f := range files {
		byName[f.name] = f
		full = append(full, f.name)
	}
	h, err := dirhash.Hash1(full, func(n string) (io.ReadCloser, error) { return openGoRootFile(root, byName[n]) })
	if err != nil || hash1(files, sums) != h {
		t.Errorf("hash1 %s, dirhash.Hash1 %s (%v)", hash1(files, sums), h, err)
	}
}

// TestToolchainVerdicts: verified, differs (naming the files, against the
// official module in the module cache) and unverifiable.
func TestToolchainVerdicts(t *testing.T) {
	tmp := t.TempDir()
	official := filepath.Join(tmp, "modcache", "golang.org", "toolchain@v0.0.1-go1.26.99.linux-amd64")
	fakeGoRoot(t, official)
	for _, d := range []string{"api", "doc", "misc", "test"} {
		if err := os.RemoveAll(filepath.Join(official, d)); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []string{"src/go.mod", "src/cmd/go.mod"} {
		if err := os.Rename(filepath.Join(official, m), filepath.Join(official, filepath.Dir(m), "_go.mod")); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(official, "go.env"), "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n")
	root := filepath.Join(tmp, "goroot")
	fakeGoRoot(t, root)
	line, err := ToolchainLine(root, "go1.26.99", "linux", "amd64")
	if err != nil {
		t.Fatal(err)
	}
	srv := serveSumDB(t, line+"\n")
	env := dbEnv(tmp, srv.GOSUMDB)
	for k, v := range map[string]string{"GOROOT": root, "GOVERSION": "go1.26.99", "GOHOSTOS": "linux", "GOHOSTARCH": "amd64"} {
		env[k] = v
	}
	check := func() GoRoot {
		t.Helper()
		db, err := dialSumDB(context.Background(), sumEnvOf(env))
		return checkGoRoot(context.Background(), Options{Go: ExecGo{}}, env, db, err)
	}
	if g := check(); g.Verdict != ToolchainVerified || g.Module != "golang.org/toolchain@v0.0.1-go1.26.99.linux-amd64" || g.Hash != strings.Fields(line)[2] {
		t.Errorf("pristine: %+v", g)
	}

	write(t, filepath.Join(root, "src", "fmt", "print.go"), "package fmt // patched\n")
	write(t, filepath.Join(root, "src", "fmt", "evil.go"), "package fmt\n")
	g := check()
	want := "differs: GOROOT " + root + " hashes to "
	wantFiles := "; 2 files differ from the official module: src/fmt/evil.go (added), src/fmt/print.go (changed)"
	if !strings.HasPrefix(g.Verdict, want) || !strings.HasSuffix(g.Verdict, wantFiles) {
		t.Errorf("patched: %q\nwant %q...%q", g.Verdict, want, wantFiles)
	}
	p := &Predicate{GoRoot: g}
	if len(Weaknesses(p)) != 1 || len(IntegrityFailures(p)) != 0 || len(StrictFailures(p)) != 0 {
		t.Errorf("differs: weaknesses %q", Weaknesses(p))
	}

	if err := os.RemoveAll(official); err != nil {
		t.Fatal(err)
	}
	env["GOPROXY"] = "off"
	if g := check(); !strings.HasSuffix(g.Verdict, "; the official module is not at hand to name the differing files: golang.org/toolchain@v0.0.1-go1.26.99.linux-amd64 is not in the module cache and GOPROXY=off") {
		t.Errorf("patched, no official module: %q", g.Verdict)
	}

	for _, tt := range []struct{ version, gosumdb, want string }{
		{"devel go1.27-abcdef", srv.GOSUMDB, `unverifiable: GOVERSION "devel go1.27-abcdef" names no Go release (a toolchain built from source): there is no toolchain module to compare it with`},
		{"go1.26.98", srv.GOSUMDB, "unverifiable: the checksum database does not know golang.org/toolchain@v0.0.1-go1.26.98.linux-amd64: not an official release of Go"},
		{"go1.26.99", "off", "unverifiable: GOSUMDB=off: the checksum database is not asked"},
	} {
		env["GOVERSION"], env["GOSUMDB"] = tt.version, tt.gosumdb
		g := check()
		if g.Verdict != tt.want || g.Hash == "" {
			t.Errorf("%s: %+v\nwant %q", tt.version, g, tt.want)
		}
		p := &Predicate{GoRoot: g}
		if len(StrictFailures(p)) != 1 || len(Weaknesses(p)) != 0 {
			t.Errorf("%s: unverifiable is a failure of --strict only", tt.version)
		}
	}
}

// TestGoRootCache: the cache answers while no file's stat data changed,
// never under Strict, and an edit (new stat data) is hashed again.
func TestGoRootCache(t *testing.T) {
	root := t.TempDir()
	fakeGoRoot(t, root)
	o := Options{CacheDir: t.TempDir()}
	list := func() []gorootFile {
		files, err := listGoRoot(root, "goroot")
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	h1, sums, err := hashGoRoot(o, root, list())
	if err != nil || sums == nil {
		t.Fatalf("first hash: %v, sums %v", err, sums)
	}
	if h, sums, _ := hashGoRoot(o, root, list()); h != h1 || sums != nil {
		t.Errorf("second hash did not come from the cache")
	}
	o.Strict = true
	if h, sums, _ := hashGoRoot(o, root, list()); h != h1 || sums == nil {
		t.Errorf("--strict used the cache")
	}
	o.Strict = false
	write(t, filepath.Join(root, "src", "fmt", "print.go"), "package fmt // edited\n")
	if h, sums, _ := hashGoRoot(o, root, list()); h == h1 || sums == nil {
		t.Errorf("an edited file was not hashed again")
	}
}
