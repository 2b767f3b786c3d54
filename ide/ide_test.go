package ide

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// userFiles are settings a user had before the first export.
var userFiles = map[string]string{
	".vscode/settings.json":   "{\n  // mine\n  \"editor.rulers\": [100],\n}\n",
	".vscode/extensions.json": "{\"recommendations\": [\"golang.go\"]}\n",
	".vscode/tasks.json":      "{\n  \"version\": \"2.0.0\",\n  \"tasks\": []\n}\n",
	".idea/golinter.xml":      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project version=\"4\">\n  <component name=\"GoLinterSettings\">\n    <option name=\"concurrency\" value=\"3\" />\n  </component>\n</project>\n",
	".idea/watcherTasks.xml":  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project version=\"4\">\n  <component name=\"ProjectTasksOptions\" />\n</project>\n",
}

// A second export changes nothing, for both IDEs, from scratch and from
// a user's own files.
func TestIdempotent(t *testing.T) {
	for _, start := range []map[string]string{nil, userFiles} {
		for name, fn := range map[string]func(Options) ([]File, error){"vscode": VSCode, "goland": GoLand} {
			t.Run(name, func(t *testing.T) {
				root := t.TempDir()
				writeFiles(t, root, start)
				export(t, root, fn)
				files, err := fn(testOptions(root))
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range files {
					if f.Changed() {
						t.Errorf("%s changes again:\n%s", f.Path, f.Diff())
					}
				}
			})
		}
	}
}

func TestLaunchers(t *testing.T) {
	root := t.TempDir()
	export(t, root, VSCode)
	for _, name := range []string{GolangciLauncher, LintgateLauncher} {
		fi, err := os.Stat(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o755 {
			t.Errorf("%s mode = %v, want 0755", name, fi.Mode())
		}
		data := string(readFile(t, root, name))
		if !strings.Contains(data, `lintgate='/opt/lint gate/lintgate'`) {
			t.Errorf("%s does not name the exported lintgate:\n%s", name, data)
		}
		if cmd := string(readFile(t, root, name+".cmd")); !strings.Contains(cmd, "set \"lintgate=/opt/lint gate/lintgate\"\r\n") {
			t.Errorf("%s.cmd does not name the exported lintgate with CRLF lines:\n%q", name, cmd)
		}
	}
	if !strings.Contains(string(readFile(t, root, GolangciLauncher)), `exec "$lintgate" golangci-lint "$@"`) {
		t.Errorf("%s does not run golangci-lint", GolangciLauncher)
	}
	// A launcher that lost its executable bit is a change.
	if err := os.Chmod(filepath.Join(root, GolangciLauncher), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := VSCode(testOptions(root))
	if err != nil {
		t.Fatal(err)
	}
	if f := fileOf(t, again, GolangciLauncher); !f.Changed() {
		t.Errorf("a launcher without x is unchanged")
	}
}

// Planning reads and never writes: a dry run is a plan and its diffs.
func TestPlanWritesNothing(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, userFiles)
	before := tree(t, root)
	for _, fn := range []func(Options) ([]File, error){VSCode, GoLand} {
		files, err := fn(testOptions(root))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Changed() && !strings.Contains(f.Diff(), "+++ b/"+f.Path+"\n") {
				t.Errorf("%s: diff without its header:\n%s", f.Path, f.Diff())
			}
		}
	}
	if diff := cmp.Diff(before, tree(t, root)); diff != "" {
		t.Errorf("planning changed the tree (-before +after):\n%s", diff)
	}
}

// tree maps every file below root to its content.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"settings.json": "{}\n"})
	for _, tc := range []struct {
		name, link, to, want string
	}{
		{"file outside", ".vscode/settings.json", filepath.Join(outside, "settings.json"), ".vscode/settings.json: a symlink to " + outside},
		{"directory outside", ".vscode", outside, ".vscode/extensions.json: .vscode is a symlink to " + outside},
		{"dangling", ".vscode/tasks.json", filepath.Join(outside, "nothing.json"), "which does not exist; not writing through it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, filepath.Dir(tc.link)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(tc.to, filepath.Join(root, tc.link)); err != nil {
				t.Fatal(err)
			}
			before := tree(t, outside)
			files, err := VSCode(testOptions(root))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
			if files != nil {
				t.Errorf("files planned despite the error")
			}
			if diff := cmp.Diff(before, tree(t, outside)); diff != "" {
				t.Errorf("outside changed:\n%s", diff)
			}
		})
	}
}

