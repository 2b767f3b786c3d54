package snapshot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/lockedfile"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// knownSumDB are the verifier keys of the databases GOSUMDB may name
// alone: the key of sum.golang.org, as the go command knows it
// (cmd/go/internal/modfetch/key.go).
var knownSumDB = map[string]string{
	"sum.golang.org": "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
}

// errSumDBOff is the error of every lookup when GOSUMDB=off.
var errSumDBOff = errors.New("checksum database disabled by GOSUMDB=off")

// sumEnv are the settings that say which checksum database to use and
// how to reach it, as `go env` resolves them in the module.
type sumEnv struct {
	GOSUMDB, GOPROXY, GONOPROXY string
	// SumdbDir is $GOPATH/pkg/sumdb (the latest tree heads) and
	// CacheDir $GOMODCACHE/cache/download/sumdb (lookups and tiles).
	SumdbDir, CacheDir string
}

func sumEnvOf(env map[string]string) sumEnv {
	gopath := filepath.SplitList(env["GOPATH"])
	e := sumEnv{GOSUMDB: env["GOSUMDB"], GOPROXY: env["GOPROXY"], GONOPROXY: env["GONOPROXY"]}
	if len(gopath) > 0 && gopath[0] != "" {
		e.SumdbDir = filepath.Join(gopath[0], "pkg", "sumdb")
	}
	if env["GOMODCACHE"] != "" {
		e.CacheDir = filepath.Join(env["GOMODCACHE"], "cache", "download", "sumdb")
	}
	return e
}

// sumDB is a checksum-database client that works as the go command's
// does (cmd/go/internal/modfetch/sumdb.go): the same key, the same way of
// finding the database through GOPROXY, the same caches.
type sumDB struct {
	name   string
	client *sumdb.Client
	ops    *sumOps
}

// dialSumDB reads GOSUMDB ("name", "key" or "key url"). Nothing is
// fetched until a lookup needs it.
func dialSumDB(ctx context.Context, e sumEnv) (*sumDB, error) {
	gosumdb := e.GOSUMDB
	if gosumdb == "sum.golang.google.cn" {
		gosumdb = "sum.golang.org https://sum.golang.google.cn"
	}
	if gosumdb == "off" {
		return nil, errSumDBOff
	}
	key := strings.Fields(gosumdb)
	if len(key) == 0 {
		return nil, errors.New("GOSUMDB is empty")
	}
	if len(key) > 2 {
		return nil, fmt.Errorf("invalid GOSUMDB %q: too many fields", gosumdb)
	}
	if k := knownSumDB[key[0]]; k != "" {
		key[0] = k
	}
	verifier, err := note.NewVerifier(key[0])
	if err != nil {
		return nil, fmt.Errorf("invalid GOSUMDB %q: %w", gosumdb, err)
	}
	name := verifier.Name()
	direct, err := url.Parse("https://" + name)
	if err != nil || strings.HasSuffix(name, "/") || direct.Host == "" || direct.RawPath != "" ||
		*direct != (url.URL{Scheme: "https", Host: direct.Host, Path: direct.Path}) {
		return nil, fmt.Errorf("invalid checksum database name %q (must be host[/path])", name)
	}
	ops := &sumOps{ctx: ctx, env: e, key: key[0], name: name, verifier: verifier, direct: direct}
	if len(key) == 2 {
		if ops.base, err = url.Parse(key[1]); err != nil {
			return nil, fmt.Errorf("invalid GOSUMDB URL: %w", err)
		}
	}
	return &sumDB{name: name, client: sumdb.NewClient(ops), ops: ops}, nil
}

// tree is the latest signed tree head the client has verified: its size
// and root hash.
func (db *sumDB) tree() (size int64, hash string, err error) {
	db.ops.mu.Lock()
	latest := db.ops.latest
	db.ops.mu.Unlock()
	if len(latest) == 0 {
		return 0, "", errors.New("no signed tree head")
	}
	n, err := note.Open(latest, note.VerifierList(db.ops.verifier))
	if err != nil {
		return 0, "", err
	}
	t, err := tlog.ParseTree([]byte(n.Text))
	if err != nil {
		return 0, "", err
	}
	return t.N, t.Hash.String(), nil
}

