package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/lintgate/lintgate/snapshot"
)

// Messages of the snapshot commands that say what to do.

// snapshotReadError is the error of a snapshot file that cannot be read:
// a missing one says how to make one.
func snapshotReadError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file; create one with lintgate snapshot create, or name the snapshot file as the argument", displayPath(path))
	}
	return err
}

// checkVulnDB checks --db before anything is read: govulncheck reads a
// vulnerability database over https (or http) or from a directory.
func checkVulnDB(o snapshotOptions) error {
	if !o.vulns {
		return nil
	}
	u, err := url.Parse(o.db)
	switch {
	case err != nil:
	case (u.Scheme == "https" || u.Scheme == "http") && u.Host != "":
		return nil
	case u.Scheme == "file" && u.Path != "":
		return nil
	}
	return usageError("--db %s: want the https:// or file:///DIR URL of a Go vulnerability database", o.db)
}

// maxMissingListed is how many modules missing from the module cache
// create lists by name.
const maxMissingListed = 10

// writeWeakReasons prints why create refuses the environment, one reason
// a line; of the modules missing from the module cache the first ten and
// a count, then the command that fetches them.
func writeWeakReasons(e *env, p *snapshot.Predicate) {
	missing := 0
	for _, r := range p.Weak.Reasons {
		if strings.HasPrefix(r, "module ") && strings.HasSuffix(r, ": "+snapshot.CacheMissing) {
			if missing++; missing > maxMissingListed {
				continue
			}
		}
		_, _ = fmt.Fprintln(e.stderr, "  "+r) // the exit says it failed
	}
	if missing > maxMissingListed {
		_, _ = fmt.Fprintf(e.stderr, "  ... and %d more %s missing from the module cache\n", missing-maxMissingListed, plural(missing-maxMissingListed, "module"))
	}
	if missing == 0 {
		return
	}
	fetch := "go mod download"
	if p.Env["GOPROXY"] == "off" {
		fetch += " (GOPROXY is off here: GOPROXY=https://proxy.golang.org,direct go mod download)"
	}
	verb := "are"
	if missing == 1 {
		verb = "is"
	}
	e.warnf("%s %s missing from the module cache: fetch them with %s, then create the snapshot again", count(missing, "module"), verb, fetch)
}

// sameModule refuses a snapshot of another module: comparing it would
// list every module of both as drift.
func sameModule(dir, path string, recorded *snapshot.Statement) error {
	want := recorded.Predicate.Module
	if want == "" { // a snapshot of an older lintgate
		return nil
	}
	root, err := findModuleRoot(dir)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if got := modfile.ModulePath(data); got != want {
		return usageError("%s is a snapshot of module %s, not of %s; verify it in its own module, or create one here with lintgate snapshot create", displayPath(path), want, got)
	}
	return nil
}
