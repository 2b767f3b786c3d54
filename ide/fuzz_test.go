package ide

import (
	"bytes"
	"errors"
	"testing"
)

// fuzzMerge checks a merge function on any old content: it never panics,
// fails only with a *ParseError inside the content, and what it writes
// merges again to the same bytes (a second export changes nothing).
func fuzzMerge(t *testing.T, fn mergeFunc, old []byte, parses func([]byte) error) {
	data, _, err := fn(old)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T), want a *ParseError", err, err)
		}
		if pe.Line < 1 || pe.Col < 1 {
			t.Fatalf("error %v at no position", err)
		}
		return
	}
	if err := parses(data); err != nil {
		t.Fatalf("the merged file does not parse: %v\n%s", err, data)
	}
	again, _, err := fn(data)
	if err != nil {
		t.Fatalf("merging the merged file: %v\n%s", err, data)
	}
	if !bytes.Equal(again, data) {
		t.Fatalf("a second merge changed the file:\n%s\n---\n%s", data, again)
	}
}

func parsesJSONC(data []byte) error { _, err := parseDoc(data); return err }
func parsesXML(data []byte) error   { _, err := parseXML(data); return err }

// FuzzMergeJSONC: VS Code's settings.json, extensions.json and tasks.json
// (JSON with comments and trailing commas) of any content.
func FuzzMergeJSONC(f *testing.F) {
	for _, s := range []string{
		"", "{}", "[]", "null", "{\n\t// c\n\t\"a\": 1,\n}\n", `{"go.lintFlags": ["--fast-only", "-E", "gosec"]}`,
		`{"recommendations": ["golang.go"]}`, `{"version": "2.0.0", "tasks": [{"label": "lintgate"}]}`,
		`{"go.alternateTools": {"golangci-lint-v2": 1}}`, "{\"a\": /* x */ [1,\n2,],}", "\ufeff{}", `{"a":"\u00e9"}`,
	} {
		for kind := range 3 {
			f.Add(uint8(kind), []byte(s))
		}
	}
	fns := []mergeFunc{mergeSettings, mergeExtensions, mergeTasks}
	f.Fuzz(func(t *testing.T, kind uint8, old []byte) {
		fuzzMerge(t, fns[int(kind)%len(fns)], old, parsesJSONC)
	})
}

// FuzzMergeXML: GoLand's .idea/golinter.xml, .idea/watcherTasks.xml and
// .run/lintgate.run.xml of any content.
func FuzzMergeXML(f *testing.F) {
	for _, s := range []string{
		"", "<project version=\"4\"/>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project version=\"4\">\n  <component name=\"GoLinterSettings\">\n    <option name=\"goLinterExe\" value=\"/x\" />\n  </component>\n</project>\n",
		"<project><!-- c --><component name=\"ProjectTasksOptions\"><TaskOptions isEnabled=\"true\"><option name=\"name\" value=\"lintgate\"/></TaskOptions></component></project>",
		"<component name=\"ProjectRunConfigurationManager\"><configuration name=\"lintgate\" type=\"ShConfigurationType\"/></component>",
		"<project>", "<a></b>", "<project a=\"&amp;\">&#x1F600;<![CDATA[x]]></project>", "<!DOCTYPE x><project/>",
	} {
		for kind := range 3 {
			f.Add(uint8(kind), []byte(s))
		}
	}
	fns := []mergeFunc{mergeGolinter, mergeWatcher, mergeRunConfig}
	f.Fuzz(func(t *testing.T, kind uint8, old []byte) {
		fuzzMerge(t, fns[int(kind)%len(fns)], old, parsesXML)
	})
}
