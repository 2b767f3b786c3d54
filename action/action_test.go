package action

import (
	"cmp"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	_ "github.com/lintgate/lintgate/internal/testflags"
)

// metadata is the part of action.yml the tests read.
type metadata struct {
	Inputs  map[string]struct{ Default string }
	Outputs map[string]struct{ Value string }
	Runs    struct {
		Steps []struct {
			ID   string
			Run  string
			Uses string
			Env  map[string]string
		}
	}
}

func readAction(t *testing.T) ([]byte, metadata) {
	t.Helper()
	data := readFile(t, filepath.Join("..", "action.yml"))
	var m metadata
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return data, m
}

// TestActionSteps: every shell step is action.sh (so this file tests all
// the shell there is), every input is used, and every output is one the
// run step writes.
func TestActionSteps(t *testing.T) {
	data, m := readAction(t)
	runRE := regexp.MustCompile(`^"\$GITHUB_ACTION_PATH/action/action\.sh" (install|run|gate)$`)
	var uses []string
	for _, s := range m.Runs.Steps {
		if s.Uses != "" {
			uses = append(uses, s.Uses)
			continue
		}
		if !runRE.MatchString(s.Run) {
			t.Errorf("step %q runs %q: shell belongs in action/action.sh", s.ID, s.Run)
		}
	}
	if want := []string{"actions/cache@v4", "github/codeql-action/upload-sarif@v4"}; !slices.Equal(uses, want) {
		t.Errorf("uses %v, want %v", uses, want)
	}
	for name := range m.Inputs {
		if !regexp.MustCompile(`inputs\.` + regexp.QuoteMeta(name) + `\b`).Match(data) {
			t.Errorf("input %s is never used", name)
		}
	}
	for name, o := range m.Outputs {
		if want := "${{ steps.run.outputs." + name + " }}"; o.Value != want {
			t.Errorf("output %s = %q, want %q", name, o.Value, want)
		}
		if !slices.Contains(runOutputs, name) {
			t.Errorf("output %s is not one the run step writes (%v)", name, runOutputs)
		}
	}
}

// runOutputs are the outputs TestRun proves the run step writes.
var runOutputs = []string{"sarif", "exit-code", "findings", "errors", "warnings", "notes"}

// fakes puts fake go and lintgate commands first on PATH. The fake go
// logs its arguments and environment and installs a fake lintgate; the
// fake lintgate logs its arguments, copies $FAKE_SARIF to its -o file
// (unless empty) and exits $FAKE_EXIT.
func fakes(t *testing.T, dir string) []string {
	t.Helper()
	bin := filepath.Join(dir, "fakebin")
	lintgate := `#!/usr/bin/env bash
printf '%s\n' "$@" >"$FAKE_LOG.lintgate"
out=lintgate.sarif
while (($#)); do if [[ $1 == -o ]]; then out=$2; fi; shift; done
if [[ -n ${FAKE_SARIF:-} ]]; then cp "$FAKE_SARIF" "$out"; fi
echo "lintgate v1.2.3 (fake)"
exit "${FAKE_EXIT:-0}"
`
	goCmd := `#!/usr/bin/env bash
if [[ $1 == env ]]; then echo "${GOSUMDB:-sum.golang.org}"; exit 0; fi
{ printf '%s\n' "$@"; echo "GOBIN=$GOBIN"; echo "GOFLAGS=$GOFLAGS"; } >"$FAKE_LOG.go"
cp "$FAKE_BIN/lintgate" "$GOBIN/lintgate"
`
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"lintgate": lintgate, "go": goCmd} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return []string{"PATH=" + bin + ":" + os.Getenv("PATH"), "FAKE_BIN=" + bin, "FAKE_LOG=" + filepath.Join(dir, "log")}
}

// step runs action.sh STEP in dir with a fresh runner environment and
// returns the exit code, the output, and GITHUB_OUTPUT/ENV/PATH parsed.
type result struct {
	code         int
	out          string
	outputs, env map[string]string
	path         []string
}

