package git

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// gitInit makes a repository in a temporary directory with one commit on
// branch main and returns its top level.
func gitInit(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is required: %v", err)
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"init", "-q", "-b", "main"},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "first"},
	} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(cleanEnv(os.Environ()), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	top, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return top
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	top := gitInit(t)
	sub := filepath.Join(top, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	if r.Top != top {
		t.Errorf("Top = %q, want %q", r.Top, top)
	}
	head := r.Head(ctx)
	if len(head) != 40 && len(head) != 64 {
		t.Errorf("Head = %q, want a full commit id", head)
	}
	if b := r.Branch(ctx); b != "main" {
		t.Errorf("Branch = %q, want main", b)
	}
	if u := r.RemoteURL(ctx, "origin"); u != "" {
		t.Errorf("RemoteURL without a remote = %q", u)
	}
	if _, err := r.Git(ctx, "remote", "add", "origin", "https://tok:secret@github.com/o/r.git"); err != nil {
		t.Fatal(err)
	}
	if u := r.RemoteURL(ctx, "origin"); u != "https://tok:secret@github.com/o/r.git" {
		t.Errorf("RemoteURL = %q", u)
	}
	if _, err := r.Git(ctx, "checkout", "-q", "--detach"); err != nil {
		t.Fatal(err)
	}
	if b := r.Branch(ctx); b != "" {
		t.Errorf("Branch with a detached HEAD = %q, want none", b)
	}
	if _, err := r.Git(ctx, "no-such-command"); err == nil {
		t.Error("a failing git command returned no error")
	}
}

func TestOpenNotRepo(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(context.Background(), dir); !errors.Is(err, ErrNotRepo) {
		t.Errorf("Open(%s) = %v, want ErrNotRepo", dir, err)
	}
	t.Setenv("PATH", t.TempDir()) // no git on PATH
	if _, err := Open(context.Background(), dir); !errors.Is(err, ErrNotRepo) {
		t.Errorf("Open without git = %v, want ErrNotRepo", err)
	}
}

// TestOpenIgnoresHookEnv: a GIT_DIR inherited from an outer hook does not
// redirect lintgate's git commands.
func TestOpenIgnoresHookEnv(t *testing.T) {
	top := gitInit(t)
	t.Setenv("GIT_DIR", filepath.Join(t.TempDir(), "elsewhere.git"))
	r, err := Open(context.Background(), top)
	if err != nil || r.Top != top {
		t.Fatalf("Open = %+v, %v; want %s", r, err, top)
	}
}

func TestCleanEnv(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	got := cleanEnv([]string{"PATH=/bin", "GIT_DIR=.git", "GIT_WORK_TREE=/w", "GIT_INDEX_FILE=.git/next-index", "GIT_CONFIG_COUNT=1"})
	want := []string{"PATH=/bin", "GIT_INDEX_FILE=" + filepath.Join(wd, ".git/next-index"), "GIT_CONFIG_COUNT=1"}
	if !slices.Equal(got, want) {
		t.Errorf("cleanEnv = %q, want %q", got, want)
	}
}

func TestRepositoryURI(t *testing.T) {
	for _, tc := range []struct {
		remote, want string
		ok           bool
	}{
		{"https://github.com/o/r.git", "https://github.com/o/r.git", true},
		{"https://x-access-token:ghs_secret@github.com/o/r", "https://github.com/o/r", true},
		{"http://user@host/r", "http://host/r", true},
		{"git@github.com:o/r.git", "ssh://git@github.com/o/r.git", true},
		{"github.com:o/r.git", "ssh://github.com/o/r.git", true},
		{"ssh://git:pw@host:2222/o/r", "ssh://git@host:2222/o/r", true},
		{"file:///srv/repo.git", "file:///srv/repo.git", true},
		{"/srv/repo.git", "", false},
		{"../repo", "", false},
		{`C:\repo`, "", false},
		{"C:/repo", "", false},
		{"", "", false},
	} {
		got, ok := RepositoryURI(tc.remote)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RepositoryURI(%q) = %q, %v; want %q, %v", tc.remote, got, ok, tc.want, tc.ok)
		}
	}
}
