package buildinfo

import (
	"runtime/debug"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/lintgate/lintgate/internal/testflags"
)

func TestFromBuildInfo(t *testing.T) {
	settings := []debug.BuildSetting{{Key: "-trimpath", Value: "true"}}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want Pinned
	}{
		{
			name: "empty",
			bi:   &debug.BuildInfo{},
			want: Pinned{Lintgate: Module{Path: LintgateModule, Version: "v0.0.0-00010101000000-000000000000"}},
		},
		{
			name: "pins and replacements",
			bi: &debug.BuildInfo{
				GoVersion: "go1.26.8",
				Main:      debug.Module{Path: LintgateModule, Version: "v1.2.3", Sum: "h1:main"},
				Settings:  settings,
				Deps: []*debug.Module{
					{Path: GolangciLintModule, Version: "v2.15.0", Sum: "h1:g"},
					{Path: StaticcheckModule, Version: "v0.8.1", Sum: "h1:old", Replace: &debug.Module{Path: StaticcheckModule, Version: "v0.8.2", Sum: "h1:s"}},
					{Path: ReviveModule, Version: "v1.17.1", Sum: "h1:r"},
					{Path: XToolsModule, Version: "v0.52.0", Sum: "h1:t"},
					{Path: "golang.org/x/mod", Version: "v0.42.0", Sum: "h1:m"},
				},
			},
			want: Pinned{
				Lintgate:     Module{Path: LintgateModule, Version: "v1.2.3", Sum: "h1:main"},
				GoVersion:    "go1.26.8",
				GolangciLint: Module{Path: GolangciLintModule, Version: "v2.15.0", Sum: "h1:g"},
				Staticcheck:  Module{Path: StaticcheckModule, Version: "v0.8.2", Sum: "h1:s"},
				Revive:       Module{Path: ReviveModule, Version: "v1.17.1", Sum: "h1:r"},
				XTools:       Module{Path: XToolsModule, Version: "v0.52.0", Sum: "h1:t"},
				Settings:     settings,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FromBuildInfo(tt.bi)); diff != "" {
				t.Errorf("FromBuildInfo (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRead: a test binary has build information with a Go version.
func TestRead(t *testing.T) {
	if p := Read(); p.GoVersion == "" || p.Lintgate.Path == "" {
		t.Errorf("Read() = %+v", p)
	}
}

func TestVersion(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "37b10c6e1f0a2b3c4d5e6f708192a3b4c5d6e7f8"},
		{Key: "vcs.time", Value: "2026-12-01T21:04:05+01:00"},
		{Key: "vcs.modified", Value: "false"},
	}
	dirty := append(append([]debug.BuildSetting(nil), vcs[:4]...), debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	tests := []struct {
		name     string
		stamped  string
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"stamped wins", "v1.2.3", "v1.0.0", vcs, "v1.2.3"},
		{"go install @version", "", "v1.2.3", vcs, "v1.2.3"},
		{"go command's vcs stamp", "", "v0.0.0-20261201200405-37b10c6e1f0a+dirty", vcs, "v0.0.0-20261201200405-37b10c6e1f0a+dirty"},
		{"devel with vcs settings: UTC pseudo-version", "", "(devel)", vcs, "v0.0.0-20261201200405-37b10c6e1f0a"},
		{"devel, modified tree", "", "(devel)", dirty, "v0.0.0-20261201200405-37b10c6e1f0a+dirty"},
		{"devel, no vcs", "", "(devel)", vcs[:1], "v0.0.0-00010101000000-000000000000"},
		{"empty, no vcs", "", "", nil, "v0.0.0-00010101000000-000000000000"},
		{"bad vcs.time", "", "(devel)", []debug.BuildSetting{vcs[2], {Key: "vcs.time", Value: "yesterday"}}, "v0.0.0-00010101000000-000000000000"},
		{"short revision", "", "(devel)", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, vcs[3]}, "v0.0.0-00010101000000-000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bi := &debug.BuildInfo{Main: debug.Module{Path: LintgateModule, Version: tt.main}, Settings: tt.settings}
			if got := Version(tt.stamped, bi); got != tt.want {
				t.Errorf("Version(%q, main %q) = %q, want %q", tt.stamped, tt.main, got, tt.want)
			}
		})
	}
}
