// Package lint runs one lint of a Go module as a pipeline of small steps,
// the chain DESIGN.md draws: policy -> effective config -> runner ->
// []Finding -> findings pipeline -> gate. The name is what it provides:
// a lint, start to verdict, that the commands run, baseline and ide, and
// the bench, all call, and that nothing about a command line is part of.
//
// Run is the pipeline, top to bottom:
//
//  1. start: the tool (golangci-lint, in a child process) is started at
//     once, so that its start-up overlaps the steps below; it runs
//     nothing until step 5 hands it the configuration and the packages.
//  2. policy: the policy is validated, its pins checked, and the
//     golangci-lint configuration enforced (CheckPolicy). A violation
//     ends the tool, which has loaded no plugin and run no linter, and
//     Run returns a *PolicyError.
//  3. config: the effective configuration (truncation off, outputs
//     stripped) is computed.
//  4. packages: what to lint: the request's patterns, the packages of a
//     change scope (--staged, --new-from-rev; found here, by Deps.Scope,
//     while the tool starts up) or one shard of the sorted package list.
//  5. lint: the tool lints and its findings come back classified.
//  6. findings: only those on changed lines (change scope), with the
//     policy's severities, lintgate/v1 fingerprints (only when an output
//     or the baseline needs them), and baseline states.
//  7. gate: the verdict, counted as the policy's gate says.
//
// The inputs are plain values (Request: module root, patterns, the
// golangci-lint configuration, the policy, a change scope or a shard, a
// baseline, the gate level, what the outputs need) and the output is a
// Report value: findings, notifications, absent baseline results, the
// tool's success and the gate's verdict. Renderers (SARIF, text, JSON,
// GitHub, GitLab, checkstyle) live with the commands and turn a Report
// into bytes; nothing here prints, exits or parses flags.
//
// Every effect is injected through Deps: the Runner that starts the tool
// (cmd/lintgate wires the runner package's child process; tests feed
// canned findings, so this package's tests do not link golangci-lint),
// the package lister for shards, the change scope's git lookups, the
// source reader for fingerprints, and
// an Event callback that hears every step's duration and every warning.
// The context flows to the tool: cancelling it ends the child.
package lint
