// Package finding defines the one canonical type every linter's output is
// turned into before anything else happens to it.
//
// A Finding is tool-neutral: the runner parses golangci-lint's JSON into
// Findings, the pipeline assigns rule ids, levels and fingerprints, and only
// package sarif turns them into SARIF. Keeping the type here, in a package
// with no dependencies, lets the SARIF writer and the policy code be tested
// without linking golangci-lint.
//
// Positions follow Go's conventions: lines and columns are 1-based and
// columns count bytes. Conversion to UTF-16 code units happens in package
// sarif, where the source line is read.
package finding
