package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/sumdb/dirhash"

	"github.com/lintgate/lintgate/internal/buildinfo"
	"github.com/lintgate/lintgate/internal/filehash"
)

// Options say where and how to take a snapshot.
type Options struct {
	// Root is the module root, the directory holding go.mod.
	Root string
	// Go runs the go command (ExecGo in production).
	Go Go
	// Executable is the lintgate binary file, hashed into the snapshot.
	Executable string
	// Build is what lintgate's build information says (buildinfo.Read).
	Build buildinfo.Pinned
	// Configs are the configurations in effect.
	Configs []Config
	// AllowWeak records a weak environment instead of refusing it.
	AllowWeak bool
	// CacheDir keeps the GOROOT hash cache ("" for none); Strict never
	// reads it.
	CacheDir string
	Strict   bool
}

// Config is a configuration in effect: lintgate.yml, the golangci-lint
// configuration and the effective configuration lintgate derives.
type Config struct {
	Name string
	// Data is the content; nil when the file does not exist.
	Data []byte
	// File says that Name is a file of the module, and so a subject of
	// the statement.
	File bool
}

// Collect takes a snapshot of the lint environment of the module in
// o.Root. Problems of the environment (a weak setting, a module that does
// not match go.sum) are recorded in Predicate.Weak, not returned; the
// error is for what could not be read at all.
func Collect(ctx context.Context, o Options) (*Statement, error) {
	env, err := goEnv(ctx, o.Go, o.Root)
	if err != nil {
		return nil, err
	}
	p := Predicate{
		Lintgate: Lintgate{Path: o.Build.Lintgate.Path, Version: o.Build.Lintgate.Version, Sum: o.Build.Lintgate.Sum, Build: map[string]string{}},
		Linters:  map[string]Tool{},
		Env:      map[string]string{},
		Configs:  map[string]string{},
	}
	for _, s := range o.Build.Settings {
		p.Lintgate.Build[s.Key] = s.Value
	}
	for name, m := range map[string]buildinfo.Module{
		"golangci-lint": o.Build.GolangciLint, "staticcheck": o.Build.Staticcheck,
		"revive": o.Build.Revive, "x/tools": o.Build.XTools,
	} {
		p.Linters[name] = Tool(m)
	}
	subjects := []Subject{}
	bin, err := filehash.SHA256(o.Executable)
	if err != nil {
		return nil, fmt.Errorf("lintgate binary: %w", err)
	}
	p.Lintgate.Binary = "sha256:" + bin
	subjects = append(subjects, Subject{Name: "lintgate", Digest: map[string]string{"sha256": bin}})
	for _, k := range recordedEnv {
		p.Env[k] = env[k]
	}
	p.Env["GOWORK"] = relTo(o.Root, env["GOWORK"])
	p.Target = Target{GOOS: env["GOOS"], GOARCH: env["GOARCH"], CGOEnabled: env["CGO_ENABLED"], GOEXPERIMENT: env["GOEXPERIMENT"]}
	p.Target.BuildTags, p.Target.Mod = goFlags(env["GOFLAGS"])
	if p.Toolchain, err = toolchain(o, env); err != nil {
		return nil, err
	}
	if p.Files, subjects, err = moduleFiles(o.Root, env["GOWORK"], subjects); err != nil {
		return nil, err
	}
	if data, err := os.ReadFile(filepath.Join(o.Root, "go.mod")); err == nil {
		p.Module = modfile.ModulePath(data)
	}
	for _, c := range o.Configs {
		p.Configs[c.Name] = Absent
		if c.Data != nil {
			d := sha256.Sum256(c.Data)
			p.Configs[c.Name] = "sha256:" + hex.EncodeToString(d[:])
			if c.File {
				subjects = append(subjects, Subject{Name: c.Name, Digest: map[string]string{"sha256": hex.EncodeToString(d[:])}})
			}
		}
	}
	if p.Modules, err = moduleCheck(ctx, o, env); err != nil {
		return nil, err
	}
	db, dbErr := dialSumDB(ctx, sumEnvOf(env))
	p.SumDB = checkSumDB(db, dbErr, env["GONOSUMDB"], p.Modules.List)
	p.GoRoot = checkGoRoot(ctx, o, env, db, dbErr)
	if db != nil {
		p.SumDB.finish(db) // the toolchain lookup may have moved the tree on
	}
	p.Weak = Weak{Allowed: fmt.Sprint(o.AllowWeak), Reasons: Weaknesses(&p)}
	return &Statement{Type: StatementType, Subject: subjects, PredicateType: PredicateType, Predicate: p}, nil
}

