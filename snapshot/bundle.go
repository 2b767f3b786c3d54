package snapshot

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// The files of a bundle other than the module proxy under BundleProxy.
const (
	BundleSnapshot    = "lintgate.snapshot.json"
	BundleManifest    = "manifest.sha256"
	BundleManifestSig = "manifest.sha256.sig"
	BundleProxy       = "proxy"
)

// BundleOptions say what goes into a bundle.
type BundleOptions struct {
	// Root is the module root; the go commands run there.
	Root string
	Go   Go
	// Snapshot is the snapshot file's content and Statement its parse.
	Snapshot  []byte
	Statement *Statement
	// Signature is the snapshot's detached signature, nil when none.
	Signature []byte
	// Toolchain adds the toolchain module of the snapshot's Go release.
	Toolchain bool
	// Key, when not nil, signs the manifest (SSHSIG, like Sign).
	Key []byte
	// Work is an empty directory for the download cache.
	Work string
	// Seed, when not "", is this machine's module cache: the go command
	// takes what it holds from there first (GOPROXY=file://SEED/cache/download
	// ahead of the snapshot's proxies), still checking every module against
	// go.sum, and the checksum database through the snapshot's proxies.
	Seed string
	// Check, when not nil, runs after the downloads with the environment
	// of the fresh module cache (verify's checks; twice, see
	// proveAgainstLatest): what it asks the checksum database lands in
	// that cache, and so in the bundle.
	Check func(ctx context.Context, env []EnvVar) error
}

// BundleFile is one file of a bundle: its name in the archive and where
// its content is.
type BundleFile struct {
	Name string
	// Path is the file on disk, or "" when Data holds the content.
	Path string
	Data []byte
}

