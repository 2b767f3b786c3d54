// Package rules holds what lintgate knows about rules: the catalog of every
// check the binary can report, with metadata taken from the linters' own
// libraries, and (as it grows) the policy file and the effective
// golangci-lint configuration.
//
// The catalog is assembled from three sources so that it can never name a
// check the binary does not run: staticcheck's analysis/lint documentation
// (StaticcheckRules), revive's rule set (ReviveRules), and golangci-lint's
// linter registry, which package runner reads because only runner and the
// command link golangci-lint.
//
// The golangci-lint configuration is read once, the way the embedded
// golangci-lint reads it (ReadGolangci): decoded with golangci-lint's own
// config package (viper, which folds the case of keys; golangci-lint's
// decode hooks and defaults), validated against golangci-lint's JSON
// schema (the one `golangci-lint config verify` uses), and kept as a tree
// of the file's nodes with the keys folded as viper folds them, so that
// every decoded value can be named by file:line:col. Enforce and Judge
// check that reading against the policy (lintgate.yml); the effective
// configuration is written from the same tree and proven to decode to the
// same configuration (Golangci.Effective). Only golangci-lint's config and
// jsonschema packages are linked here, not its linter registry.
//
// Classify turns what golangci-lint reports (a linter and a text such as
// "SA4006: this value of x is never used") into a rule id such as
// staticcheck/SA4006 and the bare message.
package rules
