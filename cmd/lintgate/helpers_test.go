package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
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
		problems, err := sarif.Validate([]byte(ts.ReadFile(a)))
		if err != nil {
			ts.Fatalf("%s: %v", a, err)
		}
		switch {
		case neg && len(problems) == 0:
			ts.Fatalf("%s: valid SARIF, want invalid", a)
		case !neg && len(problems) > 0:
			ts.Fatalf("%s: %d problems:\n%s", a, len(problems), problemLines(problems))
		}
		if !neg {
			checkMultitool(ts.Fatalf, a, []byte(ts.ReadFile(a)))
		}
	}
}

// sarifsame A B: the two logs have the same runs' tools and results
// (invocations, provenance and the like may differ).
func cmdSarifSame(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sarifsame A B")
	}
	var logs [2]struct {
		Runs []struct {
			Tool    any `json:"tool"`
			Results any `json:"results"`
		} `json:"runs"`
	}
	for i, a := range args {
		ts.Check(json.Unmarshal([]byte(ts.ReadFile(a)), &logs[i]))
	}
	a, err := json.Marshal(logs[0])
	ts.Check(err)
	b, err := json.Marshal(logs[1])
	ts.Check(err)
	var ia, ib bytes.Buffer
	ts.Check(json.Indent(&ia, a, "", " "))
	ts.Check(json.Indent(&ib, b, "", " "))
	same := ia.String() == ib.String()
	switch {
	case neg && same:
		ts.Fatalf("%s and %s have the same results", args[0], args[1])
	case !neg && !same:
		ts.Fatalf("%s and %s differ:\n%s", args[0], args[1], cmp.Diff(ia.String(), ib.String()))
	}
}

func problemLines(ps []sarif.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
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
