package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestReadOnce: a file is read once, later calls (also concurrent ones)
// get the first bytes, and a failed read stays failed.
func TestReadOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.go")
	if err := os.WriteFile(p, []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	read := readOnce()
	if data, err := read(p); err != nil || string(data) != "package a\n" {
		t.Fatalf("first read = %q, %v", data, err)
	}
	if err := os.WriteFile(p, []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if data, err := read(p); err != nil || string(data) != "package a\n" {
				t.Errorf("later read = %q, %v; want the first bytes", data, err)
			}
		})
	}
	wg.Wait()
	missing := filepath.Join(t.TempDir(), "missing.go")
	if _, err := read(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(missing, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := read(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file read again: %v; want the first error", err)
	}
}
