// Package ide exports the settings that make VS Code and GoLand run the
// same pinned linters, with the same configuration, as lintgate run in CI.
//
// # What is written
//
// Both exports start with the launchers in .lintgate/:
// .lintgate/bin/golangci-lint runs the golangci-lint embedded in one
// lintgate binary, whose absolute path is written into the script when it
// is exported, and .lintgate/golangci.yml is the effective configuration
// lintgate run uses. The launchers are machine specific; .lintgate/.gitignore
// keeps them out of the repository, and every teammate exports once. The
// editor settings themselves name the launchers relative to the project
// (${workspaceFolder}, $PROJECT_DIR$), so they can be committed.
//
// [VSCode] merges .vscode/settings.json (go.lintTool golangci-lint-v2 with
// the launcher as its alternate tool, go.lintFlags with the exported
// --config and never --fast-only, gopls' own staticcheck off so it does not
// report a second, drifting set), .vscode/extensions.json and a "lintgate"
// task in .vscode/tasks.json whose problem matcher reads lintgate's text
// output. [GoLand] merges .idea/golinter.xml (the Go Linter plugin),
// .idea/watcherTasks.xml (a File Watcher) and .run/lintgate.run.xml.
//
// # Merging, never clobbering
//
// The VS Code files are JSON with comments and trailing commas. They are
// edited on their syntax tree (github.com/tailscale/hujson): only the
// values lintgate owns change, a member it adds goes after the last one
// with the file's own indentation, and comments, trailing commas and every
// other key keep their bytes. The IDE XML files are read into a small tree
// that keeps unknown elements, attributes and comments; when a value must
// change the file is written back in IntelliJ's own layout.
//
// # Plan, then write
//
// An export is planned completely before anything is written: [VSCode] and
// [GoLand] read every file and return the planned [File] set, or every
// problem (a file that does not parse is reported as path:line:col:
// message and left as it is; a path that reaches outside the module root
// through a symlink is refused; a read-only file that would change is
// refused too). [Write] then writes the files that change, all or none:
// each is prepared as a synced temporary file beside its target, and only
// when all are ready are they renamed into place; a replaced file keeps its
// permissions. [File.Diff] shows what would change (--dry-run). Running an
// export twice changes nothing the second time.
package ide
