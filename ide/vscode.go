package ide

import (
	"fmt"
	"strings"

	"github.com/tailscale/hujson"
)

// What VS Code's settings name. vscode-go substitutes ${workspaceFolder}
// in go.alternateTools and in a go.lintFlags --config= flag.
const (
	vscodeLauncher = "${workspaceFolder}/" + GolangciLauncher
	vscodeConfig   = "--config=${workspaceFolder}/" + ConfigPath
	// ProblemPattern reads lintgate's text output (path:line[:col]:
	// level rule: message) in the "lintgate" task. Paths are relative to
	// the module root, the task's working directory. The column is left
	// out: lintgate prints Go's byte columns, VS Code counts UTF-16 code
	// units, so on a line with non-ASCII text before the finding it would
	// point at the wrong character; the whole line is marked instead. The
	// SARIF log carries exact UTF-16 columns for the SARIF Viewer.
	ProblemPattern = `^(.+?):(\d+)(?::\d+)?: (error|warning|note) (\S+): (.*)$`
)

// extensionIDs are the extensions .vscode/extensions.json recommends.
var extensionIDs = []string{"golang.go", "MS-SarifVSCode.sarif-viewer"}

// VSCode plans the VS Code export: the launchers, .vscode/settings.json,
// .vscode/extensions.json and .vscode/tasks.json.
func VSCode(o Options) ([]File, error) {
	p := &planner{o: o}
	p.launchers()
	p.merge(".vscode/settings.json", mergeSettings)
	p.merge(".vscode/extensions.json", mergeExtensions)
	p.merge(".vscode/tasks.json", mergeTasks)
	return p.result()
}

// mergeSettings makes vscode-go lint with the launcher and the exported
// configuration on save, and turns gopls' own staticcheck off.
func mergeSettings(old []byte) ([]byte, []string, error) {
	d, err := parseDoc(old)
	if err != nil {
		return nil, nil, err
	}
	obj := d.object()
	d.set(obj, "", []string{"go.lintTool"}, "golangci-lint-v2")
	d.set(obj, "", []string{"go.alternateTools", "golangci-lint-v2"}, vscodeLauncher)
	notes := d.setLintFlags(obj)
	d.set(obj, "", []string{"go.lintOnSave"}, "package")
	d.set(obj, "", []string{"gopls", "ui.diagnostic.staticcheck"}, false)
	return d.bytes(), notes, nil
}

// setLintFlags puts the exported --config into go.lintFlags and takes
// out what contradicts it: another config, and the fast modes, which
// drop every linter golangci-lint considers slow (staticcheck, revive and
// more) and so report less than CI.
func (d *jsonDoc) setLintFlags(obj *hujson.Object) []string {
	m := member(obj, "go.lintFlags")
	if m == nil {
		d.set(obj, "", []string{"go.lintFlags"}, []string{vscodeConfig})
		return nil
	}
	arr, ok := m.Value.Value.(*hujson.Array)
	if !ok {
		d.set(obj, "", []string{"go.lintFlags"}, []string{vscodeConfig})
		return []string{"go.lintFlags was not a list; replaced it"}
	}
	inner, _ := d.childIndent(obj, "")
	indent, multi := d.childIndent(arr, inner)
	var notes []string
	found := false
	for i := 0; i < len(arr.Elements); {
		s, _ := stringOf(arr.Elements[i])
		drop, why := 0, ""
		switch flag, _, _ := strings.Cut(s, "="); {
		case s == vscodeConfig && !found:
			found = true
		case flag == "--fast" || flag == "--fast-only":
			drop, why = 1, "it drops the slow linters (staticcheck, revive and others) that CI runs"
		case s == "--config" || s == "-c":
			drop, why = 2, "the exported "+ConfigPath+" is the configuration"
		case flag == "--config" || flag == "-config" || flag == "-c" || flag == "--no-config":
			drop, why = 1, "the exported "+ConfigPath+" is the configuration"
		}
		if drop == 0 {
			i++
			continue
		}
		removed := []string{}
		for range min(drop, len(arr.Elements)-i) {
			v, _ := stringOf(arr.Elements[i])
			removed = append(removed, v)
			removeElement(arr, i)
		}
		d.changed = true
		if s != vscodeConfig {
			notes = append(notes, fmt.Sprintf("removed %q from go.lintFlags: %s", strings.Join(removed, " "), why))
		}
	}
	if !found {
		d.appendElement(arr, indent, multi, vscodeConfig)
	}
	return notes
}

