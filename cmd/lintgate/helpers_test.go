package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/lintgate/lintgate/sarif"
)

var goEnvCache sync.Map

// goEnv returns `go env KEY`, cached.
func goEnv(t testing.TB, key string) string {
	if v, ok := goEnvCache.Load(key); ok {
		return v.(string)
	}
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", key, err)
	}
	v := strings.TrimSpace(string(out))
	goEnvCache.Store(key, v)
	return v
}

func fixturesDir(t testing.TB) string {
	d, err := filepath.Abs(filepath.Join("..", "..", "testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cmdSarifValid checks files against the OASIS SARIF 2.1.0 schema:
// sarifvalid FILE...
func cmdSarifValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: sarifvalid FILE...")
	}
	for _, a := range args {
		err := sarif.ValidateSchema([]byte(ts.ReadFile(a)))
		switch {
		case neg && err == nil:
			ts.Fatalf("%s: valid SARIF, want invalid", a)
		case !neg && err != nil:
			ts.Fatalf("%s: %v", a, err)
		}
	}
}

// cmdFixture copies a fixture module into the script's work directory:
// fixture NAME [DIR].
func cmdFixture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: fixture NAME [DIR]")
	}
	dst := args[0]
	if len(args) == 2 {
		dst = args[1]
	}
	src := filepath.Join(ts.Getenv("FIXTURES"), args[0])
	ts.Check(copyTree(src, ts.MkAbs(dst)))
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
