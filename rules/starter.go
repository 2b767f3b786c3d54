package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// StarterPolicy writes the lintgate.yml that lintgate init creates: it
// allows exactly the linters and formatters en turns on, requires
// staticcheck and govet when they are among them, pins the given versions
// (those left "" are not pinned), and gates on warnings. Every section is
// commented, and the sections it leaves open are there, commented out.
func StarterPolicy(en Enabled, golangci, staticcheck, revive string) []byte {
	names := slices.Sorted(maps.Keys(en.Linters))
	names = slices.DeleteFunc(names, func(n string) bool { return n == "typecheck" })
	var required []string
	for _, n := range []string{"govet", "staticcheck"} {
		if en.Linters[n] {
			required = append(required, n)
		}
	}
	var b strings.Builder
	b.WriteString(`# lintgate policy: what may run on every developer machine and CI runner.
# Written by lintgate init; see https://github.com/lintgate/lintgate.
version: 1

linters:
  # The golangci-lint linters and formatters .golangci.yml may enable.
  # Enabling anything else (directly or through linters.default) stops
  # lintgate run with exit 3 before any linter starts.
  allow:
`)
	for _, n := range names {
		fmt.Fprintf(&b, "    - %s\n", n)
	}
	if len(required) > 0 {
		b.WriteString("  # Linters that must stay enabled.\n  require: [" + strings.Join(required, ", ") + "]\n")
	}
	b.WriteString(`
# Custom linters are code execution: each one is allowed by name and pinned
# by the sha256 of its .so file (Go plugin) or its module version.
# plugins:
#   allow:
#     - name: mylinter
#       path: tools/mylinter.so
#       sha256: <sha256sum tools/mylinter.so>

# Which staticcheck checks and revive rules may be turned on (absent: all).
# staticcheck:
#   checks: ["all", "-ST1000"]
# revive:
#   rules: ["*"]
`)
	if golangci != "" || staticcheck != "" || revive != "" {
		b.WriteString("\n# The versions this lintgate must embed; another lintgate refuses to run.\npins:\n")
		for _, p := range [][2]string{{"golangci-lint", golangci}, {"staticcheck", staticcheck}, {"revive", revive}} {
			if p[1] != "" && p[1] != "(devel)" {
				fmt.Fprintf(&b, "  %s: %s\n", p[0], p[1])
			}
		}
	}
	b.WriteString(`
# SARIF levels by rule pattern (most specific wins).
# severity:
#   "staticcheck/SA*": error
#   "revive/*": note

gate:
  fail-on: warning          # error, warning, note or none
  # baseline: lintgate.baseline.sarif
  # new-only: true

# output:
#   sarif: lintgate.sarif
#   category: lintgate/
`)
	return []byte(b.String())
}
