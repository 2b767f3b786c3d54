package ide

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGoLandNew(t *testing.T) {
	root := t.TempDir()
	export(t, root, GoLand)

	linter, ok := decodeXML(t, readFile(t, root, ".idea/golinter.xml")).find("component", "name", "GoLinterSettings")
	if !ok {
		t.Fatal("no GoLinterSettings component")
	}
	want := map[string]string{
		"customConfigFile":    "$PROJECT_DIR$/.lintgate/golangci.yml",
		"fastOnly":            "false",
		"goLinterExe":         "$PROJECT_DIR$/.lintgate/bin/golangci-lint",
		"useCustomConfigFile": "true",
	}
	if diff := cmp.Diff(want, linter.options()); diff != "" {
		t.Errorf("GoLinterSettings (-want +got):\n%s", diff)
	}

	watchers := decodeXML(t, readFile(t, root, ".idea/watcherTasks.xml"))
	w, ok := watchers.find("TaskOptions")
	if !ok {
		t.Fatal("no File Watcher")
	}
	opts := w.options()
	for k, v := range map[string]string{
		"name": "lintgate", "fileExtension": "go", "program": "$ProjectFileDir$/.lintgate/bin/lintgate",
		"arguments": "run --format sarif,text -o lintgate.sarif", "workingDir": "$ProjectFileDir$", "outputFromStdout": "false",
	} {
		if opts[k] != v {
			t.Errorf("watcher option %s = %q, want %q", k, opts[k], v)
		}
	}

	run := decodeXML(t, readFile(t, root, ".run/lintgate.run.xml"))
	if run.XMLName.Local != "component" || run.attr("name") != "ProjectRunConfigurationManager" {
		t.Errorf("run configuration root = <%s name=%q>", run.XMLName.Local, run.attr("name"))
	}
	cfg, ok := run.find("configuration", "name", "lintgate", "type", "ShConfigurationType")
	if !ok {
		t.Fatal("no lintgate shell run configuration")
	}
	if got := cfg.options()["SCRIPT_TEXT"]; got != "NO_COLOR=1 ./.lintgate/bin/lintgate run --format sarif,text -o lintgate.sarif" {
		t.Errorf("SCRIPT_TEXT = %q", got)
	}
	if !strings.HasPrefix(string(readFile(t, root, ".idea/golinter.xml")), `<?xml version="1.0" encoding="UTF-8"?>`+"\n<project version=\"4\">\n") {
		t.Errorf("golinter.xml does not start like IntelliJ's files:\n%s", readFile(t, root, ".idea/golinter.xml"))
	}
}

// Existing components, options, attributes and comments are kept.
func TestMergeGolinterKeeps(t *testing.T) {
	old := `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <!-- team settings -->
  <component name="GoLinterSettings" x:extra="1">
    <option name="concurrency" value="2" />
    <option name="goLinterExe" value="/usr/local/bin/golangci-lint" />
    <option name="enabledLinters">
      <list>
        <option value="errcheck" />
      </list>
    </option>
  </component>
  <component name="Other">
    <thing a="&quot;b&quot; &amp; c" />
  </component>
</project>
`
	want := `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <!-- team settings -->
  <component name="GoLinterSettings" x:extra="1">
    <option name="concurrency" value="2" />
    <option name="customConfigFile" value="$PROJECT_DIR$/.lintgate/golangci.yml" />
    <option name="fastOnly" value="false" />
    <option name="goLinterExe" value="$PROJECT_DIR$/.lintgate/bin/golangci-lint" />
    <option name="enabledLinters">
      <list>
        <option value="errcheck" />
      </list>
    </option>
    <option name="useCustomConfigFile" value="true" />
  </component>
  <component name="Other">
    <thing a="&quot;b&quot; &amp; c" />
  </component>
</project>
`
	got, _, err := mergeGolinter([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("golinter.xml (-want +got):\n%s", diff)
	}
	again, _, _ := mergeGolinter(got)
	if string(again) != string(got) {
		t.Errorf("second merge changed golinter.xml:\n%s", again)
	}
}

func TestMergeWatcherKeeps(t *testing.T) {
	old := `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="ProjectTasksOptions">
    <TaskOptions isEnabled="true">
      <option name="name" value="goimports" />
      <option name="program" value="goimports" />
    </TaskOptions>
    <TaskOptions isEnabled="false">
      <option name="name" value="lintgate" />
      <option name="program" value="lintgate" />
      <option name="scopeName" value="Changed Files" />
    </TaskOptions>
  </component>
</project>
`
	got, _, err := mergeWatcher([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	doc := decodeXML(t, got)
	goimports, ok := doc.find("TaskOptions", "isEnabled", "true")
	if !ok || goimports.options()["name"] != "goimports" {
		t.Errorf("the goimports watcher did not survive:\n%s", got)
	}
	mine, ok := doc.find("TaskOptions", "isEnabled", "false") // the user's choice stays
	if !ok {
		t.Fatalf("the disabled lintgate watcher was enabled or lost:\n%s", got)
	}
	if o := mine.options(); o["program"] != "$ProjectFileDir$/.lintgate/bin/lintgate" || o["scopeName"] != "Changed Files" {
		t.Errorf("lintgate watcher options = %v", o)
	}
}

func TestMergeRunConfigKeeps(t *testing.T) {
	old := `<component name="ProjectRunConfigurationManager">
  <configuration default="false" name="lintgate" type="ShConfigurationType">
    <option name="SCRIPT_TEXT" value="lintgate run" />
    <option name="INTERPRETER_PATH" value="/bin/zsh" />
  </configuration>
</component>
`
	got, _, err := mergeRunConfig([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := decodeXML(t, got).find("configuration")
	o := cfg.options()
	if o["INTERPRETER_PATH"] != "/bin/zsh" || o["SCRIPT_TEXT"] != "NO_COLOR=1 ./.lintgate/bin/lintgate run --format sarif,text -o lintgate.sarif" || o["EXECUTE_SCRIPT_FILE"] != "false" {
		t.Errorf("run configuration options = %v", o)
	}
}

func TestXMLErrors(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
		fn               mergeFunc
	}{
		{"unclosed", "<project version=\"4\">\n  <component name=\"x\">\n</project>\n", "3:1: </project> does not close <component> from line 2", mergeGolinter},
		{"not closed", "<project>\n  <component>\n", "is not closed", mergeWatcher},
		{"wrong root", "<?xml version=\"1.0\"?>\n<application />\n", "2:1: want a <project> root element, not <application>", mergeGolinter},
		{"two roots", "<component name=\"ProjectRunConfigurationManager\" />\n<x/>", "2:1: a second root element <x>", mergeRunConfig},
		{"bad attribute", "<project a=b/>", "1:", mergeGolinter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tc.fn([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// A file IntelliJ wrote comes back byte for byte when nothing changes.
func TestXMLRoundTrip(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <!-- a comment -->
  <component name="A">
    <option name="x" value="a&#10;b &lt;c&gt; &amp; &quot;d&quot;" />
    <text>some &amp; text</text>
    <empty />
  </component>
</project>
`
	d, err := parseXML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, string(d.bytes())); diff != "" {
		t.Errorf("round trip (-in +out):\n%s", diff)
	}
}
