package snapshot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// GoRoot is the check of the Go toolchain that lints: `go env GOROOT`
// hashed as its toolchain module would be, and the hash confirmed by the
// checksum database (which the go command always asks about toolchain
// modules, even under GONOSUMDB).
type GoRoot struct {
	// Dir is `go env GOROOT`.
	Dir string `json:"dir"`
	// Module is golang.org/toolchain@v0.0.1-<GOVERSION>.<GOHOSTOS>-<GOHOSTARCH>,
	// "" when GOVERSION names no release.
	Module string `json:"module"`
	// Hash is the dirhash h1 of GOROOT as that module.
	Hash string `json:"hash"`
	// Verdict is "verified", or "differs: ..." or "unverifiable: ..."
	// with the reason.
	Verdict string `json:"verdict"`
}

// Toolchain verdicts (Verdict is one of them, or starts with it and ": ").
const (
	ToolchainVerified     = "verified"
	ToolchainDiffers      = "differs"
	ToolchainUnverifiable = "unverifiable"
)

// releaseRE matches the GOVERSION of a Go release.
var releaseRE = regexp.MustCompile(`^go1(\.(0|[1-9][0-9]*)){1,2}((rc|beta)[1-9][0-9]*)?$`)

// checkGoRoot hashes GOROOT and asks the database about it.
func checkGoRoot(ctx context.Context, o Options, env map[string]string, db *sumDB, dbErr error) GoRoot {
	g := GoRoot{Dir: env["GOROOT"]}
	version := toolchainVersion(env["GOVERSION"], env["GOHOSTOS"], env["GOHOSTARCH"])
	prefix := "goroot"
	if version != "" {
		g.Module = ToolchainModule + "@" + version
		prefix = g.Module
	}
	if g.Dir == "" {
		g.Verdict = ToolchainUnverifiable + ": go env GOROOT is empty"
		return g
	}
	files, err := listGoRoot(g.Dir, prefix)
	var sums []string
	if err == nil {
		g.Hash, sums, err = hashGoRoot(o, g.Dir, files)
	}
	if err != nil {
		g.Verdict = ToolchainUnverifiable + ": cannot hash GOROOT: " + oneLine(err.Error())
		return g
	}
	want, why := toolchainSum(db, dbErr, env["GOVERSION"], version)
	switch want {
	case "":
		g.Verdict = ToolchainUnverifiable + ": " + why
	case g.Hash:
		g.Verdict = ToolchainVerified
	default:
		g.Verdict = fmt.Sprintf("%s: GOROOT %s hashes to %s, the checksum database has %s for %s",
			ToolchainDiffers, g.Dir, g.Hash, want, g.Module)
		if sums == nil { // the hash came from the cache
			sums, err = fileHashes(g.Dir, files)
		}
		if err == nil {
			g.Verdict += "; " + compareOfficial(ctx, o, env, g.Module, want, files, sums)
		}
	}
	return g
}

// ToolchainLine is the go.sum line of GOROOT root as the toolchain
// module of goversion on goos/goarch ("" when goversion names no
// release), hashed without the cache.
func ToolchainLine(root, goversion, goos, goarch string) (string, error) {
	version := toolchainVersion(goversion, goos, goarch)
	if version == "" {
		return "", fmt.Errorf("%s names no Go release", goversion)
	}
	files, err := listGoRoot(root, ToolchainModule+"@"+version)
	if err != nil {
		return "", err
	}
	h, _, err := hashGoRoot(Options{}, root, files)
	return ToolchainModule + " " + version + " " + h, err
}

// toolchainSum is the database's h1 for the toolchain module, or "" and
// why there is none.
func toolchainSum(db *sumDB, dbErr error, goversion, version string) (string, string) {
	switch {
	case version == "":
		return "", fmt.Sprintf("GOVERSION %q names no Go release (a toolchain built from source): there is no toolchain module to compare it with", goversion)
	case errors.Is(dbErr, errSumDBOff):
		return "", "GOSUMDB=off: the checksum database is not asked"
	case dbErr != nil:
		return "", "checksum database: " + oneLine(dbErr.Error())
	}
	lines, err := db.client.Lookup(ToolchainModule, version)
	if err != nil {
		msg := oneLine(err.Error())
		if isNotFound(msg) {
			return "", fmt.Sprintf("the checksum database does not know %s@%s: not an official release of Go", ToolchainModule, version)
		}
		return "", "the checksum database could not be asked: " + msg
	}
	prefix := ToolchainModule + " " + version + " "
	for _, l := range lines {
		if h, ok := strings.CutPrefix(l, prefix); ok {
			return h, ""
		}
	}
	return "", fmt.Sprintf("the checksum database has no line for %s@%s", ToolchainModule, version)
}

