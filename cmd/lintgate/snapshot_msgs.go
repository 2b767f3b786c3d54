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

// maxModulesListed is how many modules create lists by name for each
// kind of failure (missing from the module cache, not confirmed by the
// checksum database, ...): an empty module cache fails every module of
// the build list, hundreds of lines of the same reason.
const maxModulesListed = 10

// writeWeakReasons prints why create refuses the environment, one reason
// a line; of the modules that fail for the same reason the first ten and
// a count. When modules are missing from the module cache it says which
// command fetches them.
func writeWeakReasons(e *env, p *snapshot.Predicate) {
	byKind := map[string]int{}
	var kinds []string
	for _, r := range p.Weak.Reasons {
		kind, ok := moduleReasonKind(r)
		if !ok {
			_, _ = fmt.Fprintln(e.stderr, "  "+r) // the exit says it failed
			continue
		}
		if byKind[kind]++; byKind[kind] == 1 {
			kinds = append(kinds, kind)
		}
		if byKind[kind] <= maxModulesListed {
			_, _ = fmt.Fprintln(e.stderr, "  "+r)
		}
	}
	for _, k := range kinds {
		if n := byKind[k] - maxModulesListed; n > 0 {
			_, _ = fmt.Fprintf(e.stderr, "  ... and %d more %s: %s\n", n, plural(n, "module"), k)
		}
	}
	missing := byKind[snapshot.CacheMissing]
	if missing == 0 {
		return
	}
	fetch := "go mod download all"
	if p.Env["GOPROXY"] == "off" {
		fetch += " (GOPROXY is off here: GOPROXY=https://proxy.golang.org,direct go mod download all)"
	}
	verb := "are"
	if missing == 1 {
		verb = "is"
	}
	e.warnf("%s %s missing from the module cache: fetch them with %s, then create the snapshot again", count(missing, "module"), verb, fetch)
}

// moduleReasonKind splits "module PATH@VERSION: reason" and returns the
// kind of failure: the reason up to where it names the module again
// (what follows differs from module to module), so that the same failure
// of different modules is one kind.
func moduleReasonKind(r string) (string, bool) {
	rest, ok := strings.CutPrefix(r, "module ")
	if !ok {
		return "", false
	}
	mod, reason, ok := strings.Cut(rest, ": ")
	if !ok || !strings.Contains(mod, "@") {
		return "", false
	}
	if i := strings.Index(reason, mod); i > 0 {
		reason = strings.TrimRight(reason[:i], ": ")
	}
	return reason, true
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
