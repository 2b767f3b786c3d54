package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/lintgate/lintgate/snapshot"
)

// cmdTamperBundle rewrites a bundle with one byte changed in the first
// entry whose name contains SUBSTR, as a corrupted download or an attacker
// would: tamperbundle IN OUT SUBSTR. The archive stays a valid .tar.gz.
func cmdTamperBundle(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: tamperbundle IN OUT SUBSTR")
	}
	files, err := readBundleFiles(ts.MkAbs(args[0]))
	ts.Check(err)
	changed := false
	for i, f := range files {
		if !changed && strings.Contains(f.Name, args[2]) && len(f.Data) > 0 {
			files[i].Data[len(f.Data)/2] ^= 0x01
			changed = true
		}
	}
	if !changed {
		ts.Fatalf("no entry of %s contains %q", args[0], args[2])
	}
	var buf bytes.Buffer
	ts.Check(snapshot.WriteArchive(&buf, files))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), buf.Bytes(), 0o644))
}

// readBundleFiles reads every entry of a .tar.gz into memory.
func readBundleFiles(path string) ([]snapshot.BundleFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	var files []snapshot.BundleFile
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files = append(files, snapshot.BundleFile{Name: hdr.Name, Data: data})
	}
}
