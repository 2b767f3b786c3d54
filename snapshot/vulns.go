package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/semver"
	"golang.org/x/vuln/scan"
)

// Vuln is a known vulnerability of a pinned module or of Go.
type Vuln struct {
	ID      string
	Aliases []string
	// Module is the module path ("stdlib" for Go) and Version the version
	// queried.
	Module, Version string
	// Fixed is the first version that fixes it ("" when none does);
	// stdlib versions are written go1.N.P.
	Fixed   string
	Summary string
}

// Queries lists the module@version queries for a snapshot: the pinned
// linters, x/tools, and the standard library of the local Go and of the
// Go lintgate was built with.
func Queries(p *Predicate) []string {
	var qs []string
	for _, t := range p.Linters {
		if t.Path != "" && semver.IsValid(t.Version) {
			qs = append(qs, t.Path+"@"+t.Version)
		}
	}
	for _, v := range []string{p.Toolchain.GoVersion, p.Toolchain.LintgateGo} {
		if v := goSemver(v); v != "" {
			qs = append(qs, "stdlib@"+v)
		}
	}
	slices.Sort(qs)
	return slices.Compact(qs)
}

// goSemver turns a Go version ("go1.26.8") into a semver ("v1.26.8"); ""
// for one that has none (a development build).
func goSemver(v string) string {
	s := "v" + strings.TrimPrefix(v, "go")
	if !semver.IsValid(s) || strings.Contains(v, " ") {
		return ""
	}
	return s
}

// osvEntry is the part of an OSV entry lintgate shows.
type osvEntry struct {
	ID       string   `json:"id"`
	Summary  string   `json:"summary"`
	Details  string   `json:"details"`
	Aliases  []string `json:"aliases"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
		Ranges []osvRange `json:"ranges"`
	} `json:"affected"`
}

// osvRange is a range of affected versions: events in order.
type osvRange struct {
	Type   string `json:"type"`
	Events []struct {
		Introduced string `json:"introduced"`
		Fixed      string `json:"fixed"`
	} `json:"events"`
}

// FindVulns asks the Go vulnerability database at db (a file:// URL of
// an offline copy, or https://vuln.go.dev) about the queries, with
// govulncheck's query mode (golang.org/x/vuln/scan). Results are sorted
// by module and ID.
func FindVulns(ctx context.Context, db string, queries []string) ([]Vuln, error) {
	if len(queries) == 0 {
		return nil, nil
	}
	var stdout, stderr bytes.Buffer
	cmd := scan.Command(ctx, append([]string{"-mode", "query", "-db", db, "-format", "json"}, queries...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Env = strings.NewReader(""), &stdout, &stderr, []string{}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("vulnerability database %s: %w %s", db, err, strings.TrimSpace(stderr.String()))
	}
	var out []Vuln
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		var msg struct {
			OSV *osvEntry `json:"osv"`
		}
		if err := dec.Decode(&msg); err != nil {
			return nil, fmt.Errorf("govulncheck output: %w", err)
		}
		if msg.OSV != nil {
			out = append(out, matches(msg.OSV, queries)...)
		}
	}
	slices.SortFunc(out, func(a, b Vuln) int { return cmpStrings(a.Module+"@"+a.Version, b.Module+"@"+b.Version, a.ID, b.ID) })
	return out, nil
}

// matches lists the queries an entry affects. govulncheck's query mode
// returns entries per module, not per version (x/vuln v1.9.0 drops its own
// version filter when any entry matches), so the ranges are checked here.
func matches(e *osvEntry, queries []string) []Vuln {
	var out []Vuln
	for _, q := range queries {
		path, version, _ := strings.Cut(q, "@")
		for _, a := range e.Affected {
			if a.Package.Name != path {
				continue
			}
			if fixed, hit := affects(a.Ranges, version); hit {
				v := Vuln{ID: e.ID, Aliases: e.Aliases, Module: path, Version: version, Fixed: fixedVersion(path, fixed), Summary: e.Summary}
				if path == "stdlib" {
					v.Version = "go" + strings.TrimPrefix(version, "v")
				}
				if v.Summary == "" {
					v.Summary = firstSentence(e.Details)
				}
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// affects says whether version lies in one of the SEMVER ranges
// (introduced inclusive, fixed exclusive) and returns the fix.
func affects(ranges []osvRange, version string) (string, bool) {
	v := "v" + strings.TrimPrefix(version, "v")
	for _, r := range ranges {
		if r.Type != "SEMVER" {
			continue
		}
		in := false
		for _, ev := range r.Events {
			switch {
			case ev.Introduced != "":
				in = ev.Introduced == "0" || semver.Compare(v, "v"+ev.Introduced) >= 0
			case ev.Fixed != "":
				if in && semver.Compare(v, "v"+ev.Fixed) < 0 {
					return ev.Fixed, true
				}
				in = false
			}
		}
		if in {
			return "", true
		}
	}
	return "", false
}

// fixedVersion writes a fixed version as Go does: go1.26.9, v2.15.1.
func fixedVersion(path, fixed string) string {
	switch {
	case fixed == "":
		return ""
	case path == "stdlib":
		return "go" + fixed
	}
	return "v" + fixed
}

func firstSentence(s string) string {
	s = oneLine(s)
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
