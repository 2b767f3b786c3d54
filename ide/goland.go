package ide

// What GoLand's files name. IntelliJ expands $PROJECT_DIR$ in project
// files when it loads them; File Watchers expand $ProjectFileDir$.
const (
	golandLauncher = "$PROJECT_DIR$/" + GolangciLauncher
	golandConfig   = "$PROJECT_DIR$/" + ConfigPath
	// lintgateArgs run the gate and write the SARIF log and the text
	// output, as the VS Code task does.
	lintgateArgs = "run --format sarif,text -o lintgate.sarif"
)

// GoLand plans the GoLand export: the launchers, .idea/golinter.xml (the
// Go Linter plugin's settings), a File Watcher in .idea/watcherTasks.xml
// and the shared run configuration .run/lintgate.run.xml.
func GoLand(o Options) ([]File, error) {
	p := &planner{o: o}
	p.launchers()
	p.merge(".idea/golinter.xml", mergeGolinter)
	p.merge(".idea/watcherTasks.xml", mergeWatcher)
	p.merge(".run/lintgate.run.xml", mergeRunConfig)
	return p.result()
}

// ideaDoc parses an .idea project file, or starts one.
func ideaDoc(old []byte) (*xmlDoc, error) {
	d, err := parseXML(old)
	if err != nil {
		return nil, err
	}
	if d.root == nil && len(d.before) == 0 {
		d.before = []any{xmlProlog()}
	}
	if err := d.ensureRoot("project", "version", "4"); err != nil {
		return nil, err
	}
	return d, nil
}

// golinterNote tells the user the one setting the export cannot write:
// the Go Linter plugin bundled in GoLand since 2025.1 keeps the
// golangci-lint executable outside the project's files (the committed
// .idea/golinter.xml files it writes have no goLinterExe); only the older
// standalone plugin reads goLinterExe.
const golinterNote = "GoLand 2025.1 and later keep the golangci-lint executable out of the project files: " +
	"pick " + GolangciLauncher + " once under Settings | Go | Linters | Executable " +
	"(goLinterExe serves the older standalone Go Linter plugin)"

// mergeGolinter points the Go Linter plugin (component GoLinterSettings)
// at the launcher and the exported configuration, with fast mode off.
func mergeGolinter(old []byte) ([]byte, []string, error) {
	d, err := ideaDoc(old)
	if err != nil {
		return nil, nil, err
	}
	c := d.ensure(d.root, "component", "name", "GoLinterSettings")
	d.sortedOption(c, "customConfigFile", golandConfig)
	d.sortedOption(c, "fastOnly", "false")
	d.sortedOption(c, "goLinterExe", golandLauncher)
	d.sortedOption(c, "useCustomConfigFile", "true")
	var notes []string
	if d.changed {
		notes = []string{golinterNote}
	}
	return d.result(old), notes, nil
}

// watcherOptions are the File Watcher's options; owned ones are set on
// every export, the others only when the watcher is created.
var watcherOptions = []struct {
	name, value string
	owned       bool
}{
	{"arguments", lintgateArgs, true},
	{"checkSyntaxErrors", "true", false},
	{"description", "lintgate run on save: the CI gate with the pinned linters; writes lintgate.sarif", false},
	{"exitCodeBehavior", "ERROR", false},
	{"fileExtension", "go", true},
	{"immediateSync", "false", false},
	{"name", "lintgate", true},
	{"output", "$ProjectFileDir$/lintgate.sarif", true},
	{"outputFromStdout", "false", true},
	{"program", "$ProjectFileDir$/" + LintgateLauncher, true},
	{"runOnExternalChanges", "false", false},
	{"scopeName", "Project Files", false},
	{"trackOnlyRoot", "false", false},
	{"workingDir", "$ProjectFileDir$", true},
}

// mergeWatcher adds the "lintgate" File Watcher (component
// ProjectTasksOptions), which runs the gate when a .go file is saved.
func mergeWatcher(old []byte) ([]byte, []string, error) {
	d, err := ideaDoc(old)
	if err != nil {
		return nil, nil, err
	}
	c := d.ensure(d.root, "component", "name", "ProjectTasksOptions")
	var task *element
	for _, k := range c.children {
		if e, ok := k.(*element); ok && e.name.Local == "TaskOptions" && optionValue(e, "name") == "lintgate" {
			task = e
			break
		}
	}
	if task == nil {
		task = newElement("TaskOptions", "isEnabled", "true")
		for _, o := range watcherOptions {
			d.option(task, o.name, o.value)
			if o.name == "output" { // IntelliJ sorts options by name: outputFilters next
				filters := newElement("option", "name", "outputFilters")
				filters.children = []any{newElement("array")}
				task.children = append(task.children, filters)
			}
		}
		task.children = append(task.children, noColorEnvs())
		c.children = append(c.children, task)
		d.changed = true
		return d.result(old), nil, nil
	}
	for _, o := range watcherOptions {
		if o.owned {
			d.sortedOption(task, o.name, o.value)
		}
	}
	return d.result(old), nil, nil
}

// runOptions are the run configuration's options, as watcherOptions.
var runOptions = []struct {
	name, value string
	owned       bool
}{
	// In script-text mode IntelliJ runs `sh -c SCRIPT_TEXT` without the
	// configuration's <envs> (ShRunConfigurationProfileState), so NO_COLOR
	// is set in the text; <envs> serves the terminal mode.
	{"SCRIPT_TEXT", "NO_COLOR=1 ./" + LintgateLauncher + " " + lintgateArgs, true},
	{"INDEPENDENT_SCRIPT_PATH", "true", false},
	{"SCRIPT_PATH", "", false},
	{"SCRIPT_OPTIONS", "", false},
	{"INDEPENDENT_SCRIPT_WORKING_DIRECTORY", "true", true},
	{"SCRIPT_WORKING_DIRECTORY", "$PROJECT_DIR$", true},
	{"INDEPENDENT_INTERPRETER_PATH", "true", false},
	{"INTERPRETER_PATH", "/bin/sh", false},
	{"INTERPRETER_OPTIONS", "", false},
	{"EXECUTE_IN_TERMINAL", "false", false},
	{"EXECUTE_SCRIPT_FILE", "false", true},
}

// mergeRunConfig adds the shared Shell Script run configuration
// "lintgate", which runs the gate and writes lintgate.sarif.
func mergeRunConfig(old []byte) ([]byte, []string, error) {
	d, err := parseXML(old)
	if err != nil {
		return nil, nil, err
	}
	if err := d.ensureRoot("component", "name", "ProjectRunConfigurationManager"); err != nil {
		return nil, nil, err
	}
	cfg := d.root.find("configuration", "name", "lintgate", "type", "ShConfigurationType")
	if cfg == nil {
		cfg = newElement("configuration", "default", "false", "name", "lintgate", "type", "ShConfigurationType", "factoryName", "Shell Script")
		for _, o := range runOptions {
			d.option(cfg, o.name, o.value)
		}
		cfg.children = append(cfg.children, noColorEnvs(), newElement("method", "v", "2"))
		d.root.children = append(d.root.children, cfg)
		d.changed = true
		return d.result(old), nil, nil
	}
	for _, o := range runOptions {
		if o.owned {
			d.option(cfg, o.name, o.value)
		}
	}
	return d.result(old), nil, nil
}

// noColorEnvs is <envs> with NO_COLOR=1: the consoles are no terminals
// for colour codes.
func noColorEnvs() *element {
	envs := newElement("envs")
	envs.children = []any{newElement("env", "name", "NO_COLOR", "value", "1")}
	return envs
}