func step(t *testing.T, dir, name string, env ...string) result {
	t.Helper()
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH"} {
		files[f] = filepath.Join(dir, strings.ToLower(f))
		if err := os.WriteFile(files[f], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, err := filepath.Abs("action.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script, name)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+filepath.Join(dir, "runner-temp"), "GOLANGCI_LINT_CACHE=", "GOSUMDB=")
	for f, p := range files {
		cmd.Env = append(cmd.Env, f+"="+p)
	}
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	r := result{out: string(out), outputs: keyValues(t, files["GITHUB_OUTPUT"]), env: keyValues(t, files["GITHUB_ENV"])}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r.path = strings.Fields(string(readFile(t, files["GITHUB_PATH"])))
	t.Logf("action.sh %s %v: exit %d\n%s", name, env, r.code, out)
	return r
}

func keyValues(t *testing.T, file string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(string(readFile(t, file)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			if _, dup := m[k]; dup {
				t.Errorf("%s: %s written twice", filepath.Base(file), k)
			}
			m[k] = v
		}
	}
	return m
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestInstall(t *testing.T) {
	dir := t.TempDir()
	env := fakes(t, dir)
	r := step(t, dir, "install", append(env, "LINTGATE_VERSION=v1.2.3")...)
	if r.code != 0 {
		t.Fatalf("install: exit %d", r.code)
	}
	bin := filepath.Join(dir, "runner-temp", "lintgate-bin")
	want := "install\ngithub.com/lintgate/lintgate/cmd/lintgate@v1.2.3\nGOBIN=" + bin + "\nGOFLAGS=\n"
	if got := string(readFile(t, filepath.Join(dir, "log.go"))); got != want {
		t.Errorf("go was run as\n%s\nwant\n%s", got, want)
	}
	cache := filepath.Join(dir, "runner-temp", "lintgate-golangci-cache")
	if diff := gocmp.Diff(map[string]string{"cache-dir": cache, "bin": filepath.Join(bin, "lintgate")}, r.outputs); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
	}
	if r.env["GOLANGCI_LINT_CACHE"] != cache || !slices.Equal(r.path, []string{bin}) {
		t.Errorf("GITHUB_ENV %v, GITHUB_PATH %v", r.env, r.path)
	}
	if !strings.Contains(r.out, "lintgate v1.2.3 (fake)") {
		t.Errorf("install does not show the installed version: %q", r.out)
	}
	// GOLANGCI_LINT_CACHE set by the workflow is kept.
	r = step(t, dir, "install", append(env, "LINTGATE_VERSION=v1.2.3", "GOLANGCI_LINT_CACHE=/mine")...)
	if r.outputs["cache-dir"] != "/mine" || r.env["GOLANGCI_LINT_CACHE"] != "/mine" {
		t.Errorf("own cache: outputs %v, env %v", r.outputs, r.env)
	}
}

func TestInstallRefusesUnpinned(t *testing.T) {
	for _, tt := range []struct{ version, want string }{
		{"", "is not pinned"},
		{"latest", "'latest' is not pinned"},
		{"main", "'main' is not a version"},
		{"v1.2", "'v1.2' is not a version"},
		{"v1.2.3; rm -rf /", "is not a version"},
	} {
		dir := t.TempDir()
		r := step(t, dir, "install", append(fakes(t, dir), "LINTGATE_VERSION="+tt.version)...)
		if r.code != 2 || !strings.Contains(r.out, tt.want) || !strings.Contains(r.out, "::error title=lintgate::") {
			t.Errorf("version %q: exit %d, %q; want 2 with %q", tt.version, r.code, r.out, tt.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "log.go")); err == nil {
			t.Errorf("version %q: go install ran", tt.version)
		}
	}
	dir := t.TempDir()
	r := step(t, dir, "install", append(fakes(t, dir), "LINTGATE_VERSION=v1.2.3", "GOSUMDB=off")...)
	if r.code != 2 || !strings.Contains(r.out, "GOSUMDB=off") {
		t.Errorf("GOSUMDB=off: exit %d, %q", r.code, r.out)
	}
}

// levels counts a real lintgate log's results by level, as the run step
// must.
func levels(t *testing.T, file string) map[string]int {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct{ Level, BaselineState string }
		}
	}
	if err := json.Unmarshal(readFile(t, file), &log); err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, r := range log.Runs[0].Results {
		if r.BaselineState != "absent" {
			n[cmp.Or(r.Level, "warning")]++
			n["findings"]++
		}
	}
	return n
}

