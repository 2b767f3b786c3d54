package ide

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWatcherOptionsAlphabetical: IntelliJ writes a File Watcher's options
// sorted by name (output, outputFilters, outputFromStdout), so the export
// does too and GoLand's first save shows no diff.
func TestWatcherOptionsAlphabetical(t *testing.T) {
	root := t.TempDir()
	export(t, root, GoLand)
	w, ok := decodeXML(t, readFile(t, root, ".idea/watcherTasks.xml")).find("TaskOptions")
	if !ok {
		t.Fatal("no File Watcher")
	}
	var names []string
	for _, c := range w.Nodes {
		if c.XMLName.Local == "option" {
			names = append(names, c.attr("name"))
		}
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "outputFilters") {
		t.Errorf("watcher options in the order %q, want sorted, with outputFilters", names)
	}
}

// TestRunConfigNoColor: a Shell Script run configuration in script-text
// mode (EXECUTE_SCRIPT_FILE false) runs `sh -c SCRIPT_TEXT` without its
// <envs> (intellij-community ShRunConfigurationProfileState), so NO_COLOR
// is set in the script text itself. The text is run here as IntelliJ runs
// it, with a stand-in launcher that prints what it got.
func TestRunConfigNoColor(t *testing.T) {
	root := t.TempDir()
	export(t, root, GoLand)
	cfg, ok := decodeXML(t, readFile(t, root, ".run/lintgate.run.xml")).find("configuration", "name", "lintgate")
	if !ok {
		t.Fatal("no run configuration")
	}
	opts := cfg.options()
	if opts["EXECUTE_SCRIPT_FILE"] != "false" {
		t.Fatalf("EXECUTE_SCRIPT_FILE = %q, want script-text mode", opts["EXECUTE_SCRIPT_FILE"])
	}
	launcher := filepath.Join(root, filepath.FromSlash(LintgateLauncher))
	if err := os.WriteFile(launcher, []byte("#!/bin/sh\necho \"NO_COLOR=$NO_COLOR args=$*\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/bin/sh", "-c", opts["SCRIPT_TEXT"])
	cmd.Dir = root
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "NO_COLOR=") })
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", opts["SCRIPT_TEXT"], err, out)
	}
	if want := "NO_COLOR=1 args=run --format sarif,text -o lintgate.sarif\n"; string(out) != want {
		t.Errorf("the script text ran the launcher with %q, want %q", out, want)
	}
}

// TestGolinterNote: GoLand's bundled Go Linter plugin keeps the
// executable outside the project files, so the first export tells the
// user the one setting to pick; goLinterExe stays for the old plugin.
func TestGolinterNote(t *testing.T) {
	root := t.TempDir()
	files := export(t, root, GoLand)
	notes := fileOf(t, files, ".idea/golinter.xml").Notes
	if len(notes) != 1 || !strings.Contains(notes[0], "Settings | Go | Linters") || !strings.Contains(notes[0], GolangciLauncher) {
		t.Errorf("notes = %q, want the Executable setting and the launcher", notes)
	}
	again := export(t, root, GoLand)
	if n := fileOf(t, again, ".idea/golinter.xml").Notes; len(n) != 0 {
		t.Errorf("a second export repeats the note: %q", n)
	}
}

// TestGolinterOptionsSorted: merged into the file the bundled plugin
// writes, the options lintgate adds go where IntelliJ would save them
// (sorted by name), not after the user's.
func TestGolinterOptionsSorted(t *testing.T) {
	old := `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="GoLinterSettings">
    <option name="concurrency" value="3" />
    <option name="enabledLinters">
      <list>
        <option value="errcheck" />
      </list>
    </option>
    <option name="linterSelected" value="true" />
  </component>
</project>
`
	data, _, err := mergeGolinter([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	c, ok := decodeXML(t, data).find("component", "name", "GoLinterSettings")
	if !ok {
		t.Fatal("no GoLinterSettings")
	}
	var names []string
	for _, k := range c.Nodes {
		names = append(names, k.attr("name"))
	}
	want := []string{"concurrency", "customConfigFile", "enabledLinters", "fastOnly", "goLinterExe", "linterSelected", "useCustomConfigFile"}
	if !slices.Equal(names, want) {
		t.Errorf("options %q, want %q\n%s", names, want, data)
	}
}
