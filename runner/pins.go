package runner

import (
	"runtime/debug"
	"strings"

	staticcheckversion "honnef.co/go/tools/lintcmd/version"

	"github.com/lintgate/lintgate/internal/buildinfo"
)

// Module paths of the pinned tools.
const (
	GolangciLintModule = buildinfo.GolangciLintModule
	StaticcheckModule  = buildinfo.StaticcheckModule
	ReviveModule       = buildinfo.ReviveModule
	XToolsModule       = buildinfo.XToolsModule
)

// Module is a module linked into the binary.
type Module = buildinfo.Module

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
		bi = &debug.BuildInfo{}
	}
	return PinsFromBuildInfo(bi)
}

// PinsFromBuildInfo extracts the pins from build information.
func PinsFromBuildInfo(bi *debug.BuildInfo) Pins {
	b := buildinfo.FromBuildInfo(bi)
	return Pins{
		Lintgate:           b.Lintgate,
		GoVersion:          b.GoVersion,
		GolangciLint:       b.GolangciLint,
		Staticcheck:        b.Staticcheck,
		StaticcheckRelease: staticcheckversion.Version,
		Revive:             b.Revive,
		XTools:             b.XTools,
	}
}

// SemVer returns a version without its leading "v" ("2.15.0"), the form
// golangci-lint prints and SARIF's semanticVersion wants.
func SemVer(v string) string { return strings.TrimPrefix(v, "v") }