func TestRun(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("..", "testdata", "golden", "basic.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	n := levels(t, golden)
	if n["findings"] == 0 {
		t.Fatal("the golden log has no results: the counts prove nothing")
	}
	dir := t.TempDir()
	env := append(fakes(t, dir), "FAKE_SARIF="+golden, "FAKE_EXIT=1",
		"LINTGATE_ARGS=--new-only  *.go\t./...", "LINTGATE_CATEGORY=lintgate/shard-1", "LINTGATE_FAIL_ON=error")
	r := step(t, dir, "run", env...)
	if r.code != 0 {
		t.Fatalf("run: exit %d: findings are the gate step's to fail on, after the upload", r.code)
	}
	want := map[string]string{
		"exit-code": "1", "sarif": filepath.Join(dir, "lintgate.sarif"),
		"findings": itoa(n["findings"]), "errors": itoa(n["error"]), "warnings": itoa(n["warning"]), "notes": itoa(n["note"]),
	}
	if diff := gocmp.Diff(want, r.outputs); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
	}
	var keys []string
	for k := range r.outputs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := slices.Sorted(slices.Values(runOutputs)); !slices.Equal(keys, want) {
		t.Errorf("outputs %v, want %v", keys, want)
	}
	args := "run\n-o\nlintgate.sarif\n--format\nsarif,github\n--category\nlintgate/shard-1\n--fail-on\nerror\n--new-only\n*.go\n./...\n"
	if got := string(readFile(t, filepath.Join(dir, "log.lintgate"))); got != args {
		t.Errorf("lintgate was run as\n%s\nwant (args split on white space, never globbed)\n%s", got, args)
	}

	// No category and no fail-on: lintgate.yml's or the defaults.
	r = step(t, dir, "run", append(fakes(t, dir), "FAKE_SARIF="+golden)...)
	if got := string(readFile(t, filepath.Join(dir, "log.lintgate"))); r.code != 0 || got != "run\n-o\nlintgate.sarif\n--format\nsarif,github\n" {
		t.Errorf("defaults: exit %d, args %q", r.code, got)
	}
}

// TestRunWithoutLog: a run that wrote no log (a bad config, exit 2; a
// policy violation, exit 3) fails the step at once with lintgate's code.
func TestRunWithoutLog(t *testing.T) {
	for _, code := range []string{"2", "3", "0"} {
		dir := t.TempDir()
		r := step(t, dir, "run", append(fakes(t, dir), "FAKE_EXIT="+code)...)
		want := code
		if code == "0" {
			want = "4"
		}
		if itoa(r.code) != want || r.outputs["sarif"] != "" || r.outputs["exit-code"] != code || !strings.Contains(r.out, "wrote no SARIF log") {
			t.Errorf("lintgate exit %s without a log: step exit %d, outputs %v", code, r.code, r.outputs)
		}
	}
}

func TestGate(t *testing.T) {
	for _, tt := range []struct {
		exit string
		code int
		want string
	}{
		{"0", 0, "the gate passed"},
		{"1", 1, "findings fail the gate (fail-on error); see the annotations and the code scanning alerts\n"},
		{"3", 3, "lintgate run exited 3"},
		{"4", 4, "lintgate run exited 4"},
		{"", 4, "no exit code"},
	} {
		dir := t.TempDir()
		r := step(t, dir, "gate", "LINTGATE_EXIT="+tt.exit, "LINTGATE_FAIL_ON=error")
		if r.code != tt.code || !strings.Contains(r.out, tt.want) {
			t.Errorf("gate after exit %q: exit %d, %q; want %d with %q", tt.exit, r.code, r.out, tt.code, tt.want)
		}
	}
	if r := step(t, t.TempDir(), "bogus"); r.code != 2 || !strings.Contains(r.out, "usage: action.sh install|run|gate") {
		t.Errorf("bogus step: exit %d, %q", r.code, r.out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
