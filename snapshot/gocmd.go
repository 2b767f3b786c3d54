package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/lintgate/lintgate/internal/interrupt"
)

// Go runs the go command. A snapshot never reads the process environment
// itself: every Go setting it records comes from `go env -json` run in the
// module, which is what the go command will do there.
type Go interface {
	// Run runs `go args...` in dir, with env added to the inherited
	// environment, and returns its standard output. The error of a
	// failed command includes its standard error.
	Run(ctx context.Context, dir string, env []string, args ...string) ([]byte, error)
}

// ExecGo runs the go command found in PATH.
type ExecGo struct{}

// Run implements Go.
func (ExecGo) Run(ctx context.Context, dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	interrupt.Command(ctx, cmd)
	cmd.Dir = dir
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := squeezeLines(strings.TrimSpace(stderr.String()))
		if msg == "" {
			return nil, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
		return nil, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, msg)
	}
	return out, nil
}

// envKeys are the settings read with `go env -json`.
var envKeys = []string{
	"GOVERSION", "GOTOOLCHAIN", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT",
	"GOFLAGS", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE",
	"GOWORK", "GOMOD", "GOMODCACHE", "GOPATH", "GOROOT", "GOHOSTOS", "GOHOSTARCH",
}

// recordedEnv are the settings the predicate's env section holds.
var recordedEnv = []string{"GOFLAGS", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOWORK"}

// goEnv runs `go env -json` in dir.
func goEnv(ctx context.Context, g Go, dir string) (map[string]string, error) {
	out, err := g.Run(ctx, dir, nil, append([]string{"env", "-json"}, envKeys...)...)
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, fmt.Errorf("go env -json: %w", err)
	}
	if env["GOVERSION"] == "" {
		return nil, fmt.Errorf("go env -json: no GOVERSION in %q", out)
	}
	return env, nil
}

// goFlags reads the -tags (sorted, comma-separated) and -mod values of a
// GOFLAGS setting. GOFLAGS holds space-separated -flag=value words.
func goFlags(goflags string) (tags, mod string) {
	for _, f := range strings.Fields(goflags) {
		name, value, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		switch name {
		case "tags":
			ts := strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ' ' })
			tags = strings.Join(sortedNonNil(ts), ",")
		case "mod":
			mod = value
		}
	}
	return tags, mod
}
