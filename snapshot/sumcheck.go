package snapshot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
)

// Checksum-database verdicts of a module with go.sum lines. The others
// are "contradicted: ...", "unknown: ...", "unconfirmed: ..." and
// "security error: ...", and "" for a module without go.sum lines.
const (
	SumConfirmed = "confirmed"
	SumPrivate   = "private: not in the checksum database (GONOSUMDB/GOPRIVATE)"
	SumOff       = "not checked: GOSUMDB=off"
)

// SumDB is the checksum-database check of go.sum: every go.sum line of
// the build list (content and /go.mod) looked up in the database the go
// command would use, with inclusion proofs against a signed tree head.
type SumDB struct {
	// Name is the database's name ("sum.golang.org"), "off" when
	// GOSUMDB=off.
	Name string `json:"name"`
	// TreeSize and RootHash are the signed tree head every lookup was
	// proved against ("" when none was reached).
	TreeSize string `json:"treeSize"`
	RootHash string `json:"rootHash"`
	// Error says why the database could not be used, or the security
	// error it caused (a tree that does not extend the last one seen).
	Error string `json:"error"`
}

// sumConfirmed says whether a verdict leaves nothing unconfirmed.
func sumConfirmed(v string) bool {
	return v == "" || v == SumConfirmed || v == SumPrivate || v == SumOff
}

// checkSumDB confirms the go.sum lines of mods with the database (db, or
// dbErr when it could not be set up), setting each module's SumDB
// verdict. Lookups run in parallel; the client caches them and their
// tiles where the go command does.
func checkSumDB(db *sumDB, dbErr error, gonosumdb string, mods []Module) SumDB {
	var r SumDB
	switch {
	case errors.Is(dbErr, errSumDBOff):
		r.Name = "off"
	case dbErr != nil:
		r.Error = oneLine(dbErr.Error())
	default:
		r.Name = db.name
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8) // lookups wait on the network, not the CPU
	for i := range mods {
		m := &mods[i]
		target, ok := sumTarget(*m)
		switch {
		case !ok:
			continue
		case module.MatchPrefixPatterns(gonosumdb, target.Path):
			m.SumDB = SumPrivate
		case errors.Is(dbErr, errSumDBOff):
			m.SumDB = SumOff
		case dbErr != nil:
			m.SumDB = "unconfirmed: " + r.Error
		default:
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				m.SumDB = lookupVerdict(db, target, m.Sum, m.GoModSum)
			}()
		}
	}
	wg.Wait()
	for _, m := range mods {
		if strings.HasPrefix(m.SumDB, "security error: ") && r.Error == "" {
			r.Error = m.SumDB
		}
	}
	if db != nil {
		r.finish(db)
	}
	return r
}

// finish records the tree head and any security error.
func (r *SumDB) finish(db *sumDB) {
	if msg := db.security(); msg != "" && !strings.HasPrefix(r.Error, "security error: ") {
		r.Error = "security error: " + msg
	}
	if n, h, err := db.tree(); err == nil {
		r.TreeSize, r.RootHash = strconv.FormatInt(n, 10), h
	}
}

// sumTarget is the module whose go.sum lines m has: the replacement of a
// replaced module. ok is false when there is nothing to confirm.
func sumTarget(m Module) (module.Version, bool) {
	if m.Sum == "" && m.GoModSum == "" || strings.HasPrefix(m.Cache, "ok (local replacement") {
		return module.Version{}, false
	}
	if _, repl, ok := strings.Cut(m.Version, " => "); ok {
		p, v, _ := strings.Cut(repl, "@")
		return module.Version{Path: p, Version: v}, true
	}
	return module.Version{Path: m.Path, Version: m.Version}, true
}

// lookupVerdict asks the database for mod's lines and compares them
// with go.sum's.
func lookupVerdict(db *sumDB, mod module.Version, sum, goModSum string) string {
	for _, l := range []struct{ suffix, want, what string }{
		{"", sum, "the content"}, {"/go.mod", goModSum, "go.mod"},
	} {
		if l.want == "" {
			continue
		}
		lines, err := db.client.Lookup(mod.Path, mod.Version+l.suffix)
		if err != nil {
			return lookupError(err, mod, l.want)
		}
		prefix := mod.Path + " " + mod.Version + l.suffix + " "
		var have []string
		for _, line := range lines {
			h := strings.TrimPrefix(line, prefix)
			if h == l.want {
				have = nil
				break
			}
			have = append(have, h)
		}
		switch {
		case len(lines) == 0:
			return fmt.Sprintf("unknown: the checksum database has no line for %s of %s (go.sum has %s)", l.what, mod, l.want)
		case len(have) > 0:
			return fmt.Sprintf("contradicted: go.sum has %s for %s, the checksum database has %s", l.want, l.what, strings.Join(have, " "))
		}
	}
	return SumConfirmed
}

// lookupError turns a failed lookup into a verdict. sumdb.Client wraps
// errors with %v, so they are told apart by their text.
func lookupError(err error, mod module.Version, want string) string {
	msg := oneLine(err.Error())
	switch {
	case isSecurity(msg):
		return "security error: " + msg
	case isNotFound(msg) && strings.Contains(msg, "/lookup/"):
		return fmt.Sprintf("unknown: go.sum has %s, the checksum database has no record of %s", want, mod)
	case isNotFound(msg):
		// A tile the proof needs: offline, a bundle carries the tiles
		// that prove its records against its own tree head.
		return "unconfirmed: the proof of the record needs a tile the database or proxy does not have (offline, $GOPATH/pkg/sumdb may hold a tree head other than the bundle's): " + msg
	}
	return "unconfirmed: the checksum database could not be asked: " + msg
}

// isSecurity says whether a lookup failed because the database (or a
// cache of it) is not consistent with what was proved before: a tree
// that does not extend the last one seen, tiles that do not hash to a
// signed tree, a record its tiles do not prove.
func isSecurity(msg string) bool {
	for _, s := range []string{sumdb.ErrSecurity.Error(), "cannot authenticate record data", "downloaded inconsistent tile", "invalid transparency proof"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func isNotFound(msg string) bool {
	return strings.Contains(msg, "404 Not Found") || strings.Contains(msg, "410 Gone") || strings.HasSuffix(msg, ": not found")
}

// sumFailures lists the go.sum lines the database did not confirm, and
// the database's own failure.
func sumFailures(p *Predicate) []string {
	var fs []string
	db := p.SumDB.Name
	if db == "" {
		db = p.Env["GOSUMDB"]
	}
	if p.SumDB.Error != "" {
		fs = append(fs, "checksum database "+db+": "+p.SumDB.Error)
	}
	for _, m := range p.Modules.List {
		if !sumConfirmed(m.SumDB) {
			fs = append(fs, "module "+m.Path+"@"+m.Version+": checksum database "+db+": "+m.SumDB)
		}
	}
	return fs
}
