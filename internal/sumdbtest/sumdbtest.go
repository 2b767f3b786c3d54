// Package sumdbtest serves checksum databases for tests: a real
// golang.org/x/mod/sumdb server (signed tree heads, tiles, lookups) over
// HTTP on the loopback interface, holding the go.sum lines a test gives
// it, so that the checksum-database check runs offline.
package sumdbtest

import (
	"bufio"
	"context"
	"crypto/rand"
	"io/fs"
	"maps"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
)

// DB is a checksum database: a name and a key pair.
type DB struct {
	Name     string
	Signer   string
	Verifier string
}

// New makes a database with a fresh key.
func New(name string) (DB, error) {
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return DB{}, err
	}
	return DB{Name: name, Signer: skey, Verifier: vkey}, nil
}

// Server is a running database.
type Server struct {
	*httptest.Server
	// GOSUMDB is the value that points the go command (and lintgate) at
	// it: "<verifier key> <url>".
	GOSUMDB string

	ts    *sumdb.TestServer
	mu    sync.Mutex
	lines map[string]string // "path version" -> the record's go.sum lines
}

// Serve starts a server of db holding the go.sum lines in gosum (the
// format of a go.sum file). A module version it has no lines for is not
// found, as in the real database. Close it when done.
func (db DB) Serve(gosum string) *Server {
	s := &Server{lines: map[string]string{}}
	s.Add(gosum)
	s.ts = sumdb.NewTestServer(db.Signer, s.record)
	s.Server = httptest.NewServer(sumdb.NewServer(s.ts))
	s.GOSUMDB = db.Verifier + " " + s.URL
	return s
}

// Add adds go.sum lines for versions not yet looked up. (A record the
// database has published never changes.)
func (s *Server) Add(gosum string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := bufio.NewScanner(strings.NewReader(gosum))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue
		}
		key := f[0] + " " + strings.TrimSuffix(f[1], "/go.mod")
		s.lines[key] += sc.Text() + "\n"
	}
}

// Publish adds the record of path@version to the log now, before any
// client asks: two servers of one key that publish different records
// first are a forked log.
func (s *Server) Publish(path, version string) error {
	_, err := s.ts.Lookup(context.Background(), module.Version{Path: path, Version: version})
	return err
}

// Versions lists the module versions the server has lines for, sorted,
// as path and version.
func (s *Server) Versions() [][2]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out [][2]string
	for _, k := range slices.Sorted(maps.Keys(s.lines)) {
		p, v, _ := strings.Cut(k, " ")
		out = append(out, [2]string{p, v})
	}
	return out
}

func (s *Server) record(path, vers string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.lines[path+" "+vers]
	if !ok {
		// A *fs.PathError: sumdb.Server answers 404 for what
		// os.IsNotExist recognizes, which does not unwrap.
		return nil, &fs.PathError{Op: "lookup", Path: path + "@" + vers, Err: fs.ErrNotExist}
	}
	return []byte(r), nil
}
