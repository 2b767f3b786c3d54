package main

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lintgate/lintgate/internal/git"
	"github.com/lintgate/lintgate/lint"
)

// scopeOf finds the change scope of the module at root: the lines the
// index adds or changes (staged), or the lines the working tree adds or
// changes since rev, and the packages that hold them. Paths become
// relative to the module root; changes outside the module are ignored.
func scopeOf(ctx context.Context, warnf func(string, ...any), root string, staged bool, rev string) (*lint.Scope, error) {
	flag := "--new-from-rev"
	if staged {
		flag = "--staged"
	}
	repo, err := git.Open(ctx, root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	var changes git.Changes
	var dirty []string
	s := &lint.Scope{What: "since " + rev}
	if staged {
		s.What = "staged"
		changes, dirty, err = repo.StagedChanges(ctx)
	} else {
		changes, err = repo.RevChanges(ctx, rev)
	}
	if err != nil {
		return nil, err
	}
	prefix, err := filepath.Rel(realPath(repo.Top), realPath(root))
	if err != nil {
		return nil, err
	}
	prefix = filepath.ToSlash(prefix)
	s.Lines = git.Changes{}
	for file, lines := range changes {
		rel, ok := underPrefix(file, prefix)
		if ok {
			s.Lines[rel] = lines
		}
	}
	for _, file := range dirty {
		if rel, ok := underPrefix(file, prefix); ok && strings.HasSuffix(rel, ".go") {
			warnf("%s has unstaged changes too; the working tree is linted and findings are reported on the staged lines it still has", rel)
		}
	}
	s.Packages = changedPackages(root, s.Lines)
	return s, nil
}

// underPrefix returns file relative to the module directory prefix
// ("." for the top level), or false when the file is outside it.
func underPrefix(file, prefix string) (string, bool) {
	if prefix == "." {
		return file, true
	}
	rel, ok := strings.CutPrefix(file, prefix+"/")
	return rel, ok
}

// changedPackages returns a pattern for every directory of the module
// that holds a changed .go file, leaving out directories the go command
// ignores (testdata, _x, .x), vendor, and those of nested modules.
func changedPackages(root string, changes git.Changes) []string {
	var out []string
	for file := range changes {
		if !strings.HasSuffix(file, ".go") {
			continue
		}
		dir := path.Dir(file)
		if ignoredDir(dir) || inNestedModule(root, dir) {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(file))); err != nil {
			continue // staged but deleted from the working tree
		}
		p := "./" + dir
		if dir == "." {
			p = "."
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func ignoredDir(dir string) bool {
	for _, seg := range strings.Split(dir, "/") {
		if seg == "testdata" || seg == "vendor" || (seg != "." && (strings.HasPrefix(seg, "_") || strings.HasPrefix(seg, "."))) {
			return true
		}
	}
	return false
}

func inNestedModule(root, dir string) bool {
	for d := dir; d != "." && d != "/"; d = path.Dir(d) {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(d), "go.mod")); err == nil {
			return true
		}
	}
	return false
}
