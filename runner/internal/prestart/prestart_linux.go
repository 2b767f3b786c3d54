package prestart

import "syscall"

func init() {
	if v, _ := syscall.Getenv(ArgsEnv); v != "" {
		return // a child itself
	}
	if v, _ := syscall.Getenv(OffEnv); v == "off" {
		return
	}
	if !Lints(cmdline()) {
		return
	}
	if c, err := Start("/proc/self/exe", nil); err == nil {
		started = c
	}
	// On an error the parent starts its child the usual way, and
	// reports the error if it recurs.
}

// Start starts path under the name golangci-lint with the current
// environment plus extraEnv, waiting for its arguments on stdin: what
// init does, and what a test does to make the same kind of child.
func Start(path string, extraEnv []string) (*Child, error) {
	var fds [3][2]int // stdin, stdout, stderr: [read, write]
	for i := range fds {
		if err := syscall.Pipe2(fds[i][:], syscall.O_CLOEXEC); err != nil {
			closeAll(fds[:i])
			return nil, err
		}
	}
	child := []int{fds[0][0], fds[1][1], fds[2][1]}
	parent := []int{fds[0][1], fds[1][0], fds[2][0]}
	// The parent's ends non-blocking, so that os.NewFile makes them
	// pollable: a read can then be ended by closing the file. (The
	// child's ends are other file descriptions, and stay blocking.)
	for _, fd := range parent {
		if err := syscall.SetNonblock(fd, true); err != nil {
			closeAll(fds[:])
			return nil, err
		}
	}
	env := append(syscall.Environ(), extraEnv...)
	env = append(env, ArgsEnv+"="+ByProcessStart)
	pid, err := syscall.ForkExec(path, []string{GolangciName}, &syscall.ProcAttr{
		Env:   env,
		Files: []uintptr{uintptr(child[0]), uintptr(child[1]), uintptr(child[2])},
		// A process group of its own, as runner's children: lintgate
		// forwards a signal to it exactly once.
		Sys: &syscall.SysProcAttr{Setpgid: true},
	})
	closeFDs(child) // the child's now
	if err != nil {
		closeFDs(parent)
		return nil, err
	}
	return &Child{Pid: pid, Stdin: uintptr(parent[0]), Stdout: uintptr(parent[1]), Stderr: uintptr(parent[2])}, nil
}

func closeAll(pipes [][2]int) {
	for _, p := range pipes {
		closeFDs(p[:])
	}
}

func closeFDs(fds []int) {
	for _, fd := range fds {
		_ = syscall.Close(fd)
	}
}

// cmdline is the process's arguments, from /proc/self/cmdline (os.Args
// is not set yet: package os has not been initialised).
func cmdline() []string {
	fd, err := syscall.Open("/proc/self/cmdline", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer func() { _ = syscall.Close(fd) }()
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := syscall.Read(fd, buf)
		if n > 0 {
			data = append(data, buf[:n]...)
		}
		if err == syscall.EINTR {
			continue
		}
		if n <= 0 || err != nil {
			break
		}
	}
	var args []string
	start := 0
	for i, b := range data {
		if b == 0 {
			args = append(args, string(data[start:i]))
			start = i + 1
		}
	}
	return args
}
