package snapshot

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/internal/buildinfo"
)

// recordingGo answers go commands from a table and records them.
type recordingGo struct {
	calls   []string
	answers map[string]string
	fail    map[string]error
}

func (r *recordingGo) Run(_ context.Context, dir string, env []string, args ...string) ([]byte, error) {
	verb := strings.Join(args[:min(2, len(args))], " ")
	r.calls = append(r.calls, dir+": "+strings.Join(env, " ")+" | go "+strings.Join(args, " "))
	if err := r.fail[verb]; err != nil {
		return nil, err
	}
	return []byte(r.answers[verb]), nil
}

func applyStatement() *Statement {
	return &Statement{Predicate: Predicate{
		Lintgate:  Lintgate{Path: "github.com/lintgate/lintgate", Version: "v1.2.0"},
		Toolchain: Toolchain{GoVersion: "go1.26.8", LintgateGo: "go1.26.8"},
		Env:       map[string]string{"GOPROXY": "https://proxy.example", "GOSUMDB": "sum.golang.org", "GOFLAGS": "-tags=x"},
		Modules: Modules{List: []Module{
			{Path: "example.com/b", Version: "v1.0.0", Sum: "h1:b", GoModSum: "h1:bm", Cache: CacheOK},
			{Path: "example.com/a", Version: "v1.0.0", Sum: "h1:a", GoModSum: "h1:am", Cache: CacheMissing},
			{Path: "example.com/modonly", Version: "v0.1.0", GoModSum: "h1:m", Cache: CacheGoModOnly},
			{Path: "example.com/r", Version: "v1.0.0 => example.com/fork@v1.0.1", Sum: "h1:r", Cache: CacheOK},
			{Path: "example.com/local", Version: "v0.0.0", Sum: "h1:l", Cache: "ok (local replacement ../local, not in go.sum)"},
		}},
	}}
}

func TestPlanRun(t *testing.T) {
	p, err := NewPlan(applyStatement(), "/m", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"example.com/a@v1.0.0", "example.com/b@v1.0.0", "example.com/fork@v1.0.1"}
	if diff := cmp.Diff(want, p.Modules); diff != "" {
		t.Errorf("modules (-want +got):\n%s", diff)
	}
	g := &recordingGo{answers: map[string]string{"env GOVERSION": "go1.26.8\n", "mod download": `{"Path":"example.com/a","Version":"v1.0.0"}`}}
	n, err := p.Run(context.Background(), g)
	if err != nil || n != 3 {
		t.Fatalf("Run: %d, %v", n, err)
	}
	env := "GOTOOLCHAIN=go1.26.8 GOPROXY=https://proxy.example GOSUMDB=sum.golang.org GONOSUMDB= GOPRIVATE= GOFLAGS=-tags=x"
	wantCalls := []string{
		"/m: " + env + " | go env GOVERSION",
		"/m: " + env + " | go list -mod=readonly -m -json all",
		"/m: " + env + " | go mod download -json example.com/a@v1.0.0 example.com/b@v1.0.0 example.com/fork@v1.0.1",
	}
	if diff := cmp.Diff(wantCalls, g.calls); diff != "" {
		t.Errorf("go commands (-want +got):\n%s", diff)
	}
}

func TestPlanRunFailures(t *testing.T) {
	p, err := NewPlan(applyStatement(), "/m", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		g    *recordingGo
		want string
	}{
		{"toolchain not available", &recordingGo{fail: map[string]error{"env GOVERSION": errors.New("go: download go1.26.8: toolchain not available")}}, "switching to go1.26.8: go: download go1.26.8: toolchain not available"},
		{"another go", &recordingGo{answers: map[string]string{"env GOVERSION": "go1.25.1"}}, "GOTOOLCHAIN=go1.26.8 runs go1.25.1"},
		{"download error", &recordingGo{answers: map[string]string{
			"env GOVERSION": "go1.26.8",
			"mod download":  `{"Path":"example.com/a","Version":"v1.0.0","Error":"verifying example.com/a@v1.0.0: checksum mismatch"}` + "\n" + `{"Path":"example.com/b","Version":"v1.0.0"}`,
		}}, "downloading modules: example.com/a@v1.0.0: verifying example.com/a@v1.0.0: checksum mismatch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.Run(context.Background(), tc.g)
			if err == nil || err.Error() != tc.want {
				t.Errorf("err = %v, want %s", err, tc.want)
			}
		})
	}
}

func TestPlanDescribe(t *testing.T) {
	p, err := NewPlan(applyStatement(), "/m", &Local{Proxy: "/b/proxy", ModCache: "/mc"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Describe(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"  GOPROXY='file:///b/proxy'\n", "  GOMODCACHE='/mc'\n",
		"go env GOVERSION\n  (switches to go1.26.8, downloading and checksum-verifying it if needed)\n",
		"go mod download -json\n  (downloads the 3 modules whose content go.sum records, checked against go.sum)\n  example.com/a@v1.0.0\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Describe lacks %q:\n%s", want, b.String())
		}
	}
}

func TestLintgateHints(t *testing.T) {
	p := &applyStatement().Predicate
	now := buildinfo.Pinned{Lintgate: buildinfo.Module{Version: "v1.1.0"}, GoVersion: "go1.26.7"}
	want := []string{
		"lintgate is v1.1.0, the snapshot's is release v1.2.0: install it with go install github.com/lintgate/lintgate/cmd/lintgate@v1.2.0",
		"lintgate was built with go1.26.7, the snapshot's with go1.26.8: rebuild it with GOTOOLCHAIN=go1.26.8 go install github.com/lintgate/lintgate/cmd/lintgate@v1.2.0",
	}
	if diff := cmp.Diff(want, p.LintgateHints(now)); diff != "" {
		t.Errorf("hints (-want +got):\n%s", diff)
	}
	now = buildinfo.Pinned{Lintgate: buildinfo.Module{Version: "v1.2.0"}, GoVersion: "go1.26.8"}
	if h := p.LintgateHints(now); len(h) != 0 {
		t.Errorf("same lintgate: hints %q", h)
	}
	p.Lintgate.Version = "(devel)"
	p.Lintgate.Build = map[string]string{"vcs.revision": "abc123"}
	if h := p.LintgateHints(now); len(h) != 1 || !strings.Contains(h[0], "vcs.revision abc123") {
		t.Errorf("devel: hints %q", h)
	}
}
