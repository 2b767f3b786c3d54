// Package report writes lintgate's findings in the machine-readable
// formats of `lintgate run --format` other than SARIF (package sarif):
// lintgate's own JSON, GitHub Actions workflow commands, the GitLab Code
// Quality report and Checkstyle XML. Each writer is a pure function of its
// Input: the same input gives the same bytes, and nothing is written when
// the writer fails before its single Write.
//
// # Paths
//
// Findings carry paths relative to the module root. GitHub and GitLab
// resolve paths against the repository's top level, and Checkstyle
// consumers against the directory they run in (normally the same), so the
// github, gitlab and checkstyle writers prepend Input.PathPrefix, the
// module root's slash-separated path within the repository ("" for a
// module at the top, "tools/lint" for a nested one), to every relative
// path. cmd sets it from git; a wrong prefix makes annotations land on
// files that do not exist. Absolute paths (files outside the module) are
// written as they are: GitHub's runner turns an absolute path under
// GITHUB_WORKSPACE into a repository-relative one itself
// (IssueCommandExtension.ProcessCommand in actions/runner
// src/Runner.Worker/ActionCommandManager.cs), GitLab cannot show them. The
// json format keeps the findings' own paths.
//
// # json
//
// {"version": 1, "success": ..., "findings": [...], "notifications": [...]}
// with the finding package's JSON field names, indented by two spaces,
// without HTML escaping ("<" stays "<"), and with empty lists as [] rather
// than null. Findings keep the report order; notifications are sorted by
// position, source and message, as in the SARIF log.
//
// # github
//
// One workflow command per line, as documented in "Workflow commands for
// GitHub Actions"
// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions):
//
//	::error file=PATH,line=L,endLine=E,col=C,title=RULE::MESSAGE
//
// Levels map error->error, warning->warning, note->notice. Properties
// without a value are left out, as the actions toolkit does. Data is
// escaped exactly as @actions/core escapes it (packages/core/src/command.ts
// in actions/toolkit: escapeData replaces % \r \n with %25 %0D %0A;
// escapeProperty additionally : and , with %3A %2C), which is also what
// the runner unescapes (ActionCommand.cs in actions/runner). Escaping the
// line breaks is what keeps a message from starting a command of its own:
// linters quote source text, and a pull request's source is untrusted.
//
// col counts UTF-16 code units, as GitHub does, so the byte column is
// converted by reading the source line (sarif.Sources); when the file
// or the line cannot be read col is left out rather than given in the
// wrong unit. endLine is written only when the finding spans lines, and
// then col is left out: the toolkit's AnnotationProperties say columns
// "cannot be sent when startLine and endLine are different values", and
// the runner's ValidateLinesAndColumns drops them.
//
// Notifications come first, because GitHub shows only the first 10 error
// and 10 warning annotations of a step (and 50 per job; documented in
// actions/toolkit docs/problem-matchers.md) and a package that does not
// compile explains the rest. A notification with a position becomes an
// annotation titled with its source ("typecheck"); one without becomes a
// plain "::error::MESSAGE" line (::warning:: or ::notice:: by its level).
//
// # gitlab
//
// A JSON array of Code Quality issues as GitLab's "Code Quality report
// format" defines them (doc/ci/testing/code_quality.md in gitlab-org/gitlab,
// a subset of the CodeClimate spec, codeclimate/platform
// spec/analyzers/SPEC.md): description (the message), check_name (the
// rule), fingerprint, severity, location.path (repository-relative) and
// location.lines.begin, plus location.lines.end when the finding spans
// lines. Severities map error->critical, warning->major, note->minor (the
// spec leaves the meaning of info..blocker to the tool; golangci-lint's
// code-climate output defaults to critical). No byte order mark, empty
// report "[]".
//
// GitLab shows findings with the same fingerprint as one, so fingerprints
// are unique within a report: a finding's lintgate/v1 Fingerprint (computed
// with sarif.SetFingerprints on a copy when the caller left it empty);
// a repeated one is replaced by a hash of it and a counter, in report
// order. Notifications with a position are issues too (check_name is their
// source); notifications without one cannot be placed and are left out.
// Line 0 (unknown) is written as line 1, since GitLab needs a line.
//
// # checkstyle
//
// The XML of Checkstyle's XMLLogger (checkstyle/checkstyle
// src/main/java/com/puppycrawl/tools/checkstyle/XMLLogger.java):
//
//	<checkstyle version="5.0"><file name="..."><error line="" column=""
//	severity="" message="" source=""/></file></checkstyle>
//
// (encoding/xml writes the empty error element as <error ...></error>,
// the same XML). Files are sorted by name, errors within a file by line and column.
// severity is error, warning or info; source is the rule id. Attributes
// are escaped by encoding/xml (a line break becomes "&#xA;"); characters
// XML cannot carry (most C0 controls) become U+FFFD. column is the byte
// column, left out when unknown as XMLLogger does: Go reports bytes,
// golangci-lint's checkstyle printer writes them, and reviewdog, the main
// consumer of checkstyle from Go tools, defines its columns as "byte count
// in UTF-8" (proto/rdf/reviewdog.proto in reviewdog/reviewdog); Jenkins
// warnings-ng (analysis-model CheckStyleParser) only uses the column to
// highlight. The format has no end line. Notifications with a position are
// errors with their source as the source attribute; those without one
// have no file to belong to and are left out.
package report
