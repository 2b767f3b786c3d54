package revivedoc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ModulePath is the module whose documentation is parsed.
const ModulePath = "github.com/mgechev/revive"

// FileName is the documentation file at the root of the revive module.
const FileName = "RULES_DESCRIPTIONS.md"

// Module is the revive module the current build uses.
type Module struct {
	Dir     string
	Version string
}

// Locate asks the go command which revive module the main module in the
// current directory requires and where its source is.
func Locate(ctx context.Context) (Module, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-m", "-json", ModulePath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return Module{}, fmt.Errorf("revivedoc: go list -m %s: %w: %s", ModulePath, err, bytes.TrimSpace(stderr.Bytes()))
	}
	var m Module
	if err := json.Unmarshal(out, &m); err != nil {
		return Module{}, fmt.Errorf("revivedoc: decoding go list output: %w", err)
	}
	if m.Dir == "" {
		return Module{}, fmt.Errorf("revivedoc: module %s@%s is not downloaded (run go mod download %s)", ModulePath, m.Version, ModulePath)
	}
	return m, nil
}

// ReadDocs locates the revive module, reads its documentation file and
// parses it.
func ReadDocs(ctx context.Context) (Module, map[string]Doc, error) {
	m, err := Locate(ctx)
	if err != nil {
		return Module{}, nil, err
	}
	md, err := os.ReadFile(filepath.Join(m.Dir, FileName))
	if err != nil {
		return Module{}, nil, fmt.Errorf("revivedoc: %w", err)
	}
	docs, err := Parse(md)
	if err != nil {
		return Module{}, nil, err
	}
	return m, docs, nil
}