// security is the first security error the client reported, "" if none.
func (db *sumDB) security() string {
	db.ops.mu.Lock()
	defer db.ops.mu.Unlock()
	return db.ops.securityMsg
}

// sumOps implements sumdb.ClientOps. It is safe for concurrent use.
type sumOps struct {
	ctx      context.Context
	env      sumEnv
	key      string
	name     string
	verifier note.Verifier
	direct   *url.URL

	once    sync.Once
	base    *url.URL
	baseErr error

	mu          sync.Mutex
	latest      []byte
	securityMsg string
	// down is the first failure to reach the database: every later
	// request fails with it at once, instead of waiting for its own
	// timeout (hundreds of lookups against a dead network).
	down error
}

var httpClient = &http.Client{Timeout: 30 * time.Second}

// ReadRemote implements sumdb.ClientOps.
func (o *sumOps) ReadRemote(path string) ([]byte, error) {
	o.once.Do(o.initBase)
	if o.baseErr != nil {
		return nil, o.baseErr
	}
	o.mu.Lock()
	down := o.down
	o.mu.Unlock()
	if down != nil {
		return nil, down
	}
	data, err := getURL(o.ctx, joinURL(o.base, path))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		o.mu.Lock()
		if o.down == nil {
			o.down = err
		}
		o.mu.Unlock()
	}
	return data, err
}

// initBase finds the database the way the go command does: each proxy
// of GOPROXY is asked for <proxy>/sumdb/<name>/supported; the first that
// answers 200 serves every request. A 404 or 410 (or any error after a
// "|") tries the next; "direct", "off" or the end of the list connect
// directly. Any other failure makes the database unavailable.
func (o *sumOps) initBase() {
	if o.base != nil {
		return
	}
	err := tryProxies(o.env.GOPROXY, o.env.GONOPROXY, func(proxy string) error {
		switch proxy {
		case "noproxy":
			return errUseProxy
		case "direct", "off":
			return errProxyOff
		}
		u, err := url.Parse(proxy)
		if err != nil {
			return err
		}
		if _, err := getURL(o.ctx, joinURL(u, "sumdb/"+o.name+"/supported")); err != nil {
			return err
		}
		o.base = joinURL(u, "sumdb/"+o.name)
		return nil
	})
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		o.base = o.direct
	default:
		o.baseErr = err
	}
}

// ReadConfig implements sumdb.ClientOps: the key, and the latest tree
// head from $GOPATH/pkg/sumdb/<name>/latest.
func (o *sumOps) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(o.key), nil
	}
	if o.env.SumdbDir == "" {
		return nil, errors.New("cannot keep the checksum database's tree head: GOPATH is not set")
	}
	data, err := lockedfile.Read(filepath.Join(o.env.SumdbDir, filepath.FromSlash(file)))
	if errors.Is(err, fs.ErrNotExist) {
		data, err = []byte{}, nil // the first connection to this database
	}
	if err == nil && strings.HasSuffix(file, "/latest") {
		o.setLatest(data)
	}
	return data, err
}

