package runner

import (
	"runtime/debug"
	"strings"

	staticcheckversion "honnef.co/go/tools/lintcmd/version"
)

// Module paths of the pinned tools.
const (
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

// Pins are the versions lintgate was built with.
type Pins struct {
	Lintgate     Module `json:"lintgate"`
	GoVersion    string `json:"go"`
	GolangciLint Module `json:"golangci-lint"`
	Staticcheck  Module `json:"staticcheck"`
	// StaticcheckRelease is staticcheck's own release name ("2026.2.2")
	// for the linked module version.
	StaticcheckRelease string `json:"staticcheckRelease"`
	Revive             Module `json:"revive"`
	XTools             Module `json:"x/tools"`
}

// ReadPins reads the pins from the running binary's build information.
func ReadPins() Pins {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Pins{Lintgate: Module{Path: "github.com/lintgate/lintgate", Version: "(devel)"}}
	}
	return PinsFromBuildInfo(bi)
}

// PinsFromBuildInfo extracts the pins from build information.
func PinsFromBuildInfo(bi *debug.BuildInfo) Pins {
	p := Pins{
		Lintgate:  Module{Path: bi.Main.Path, Version: bi.Main.Version, Sum: bi.Main.Sum},
		GoVersion: bi.GoVersion,

		StaticcheckRelease: staticcheckversion.Version,
	}
	if p.Lintgate.Path == "" {
		p.Lintgate.Path = "github.com/lintgate/lintgate"
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

// SemVer returns a version without its leading "v" ("2.15.0"), the form
// golangci-lint prints and SARIF's semanticVersion wants.
func SemVer(v string) string { return strings.TrimPrefix(v, "v") }
