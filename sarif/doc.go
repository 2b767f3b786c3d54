// Package sarif turns Findings into one SARIF 2.1.0 log and checks logs
// against the OASIS schema.
//
// The log has one run. tool.driver is lintgate; tool.extensions are
// golangci-lint, staticcheck and revive, each with its real version and the
// descriptors of the rules the results use (sorted by id). A result names
// its rule by ruleId and by rule{id, index, toolComponent{name, index,
// guid}}; it has no ruleIndex, which would point into the driver's rules.
// Tool components carry stable name-based UUIDs, so the same input gives
// a byte-identical log.
//
// Paths are relative to the module root with uriBaseId %SRCROOT%, which
// originalUriBaseIds maps to the root's file URI. Go reports byte columns;
// SARIF wants them in the unit the run declares, and lintgate declares
// columnKind utf16CodeUnits (what GitHub, VS Code and JetBrains count in),
// so every column is converted by reading its source line (UTF16Column).
// When the source cannot be read the column is left out rather than given
// in the wrong unit.
//
// LineHashes computes GitHub's primaryLocationLineHash exactly as the
// CodeQL upload action does; the tests run GitHub's published vectors.
//
// ValidateSchema validates any log against the embedded OASIS schema
// without touching the network.
package sarif
