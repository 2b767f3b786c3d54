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
			want: Pinned{Lintgate: Module{Path: LintgateModule, Version: "(devel)"}},
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
