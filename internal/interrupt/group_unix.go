//go:build unix

package interrupt

import (
	"os"
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in a process group of its own, so that a signal
// reaches it and every process it starts (golangci-lint's go list),
// and exactly once: a Ctrl-C on the terminal goes to lintgate's group
// only, and lintgate forwards it.
func ownGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
}

// signalGroup sends sig to the process group of p.
func signalGroup(p *os.Process, sig os.Signal) error {
	n, ok := sig.(syscall.Signal)
	if !ok {
		return p.Signal(sig)
	}
	return syscall.Kill(-p.Pid, n)
}
