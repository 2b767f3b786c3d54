package runner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsePrivateTempDir: golangci-lint's lock goes into a directory of
// this user's own below the shared temporary directory, made 0700 once
// and reused; TMPDIR points at it.
func TestUsePrivateTempDir(t *testing.T) {
	base := t.TempDir()
	t.Setenv("TMPDIR", base)
	want := filepath.Join(base, privateTempDirName(os.Getuid()))
	for range 2 {
		got, err := usePrivateTempDir()
		if err != nil || got != want {
			t.Fatalf("usePrivateTempDir() = %q, %v; want %q", got, err, want)
		}
		if os.TempDir() != want {
			t.Fatalf("os.TempDir() = %q after it, want %q", os.TempDir(), want)
		}
		fi, err := os.Lstat(want)
		if err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
			t.Fatalf("%s: %v, %v; want a directory, mode 0700", want, fi, err)
		}
		t.Setenv("TMPDIR", base)
	}
	// Already there (a golangci-lint started by one): nothing to do.
	t.Setenv("TMPDIR", want)
	if got, err := usePrivateTempDir(); got != "" || err != nil {
		t.Errorf("inside it: usePrivateTempDir() = %q, %v; want nothing to do", got, err)
	}
}

// TestUsePrivateTempDirRefuses: a directory another user could have made
// or can write is not used, TMPDIR stays, and the error says what to do.
func TestUsePrivateTempDirRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"symlink", func(t *testing.T, path string) {
			if err := os.Symlink(t.TempDir(), path); err != nil {
				t.Fatal(err)
			}
		}, "is a symbolic link, not a directory of your own; remove it"},
		{"file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "is not a directory; remove it"},
		{"writable by others", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o777); err != nil {
				t.Fatal(err)
			}
		}, "is writable by other users (mode -rwxrwxrwx); chmod 700 it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			t.Setenv("TMPDIR", base)
			path := filepath.Join(base, privateTempDirName(os.Getuid()))
			tc.make(t, path)
			_, err := usePrivateTempDir()
			if err == nil || err.Error() != path+" "+tc.want {
				t.Errorf("usePrivateTempDir() error = %v, want %q", err, path+" "+tc.want)
			}
			if os.TempDir() != base {
				t.Errorf("TMPDIR = %q after a refusal, want %q", os.TempDir(), base)
			}
		})
	}
}

// TestCheckPrivateOwner: a directory of another user is refused.
func TestCheckPrivateOwner(t *testing.T) {
	dir := t.TempDir()
	fi, err := os.Lstat(dir)
	if err != nil {
		t.Fatal(err)
	}
	owner, ok := fileOwner(fi)
	if !ok {
		t.Fatal("fileOwner: no owner on a unix system") // the tests run on unix
	}
	if err := checkPrivate(dir, fi, owner); err != nil {
		t.Errorf("own directory: %v", err)
	}
	err = checkPrivate(dir, fi, owner+1)
	if err == nil || !strings.Contains(err.Error(), "belongs to user id") {
		t.Errorf("another user's directory: error %v, want it refused", err)
	}
}
