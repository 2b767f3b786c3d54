package snapshot

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
)

// Cache states of a module other than a mismatch.
const (
	CacheOK        = "ok"
	CacheGoModOnly = "ok (go.mod only: no package of it is built)"
	CacheMissing   = "missing from the module cache"
	CacheNotLoaded = "ok (not loaded: go.sum has no line for it)"
)

// listed is a module as `go list -m -json` prints it.
type listed struct {
	Path    string
	Version string
	Main    bool
	Dir     string
	Replace *listed
}

// buildList lists the modules of the build. It asks the go command
// (`go list -m -json all`, which knows workspaces, replacements and
// minimal version selection) with GOPROXY=off, so that the snapshot looks
// at the local module cache only and never downloads or repairs anything.
// When that fails (an empty module cache fails here), the requirements of
// go.mod are checked instead and the failure is returned as well.
func buildList(ctx context.Context, g Go, root string) ([]listed, error) {
	out, err := g.Run(ctx, root, []string{"GOPROXY=off"}, "list", "-mod=readonly", "-m", "-json", "all")
	if err == nil {
		var mods []listed
		dec := json.NewDecoder(bytes.NewReader(out))
		for {
			var m listed
			err := dec.Decode(&m)
			if errors.Is(err, io.EOF) {
				return mods, nil
			}
			if err != nil {
				return nil, fmt.Errorf("go list -m -json all: %w", err)
			}
			mods = append(mods, m)
		}
	}
	mods, ferr := goModRequirements(root)
	if ferr != nil {
		return nil, errors.Join(err, ferr)
	}
	return mods, err
}

// goModRequirements lists the requirements of root's go.mod, replaced.
func goModRequirements(root string) ([]listed, error) {
	path := filepath.Join(root, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	mf, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil, err
	}
	mods := []listed{{Path: mf.Module.Mod.Path, Main: true, Dir: root}}
	for _, r := range mf.Require {
		m := listed{Path: r.Mod.Path, Version: r.Mod.Version}
		for _, rep := range mf.Replace {
			if rep.Old.Path == m.Path && (rep.Old.Version == "" || rep.Old.Version == m.Version) {
				m.Replace = &listed{Path: rep.New.Path, Version: rep.New.Version}
				if rep.New.Version == "" {
					m.Replace.Dir = resolveDir(root, rep.New.Path)
				}
			}
		}
		mods = append(mods, m)
	}
	return mods, nil
}

func resolveDir(root, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

// goSums reads go.sum files into "path version" -> hash, the go.mod lines
// under "path version/go.mod". Missing files are skipped.
func goSums(files ...string) (map[string]string, error) {
	sums := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			fields := strings.Fields(sc.Text())
			if len(fields) == 0 {
				continue
			}
			if len(fields) != 3 {
				return nil, fmt.Errorf("%s:%d: malformed go.sum line", f, n)
			}
			sums[fields[0]+" "+fields[1]] = fields[2]
		}
	}
	return sums, nil
}

// checkModules compares every module of the build list with go.sum and
// the module cache, in parallel.
func checkModules(mods []listed, sums map[string]string, cache string) []Module {
	var todo []listed
	for _, m := range mods {
		if !m.Main && m.Version != "" {
			todo = append(todo, m)
		}
	}
	out := make([]Module, len(todo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, m := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = checkModule(m, sums, cache)
		}()
	}
	wg.Wait()
	return out
}

// checkModule checks one module: its content directory hashes to the
// go.sum line (dirhash h1, what `go mod verify` computes), and its cached
// go.mod to the go.sum go.mod line. A module go.sum has content for but
// the cache does not is a failure: nothing was verified.
func checkModule(m listed, sums map[string]string, cache string) Module {
	r := Module{Path: m.Path, Version: m.Version}
	if m.Replace != nil && m.Replace.Version == "" {
		r.Cache = "ok (local replacement " + filepath.ToSlash(m.Replace.Path) + ", not in go.sum)"
		h, err := dirhash.HashDir(m.Replace.Dir, m.Path+"@"+m.Version, dirhash.Hash1)
		if err != nil {
			r.Cache = "local replacement: " + err.Error()
		}
		r.Sum = h
		return r
	}
	mod := module.Version{Path: m.Path, Version: m.Version}
	if m.Replace != nil {
		mod = module.Version{Path: m.Replace.Path, Version: m.Replace.Version}
		r.Version = m.Version + " => " + mod.String()
	}
	r.Sum = sums[mod.Path+" "+mod.Version]
	r.GoModSum = sums[mod.Path+" "+mod.Version+"/go.mod"]
	r.Cache = cacheState(mod, r.Sum, r.GoModSum, cache)
	return r
}

// cacheState compares the module cache with the go.sum lines of mod.
func cacheState(mod module.Version, sum, goModSum, cache string) string {
	if sum == "" && goModSum == "" {
		return CacheNotLoaded
	}
	escPath, err := module.EscapePath(mod.Path)
	if err != nil {
		return err.Error()
	}
	escVer, err := module.EscapeVersion(mod.Version)
	if err != nil {
		return err.Error()
	}
	dir := filepath.Join(cache, escPath+"@"+escVer)
	if _, err := os.Stat(dir); sum != "" && errors.Is(err, fs.ErrNotExist) {
		return CacheMissing
	}
	if goModSum != "" {
		file := filepath.Join(cache, "cache", "download", escPath, "@v", escVer+".mod")
		h, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return os.Open(file) })
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "go.mod " + CacheMissing
		case err != nil:
			return "go.mod: " + err.Error()
		case h != goModSum:
			return "go.mod differs from go.sum: the cache has " + h
		}
	}
	if sum == "" {
		return CacheGoModOnly
	}
	h, err := dirhash.HashDir(dir, mod.String(), dirhash.Hash1)
	switch {
	case err != nil:
		return "cannot hash: " + err.Error()
	case h != sum:
		return "content differs from go.sum: the cache has " + h
	}
	return CacheOK
}
