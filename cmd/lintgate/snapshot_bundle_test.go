package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lintgate/lintgate/snapshot"
)

// handBundle writes a bundle of the module's snapshot made from files,
// signed with key when it is not "".
func handBundle(t *testing.T, root, out, key string, edit func([]snapshot.BundleFile)) {
	t.Helper()
	if code, _, _ := lintgate(t, "snapshot", "create", "-C", root); code != ExitOK {
		t.Fatalf("snapshot create: exit %d", code)
	}
	data, err := os.ReadFile(filepath.Join(root, defaultSnapshot))
	if err != nil {
		t.Fatal(err)
	}
	files := []snapshot.BundleFile{
		{Name: snapshot.BundleSnapshot, Data: data},
		{Name: "proxy/example.com/dep/@v/list", Data: []byte("v1.0.0\n")},
	}
	manifest, err := snapshot.Manifest(files)
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, snapshot.BundleFile{Name: snapshot.BundleManifest, Data: manifest})
	if key != "" {
		k, err := os.ReadFile(key)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := snapshot.Sign(manifest, k)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, snapshot.BundleFile{Name: snapshot.BundleManifestSig, Data: sig})
	}
	if edit != nil {
		edit(files)
	}
	var b bytes.Buffer
	if err := snapshot.WriteArchive(&b, files); err != nil {
		t.Fatal(err)
	}
	writeFile(t, out, b.String())
}

// TestApplyBundleRefusedExits: a bundle that fails its manifest or its
// signature exits 42 and leaves nothing unpacked; an occupied --bundle-dir
// is a usage error.
func TestApplyBundleRefusedExits(t *testing.T) {
	root := snapModule(t)
	tmp := t.TempDir()
	key, allowed := sshKey(t, filepath.Join(tmp), "")
	otherDir := filepath.Join(tmp, "other")
	writeFile(t, filepath.Join(otherDir, "x"), "")
	otherKey, _ := sshKey(t, otherDir, "")
	target := filepath.Join(tmp, "env")
	for _, tc := range []struct {
		name, key string
		edit      func([]snapshot.BundleFile)
		args      []string
		want      string
	}{
		{"one byte changed", key, func(fs []snapshot.BundleFile) { fs[1].Data = []byte("v1.0.1\n") }, nil,
			"does not match its manifest: proxy/example.com/dep/@v/list has sha256"},
		{"unsigned", "", nil, []string{"--allowed-signers", allowed}, "the bundle is not signed"},
		{"foreign signer", otherKey, nil, []string{"--allowed-signers", allowed}, "is not allowed to sign"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bundle := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "-")+".tar.gz")
			handBundle(t, root, bundle, tc.key, tc.edit)
			args := append([]string{"snapshot", "apply", "-C", root, "--bundle", bundle, "--bundle-dir", target}, tc.args...)
			code, _, stderr := lintgate(t, args...)
			if code != ExitDrift || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "nothing was unpacked") {
				t.Errorf("exit %d, stderr %q; want 42 and %q", code, stderr, tc.want)
			}
			if _, err := os.Stat(target); !os.IsNotExist(err) {
				t.Errorf("%s exists after a refused bundle: %v", target, err)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, ".env.unpack-*")); len(left) > 0 {
				t.Errorf("left %v", left)
			}
		})
	}
	bundle := filepath.Join(tmp, "good.tar.gz")
	handBundle(t, root, bundle, key, nil)
	writeFile(t, filepath.Join(target, "mine"), "not a bundle")
	code, _, stderr := lintgate(t, "snapshot", "apply", "-C", root, "--bundle", bundle, "--bundle-dir", target)
	if code != ExitUsage || !strings.Contains(stderr, "exists and holds something else") {
		t.Errorf("occupied --bundle-dir: exit %d, %q", code, stderr)
	}
	if data, err := os.ReadFile(filepath.Join(target, "mine")); err != nil || string(data) != "not a bundle" {
		t.Errorf("occupied --bundle-dir was touched: %q, %v", data, err)
	}
}
