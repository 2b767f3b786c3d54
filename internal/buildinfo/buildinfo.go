// Package buildinfo reads the pinned tool modules and lintgate's own
// version from a binary's build information (runtime/debug). It links
// nothing but the standard library and golang.org/x/mod/module, so
// packages that must stay light (snapshot, release) and the runner, which
// embeds golangci-lint, read the pins the same way.
//
// lintgate's version is, first found: the version stamped at link time
// (go build -ldflags "-X github.com/lintgate/lintgate/internal/buildinfo.version=v1.2.3",
// what make build VERSION=... and make release do); the main module's
// version in the build information (go install ...@v1.2.3, or a build
// in a git work tree, which the go command stamps from the tag or commit);
// a pseudo-version from the vcs.revision and vcs.time build settings; and
// else the zero pseudo-version v0.0.0-00010101000000-000000000000 (a build
// that knows neither tag nor commit). Never "(devel)": that is not a
// version anyone can compare or trace.
package buildinfo

import (
	"runtime/debug"
	"time"

	"golang.org/x/mod/module"
)

// version is set by the linker (-X) to the release version; empty otherwise.
var version string

// Module paths of the pinned tools.
const (
	LintgateModule     = "github.com/lintgate/lintgate"
	GolangciLintModule = "github.com/golangci/golangci-lint/v2"
	StaticcheckModule  = "honnef.co/go/tools"
	ReviveModule       = "github.com/mgechev/revive"
	XToolsModule       = "golang.org/x/tools"
)

// Module is a module linked into the binary.
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	Sum     string `json:"sum,omitempty"`
}

// Pinned is lintgate's own module, the Go it was built with and the
// pinned tool modules.
type Pinned struct {
	Lintgate     Module
	GoVersion    string
	GolangciLint Module
	Staticcheck  Module
	Revive       Module
	XTools       Module
	// Settings are the build settings (-trimpath, CGO_ENABLED, GOOS,
	// vcs.revision, ...) in the order the toolchain recorded them.
	Settings []debug.BuildSetting
}

// Read returns the pins of the running binary. Without build information
// (a binary built without module support) only the defaults are set.
func Read() Pinned {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return FromBuildInfo(&debug.BuildInfo{})
	}
	return FromBuildInfo(bi)
}

// FromBuildInfo extracts the pins from build information. A replaced
// module reports its replacement, which is what was linked.
func FromBuildInfo(bi *debug.BuildInfo) Pinned {
	p := Pinned{
		Lintgate:  Module{Path: bi.Main.Path, Version: bi.Main.Version, Sum: bi.Main.Sum},
		GoVersion: bi.GoVersion,
		Settings:  bi.Settings,
	}
	if p.Lintgate.Path == "" {
		p.Lintgate.Path = LintgateModule
	}
	p.Lintgate.Version = Version(version, bi)
	for _, d := range bi.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		m := Module{Path: d.Path, Version: d.Version, Sum: d.Sum}
		switch d.Path {
		case GolangciLintModule:
			p.GolangciLint = m
		case StaticcheckModule:
			p.Staticcheck = m
		case ReviveModule:
			p.Revive = m
		case XToolsModule:
			p.XTools = m
		}
	}
	return p
}

// Version is lintgate's version: stamped when not empty, else the main
// module's version, else a pseudo-version from the VCS build settings,
// else the zero pseudo-version (see the package documentation).
func Version(stamped string, bi *debug.BuildInfo) string {
	if stamped != "" {
		return stamped
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if len(rev) < 12 || err != nil {
		return module.ZeroPseudoVersion("v0")
	}
	v := module.PseudoVersion("v0", "", t, rev[:12])
	if dirty {
		v += "+dirty" // as the go command marks a build of a modified tree
	}
	return v
}
