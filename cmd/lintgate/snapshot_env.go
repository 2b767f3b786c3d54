package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/snapshot"
)

type snapshotEnvOptions struct {
	dir    string
	format string
	bundle string
}

func newSnapshotEnvCmd(e *env) *cobra.Command {
	var o snapshotEnvOptions
	cmd := &cobra.Command{
		Use:   "env [file]",
		Short: "Print the environment that makes the go command behave as the snapshot says",
		Long: `Print GOTOOLCHAIN, GOPROXY, GOSUMDB, GONOSUMDB, GOPRIVATE and GOFLAGS (and
GONOPROXY, GOINSECURE when set) as the snapshot (default
lintgate.snapshot.json) records them, quoted for the shell or CI system:

  eval "$(lintgate snapshot env)"                        sh, bash, zsh
  lintgate snapshot env --format fish | source           fish
  lintgate snapshot env --format powershell | Invoke-Expression
  lintgate snapshot env --format github >> "$GITHUB_ENV" GitHub Actions
  lintgate snapshot env --format gitlab > lint.env       GitLab dotenv report

--bundle DIR names a bundle unpacked by snapshot apply --bundle: GOPROXY
becomes its file:// module proxy, GOMODCACHE the module cache apply filled,
and the snapshot defaults to DIR/lintgate.snapshot.json.

Nothing is written to the go env file: these lines only change the
environment they are evaluated in.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return snapshotEnv(cmd.Context(), e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "dir", "C", ".", "change to `dir` before doing anything")
	f.StringVar(&o.format, "format", "sh", "output `format`: "+strings.Join(snapshot.EnvFormats, ", "))
	f.StringVar(&o.bundle, "bundle", "", "the `dir` of a bundle unpacked by snapshot apply --bundle")
	return cmd
}

func snapshotEnv(ctx context.Context, e *env, o snapshotEnvOptions, args []string) error {
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return usageError("%v", err)
	}
	file := fileArg(args)
	var local *snapshot.Local
	if o.bundle != "" {
		bdir := resolve(dir, o.bundle)
		if len(args) == 0 {
			file = filepath.Join(bdir, bundleSnapshot)
		}
		if local, err = localBundle(ctx, dir, bdir, true); err != nil {
			return err
		}
	}
	path, _, s, err := readSnapshot(dir, file)
	if err != nil {
		return err
	}
	vars, err := s.Predicate.GoEnv(local)
	if err != nil {
		return usageError("%s: %v", displayPath(path), err)
	}
	if err := snapshot.WriteEnv(e.stdout, o.format, vars); err != nil {
		return usageError("--format %s: %v", o.format, err)
	}
	return nil
}

// bundleSnapshot is the snapshot's name inside a bundle.
const bundleSnapshot = "lintgate.snapshot.json"

// localBundle describes an unpacked bundle: its module proxy (which must
// exist when mustExist) and the module cache the go command in dir uses.
func localBundle(ctx context.Context, dir, bundleDir string, mustExist bool) (*snapshot.Local, error) {
	proxy := filepath.Join(bundleDir, "proxy")
	if fi, err := os.Stat(proxy); mustExist && (err != nil || !fi.IsDir()) {
		return nil, usageError("--bundle %s: no module proxy there (%s); unpack the bundle with lintgate snapshot apply --bundle", displayPath(bundleDir), displayPath(proxy))
	}
	cache, err := goEnvVar(ctx, dir, nil, "GOMODCACHE")
	if err != nil {
		return nil, err
	}
	if cache == "" {
		return nil, &ExitError{Code: ExitTool, Err: fmt.Errorf("go env GOMODCACHE is empty")}
	}
	return &snapshot.Local{Proxy: proxy, ModCache: cache}, nil
}

// goEnvVar is `go env name` in dir, with env added to the environment.
func goEnvVar(ctx context.Context, dir string, env []string, name string) (string, error) {
	out, err := snapshot.ExecGo{}.Run(ctx, dir, env, "env", name)
	if err != nil {
		return "", &ExitError{Code: ExitTool, Err: err}
	}
	return strings.TrimSpace(string(out)), nil
}
