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
// Classify turns what golangci-lint reports (a linter and a text such as
// "SA4006: this value of x is never used") into a rule id such as
// staticcheck/SA4006 and the bare message.
package rules
