// Package testflags defines the flags every test binary of the module
// accepts, so that `go test ./... -update` works in every package, not
// only in those with golden files. Test files import it for its effect.
package testflags

import "flag"

// Update asks tests to rewrite their golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")
