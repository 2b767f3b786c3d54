package main

import (
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/lintgate/lintgate/internal/sumdbtest"
)

// sumdbState is a script's checksum database (Env.Values["sumdb"]).
type sumdbState struct {
	db  sumdbtest.DB
	srv *sumdbtest.Server
}

// cmdSumDB runs a local checksum database for a script:
//
//	sumdb serve FILE...  a new database (fresh key) holding the go.sum
//	                     lines of the files and this GOROOT's toolchain
//	                     line; sets GOSUMDB (and SUMDB, to restore it);
//	                     -notoolchain leaves the toolchain line out
//	sumdb fork FILE...   a server of the same key and lines whose log
//	                     begins with another record: a forked log
//	sumdb down           stop the server (its URL then refuses)
func cmdSumDB(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: sumdb serve|fork FILE... | sumdb down")
	}
	st, ok := ts.Value("sumdb").(*sumdbState)
	if !ok {
		ts.Fatalf("no sumdb state: Setup must set Values[\"sumdb\"]")
	}
	if st.srv != nil {
		st.srv.Close()
		st.srv = nil
	}
	switch args[0] {
	case "down":
		return
	case "serve":
		db, err := sumdbtest.New("sumdb.test")
		ts.Check(err)
		st.db = db
	case "fork":
		if st.db.Name == "" {
			ts.Fatalf("sumdb fork: no database served yet")
		}
	default:
		ts.Fatalf("sumdb: unknown subcommand %q", args[0])
	}
	files := args[1:]
	var lines []string
	if len(files) > 0 && files[0] == "-notoolchain" {
		files = files[1:]
	} else {
		line, err := goRootLine()
		ts.Check(err)
		lines = append(lines, line)
	}
	for _, f := range files {
		data, err := os.ReadFile(ts.MkAbs(f))
		ts.Check(err)
		lines = append(lines, string(data))
	}
	st.srv = st.db.Serve(strings.Join(lines, "\n"))
	if args[0] == "fork" {
		// Another record first, then every other: a log as long as the
		// one seen, and longer, whose first entry differs.
		st.srv.Add("example.com/fork v1.0.0 h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
		ts.Check(st.srv.Publish("example.com/fork", "v1.0.0"))
		for _, mv := range st.srv.Versions() {
			ts.Check(st.srv.Publish(mv[0], mv[1]))
		}
	}
	srv := st.srv
	ts.Defer(srv.Close)
	ts.Setenv("GOSUMDB", srv.GOSUMDB)
	ts.Setenv("SUMDB", srv.GOSUMDB)
}
