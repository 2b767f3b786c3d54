package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/lintgate/lintgate/runner"
)

// TestMain makes the test binary act as lintgate and as golangci-lint,
// by argv[0], exactly like the real binary: testscript runs "lintgate" in
// scripts, and the runner's child process is this binary named
// golangci-lint.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"lintgate": func() {
			os.Exit(process())
		},
		runner.GolangciName: func() {
			os.Exit(runner.ExecuteGolangciThen(recordSpawn))
		},
	})
}

// recordSpawn appends how golangci-lint was started (with-parent: at its
// parent's start, before the parent's initialisation; after-init: by the
// parent) and its arguments to the file $LINTGATE_TEST_SPAWNS names when
// it starts to run, so that a script can
// prove that golangci-lint never ran (policy_bypass.txtar): lintgate
// starts its child before the policy check, and the child runs nothing
// until it gets its arguments, which a refused run never sends.
func recordSpawn(args []string) {
	name := os.Getenv("LINTGATE_TEST_SPAWNS")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		panic(err) // the proof must not fail silently
	}
	how := "after-init"
	if runner.StartedWithParent() {
		how = "with-parent"
	}
	_, werr := fmt.Fprintln(f, how+" "+strings.Join(args, " "))
	if err := errors.Join(werr, f.Close()); err != nil {
		panic(err)
	}
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		Setup:               setupScriptEnv(t),
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sarifvalid": cmdSarifValid,
			"sarifsame":  cmdSarifSame,
			"fixture":    cmdFixture,
			// ide.txtar: the editor's golangci-lint against lintgate run.
			"samefindings": cmdSameFindings,
			"taskmatch":    cmdTaskMatch,
			// snapshot*.txtar: a local checksum database.
			"sumdb": cmdSumDB,
			// snapshot_bundle.txtar: a bundle with one byte changed.
			"tamperbundle": cmdTamperBundle,
		},
	})
}

// setupScriptEnv gives scripts what the real linters need: scripts run
// with HOME=/no-home and a stripped environment, so the Go caches and
// golangci-lint's cache are passed in explicitly (shared between scripts,
// so only the first one pays for a cold cache).
func setupScriptEnv(t *testing.T) func(*testscript.Env) error {
	lintCache := filepath.Join(os.TempDir(), "lintgate-test-golangci-cache")
	return func(e *testscript.Env) error {
		for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"} {
			e.Setenv(k, goEnv(t, k))
		}
		e.Setenv("GOLANGCI_LINT_CACHE", lintCache)
		e.Setenv("GOPROXY", "off")
		e.Setenv("GOTOOLCHAIN", "local")
		e.Setenv("NO_COLOR", "1")
		e.Setenv("FIXTURES", fixturesDir(t))
		e.Values["sumdb"] = &sumdbState{}
		return nil
	}
}
