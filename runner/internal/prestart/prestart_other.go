//go:build !linux

package prestart

// Start is not implemented here: the parent starts its child after its
// own initialisation.
func Start(string, []string) (*Child, error) { return nil, errUnsupported }

var errUnsupported = unsupported{}

type unsupported struct{}

func (unsupported) Error() string { return "prestart: not supported on this system" }
