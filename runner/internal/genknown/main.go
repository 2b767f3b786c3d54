// Command genknown writes runner/known_table.go: the linter facts of the
// embedded golangci-lint's registry that runner.Known serves, so that the
// policy check does not build the registry. Run it with go generate in
// package runner after changing golangci-lint's version.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/lintgate/lintgate/runner"
)

func main() {
	out := flag.String("o", "known_table.go", "output file")
	flag.Parse()
	src, err := runner.KnownTable()
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genknown:", err)
		os.Exit(1)
	}
}
