// Command lintgate runs golangci-lint, staticcheck and revive at versions
// pinned together, enforces a policy, and writes one SARIF 2.1.0 log.
package main

import (
	"context"
	"os"

	"github.com/lintgate/lintgate/internal/interrupt"
	"github.com/lintgate/lintgate/runner"
)

func main() {
	// Busybox style: under the name golangci-lint, be golangci-lint.
	if runner.IsGolangciName(os.Args[0]) {
		os.Exit(runner.ExecuteGolangci())
	}
	os.Exit(process())
}

// process is lintgate as a process: SIGINT and SIGTERM cancel the
// command's context (its children get the same signal, Main exits
// 130/143), a second signal exits at once. A golangci-lint child started
// with the process that the command did not take is ended either way.
func process() int {
	ctx, stop := interrupt.Notify(context.Background(), func(code int) {
		runner.EndPrestarted()
		os.Exit(code)
	})
	defer stop()
	defer runner.EndPrestarted()
	return Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