// toolchain reads the Go versions and go.mod's go and toolchain lines.
func toolchain(o Options, env map[string]string) (Toolchain, error) {
	tc := Toolchain{GoVersion: env["GOVERSION"], LintgateGo: o.Build.GoVersion, GOTOOLCHAIN: env["GOTOOLCHAIN"]}
	path := filepath.Join(o.Root, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return tc, err
	}
	// modfile.ParseLax skips the toolchain line: parse strictly, and
	// laxly only a go.mod the strict parser refuses.
	mf, err := modfile.Parse(path, data, nil)
	if err != nil {
		if mf, err = modfile.ParseLax(path, data, nil); err != nil {
			return tc, err
		}
	}
	if mf.Go != nil {
		tc.GoModGo = mf.Go.Version
	}
	if mf.Toolchain != nil {
		tc.GoModToolchain = mf.Toolchain.Name
	}
	for _, st := range mf.Syntax.Stmt { // a go.mod only ParseLax reads
		if l, ok := st.(*modfile.Line); ok && tc.GoModToolchain == "" && len(l.Token) == 2 && l.Token[0] == "toolchain" {
			tc.GoModToolchain = l.Token[1]
		}
	}
	return tc, nil
}

// moduleFiles hashes the files that decide the build list: go.mod,
// go.sum, the go.work in effect, vendor/modules.txt and the vendor tree.
func moduleFiles(root, gowork string, subjects []Subject) (map[string]string, []Subject, error) {
	files := map[string]string{}
	work := ""
	if gowork != "" && gowork != "off" {
		work = gowork
	}
	for _, f := range []struct{ name, path string }{
		{"go.mod", filepath.Join(root, "go.mod")},
		{"go.sum", filepath.Join(root, "go.sum")},
		{"go.work", work},
		{"vendor/modules.txt", filepath.Join(root, "vendor", "modules.txt")},
	} {
		files[f.name] = Absent
		if f.path == "" {
			continue
		}
		d, err := filehash.SHA256(f.path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		files[f.name] = "sha256:" + d
		if f.name == "go.mod" || f.name == "go.sum" {
			subjects = append(subjects, Subject{Name: f.name, Digest: map[string]string{"sha256": d}})
		}
	}
	// vendor/modules.txt does not cover the vendored files themselves.
	files["vendor"] = Absent
	if fi, err := os.Stat(filepath.Join(root, "vendor")); err == nil && fi.IsDir() {
		h, err := dirhash.HashDir(filepath.Join(root, "vendor"), "vendor", dirhash.Hash1)
		if err != nil {
			return nil, nil, err
		}
		files["vendor"] = h
	}
	return files, subjects, nil
}

// moduleCheck runs the module-content check of the build list.
func moduleCheck(ctx context.Context, o Options, env map[string]string) (Modules, error) {
	var ms Modules
	mods, err := buildList(ctx, o.Go, o.Root)
	if mods == nil && err != nil {
		return ms, err
	}
	if err != nil {
		ms.Error = oneLine(err.Error())
	}
	sumFiles := []string{filepath.Join(o.Root, "go.sum")}
	if w := env["GOWORK"]; w != "" && w != "off" {
		sumFiles = append(sumFiles, w+".sum")
	}
	for _, m := range mods {
		if m.Main && m.Dir != "" {
			sumFiles = append(sumFiles, filepath.Join(m.Dir, "go.sum"))
		}
	}
	sums, err := goSums(sumFiles...)
	if err != nil {
		return ms, err
	}
	ms.List = checkModules(mods, sums, env["GOMODCACHE"])
	return ms, nil
}

// squeezeLines counts repeated lines instead of repeating them: the go
// command says "module lookup disabled by GOPROXY=off" once per missing
// module.
func squeezeLines(s string) string {
	lines := strings.Split(s, "\n")
	n := map[string]int{}
	var order []string
	for _, l := range lines {
		if n[l]++; n[l] == 1 {
			order = append(order, l)
		}
	}
	for i, l := range order {
		if n[l] > 1 && strings.TrimSpace(l) != "" {
			order[i] = fmt.Sprintf("%s (%d times)", l, n[l])
		}
	}
	return strings.Join(order, "\n")
}

// oneLine joins the lines of a message.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// relTo names path relative to root when it lies inside it.
func relTo(root, path string) string {
	if path == "" || path == "off" || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	return filepath.ToSlash(rel)
}
