// Command genknown writes runner/known_table.go and runner/rules_table.go:
// the linter facts and the rules of the embedded golangci-lint's registry
// that runner.Known and runner.Catalog serve, so that no lintgate process
// builds the registry to check a policy or classify findings. Run it with
// go generate in package runner after changing golangci-lint's version.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/lintgate/lintgate/runner"
)

func main() {
	known := flag.String("known", "known_table.go", "output file of the linter facts")
	rules := flag.String("rules", "rules_table.go", "output file of the rules")
	flag.Parse()
	for _, out := range []struct {
		file string
		src  func() ([]byte, error)
	}{{*known, runner.KnownTable}, {*rules, runner.RulesTable}} {
		src, err := out.src()
		if err == nil {
			err = os.WriteFile(out.file, src, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "genknown:", err)
			os.Exit(1)
		}
	}
}
