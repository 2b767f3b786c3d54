package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.sarif")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o644); err != nil { // not subject to the umask
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "new" {
		t.Fatalf("content = %q, %v; want new", got, err)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want the old 0644 kept", fi.Mode().Perm())
	}
	assertOnlyFile(t, dir, "out.sarif")
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string
	}{
		{"missing dir", filepath.Join(dir, "nope", "x.sarif"), "nope/x.sarif: no such file or directory"},
		{"target is a dir", dir, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFile(tt.path, []byte("x"), 0o644)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), ".tmp-") {
				t.Errorf("error names the temp file: %v", err)
			}
		})
	}
	assertOnlyFile(t, dir)
}

func TestWriteFileReadOnlyDirKeepsOld(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores directory permissions; exercise the rename failure instead.
		dir := t.TempDir()
		p := filepath.Join(dir, "sub")
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "f"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(p, []byte("x"), 0o644); err == nil {
			t.Fatal("writing over a non-empty directory succeeded")
		}
		assertOnlyFile(t, dir, "sub")
		return
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "out")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) }) // let t.TempDir remove it
	if err := WriteFile(p, []byte("new"), 0o644); err == nil {
		t.Fatal("write into a read-only directory succeeded")
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("target changed to %q", got)
	}
}

func assertOnlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("dir holds %v, want %v", got, names)
	}
}

// TestWriteFileDevice: a device is written to, never replaced.
func TestWriteFileDevice(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(os.DevNull, []byte("discarded"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if after.Mode() != before.Mode() || after.Mode().IsRegular() {
		t.Fatalf("%s changed from %v to %v", os.DevNull, before.Mode(), after.Mode())
	}
}

// TestWriteFileKeepsMode: a file that is replaced keeps its permissions,
// whatever perm says; perm applies to new files.
func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "settings.json")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil { // not subject to the umask
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want the old 0640", fi.Mode().Perm())
	}
	q := filepath.Join(dir, "new.json")
	if err := WriteFile(q, []byte("new"), 0o604); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(q); fi.Mode().Perm() != 0o604 {
		t.Errorf("new file mode = %v, want 0604", fi.Mode().Perm())
	}
}

// TestWriteFileRefusesReadOnly: a read-only file (0444) is not replaced,
// even by root, whom the kernel would let write it: the error is
// ErrReadOnly, says what to do, and the file is unchanged.
func TestWriteFileRefusesReadOnly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ro.sarif")
	if err := os.WriteFile(p, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(p, []byte("new"), 0o644)
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
	want := p + ": the file is read-only (mode 0444): make it writable (chmod u+w) or write elsewhere"
	if err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if err := CheckWritable(p); !errors.Is(err, ErrReadOnly) {
		t.Errorf("CheckWritable = %v, want ErrReadOnly", err)
	}
	if err := CheckWritable(filepath.Join(dir, "absent")); err != nil {
		t.Errorf("CheckWritable of a new file = %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("content = %q, want old", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o444 {
		t.Errorf("mode = %v, want 0444", fi.Mode().Perm())
	}
	assertOnlyFile(t, dir, "ro.sarif")
}