// maxNamed is how many differing files a verdict names.
const maxNamed = 5

// compareOfficial names the files where GOROOT differs from the official
// toolchain module: the copy the go command extracted into the module
// cache, downloaded with `go mod download` (which checks it against the
// checksum database) when it is not there and GOPROXY allows.
func compareOfficial(ctx context.Context, o Options, env map[string]string, mod, want string, files []gorootFile, sums []string) string {
	dir, err := officialDir(ctx, o, env, mod)
	if err != nil {
		return "the official module is not at hand to name the differing files: " + oneLine(err.Error())
	}
	official, err := listGoRoot(dir, mod)
	if err != nil {
		return "cannot read the official module: " + oneLine(err.Error())
	}
	osums, err := fileHashes(dir, official)
	if err != nil {
		return "cannot hash the official module: " + oneLine(err.Error())
	}
	if h := hash1(official, osums); h != want {
		return "the module cache's copy of " + mod + " hashes to " + h + ", not the database's hash either"
	}
	return differingFiles(mod, files, sums, official, osums)
}

// differingFiles lists, sorted, the first files that differ.
func differingFiles(mod string, files []gorootFile, sums []string, official []gorootFile, osums []string) string {
	have := map[string]string{}
	for i, f := range files {
		have[f.name] = sums[i]
	}
	var diffs []string
	for i, f := range official {
		name := strings.TrimPrefix(f.name, mod+"/")
		switch h, ok := have[f.name]; {
		case !ok:
			diffs = append(diffs, name+" (missing)")
		case h != osums[i]:
			diffs = append(diffs, name+" (changed)")
		}
		delete(have, f.name)
	}
	for name := range have {
		diffs = append(diffs, strings.TrimPrefix(name, mod+"/")+" (added)")
	}
	slices.Sort(diffs)
	n := len(diffs)
	if n > maxNamed {
		diffs = append(diffs[:maxNamed], fmt.Sprintf("and %d more", n-maxNamed))
	}
	what := fmt.Sprintf("%d files differ", n)
	if n == 1 {
		what = "1 file differs"
	}
	return fmt.Sprintf("%s from the official module: %s", what, strings.Join(diffs, ", "))
}

// officialDir finds the toolchain module in the module cache, or
// downloads it there.
func officialDir(ctx context.Context, o Options, env map[string]string, mod string) (string, error) {
	dir := filepath.Join(env["GOMODCACHE"], filepath.FromSlash(mod))
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return dir, nil
	}
	if env["GOPROXY"] == "off" {
		return "", fmt.Errorf("%s is not in the module cache and GOPROXY=off", mod)
	}
	tmp, err := os.MkdirTemp("", "lintgate-toolchain-")
	if err != nil {
		return "", err
	}
	defer func() { _ = os.RemoveAll(tmp) }() // an empty directory: no go.mod
	out, err := o.Go.Run(ctx, tmp, []string{"GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off"}, "mod", "download", "-json", mod)
	if err != nil {
		return "", err
	}
	var d struct{ Dir, Error string }
	if err := json.Unmarshal(out, &d); err != nil {
		return "", fmt.Errorf("go mod download -json: %w", err)
	}
	if d.Error != "" || d.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", mod, d.Error)
	}
	return d.Dir, nil
}

// toolchainFailures lists a toolchain that differs from its release.
func toolchainFailures(p *Predicate) []string {
	if strings.HasPrefix(p.GoRoot.Verdict, ToolchainDiffers) {
		return []string{"toolchain " + p.GoRoot.Verdict}
	}
	return nil
}

// StrictFailures lists what only --strict fails on: a toolchain that
// cannot be verified.
func StrictFailures(p *Predicate) []string {
	if strings.HasPrefix(p.GoRoot.Verdict, ToolchainUnverifiable) {
		return []string{"toolchain " + p.GoRoot.Verdict}
	}
	return nil
}
