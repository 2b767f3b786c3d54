// Package git asks the git command about the work tree a module lives in.
// lintgate shells out to git rather than reading .git itself: worktrees,
// submodules, packed refs, alternates and safe.directory are git's
// business, and the user's own git decides them the same way for lintgate
// as for everything else.
package git

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/lintgate/lintgate/internal/interrupt"
)

// ErrNotRepo is returned by Open for a directory outside any work tree,
// and when git is not installed.
var ErrNotRepo = errors.New("not in a git work tree")

// Repo is a git work tree.
type Repo struct {
	// Top is the absolute path of the work tree's top level.
	Top string
}

// Open finds the work tree that contains dir.
func Open(ctx context.Context, dir string) (*Repo, error) {
	out, err := run(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, fmt.Errorf("%w: git is not installed", ErrNotRepo)
		}
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepo)
	}
	top := strings.TrimSpace(string(out))
	if top == "" {
		return nil, fmt.Errorf("%s: %w (a bare repository?)", dir, ErrNotRepo)
	}
	return &Repo{Top: filepath.FromSlash(top)}, nil
}

// Git runs git in the work tree's top level and returns its stdout. The
// error of a failed command includes git's stderr.
func (r *Repo) Git(ctx context.Context, args ...string) ([]byte, error) {
	return run(ctx, r.Top, args...)
}

// Head returns the commit checked out, or "" in a repository without one.
func (r *Repo) Head(ctx context.Context) string {
	out, err := r.Git(ctx, "rev-parse", "--verify", "-q", "HEAD")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Branch returns the short name of the branch checked out, or "" when HEAD
// is detached.
func (r *Repo) Branch(ctx context.Context) string {
	out, err := r.Git(ctx, "symbolic-ref", "-q", "--short", "HEAD")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// RemoteURL returns the configured URL of a remote, or "".
func (r *Repo) RemoteURL(ctx context.Context, remote string) string {
	out, err := r.Git(ctx, "config", "--get", "remote."+remote+".url")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// scpLikeRE matches git's scp-like remote syntax, user@host:path.
var scpLikeRE = regexp.MustCompile(`^(?:([^@/]+)@)?([^:/]+):(.+)$`)

// RepositoryURI turns a remote URL as git accepts it into a URI that is
// safe to publish: credentials are removed (an https remote may carry a
// token), and the scp-like form user@host:path becomes ssh://user@host/path.
// A local path is not a URI: ok is false.
func RepositoryURI(remote string) (string, bool) {
	if m := scpLikeRE.FindStringSubmatch(remote); m != nil && !strings.Contains(remote, "://") && len(m[2]) > 1 {
		u := &url.URL{Scheme: "ssh", Host: m[2], Path: "/" + strings.TrimPrefix(m[3], "/")}
		if m[1] != "" {
			u.User = url.User(m[1])
		}
		return u.String(), true
	}
	u, err := url.Parse(remote)
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 || (u.Host == "" && u.Scheme != "file") {
		return "", false // a path, perhaps C:\repo
	}
	switch u.Scheme {
	case "http", "https":
		u.User = nil
	default:
		if u.User != nil {
			u.User = url.User(u.User.Username())
		}
	}
	return u.String(), true
}

func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	interrupt.Command(ctx, cmd)
	cmd.Env = cleanEnv(os.Environ())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, msg)
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return stdout.Bytes(), nil
}

// cleanEnv drops the variables git sets for hooks that name a repository
// (GIT_DIR, GIT_WORK_TREE...): lintgate names the work tree with -C, and a
// GIT_DIR inherited from a hook would point every command elsewhere.
// GIT_INDEX_FILE is kept, made absolute: "git commit -a" runs the
// pre-commit hook with a temporary index, and that index is what is being
// committed. The user's configuration (GIT_CONFIG_*) is kept.
func cleanEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_PREFIX":
			continue
		case "GIT_INDEX_FILE":
			if abs, err := filepath.Abs(v); err == nil {
				kv = k + "=" + abs
			}
		}
		out = append(out, kv)
	}
	return out
}

// HooksDir returns the absolute directory git runs hooks from: core.hooksPath
// when set (relative to the top level), else the repository's hooks
// directory, wherever a worktree or submodule keeps it.
func (r *Repo) HooksDir(ctx context.Context) (string, error) {
	out, err := r.Git(ctx, "rev-parse", "--git-path", "hooks")
	if err != nil {
		return "", err
	}
	dir := filepath.FromSlash(strings.TrimSpace(string(out)))
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(r.Top, dir)
	}
	return dir, nil
}