// mergeExtensions recommends the Go and SARIF Viewer extensions.
func mergeExtensions(old []byte) ([]byte, []string, error) {
	d, err := parseDoc(old)
	if err != nil {
		return nil, nil, err
	}
	obj := d.object()
	var notes []string
	if m := member(obj, "unwantedRecommendations"); m != nil {
		if arr, ok := m.Value.Value.(*hujson.Array); ok {
			for i := 0; i < len(arr.Elements); {
				s, _ := stringOf(arr.Elements[i])
				if !containsFold(extensionIDs, s) {
					i++
					continue
				}
				removeElement(arr, i)
				d.changed = true
				notes = append(notes, fmt.Sprintf("removed %q from unwantedRecommendations", s))
			}
		}
	}
	m := member(obj, "recommendations")
	arr, ok := (*hujson.Array)(nil), false
	if m != nil {
		arr, ok = m.Value.Value.(*hujson.Array)
	}
	if !ok {
		d.set(obj, "", []string{"recommendations"}, extensionIDs)
		return d.bytes(), notes, nil
	}
	var have []string
	for _, e := range arr.Elements {
		if s, ok := stringOf(e); ok {
			have = append(have, s)
		}
	}
	inner, _ := d.childIndent(obj, "")
	indent, multi := d.childIndent(arr, inner)
	for _, id := range extensionIDs {
		if !containsFold(have, id) { // extension ids are case-insensitive
			d.appendElement(arr, indent, multi, id)
		}
	}
	return d.bytes(), notes, nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// lintgateTask is the "lintgate" task: the gate as CI runs it, the SARIF
// log in lintgate.sarif for the SARIF Viewer, the text output for the
// problem matcher. NO_COLOR keeps colour codes out of the terminal the
// matcher reads.
func lintgateTask() ordered {
	return ordered{
		{"label", "lintgate"},
		{"detail", "lintgate run: the CI gate with the pinned linters; writes lintgate.sarif"},
		{"type", "process"},
		{"command", "${workspaceFolder}/" + LintgateLauncher},
		{"windows", ordered{{"command", "${workspaceFolder}\\" + strings.ReplaceAll(LintgateLauncher, "/", "\\") + ".cmd"}}},
		{"args", []string{"run", "--format", "sarif,text", "-o", "lintgate.sarif"}},
		{"options", ordered{{"cwd", "${workspaceFolder}"}, {"env", ordered{{"NO_COLOR", "1"}}}}},
		{"problemMatcher", ordered{
			{"owner", "lintgate"},
			{"source", "lintgate"},
			{"fileLocation", []string{"relative", "${workspaceFolder}"}},
			{"severity", "info"},
			{"pattern", ordered{
				{"regexp", ProblemPattern},
				{"file", 1}, {"line", 2}, {"severity", 3}, {"code", 4}, {"message", 5},
			}},
		}},
	}
}

// mergeTasks adds the "lintgate" task, or brings its keys up to date.
func mergeTasks(old []byte) ([]byte, []string, error) {
	d, err := parseDoc(old)
	if err != nil {
		return nil, nil, err
	}
	obj := d.object()
	if member(obj, "version") == nil {
		d.set(obj, "", []string{"version"}, "2.0.0")
	}
	task := lintgateTask()
	m := member(obj, "tasks")
	var arr *hujson.Array
	if m != nil {
		arr, _ = m.Value.Value.(*hujson.Array)
	}
	if arr == nil {
		var notes []string
		if m != nil {
			notes = []string{"tasks was not a list; replaced it"}
		}
		d.set(obj, "", []string{"tasks"}, []any{task})
		return d.bytes(), notes, nil
	}
	inner, _ := d.childIndent(obj, "")
	indent, multi := d.childIndent(arr, inner)
	for _, e := range arr.Elements {
		t, ok := e.Value.(*hujson.Object)
		if !ok {
			continue
		}
		if l := member(t, "label"); l != nil {
			if s, _ := stringOf(l.Value); s == "lintgate" {
				for _, f := range task {
					d.set(t, indent, []string{f.k}, f.v)
				}
				return d.bytes(), nil, nil
			}
		}
	}
	d.appendElement(arr, indent, multi, task)
	return d.bytes(), nil, nil
}
