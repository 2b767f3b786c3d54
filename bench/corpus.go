package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/module"
)

// corpus is a module copied out of the module cache into a writable git
// work tree.
type corpus struct {
	Module    string // module@version
	dir       string
	Lines     int // lines of Go, tests included
	TestLines int // of which in _test.go files
	Packages  int // directories holding non-test Go files
	// edit is the file (relative to dir) the staged scenario changes,
	// and editPkg its package pattern.
	edit, editPkg string
	original      []byte
}

func prepareCorpus(ctx context.Context, e *environment, modVersion string) (*corpus, error) {
	path, version, ok := strings.Cut(modVersion, "@")
	if !ok {
		return nil, fmt.Errorf("want module@version")
	}
	esc, err := module.EscapePath(path)
	if err != nil {
		return nil, err
	}
	escV, err := module.EscapeVersion(version)
	if err != nil {
		return nil, err
	}
	src := filepath.Join(e.modCache, esc+"@"+escV)
	if _, err := os.Stat(src); err != nil {
		if err := goModDownload(ctx, e.moduleDir, modVersion); err != nil {
			return nil, err
		}
	}
	// The directory is named for the whole path: caddy's last element
	// is "v2", which other modules share.
	c := &corpus{Module: modVersion, dir: filepath.Join(e.work, "corpus", strings.ReplaceAll(path, "/", "_"))}
	if err := copyTree(src, c.dir, c); err != nil {
		return nil, err
	}
	if c.edit == "" {
		return nil, fmt.Errorf("no package to edit for the staged scenario")
	}
	if c.original, err = os.ReadFile(filepath.Join(c.dir, c.edit)); err != nil {
		return nil, err
	}
	// The corpus's own dependencies, which the measured runs (with
	// GOPROXY=off) find in the module cache.
	if err := goModDownload(ctx, c.dir); err != nil {
		return nil, err
	}
	// A git work tree with everything committed, for --staged; in a kept
	// work directory used again (-work, -keep) the tree is there already
	// and the commit is empty.
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "--allow-empty", "-m", "corpus"}} {
		if err := c.git(ctx, args...); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// copyTree copies the module to dst, writable, and counts its Go code.
// The file the staged scenario edits is the first non-test Go file, in
// path order, of a package two directories deep (a typical leaf).
func copyTree(src, dst string, c *corpus) error {
	pkgs := map[string]bool{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".go") && !ignoredDir(rel) {
			n := bytes.Count(data, []byte("\n"))
			c.Lines += n
			if strings.HasSuffix(rel, "_test.go") {
				c.TestLines += n
			} else {
				pkgs[filepath.Dir(rel)] = true
				if c.edit == "" && strings.Count(rel, string(filepath.Separator)) == 2 && !bytes.Contains(data, []byte("//go:build")) {
					c.edit, c.editPkg = rel, "./"+filepath.ToSlash(filepath.Dir(rel))
				}
			}
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	c.Packages = len(pkgs)
	return err
}

// ignoredDir reports whether the go tool ignores the file's directory.
func ignoredDir(rel string) bool {
	dir := filepath.Dir(rel)
	return dir != "." && slices.ContainsFunc(strings.Split(dir, string(filepath.Separator)), func(e string) bool {
		return e == "testdata" || strings.HasPrefix(e, "_") || strings.HasPrefix(e, ".")
	})
}

// stageEdit changes the edited file for run i (a new function, so every
// run analyses a package it has not seen) and stages it.
func (c *corpus) stageEdit(ctx context.Context, i int) error {
	data := fmt.Appendf(slices.Clone(c.original), "\n// benchEdit%d is the benchmark's one-file change.\nfunc benchEdit%d() int { x := %d; return x }\n", i, i, i)
	if err := os.WriteFile(filepath.Join(c.dir, c.edit), data, 0o644); err != nil {
		return err
	}
	return c.git(ctx, "add", c.edit)
}

// restore undoes the staged edit.
func (c *corpus) restore(ctx context.Context) error {
	if err := os.WriteFile(filepath.Join(c.dir, c.edit), c.original, 0o644); err != nil {
		return err
	}
	return c.git(ctx, "add", c.edit)
}

func (c *corpus) git(ctx context.Context, args ...string) error {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=bench", "GIT_AUTHOR_EMAIL=bench@example.invalid",
		"GIT_COMMITTER_NAME=bench", "GIT_COMMITTER_EMAIL=bench@example.invalid", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// goModDownload runs go mod download in dir, with the network the
// measured runs do not get.
func goModDownload(ctx context.Context, dir string, mods ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"mod", "download"}, mods...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go mod download %s in %s: %w\n%s", strings.Join(mods, " "), dir, err, out)
	}
	return nil
}
