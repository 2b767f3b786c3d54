// Command lintgate runs golangci-lint, staticcheck and revive at versions
// pinned together, enforces a policy, and writes one SARIF 2.1.0 log.
package main

import (
	"context"
	"os"

	"github.com/lintgate/lintgate/runner"
)

func main() {
	// Busybox style: under the name golangci-lint, be golangci-lint.
	if runner.IsGolangciName(os.Args[0]) {
		os.Exit(runner.ExecuteGolangci())
	}
	os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
