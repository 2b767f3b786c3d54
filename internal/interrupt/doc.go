// Package interrupt turns SIGINT and SIGTERM into a cancelled context
// and makes every child process lintgate starts end the same way.
//
// The first signal cancels the context Notify returns, with a *Signal as
// its cause. Every command prepared with Command then receives that same
// signal (golangci-lint and the go command end by themselves, the go
// command after its own children), and its Wait returns once it has
// ended: the callers' defers remove their temporary files, nothing is
// written, and cmd/lintgate exits 128+signal (130 for SIGINT, 143 for
// SIGTERM) with one line. A second signal calls the exit function at
// once. A child that ignores the signal is killed after WaitDelay.
package interrupt
