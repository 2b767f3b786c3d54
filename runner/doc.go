// Package runner runs the embedded golangci-lint and turns what it says
// into Findings.
//
// golangci-lint is linked into the lintgate binary but never run in
// lintgate's own process: its commands keep global state, call os.Exit and
// may panic. Instead the runner starts lintgate itself again with argv[0]
// set to "golangci-lint"; cmd/lintgate's main sees that name and hands the
// process to ExecuteGolangci (busybox style). The parent reads the child's
// JSON from stdout, and anything the child could not do (packages that do
// not load, a crash, an error it logged) becomes a Notification, so the
// caller can always write a complete SARIF log.
//
// golangci-lint reports a package that does not type-check as a
// pseudo-issue of linter "typecheck" at line 1 column 0 with the compiler's
// real file:line:col inside its text, and then drops every finding of the
// packages that did load. Run therefore lints again without the broken
// packages, so a broken package never hides the findings of healthy ones.
//
// Pins reads the versions of golangci-lint, staticcheck and revive from the
// binary's own build information: go.mod requires all three, and minimal
// version selection makes the staticcheck and revive linked into
// golangci-lint the same ones lintgate's rule catalog is built from.
package runner
