package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/internal/testflags"
	"github.com/lintgate/lintgate/sarif"
)

// TestFixtures runs lintgate on every fixture module and checks the exit
// code, the schema, the `// want` expectations beside the code, and the
// golden SARIF log.
func TestFixtures(t *testing.T) {
	t.Setenv("GOLANGCI_LINT_CACHE", filepath.Join(os.TempDir(), "lintgate-test-golangci-cache"))
	t.Setenv("NO_COLOR", "1")
	tests := []struct {
		name string
		code int
	}{
		{"basic", ExitFindings},
		{"broken", ExitTool},
		{"clean", ExitOK},
		{"fixes", ExitFindings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := copyTree(filepath.Join(fixturesDir(t), tt.name), dir); err != nil {
				t.Fatal(err)
			}
			data := lintFixture(t, dir, tt.code)
			problems, err := sarif.Validate(data)
			if err != nil || len(problems) > 0 {
				t.Fatalf("lintgate sarif validate: %v\n%s", err, problemLines(problems))
			}
			checkMultitool(t.Fatalf, "out.sarif", data)
			checkWants(t, dir, data)
			checkGolden(t, tt.name, normalizeLog(data, dir))
		})
	}
}

// TestDeterministic runs the same fixture twice: the logs must be
// byte-identical.
func TestDeterministic(t *testing.T) {
	t.Setenv("GOLANGCI_LINT_CACHE", filepath.Join(os.TempDir(), "lintgate-test-golangci-cache"))
	dir := t.TempDir()
	if err := copyTree(filepath.Join(fixturesDir(t), "basic"), dir); err != nil {
		t.Fatal(err)
	}
	first := lintFixture(t, dir, ExitFindings)
	second := lintFixture(t, dir, ExitFindings)
	if !bytes.Equal(first, second) {
		t.Errorf("two runs differ:\n%s", cmp.Diff(string(first), string(second)))
	}
}

func lintFixture(t *testing.T, dir string, wantCode int) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"run", "-C", dir, "-o", "out.sarif"}, nil, &stdout, &stderr)
	if code != wantCode {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, wantCode, &stdout, &stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// log is the part of a SARIF log the expectations are checked against.
type log struct {
	Runs []struct {
		Results []struct {
			RuleID    string `json:"ruleId"`
			Locations []struct {
				PhysicalLocation physLoc `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
		Invocations []struct {
			Notifications []struct {
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation physLoc `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type physLoc struct {
	ArtifactLocation struct{ URI string } `json:"artifactLocation"`
	Region           struct {
		StartLine int `json:"startLine"`
	} `json:"region"`
}

func (p physLoc) key() string {
	return fmt.Sprintf("%s:%d", p.ArtifactLocation.URI, p.Region.StartLine)
}

var wantRE = regexp.MustCompile(`// want (.*)$`)

// checkWants compares the results with the `// want "rule"...` comments
// of the fixture's Go files (`// want load "regexp"` for a load error).
func checkWants(t *testing.T, dir string, data []byte) {
	t.Helper()
	var l log
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range l.Runs[0].Results {
		got = append(got, r.Locations[0].PhysicalLocation.key()+" "+r.RuleID)
	}
	var gotLoad []string
	for _, n := range l.Runs[0].Invocations[0].Notifications {
		if len(n.Locations) > 0 {
			gotLoad = append(gotLoad, n.Locations[0].PhysicalLocation.key()+" "+n.Message.Text)
		}
	}
	want, wantLoad := readWants(t, dir)
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results differ from // want comments (-want +got):\n%s", diff)
	}
	for key, re := range wantLoad {
		if !slices.ContainsFunc(gotLoad, func(s string) bool {
			k, msg, _ := strings.Cut(s, " ")
			return k == key && re.MatchString(msg)
		}) {
			t.Errorf("no load error at %s matching %q; got %q", key, re, gotLoad)
		}
	}
}

func readWants(t *testing.T, dir string) (want []string, load map[string]*regexp.Regexp) {
	t.Helper()
	load = map[string]*regexp.Regexp{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for i, line := range strings.Split(string(src), "\n") {
			m := wantRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			key := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), i+1)
			args := unquoteAll(t, m[1])
			if len(args) == 2 && args[0] == "load" {
				load[key] = regexp.MustCompile(args[1])
				continue
			}
			for _, rule := range args {
				want = append(want, key+" "+rule)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return want, load
}

// unquoteAll splits `load "a b" "c"` into words and quoted strings.
func unquoteAll(t *testing.T, s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] != '"' {
			word, rest, _ := strings.Cut(s, " ")
			out, s = append(out, word), rest
			continue
		}
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			t.Fatalf("bad want comment %q: %v", s, err)
		}
		u, _ := strconv.Unquote(q)
		out, s = append(out, u), s[len(q):]
	}
	return out
}

// normalizeLog replaces the machine-specific module root.
func normalizeLog(data []byte, root string) []byte {
	return bytes.ReplaceAll(data, []byte("file://"+filepath.ToSlash(root)+"/"), []byte("file:///FIXTURE/"))
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "golden", name+".sarif")
	if *testflags.Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/lintgate -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden log (-want +got); review, then go test ./cmd/lintgate -update:\n%s", path, diff)
	}
}
