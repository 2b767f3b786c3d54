// Package sarif turns Findings into one SARIF 2.1.0 log, checks logs
// against the OASIS schema, and applies SARIF fixes.
//
// # Shape
//
// The log has one run. tool.driver is lintgate; tool.extensions are
// golangci-lint, staticcheck and revive, each with its real version and the
// descriptors of the rules the results use (sorted by id). A result names
// its rule by ruleId and by rule{id, index, toolComponent{name, index,
// guid}}; it has no ruleIndex, which would point into the driver's rules.
// Tool components carry stable name-based UUIDs, so the same input gives
// a byte-identical log.
//
// # Paths, regions and snippets
//
// Paths are relative to the module root with uriBaseId %SRCROOT%, which
// originalUriBaseIds maps to the root's file URI. Go reports byte columns;
// SARIF wants them in the unit the run declares, and lintgate declares
// columnKind utf16CodeUnits (what GitHub, VS Code and JetBrains count in),
// so every column is converted by reading its source line (UTF16Column).
// When the source cannot be read the column is left out rather than given
// in the wrong unit. A finding over a range of lines (revive, gosec, dupl)
// gets endLine; golangci-lint's JSON carries no end column (it drops the
// analyzers' diagnostic end), so regions have none and, as SARIF defines
// it, extend to the end of their last line. The primary region carries a
// snippet: its text from the start column to that end (at most 1 KiB).
//
// # Fingerprints
//
// Every result has two partialFingerprints:
//
//   - primaryLocationLineHash is GitHub's, computed exactly as the CodeQL
//     upload action does (LineHashes; the tests run GitHub's published
//     vectors): a rolling hash over the UTF-16 code units of a 100-unit
//     window starting at the finding's line, spaces and tabs dropped, with
//     ":N" counting earlier lines of the file with the same hash. Because
//     the window covers the lines after the finding, editing those lines
//     changes it; GitHub uses it only to track alerts.
//   - lintgate/v1 (Fingerprint) is lintgate's own, for baselines: SHA-256
//     of the rule id, the path, the finding's line with all white space
//     removed, and the occurrence index among findings of that rule on
//     lines of that file with the same text. Line numbers and columns are
//     not part of it: inserting or deleting lines above a finding, or
//     re-indenting it, keeps it; editing the line's code, renaming the file
//     or changing the rule changes it. When the source cannot be read the
//     message stands in for the line.
//
// Fingerprints are computed over all findings before a result limit
// applies, so a result keeps its fingerprint whether or not others are
// left out.
//
// # Fixes
//
// Suggested fixes arrive as byte-offset edits into the finding's file.
// Each becomes a fix with one artifactChange whose replacements (sorted by
// offset) have a deletedRegion in UTF-16 line/column terms plus the exact
// byteOffset and byteLength, and insertedContent as text (binary, base64,
// when the new text is not UTF-8). ApplyReplacements applies them the way
// a viewer does, from the UTF-16 regions alone; the tests check that it
// gives the same files as golangci-lint --fix.
//
// # Related locations
//
// golangci-lint splits an analyzer's related information into issues of
// their own; the runner folds them back, and they become the result's
// relatedLocations with ids 1, 2... When the result's message names a
// related location (a word of the related location's message that is not
// a common English word), that word becomes an embedded link "[x](1)".
//
// # Provenance, category and limits
//
// versionControlProvenance records the repository (its origin remote with
// credentials removed, or the work tree's file URI), the revision, the
// branch, and mappedTo: where the repository's top level lies relative to
// %SRCROOT%. automationDetails.id is the category (default "lintgate/").
// GitHub accepts at most 25,000 results per run: beyond Input.ResultLimit
// the log keeps the most severe results and records a warning
// notification saying how many it left out; the gate still counts all.
//
// # Baselines and merges: inputs are checked
//
// A result's location names its enclosing top-level declaration as a
// logicalLocation (name, kind, and its first line as the property
// startLine); a [Baseline] calls a finding updated only within the same
// declaration and near its old place there (see [Baseline]). Logs read as
// baselines or merged are validated first: their invalid parts are left
// out and reported as warning notifications, never copied into a new log.
// The merge of lintgate's shards is byte for byte the log of an unsharded
// run ([Merge]).
//
// ValidateSchema validates any log against the embedded OASIS schema
// without touching the network.
package sarif
