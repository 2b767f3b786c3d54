package report

// Every test binary accepts -update (go test ./... -update).
import _ "github.com/lintgate/lintgate/internal/testflags"