// A symlink that stays inside the module is followed, and stays a link.
func TestSymlinkInside(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"shared/settings.json": "{\"a\": 1}\n"})
	if err := os.MkdirAll(filepath.Join(root, ".vscode"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../shared/settings.json", filepath.Join(root, ".vscode/settings.json")); err != nil {
		t.Fatal(err)
	}
	export(t, root, VSCode)
	if fi, err := os.Lstat(filepath.Join(root, ".vscode/settings.json")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("settings.json is no longer a symlink (%v)", err)
	}
	if got := decodeJSONC(t, readFile(t, root, "shared/settings.json")); got["a"] != 1.0 || got["go.lintTool"] != "golangci-lint-v2" {
		t.Errorf("the link's target was not merged: %v", got)
	}
}

// A file that does not parse is reported with its position, and no file
// of the export is planned (so none is written).
func TestUnparseable(t *testing.T) {
	root := t.TempDir()
	bad := map[string]string{
		".vscode/settings.json": "{\n  \"a\": [1,, 2]\n}\n",
		".vscode/tasks.json":    "{\"tasks\": [}\n",
		".idea/golinter.xml":    "<project>\n<component>\n</project>\n",
	}
	writeFiles(t, root, bad)
	_, err := VSCode(testOptions(root))
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want a *ParseError", err)
	}
	want := []string{
		".vscode/settings.json:2:11: invalid character ',' at start of value",
		".vscode/tasks.json:1:12: invalid character '}' at start of value",
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if _, err := GoLand(testOptions(root)); err == nil || err.Error() != ".idea/golinter.xml:3:1: </project> does not close <component> from line 2" {
		t.Errorf("goland error = %v", err)
	}
	if diff := cmp.Diff(bad, tree(t, root)); diff != "" {
		t.Errorf("the tree changed (-want +got):\n%s", diff)
	}
	named := testOptions(root)
	named.Name = func(abs string) string { return "NAMED:" + filepath.Base(abs) }
	if _, err := VSCode(named); err == nil || !strings.HasPrefix(err.Error(), "NAMED:settings.json:2:11: ") {
		t.Errorf("Options.Name not used: %v", err)
	}
}

// The launcher passes its arguments through untouched, and says clearly
// when the lintgate it names has gone (instead of running another one).
func TestLauncherRuns(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	fake := filepath.Join(dir, "fake lintgate")
	writeFiles(t, dir, map[string]string{"fake lintgate": "#!/bin/sh\nfor a; do echo \"[$a]\"; done\n"})
	if err := os.Chmod(fake, 0o755); err != nil {
		t.Fatal(err)
	}
	launcher := filepath.Join(dir, "golangci-lint")
	writeFiles(t, dir, map[string]string{"golangci-lint": string(shLauncher(fake, "golangci-lint"))})
	out, err := exec.Command(sh, launcher, "run", "--config=/a b/c.yml", "").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if diff := cmp.Diff("[golangci-lint]\n[run]\n[--config=/a b/c.yml]\n[]\n", string(out)); diff != "" {
		t.Errorf("arguments (-want +got):\n%s", diff)
	}

	if err := os.Remove(fake); err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command(sh, launcher, "run").CombinedOutput()
	if ee, ok := errors.AsType[*exec.ExitError](err); !ok || ee.ExitCode() != 2 {
		t.Errorf("exit = %v, want 2", err)
	}
	want := "lintgate launcher " + launcher + ": no lintgate at " + fake + " any more; run lintgate ide vscode (or goland) again\n"
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}