// CollectBundle downloads, with the go command and the snapshot's
// settings, what the bundle carries into a fresh module cache under
// o.Work (a fresh GOPATH too, so that the checksum database is consulted
// from scratch), and lists the bundle's files: the snapshot, its
// signature, the module proxy ($GOMODCACHE/cache/download: .info, .mod,
// .zip, list, and the checksum database's lookups and tiles the go
// command fetched, with sumdb/NAME/supported so that the go command uses
// them through GOPROXY=file://), and the manifest.
func CollectBundle(ctx context.Context, o BundleOptions) ([]BundleFile, error) {
	cache := filepath.Join(o.Work, "modcache")
	plan, err := NewPlan(o.Statement, o.Root, nil)
	if err != nil {
		return nil, err
	}
	plan.Env = append(plan.Env, EnvVar{"GOMODCACHE", cache}, EnvVar{"GOPATH", filepath.Join(o.Work, "gopath")})
	if seed := filepath.Join(o.Seed, "cache", "download"); o.Seed != "" && isDir(seed) {
		for i, v := range plan.Env {
			if v.Name == "GOPROXY" && v.Value != "off" && v.Value != "" {
				plan.Env[i].Value = FileURL(seed) + "," + v.Value
			}
		}
	}
	if _, err := plan.Run(ctx, o.Go); err != nil {
		return nil, err
	}
	if o.Toolchain {
		if err := downloadToolchain(ctx, o, plan); err != nil {
			return nil, err
		}
	}
	if o.Check != nil {
		if err := proveAgainstLatest(ctx, o.Check, plan.Env, filepath.Join(cache, "cache", "download", "sumdb")); err != nil {
			return nil, err
		}
	}
	files, err := proxyFiles(filepath.Join(cache, "cache", "download"))
	if err != nil {
		return nil, err
	}
	heads, err := treeHeadFiles(filepath.Join(o.Work, "gopath", "pkg", "sumdb"))
	if err != nil {
		return nil, err
	}
	files = append(files, heads...)
	files = append(files, BundleFile{Name: BundleSnapshot, Data: o.Snapshot})
	if o.Signature != nil {
		files = append(files, BundleFile{Name: SignatureFile(BundleSnapshot), Data: o.Signature})
	}
	manifest, err := Manifest(files)
	if err != nil {
		return nil, err
	}
	files = append(files, BundleFile{Name: BundleManifest, Data: manifest})
	if o.Key != nil {
		sig, err := Sign(manifest, o.Key)
		if err != nil {
			return nil, fmt.Errorf("signing the manifest: %w", err)
		}
		files = append(files, BundleFile{Name: BundleManifestSig, Data: sig})
	}
	slices.SortFunc(files, func(a, b BundleFile) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// proveAgainstLatest runs check twice. The lookups' answers carry tree
// heads of different sizes (a proxy caches an answer with the tree of its
// day), and the first pass, its lookups in parallel, proves each record
// against whichever head was the latest when its answer came: which tiles
// that takes depends on the order. The second pass, without those tiles,
// proves every record against the final head, which the bundle ships
// (treeHeadFiles): the tiles it fetches are the ones a machine starting
// from that head needs, and the same whatever the order.
func proveAgainstLatest(ctx context.Context, check func(context.Context, []EnvVar) error, env []EnvVar, sumdbCache string) error {
	if err := check(ctx, env); err != nil {
		return err
	}
	dbs, err := sumdbNames(sumdbCache)
	if err != nil {
		return err
	}
	for _, db := range dbs {
		if err := os.RemoveAll(filepath.Join(sumdbCache, db, "tile")); err != nil {
			return err
		}
	}
	return check(ctx, env)
}

// toolchainModule is the module the go command downloads for
// GOTOOLCHAIN=goX.Y.Z on goos/goarch.
func toolchainModule(toolchain, goos, goarch string) module.Version {
	return module.Version{Path: "golang.org/toolchain", Version: "v0.0.1-" + toolchain + "." + goos + "-" + goarch}
}

// downloadToolchain adds the toolchain module for the snapshot's target
// to the download cache, outside the module (it has no go.sum line: the
// go command checks it with the checksum database, whose answer lands in
// the cache too).
func downloadToolchain(ctx context.Context, o BundleOptions, plan Plan) error {
	t := o.Statement.Predicate.Target
	m := toolchainModule(plan.Toolchain, t.GOOS, t.GOARCH)
	empty := filepath.Join(o.Work, "empty")
	if err := os.MkdirAll(empty, 0o750); err != nil {
		return err
	}
	out, err := o.Go.Run(ctx, empty, append(plan.Environ(), "GO111MODULE=on"), "mod", "download", "-json", m.String())
	if derr := downloadErrors(out); derr != nil || err != nil {
		return fmt.Errorf("downloading the toolchain module %s: %w", m, firstErr(derr, err))
	}
	return nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// proxyFiles lists what a file-based module proxy serves from a download
// cache: .info, .mod and .zip files, a list file per module made from
// the versions present (never a stale one of the cache), and the
// checksum database's files with a supported file per database.
func proxyFiles(download string) ([]BundleFile, error) {
	var files []BundleFile
	versions := map[string][]string{} // @v dir -> versions
	err := filepath.WalkDir(download, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(download, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		name := path.Base(rel)
		switch {
		case strings.HasPrefix(rel, "sumdb/"):
			if strings.HasSuffix(name, ".lock") {
				return nil
			}
		case path.Base(path.Dir(rel)) != "@v":
			return nil
		case strings.HasSuffix(name, ".info"):
			v := strings.TrimSuffix(name, ".info")
			versions[path.Dir(rel)] = append(versions[path.Dir(rel)], v)
		case strings.HasSuffix(name, ".mod"), strings.HasSuffix(name, ".zip"):
		default:
			return nil // list (rewritten below), .ziphash, .lock, .partial
		}
		files = append(files, BundleFile{Name: BundleProxy + "/" + rel, Path: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for dir, vs := range versions {
		files = append(files, BundleFile{Name: BundleProxy + "/" + dir + "/list", Data: versionList(vs)})
	}
	dbs, err := sumdbNames(filepath.Join(download, "sumdb"))
	if err != nil {
		return nil, err
	}
	for _, db := range dbs {
		files = append(files, BundleFile{Name: BundleProxy + "/sumdb/" + db + "/supported", Data: []byte{}})
	}
	return files, nil
}

// treeHeadFiles lists the signed tree head of each checksum database
// the bundle's check reached ($GOPATH/pkg/sumdb/NAME/latest) as
// sumdb/NAME/latest, the path the proxy protocol serves it at. Every
// record is proved against it (proveAgainstLatest), and SeedTreeHeads
// gives it to a machine that has none, so that the proofs there need only
// the tiles the bundle carries, whatever order its lookups run in.
func treeHeadFiles(sumdbDir string) ([]BundleFile, error) {
	dbs, err := sumdbNames(sumdbDir)
	if err != nil {
		return nil, err
	}
	var files []BundleFile
	for _, db := range dbs {
		latest := filepath.Join(sumdbDir, db, "latest")
		if fi, err := os.Stat(latest); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			files = append(files, BundleFile{Name: BundleProxy + "/sumdb/" + db + "/latest", Path: latest})
		}
	}
	return files, nil
}

// versionList is a proxy's list answer: the versions, escaped as in the
// cache's file names, without pseudo-versions, in semver order.
func versionList(escaped []string) []byte {
	var vs []string
	for _, e := range escaped {
		v, err := module.UnescapeVersion(e)
		if err == nil && !module.IsPseudoVersion(v) {
			vs = append(vs, v)
		}
	}
	semver.Sort(vs)
	if len(vs) == 0 {
		return []byte{}
	}
	return []byte(strings.Join(vs, "\n") + "\n")
}

// open reads a bundle file's content.
func (f BundleFile) open() (io.ReadCloser, error) {
	if f.Path == "" {
		return io.NopCloser(strings.NewReader(string(f.Data))), nil
	}
	return os.Open(f.Path)
}

// Manifest is the sha256sum-style manifest of files: "HEX  NAME" lines,
// sorted by name, checkable with sha256sum -c.
func Manifest(files []BundleFile) ([]byte, error) {
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b BundleFile) int { return strings.Compare(a.Name, b.Name) })
	var b strings.Builder
	for _, f := range sorted {
		r, err := f.open()
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.Copy(h, r)
		_ = r.Close() // read only
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), f.Name)
	}
	return []byte(b.String()), nil
}

// bundleTime is the modification time of every entry: a fixed one, so
// that the same files give the same archive.
var bundleTime = time.Unix(0, 0).UTC()

// WriteArchive writes files as a gzip-compressed tar, deterministically:
// entries in name order, a fixed time, owner 0, mode 0444, and a gzip
// header without name or time.
func WriteArchive(w io.Writer, files []BundleFile) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b BundleFile) int { return strings.Compare(a.Name, b.Name) })
	for _, f := range sorted {
		if err := writeEntry(tw, f); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return zw.Close()
}

func writeEntry(tw *tar.Writer, f BundleFile) error {
	r, err := f.open()
	if err != nil {
		return err
	}
	defer func() { _ = r.Close() }() // read only
	size := int64(len(f.Data))
	if f.Path != "" {
		fi, err := os.Stat(f.Path)
		if err != nil {
			return err
		}
		size = fi.Size()
	}
	hdr := &tar.Header{
		Typeflag: tar.TypeReg, Name: f.Name, Size: size, Mode: 0o444,
		ModTime: bundleTime, Format: tar.FormatPAX,
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	n, err := io.Copy(tw, r)
	if err == nil && n != size {
		err = fmt.Errorf("changed while bundled: %d bytes, want %d", n, size)
	}
	return err
}
