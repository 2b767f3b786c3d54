package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/lintgate/lintgate/internal/atomicfile"
	"github.com/lintgate/lintgate/internal/git"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/sarif"
)

// locate resolves -C to an absolute directory, finds the module root
// above it and the golangci-lint config (--config, --default-config or
// the module's own), named in messages as the user would type it.
func locate(dirFlag, config string, defaults bool) (dir, root string, src rules.ConfigSource, err error) {
	if dir, err = filepath.Abs(dirFlag); err != nil {
		return "", "", src, usageError("%v", err)
	}
	if root, err = findModuleRoot(dir); err != nil {
		return "", "", src, &ExitError{Code: ExitUsage, Err: err}
	}
	if src, err = configSource(runOptions{config: config, defaults: defaults}, dir, root); err != nil {
		return "", "", src, &ExitError{Code: ExitUsage, Err: err}
	}
	if src.Path != "" {
		src.Display = displayPath(src.Path)
	}
	return dir, root, src, nil
}

// configSource picks the golangci-lint config: --default-config, --config
// or the module's own.
func configSource(o runOptions, dir, root string) (rules.ConfigSource, error) {
	switch {
	case o.defaults && o.config != "":
		return rules.ConfigSource{}, errors.New("--config and --default-config exclude each other")
	case o.defaults:
		return rules.ConfigSource{Data: rules.DefaultGolangciConfig()}, nil
	case o.config != "":
		p := resolve(dir, o.config)
		data, err := os.ReadFile(p)
		if err != nil {
			return rules.ConfigSource{}, fmt.Errorf("--config: %w", err)
		}
		return rules.ConfigSource{Path: p, Data: data}, nil
	}
	return rules.FindGolangciConfig(root)
}

// provenance describes the git work tree root is in, or nil, and the
// module's directory relative to the work tree's top level ("" at the top
// or outside a work tree). The repository is named by its origin remote
// when that is a URL, otherwise by the work tree's own file URI.
func provenance(ctx context.Context, root string) (*sarif.VCS, string) {
	repo, err := git.Open(ctx, root)
	if err != nil {
		return nil, ""
	}
	v := &sarif.VCS{RevisionID: repo.Head(ctx), Branch: repo.Branch(ctx)}
	if uri, ok := git.RepositoryURI(repo.RemoteURL(ctx, "origin")); ok {
		v.RepositoryURI = uri
	} else {
		p := strings.TrimSuffix(filepath.ToSlash(repo.Top), "/") + "/"
		if !strings.HasPrefix(p, "/") { // C:/repo
			p = "/" + p
		}
		v.RepositoryURI = (&url.URL{Scheme: "file", Path: p}).String()
	}
	if rel, err := filepath.Rel(realPath(root), realPath(repo.Top)); err == nil && rel != "." {
		v.Root = filepath.ToSlash(rel)
	}
	prefix := ""
	if rel, err := filepath.Rel(realPath(repo.Top), realPath(root)); err == nil && rel != "." {
		prefix = filepath.ToSlash(rel)
	}
	return v, prefix
}

// realPath resolves symlinks, so that a module reached through a link
// compares with git's resolved top level; on error it returns p.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func writeOutput(e *env, dir, output string, data []byte) error {
	if output == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	return atomicfile.WriteFile(resolve(dir, output), data, 0o644)
}

// resolve is p relative to dir, or p itself when it is absolute: how
// every path on the command line and in the policy is read.
func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// findModuleRoot returns the nearest directory at or above dir that holds
// a go.mod file.
func findModuleRoot(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s: not a directory", dir)
	}
	for d := dir; ; d = filepath.Dir(d) {
		_, err := os.Stat(filepath.Join(d, "go.mod"))
		if err == nil {
			return d, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s: not in a Go module: no go.mod here or in any parent directory", dir)
		}
	}
}

// readOnce returns a file reader that reads each path once and hands out
// the same bytes after that, safe for concurrent use (the SARIF builder
// reads on all CPUs). Callers must not modify the bytes.
func readOnce() func(string) ([]byte, error) {
	type file struct {
		data []byte
		err  error
	}
	var mu sync.Mutex
	files := map[string]file{}
	return func(path string) ([]byte, error) {
		mu.Lock()
		f, ok := files[path]
		mu.Unlock()
		if !ok {
			f.data, f.err = os.ReadFile(path)
			mu.Lock()
			files[path] = f
			mu.Unlock()
		}
		return f.data, f.err
	}
}
