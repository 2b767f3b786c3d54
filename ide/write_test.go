package ide

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/internal/atomicfile"
)

// TestReadOnlyRefused: a read-only settings.json that the export would
// change is refused when planning, so nothing is written; one it leaves
// unchanged is fine.
func TestReadOnlyRefused(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{".vscode/settings.json": "{\"editor.tabSize\": 4}\n"})
	p := filepath.Join(root, ".vscode", "settings.json")
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	_, err := VSCode(testOptions(root))
	if !errors.Is(err, atomicfile.ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
	if want := ".vscode/settings.json: the file is read-only (mode 0444): make it writable (chmod u+w) or write elsewhere"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if diff := cmp.Diff(before, tree(t, root)); diff != "" {
		t.Errorf("the tree changed (-before +after):\n%s", diff)
	}
	// Exported once while writable, a read-only copy is left alone.
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	export(t, root, VSCode)
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	export(t, root, VSCode)
}

// TestWriteAllOrNothing: when one target cannot be written (here a
// directory took the place of .vscode/tasks.json after planning),
// Write writes none of the files, leaves no temporary file and removes
// the directories it created.
func TestWriteAllOrNothing(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{".vscode/settings.json": "{\"editor.tabSize\": 4}\n"})
	files, err := VSCode(testOptions(root))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, ".vscode", "tasks.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	err = Write(files)
	if err == nil || !strings.Contains(err.Error(), "tasks.json: is a directory") {
		t.Fatalf("err = %v, want tasks.json: is a directory", err)
	}
	if diff := cmp.Diff(before, tree(t, root)); diff != "" {
		t.Errorf("a failed Write changed the tree (-before +after):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(root, ".lintgate")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf(".lintgate is left behind: %v", err)
	}
	ents, _ := os.ReadDir(filepath.Join(root, ".vscode"))
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
