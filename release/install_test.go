package release

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// TestGoInstallVersion: `go install github.com/lintgate/lintgate/cmd/lintgate@VERSION`
// gives a lintgate that reports VERSION, from its build information alone
// (no -ldflags). The module is served at that version, from this
// repository's work tree (what git does not ignore), by a file:// proxy; its dependencies come from the
// module cache's download directory into a module cache of the test's own,
// so the shared one gets no fake lintgate version.
func TestGoInstallVersion(t *testing.T) {
	const version = "v0.0.0-installtest"
	tmp := t.TempDir()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	m := module.Version{Path: "github.com/lintgate/lintgate", Version: version}
	dir := filepath.Join(tmp, "proxy", "github.com", "lintgate", "lintgate", "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	z, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := zip.CreateFromDir(z, m, sourceCopy(t, root, filepath.Join(tmp, "src"))); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := json.Marshal(map[string]string{"Version": version, "Time": "2026-12-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, version+".info"), info)
	writeTestFile(t, filepath.Join(dir, version+".mod"), readFile(t, filepath.Join(root, "go.mod")))
	writeTestFile(t, filepath.Join(dir, "list"), []byte(version+"\n"))

	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	downloads := filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download")
	gobin := filepath.Join(tmp, "bin")
	cmd := exec.Command("go", "install", m.Path+"/cmd/lintgate@"+version)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(),
		"GOBIN="+gobin,
		"GOMODCACHE="+filepath.Join(tmp, "modcache"),
		"GOPROXY=file://"+filepath.ToSlash(filepath.Join(tmp, "proxy"))+",file://"+filepath.ToSlash(downloads),
		// The checksum database is out of reach here (and knows no fake
		// version); this test is about the version, not the sums.
		"GOSUMDB=off",
		"GOFLAGS=-modcacherw -trimpath", // -trimpath: the build cache of the other builds serves
		"GOTOOLCHAIN=local",
	)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	out, err := exec.Command(filepath.Join(gobin, "lintgate"), "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "lintgate "+version+" built with go") {
		t.Errorf("lintgate version after go install @%s: %v\n%s", version, err, out)
	}
}

// sourceCopy copies the files of the work tree git does not ignore into
// dir, as make reproducible does (a module zip of the whole directory
// would take bin/, dist/ and .cache/ too).
func sourceCopy(t *testing.T, root, dir string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		} else if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, dst, data)
	}
	return dir
}
