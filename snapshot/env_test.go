package snapshot

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// hardValues are values each shell must read back exactly.
var hardValues = []EnvVar{
	{"GOFLAGS", `-tags=a,b -ldflags=-X=main.v=it's "quoted"`},
	{"GOPRIVATE", `*.corp.example.com,$HOME/x,back\slash\\,tab	end`},
	{"GONOSUMDB", "two\nlines and 'quotes' and \"double\" and `tick` and $(date) and ‘curly’"},
	{"GOPROXY", ""},
	{"GOSUMDB", `'`},
	{"GOTOOLCHAIN", `\'\"$`},
	{"GOMODCACHE", "/dir with spaces/mod cache\n"},
}

// shells are the shells whose quoting is checked by running them: the
// script sources the output of WriteEnv and a child process prints each
// variable, which proves the value and that it was exported.
var shells = []struct {
	name, format string
	// required shells fail the test when absent.
	required bool
	args     func(script string) []string
	print    func(name, out string) string
}{
	{"sh", "sh", true, func(s string) []string { return []string{s} }, shPrint},
	{"bash", "sh", false, func(s string) []string { return []string{"--norc", "--noprofile", s} }, shPrint},
	{"dash", "sh", false, func(s string) []string { return []string{s} }, shPrint},
	{"fish", "fish", false, func(s string) []string { return []string{"--no-config", s} }, func(name, out string) string {
		return fmt.Sprintf("sh -c 'printf %%s \"$%s\"' > %s\n", name, fishQuote(out))
	}},
	{"pwsh", "powershell", false, func(s string) []string { return []string{"-NoProfile", "-NonInteractive", "-File", s} }, func(name, out string) string {
		return fmt.Sprintf("[IO.File]::WriteAllText(%s, [Environment]::GetEnvironmentVariable(%s))\n", psQuote(out), psQuote(name))
	}},
}

func shPrint(name, out string) string {
	return fmt.Sprintf("sh -c 'printf %%s \"$%s\"' > %s\n", name, shQuote(out))
}

func TestWriteEnvInShells(t *testing.T) {
	for _, sh := range shells {
		t.Run(sh.name, func(t *testing.T) {
			path, err := exec.LookPath(sh.name)
			if err != nil && sh.required {
				t.Fatalf("%s must be installed: %v", sh.name, err)
			}
			if err != nil {
				t.Skipf("%s is not installed here: its quoting is checked only where it exists", sh.name)
			}
			dir := t.TempDir()
			var script bytes.Buffer
			if err := WriteEnv(&script, sh.format, hardValues); err != nil {
				t.Fatal(err)
			}
			for _, v := range hardValues {
				script.WriteString(sh.print(v.Name, filepath.Join(dir, v.Name+".out")))
			}
			file := filepath.Join(dir, "env-script")
			if err := os.WriteFile(file, script.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(path, sh.args(file)...)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s %s: %v\n%s\nscript:\n%s", sh.name, file, err, out, script.Bytes())
			}
			for _, v := range hardValues {
				got, err := os.ReadFile(filepath.Join(dir, v.Name+".out"))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != v.Value {
					t.Errorf("%s read %s back as %q, want %q", sh.name, v.Name, got, v.Value)
				}
			}
		})
	}
}

// parseGithubEnv reads a $GITHUB_ENV file as the runner does: NAME=value
// lines, and NAME<<DELIMITER ... DELIMITER blocks.
func parseGithubEnv(t *testing.T, data string) []EnvVar {
	var vars []EnvVar
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if name, delim, ok := strings.Cut(lines[i], "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				val = append(val, lines[i])
			}
			if i == len(lines) {
				t.Fatalf("delimiter %s never closes", delim)
			}
			vars = append(vars, EnvVar{name, strings.Join(val, "\n")})
			continue
		}
		name, val, _ := strings.Cut(lines[i], "=")
		vars = append(vars, EnvVar{name, val})
	}
	return vars
}

func TestWriteEnvGithub(t *testing.T) {
	vars := append([]EnvVar{{"TRICKY", "a\nLINTGATE_EOF_x\nb"}}, hardValues...)
	var b bytes.Buffer
	if err := WriteEnv(&b, "github", vars); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(vars, parseGithubEnv(t, b.String())); diff != "" {
		t.Errorf("$GITHUB_ENV read back differs (-want +got):\n%s\n%s", diff, b.String())
	}
	var again bytes.Buffer
	if err := WriteEnv(&again, "github", vars); err != nil || again.String() != b.String() {
		t.Errorf("not deterministic: %v", err)
	}
}

func TestWriteEnvGitlab(t *testing.T) {
	var b bytes.Buffer
	ok := []EnvVar{{"GOFLAGS", `-tags=a -x="q" 'y'`}, {"GOPROXY", ""}}
	if err := WriteEnv(&b, "gitlab", ok); err != nil {
		t.Fatal(err)
	}
	if want := "GOFLAGS=-tags=a -x=\"q\" 'y'\nGOPROXY=\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	for _, v := range []string{"a\nb", " lead", "trail\t"} {
		err := WriteEnv(&b, "gitlab", []EnvVar{{"X", v}})
		if err == nil || !strings.Contains(err.Error(), "GitLab dotenv report cannot hold") {
			t.Errorf("value %q: err %v, want a refusal", v, err)
		}
	}
	if err := WriteEnv(&b, "csh", ok); err == nil || !strings.Contains(err.Error(), "sh, fish, powershell, github, gitlab") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestGoEnv(t *testing.T) {
	p := &Predicate{
		Toolchain: Toolchain{GoVersion: "go1.26.8 X:jsonv2"},
		Env: map[string]string{
			"GOPROXY": "https://proxy.golang.org,direct", "GOSUMDB": "sum.golang.org", "GONOSUMDB": "corp.example.com",
			"GOPRIVATE": "corp.example.com", "GONOPROXY": "", "GOINSECURE": "", "GOFLAGS": "-tags=x -mod=mod",
		},
	}
	got, err := p.GoEnv(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []EnvVar{
		{"GOTOOLCHAIN", "go1.26.8"}, {"GOPROXY", "https://proxy.golang.org,direct"}, {"GOSUMDB", "sum.golang.org"},
		{"GONOSUMDB", "corp.example.com"}, {"GOPRIVATE", "corp.example.com"}, {"GOFLAGS", "-tags=x -mod=mod"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GoEnv (-want +got):\n%s", diff)
	}
	got, err = p.GoEnv(&Local{Proxy: "/b dir/proxy", ModCache: "/m"})
	if err != nil {
		t.Fatal(err)
	}
	want[1].Value = "file:///b%20dir/proxy"
	want[5].Value = "-tags=x -mod=readonly"
	want = append(want, EnvVar{"GOMODCACHE", "/m"})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GoEnv with a bundle (-want +got):\n%s", diff)
	}
	for _, v := range []string{"devel go1.27-abc", "go1.26", ""} {
		p.Toolchain.GoVersion = v
		if _, err := p.GoEnv(nil); err == nil {
			t.Errorf("goVersion %q: no error", v)
		}
	}
}
