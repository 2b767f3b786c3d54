package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// golangci-lint v2.15.0 serializes runs with a lock on
// filepath.Join(os.TempDir(), "golangci-lint.lock") (pkg/commands/run.go,
// acquireFileLock) and removes the file afterwards. In a /tmp shared by
// several users, a lock file another user created cannot be opened: the
// run then fails at once with "parallel golangci-lint is running", even
// with serial runners allowed, and a file left behind by a killed run
// blocks every other user for good. So the embedded golangci-lint gets a
// temporary directory of this user's own: its runs still wait for each
// other (the IDE's and lintgate run's alike), other users' never.

// privateTempDirName is the directory, below the shared temporary
// directory, that holds one user's golangci-lint lock.
func privateTempDirName(uid int) string { return fmt.Sprintf("lintgate-%d", uid) }

// usePrivateTempDir points TMPDIR at a directory of this user's own below
// os.TempDir(), made if need be (mode 0700), and returns it. It returns ""
// when there is nothing to do (no user ids on this system, or TMPDIR is
// already such a directory) and an error, leaving TMPDIR as it was, when
// the directory exists but is not safe to use: not a directory, a
// symbolic link, not owned by this user, or writable by others.
func usePrivateTempDir() (string, error) {
	uid := os.Getuid()
	if uid < 0 { // Windows: %TEMP% is per user already
		return "", nil
	}
	base := os.TempDir()
	if filepath.Base(base) == privateTempDirName(uid) {
		return "", nil
	}
	dir := filepath.Join(base, privateTempDirName(uid))
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("a temporary directory for golangci-lint's lock: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return "", fmt.Errorf("a temporary directory for golangci-lint's lock: %w", err)
	}
	if err := checkPrivate(dir, fi, uid); err != nil {
		return "", err
	}
	if err := os.Setenv("TMPDIR", dir); err != nil {
		return "", err
	}
	return dir, nil
}

// checkPrivate reports why dir (described by fi, from Lstat) is not a
// private directory of user uid, or nil.
func checkPrivate(dir string, fi fs.FileInfo, uid int) error {
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link, not a directory of your own; remove it", dir)
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory; remove it", dir)
	}
	if owner, ok := fileOwner(fi); ok && owner != uid {
		return fmt.Errorf("%s belongs to user id %d, not to you (%d); remove it", dir, owner, uid)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%s is writable by other users (mode %v); chmod 700 it", dir, fi.Mode().Perm())
	}
	return nil
}

// lockHint says what holds golangci-lint's lock in dir, after golangci-lint
// failed with "parallel golangci-lint is running".
func lockHint(dir string) string {
	lock := filepath.Join(dir, "golangci-lint.lock")
	if who := lockHolder(lock); who != "" {
		return fmt.Sprintf("golangci-lint's lock %s is held by %s: wait for it to end (--allow-serial-runners waits by itself), or stop it", lock, who)
	}
	return fmt.Sprintf("golangci-lint could not take its lock %s: another golangci-lint holds it, or the file is not yours; wait for it to end, or remove the file if no golangci-lint runs", lock)
}