// WriteConfig implements sumdb.ClientOps, as the go command does.
func (o *sumOps) WriteConfig(file string, old, newData []byte) error {
	if file == "key" {
		return errors.New("cannot write key")
	}
	if o.env.SumdbDir == "" {
		return errors.New("cannot keep the checksum database's tree head: GOPATH is not set")
	}
	target := filepath.Join(o.env.SumdbDir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil { //nolint:gosec // the go command's mode for its own sumdb directory (umask applies)
		return err
	}
	f, err := lockedfile.Edit(target)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }() // closed below on success
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	if len(data) > 0 && !bytes.Equal(data, old) {
		return sumdb.ErrWriteConflict
	}
	if _, err := f.Seek(0, 0); err != nil {
		return err
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.Write(newData); err != nil {
		return err
	}
	o.setLatest(newData)
	return f.Close()
}

func (o *sumOps) setLatest(data []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(data) > 0 {
		o.latest = bytes.Clone(data)
	}
}

// ReadCache implements sumdb.ClientOps: lookups and tiles under
// $GOMODCACHE/cache/download/sumdb.
func (o *sumOps) ReadCache(file string) ([]byte, error) {
	if o.env.CacheDir == "" {
		return nil, fs.ErrNotExist
	}
	target := filepath.Join(o.env.CacheDir, filepath.FromSlash(file))
	data, err := lockedfile.Read(target)
	if err == nil && len(data) == 0 {
		err = &fs.PathError{Op: "read", Path: target, Err: fs.ErrNotExist}
	}
	return data, err
}

// WriteCache implements sumdb.ClientOps.
func (o *sumOps) WriteCache(file string, data []byte) {
	if o.env.CacheDir == "" {
		return
	}
	target := filepath.Join(o.env.CacheDir, filepath.FromSlash(file))
	if os.MkdirAll(filepath.Dir(target), 0o777) == nil { //nolint:gosec // the go command's mode for its own cache (umask applies)
		_ = lockedfile.Write(target, bytes.NewReader(data), 0o666) // a cache: a failed write costs a fetch
	}
}

// Log implements sumdb.ClientOps.
func (o *sumOps) Log(string) {}

// SecurityError implements sumdb.ClientOps: the client then returns
// sumdb.ErrSecurity, and the message is kept for the report.
func (o *sumOps) SecurityError(msg string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.securityMsg == "" {
		o.securityMsg = oneLine(msg)
	}
}

// SeedTreeHeads gives $GOPATH/pkg/sumdb (sumdbDir) the signed tree head
// of each checksum database a bundle unpacked in proxyDir was proved
// against, where this machine has none, and returns the names it seeded.
// Proved against that head, every record the bundle carries needs only
// the tiles the bundle carries, in whatever order the lookups run; from
// a machine's first tree head it would depend on which answer came first.
// A machine that has a tree head keeps it: its proofs extend its own
// timeline (offline, with tiles the bundle may lack; verify says so). The
// client checks a head's signature when it reads it.
func SeedTreeHeads(proxyDir, sumdbDir string) ([]string, error) {
	dbs, err := sumdbNames(filepath.Join(proxyDir, "sumdb"))
	if err != nil {
		return nil, err
	}
	var seeded []string
	for _, db := range dbs {
		head, err := os.ReadFile(filepath.Join(proxyDir, "sumdb", db, "latest"))
		if errors.Is(err, fs.ErrNotExist) || err == nil && len(head) == 0 {
			continue
		}
		if err != nil {
			return seeded, err
		}
		ok, err := seedTreeHead(filepath.Join(sumdbDir, db, "latest"), head)
		if err != nil {
			return seeded, fmt.Errorf("giving the checksum database %s the bundle's tree head: %w", db, err)
		}
		if ok {
			seeded = append(seeded, db)
		}
	}
	return seeded, nil
}

// seedTreeHead writes head to target unless target holds one, under the
// lock the go command takes to change it.
func seedTreeHead(target string, head []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil { //nolint:gosec // the go command's mode for its own sumdb directory (umask applies)
		return false, err
	}
	f, err := lockedfile.Edit(target)
	if err != nil {
		return false, err
	}
	defer func() { _ = f.Close() }() // closed below when written
	have, err := io.ReadAll(f)
	if err != nil || len(have) > 0 {
		return false, err
	}
	if _, err := f.Write(head); err != nil {
		return false, err
	}
	return true, f.Close()
}

// sumdbNames lists the checksum databases a directory keeps something
// of: its subdirectories, one per database (none when it does not exist).
// The download cache, $GOPATH/pkg/sumdb and a proxy's sumdb/ are laid out
// so.
func sumdbNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}
