// Package buildinfo reads the pinned tool modules from a binary's build
// information (runtime/debug). It links nothing but the standard library,
// so packages that must stay light (snapshot) and the runner, which embeds
// golangci-lint, read the pins the same way.
package buildinfo

import "runtime/debug"

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
	if p.Lintgate.Version == "" {
		p.Lintgate.Version = "(devel)"
	}
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
