package snapshot

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goodFiles are the files of a minimal bundle, with its manifest.
func goodFiles(t *testing.T) []BundleFile {
	t.Helper()
	files := []BundleFile{
		{Name: BundleSnapshot, Data: []byte(`{"_type":"x"}`)},
		{Name: "proxy/example.com/a/@v/v1.0.0.mod", Data: []byte("module example.com/a\n")},
		{Name: "proxy/example.com/a/@v/list", Data: []byte("v1.0.0\n")},
	}
	m, err := Manifest(files)
	if err != nil {
		t.Fatal(err)
	}
	return append(files, BundleFile{Name: BundleManifest, Data: m})
}

func archive(t *testing.T, files []BundleFile) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteArchive(&b, files); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteArchiveDeterministic(t *testing.T) {
	files := goodFiles(t)
	a := archive(t, files)
	reversed := []BundleFile{files[3], files[2], files[1], files[0]}
	if b := archive(t, reversed); !bytes.Equal(a, b) {
		t.Error("the same files in another order give another archive")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("gzip header has name %q, time %v", zr.Name, zr.ModTime)
	}
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		if hdr.Mode != 0o444 || hdr.Uid != 0 || hdr.Gid != 0 || !hdr.ModTime.Equal(time.Unix(0, 0)) || hdr.Uname != "" {
			t.Errorf("%s: mode %o uid %d gid %d time %v uname %q", hdr.Name, hdr.Mode, hdr.Uid, hdr.Gid, hdr.ModTime, hdr.Uname)
		}
	}
}

func TestCheckBundleAndExtract(t *testing.T) {
	data := archive(t, goodFiles(t))
	b, err := CheckBundle("b.tar.gz", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "env")
	if err := b.Extract(bytes.NewReader(data), dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = MakeWritable(dir) })
	got, err := os.ReadFile(filepath.Join(dir, "proxy/example.com/a/@v/list"))
	if err != nil || string(got) != "v1.0.0\n" {
		t.Errorf("list: %q, %v", got, err)
	}
	fi, err := os.Stat(filepath.Join(dir, "proxy"))
	if err != nil || fi.Mode().Perm() != 0o555 {
		t.Errorf("proxy dir: %v, %v", fi.Mode(), err)
	}
	if !b.SameManifest(dir) {
		t.Error("SameManifest is false for the directory just unpacked")
	}
	// A different archive, for the second pass, than the one checked.
	other := goodFiles(t)
	other[1].Data = []byte("module evil\n")
	dir2 := filepath.Join(t.TempDir(), "env")
	if err := b.Extract(bytes.NewReader(archive(t, other)), dir2); err == nil || !strings.Contains(err.Error(), "changed since it was checked") {
		t.Errorf("swapped archive: %v", err)
	}
	if _, err := os.Stat(dir2); !os.IsNotExist(err) {
		t.Errorf("swapped archive left %s: %v", dir2, err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir2), ".env.unpack-*")); len(leftovers) > 0 {
		t.Errorf("left temporary directories %v", leftovers)
	}
}

// rawArchive writes tar headers as given, for archives WriteArchive would
// never make.
func rawArchive(t *testing.T, hdrs []*tar.Header, contents []string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	tw := tar.NewWriter(zw)
	for i, h := range hdrs {
		h.Size = int64(len(contents[i]))
		if h.Typeflag != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write([]byte(contents[i])); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckBundleRefuses(t *testing.T) {
	good := goodFiles(t)
	manifest := string(good[3].Data)
	reg := func(name string) *tar.Header { return &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o444} }
	for _, tc := range []struct {
		name     string
		hdrs     []*tar.Header
		contents []string
		want     string
	}{
		{"parent dir", []*tar.Header{reg("proxy/../../etc/passwd")}, []string{"x"}, `entry "proxy/../../etc/passwd" is not a plain relative path`},
		{"absolute", []*tar.Header{reg("/etc/passwd")}, []string{"x"}, "is not a plain relative path"},
		{"backslash", []*tar.Header{reg(`proxy\..\x`)}, []string{"x"}, "is not a plain relative path"},
		{"symlink", []*tar.Header{{Typeflag: tar.TypeSymlink, Name: "proxy/link", Linkname: "/etc"}}, []string{""}, `entry "proxy/link" is not a regular file`},
		{"hard link", []*tar.Header{{Typeflag: tar.TypeLink, Name: "proxy/link", Linkname: BundleSnapshot}}, []string{""}, "is not a regular file"},
		{"directory", []*tar.Header{{Typeflag: tar.TypeDir, Name: "proxy/", Mode: 0o755}}, []string{""}, "is not a regular file"},
		{"foreign file", []*tar.Header{reg("run.sh")}, []string{"x"}, `entry "run.sh" is not part of a lintgate bundle`},
		{"duplicate", []*tar.Header{reg(BundleSnapshot), reg(BundleSnapshot)}, []string{"a", "b"}, "appears twice"},
		{"no manifest", []*tar.Header{reg(BundleSnapshot)}, []string{"{}"}, "no manifest.sha256: not a lintgate bundle"},
		{"unlisted file", []*tar.Header{reg(BundleManifest), reg(BundleSnapshot), reg("proxy/example.com/a/@v/list"), reg("proxy/example.com/a/@v/v1.0.0.mod"), reg("proxy/extra.zip")},
			[]string{manifest, `{"_type":"x"}`, "v1.0.0\n", "module example.com/a\n", "zip"}, "proxy/extra.zip is not in the manifest"},
		{"missing file", []*tar.Header{reg(BundleManifest), reg(BundleSnapshot)}, []string{manifest, `{"_type":"x"}`}, "proxy/example.com/a/@v/list is in the manifest but not in the bundle"},
		{"bad manifest line", []*tar.Header{reg(BundleManifest)}, []string{"nothex  x\n"}, `manifest.sha256:1: want "SHA256  NAME"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CheckBundle("b.tar.gz", bytes.NewReader(rawArchive(t, tc.hdrs, tc.contents)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := CheckBundle("b.tar.gz", strings.NewReader("not gzip")); err == nil || !strings.Contains(err.Error(), "not a gzip-compressed tar") {
		t.Errorf("not gzip: %v", err)
	}
}

func TestVersionList(t *testing.T) {
	got := string(versionList([]string{"v1.10.0", "v1.2.0", "v0.0.0-20200101000000-abcdefabcdef", "v1.2.0-!r!c1"}))
	if want := "v1.2.0-RC1\nv1.2.0\nv1.10.0\n"; got != want {
		t.Errorf("versionList = %q, want %q", got, want)
	}
}
