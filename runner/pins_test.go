package runner

import (
	"runtime/debug"
	"testing"
)

func TestPinsFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/lintgate/lintgate", Version: "v1.2.3", Sum: "h1:main"},
		Deps: []*debug.Module{
			{Path: GolangciLintModule, Version: "v2.15.0", Sum: "h1:g"},
			{Path: StaticcheckModule, Version: "v0.8.1", Sum: "h1:old", Replace: &debug.Module{Path: StaticcheckModule, Version: "v0.8.2", Sum: "h1:s"}},
			{Path: ReviveModule, Version: "v1.17.1", Sum: "h1:r"},
		},
	}
	p := PinsFromBuildInfo(bi)
	if p.Lintgate.Version != "v1.2.3" || p.GoVersion != "go1.26.8" {
		t.Errorf("lintgate = %+v, go = %q", p.Lintgate, p.GoVersion)
	}
	if p.Staticcheck.Version != "v0.8.2" || p.Staticcheck.Sum != "h1:s" {
		t.Errorf("a replaced module reports the replacement: got %+v", p.Staticcheck)
	}
	if p.GolangciLint.Sum != "h1:g" || p.Revive.Version != "v1.17.1" {
		t.Errorf("pins = %+v", p)
	}
	if got, want := PinsFromBuildInfo(&debug.BuildInfo{}).Lintgate.Version, "v0.0.0-00010101000000-000000000000"; got != want {
		t.Errorf("empty build info: version %q, want the zero pseudo-version %s", got, want)
	}
}
