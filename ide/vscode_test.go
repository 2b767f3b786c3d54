package ide

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// wantSettings are the keys the VS Code export owns, as standard JSON.
var wantSettings = map[string]any{
	"go.lintTool":       "golangci-lint-v2",
	"go.alternateTools": map[string]any{"golangci-lint-v2": "${workspaceFolder}/.lintgate/bin/golangci-lint"},
	"go.lintFlags":      []any{"--config=${workspaceFolder}/.lintgate/golangci.yml"},
	"go.lintOnSave":     "package",
	"gopls":             map[string]any{"ui.diagnostic.staticcheck": false},
}

func TestVSCodeNew(t *testing.T) {
	root := t.TempDir()
	files := export(t, root, VSCode)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	want := []string{
		".lintgate/.gitignore", ".lintgate/bin/golangci-lint", ".lintgate/bin/golangci-lint.cmd",
		".lintgate/bin/lintgate", ".lintgate/bin/lintgate.cmd", ".lintgate/golangci.yml",
		".vscode/extensions.json", ".vscode/settings.json", ".vscode/tasks.json",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("planned files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantSettings, decodeJSONC(t, readFile(t, root, ".vscode/settings.json"))); diff != "" {
		t.Errorf("settings.json (-want +got):\n%s", diff)
	}
	ext := decodeJSONC(t, readFile(t, root, ".vscode/extensions.json"))
	if diff := cmp.Diff(map[string]any{"recommendations": []any{"golang.go", "MS-SarifVSCode.sarif-viewer"}}, ext); diff != "" {
		t.Errorf("extensions.json (-want +got):\n%s", diff)
	}
	tasks := decodeJSONC(t, readFile(t, root, ".vscode/tasks.json"))
	if tasks["version"] != "2.0.0" {
		t.Errorf("tasks.json version = %v, want 2.0.0", tasks["version"])
	}
	task := lintgateTaskOf(t, tasks)
	if got := task["command"]; got != "${workspaceFolder}/.lintgate/bin/lintgate" {
		t.Errorf("task command = %v", got)
	}
	if diff := cmp.Diff([]any{"run", "--format", "sarif,text", "-o", "lintgate.sarif"}, task["args"]); diff != "" {
		t.Errorf("task args (-want +got):\n%s", diff)
	}
	pm := task["problemMatcher"].(map[string]any)
	if diff := cmp.Diff([]any{"relative", "${workspaceFolder}"}, pm["fileLocation"]); diff != "" {
		t.Errorf("fileLocation (-want +got):\n%s", diff)
	}
	re := pm["pattern"].(map[string]any)["regexp"].(string)
	if re != ProblemPattern {
		t.Errorf("regexp = %q, want ProblemPattern %q", re, ProblemPattern)
	}
	if _, err := regexp.Compile(re); err != nil {
		t.Error(err)
	}
	if got := string(readFile(t, root, ConfigPath)); got != testConfig {
		t.Errorf("%s = %q, want the effective config", ConfigPath, got)
	}
}

// lintgateTaskOf is the task labelled lintgate.
func lintgateTaskOf(t *testing.T, tasks map[string]any) map[string]any {
	t.Helper()
	list, _ := tasks["tasks"].([]any)
	for _, x := range list {
		if m, ok := x.(map[string]any); ok && m["label"] == "lintgate" {
			return m
		}
	}
	t.Fatalf("no lintgate task in %v", tasks)
	return nil
}

func TestMergeSettings(t *testing.T) {
	for _, tc := range []struct {
		name, old string
		// keep are texts of the old file that must survive (comments,
		// foreign keys); foreign are keys that must keep their values.
		keep    []string
		foreign map[string]any
		notes   []string
		// flags is go.lintFlags when not only the exported --config.
		flags []any
	}{
		{
			name: "comments, trailing commas and foreign keys",
			old: `// user settings
{
    /* the font */ "editor.fontSize": 14, // big
    "go.lintFlags": [
        "--fast-only", // quick
        "-E", "gosec",
    ],
    "gopls": {
        "ui.semanticTokens": true, // colours
    },
    "go.alternateTools": {"go": "/usr/local/go/bin/go"},
    // end of my settings
}
`,
			keep:    []string{"// user settings", "/* the font */", "// big", "// colours", "// end of my settings", `"-E", "gosec",`},
			foreign: map[string]any{"editor.fontSize": 14.0},
			notes:   []string{`removed "--fast-only" from go.lintFlags: it drops the slow linters (staticcheck, revive and others) that CI runs`},
			flags:   []any{"-E", "gosec", vscodeConfig},
		},
		{
			name: "another config and fast mode",
			old:  `{"go.lintFlags": ["--fast", "--config", "other.yml", "--config=x.yml"], "go.lintTool": "staticcheck"}`,
			notes: []string{
				`removed "--fast" from go.lintFlags: it drops the slow linters (staticcheck, revive and others) that CI runs`,
				`removed "--config other.yml" from go.lintFlags: the exported .lintgate/golangci.yml is the configuration`,
				`removed "--config=x.yml" from go.lintFlags: the exported .lintgate/golangci.yml is the configuration`,
			},
		},
		{
			name:    "CRLF and two-space indentation",
			old:     "{\r\n  \"files.eol\": \"\\r\\n\"\r\n}\r\n",
			keep:    []string{"{\r\n  \"files.eol\": \"\\r\\n\",\r\n  \"go.lintTool\""},
			foreign: map[string]any{"files.eol": "\r\n"},
		},
		{
			name: "empty file",
			old:  "",
		},
		{
			name:    "byte order mark",
			old:     "\ufeff{\"a\": 1}\n",
			keep:    []string{"\ufeff{\"a\": 1, \"go.lintTool\""},
			foreign: map[string]any{"a": 1.0},
		},
		{
			name:  "values of the wrong type",
			old:   `{"go.lintFlags": "--fast", "gopls": true, "go.alternateTools": []}`,
			notes: []string{"go.lintFlags was not a list; replaced it"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, notes, err := mergeSettings([]byte(tc.old))
			if err != nil {
				t.Fatal(err)
			}
			got := decodeJSONC(t, data)
			for k, v := range wantSettings {
				if k == "gopls" || k == "go.alternateTools" {
					v = subset(got[k], v)
				}
				if k == "go.lintFlags" && tc.flags != nil {
					v = tc.flags
				}
				if diff := cmp.Diff(v, got[k]); diff != "" {
					t.Errorf("%s (-want +got):\n%s\n%s", k, diff, data)
				}
			}
			for k, v := range tc.foreign {
				if diff := cmp.Diff(v, got[k]); diff != "" {
					t.Errorf("foreign key %s (-want +got):\n%s", k, diff)
				}
			}
			for _, s := range tc.keep {
				if !strings.Contains(string(data), s) {
					t.Errorf("%q did not survive:\n%s", s, data)
				}
			}
			if diff := cmp.Diff(tc.notes, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
			again, notes, err := mergeSettings(data)
			if err != nil || string(again) != string(data) || len(notes) > 0 {
				t.Errorf("second merge changed the file (%v, %q):\n%s", err, notes, again)
			}
		})
	}
}

// subset checks that got (an object) holds want's members, and returns
// got when it does, so that cmp.Diff reports only missing members.
func subset(got, want any) any {
	g, ok1 := got.(map[string]any)
	w, ok2 := want.(map[string]any)
	if !ok1 || !ok2 {
		return want
	}
	for k, v := range w {
		if !cmp.Equal(g[k], v) {
			return want
		}
	}
	return got
}

// The merge changes only what it owns: the exact bytes of a merged file.
func TestMergeSettingsMinimal(t *testing.T) {
	old := `{
	// keep me
	"editor.tabSize": 4,
	"go.lintFlags": ["--fast-only", "-v"],
	"go.lintTool": "golangci-lint-v2",
	"gopls": {
		"ui.diagnostic.staticcheck": true, // was on
	},
}
`
	want := `{
	// keep me
	"editor.tabSize": 4,
	"go.lintFlags": ["-v", "--config=${workspaceFolder}/.lintgate/golangci.yml"],
	"go.lintTool": "golangci-lint-v2",
	"gopls": {
		"ui.diagnostic.staticcheck": false, // was on
	},
	"go.alternateTools": {
		"golangci-lint-v2": "${workspaceFolder}/.lintgate/bin/golangci-lint"
	},
	"go.lintOnSave": "package",
}
`
	got, _, err := mergeSettings([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("merged settings (-want +got):\n%s", diff)
	}
}

func TestMergeExtensions(t *testing.T) {
	old := `{
  // team picks
  "recommendations": ["GOLANG.GO", "redhat.vscode-yaml",],
  "unwantedRecommendations": ["ms-sarifvscode.sarif-viewer", "other.ext"]
}`
	data, notes, err := mergeExtensions([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	got := decodeJSONC(t, data)
	want := map[string]any{
		"recommendations":         []any{"GOLANG.GO", "redhat.vscode-yaml", "MS-SarifVSCode.sarif-viewer"},
		"unwantedRecommendations": []any{"other.ext"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("extensions.json (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(data), "// team picks") || !strings.Contains(string(data), `"MS-SarifVSCode.sarif-viewer",]`) {
		t.Errorf("comment or trailing comma lost:\n%s", data)
	}
	if diff := cmp.Diff([]string{`removed "ms-sarifvscode.sarif-viewer" from unwantedRecommendations`}, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

func TestMergeTasks(t *testing.T) {
	old := `{
	"version": "2.0.0",
	"tasks": [
		// builds
		{"label": "build", "type": "shell", "command": "go build ./..."},
		{
			"label": "lintgate",
			"command": "lintgate", // old
			"presentation": {"reveal": "silent"},
		},
	],
}`
	data, _, err := mergeTasks([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	got := decodeJSONC(t, data)
	list := got["tasks"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["label"] != "build" {
		t.Fatalf("the build task did not survive:\n%s", data)
	}
	task := lintgateTaskOf(t, got)
	if diff := cmp.Diff(map[string]any{"reveal": "silent"}, task["presentation"]); diff != "" {
		t.Errorf("the task's own key (-want +got):\n%s", diff)
	}
	if task["command"] != "${workspaceFolder}/.lintgate/bin/lintgate" || task["type"] != "process" {
		t.Errorf("task not brought up to date:\n%s", data)
	}
	for _, s := range []string{"// builds", "// old"} {
		if !strings.Contains(string(data), s) {
			t.Errorf("%q lost:\n%s", s, data)
		}
	}
	again, _, _ := mergeTasks(data)
	if string(again) != string(data) {
		t.Errorf("second merge changed tasks.json:\n%s", again)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"double comma", "{\n  \"a\": 1,,\n}", `2:10: invalid character ','`},
		{"not an object", "  [1, 2]", "1:3: want a JSON object at the top level"},
		{"unterminated", `{"a": "b`, "1:9: parsing string: unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := mergeSettings([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
