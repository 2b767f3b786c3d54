package snapshot

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Inspect writes a readable view of a snapshot.
func Inspect(w io.Writer, name string, s *Statement) error {
	p := &s.Predicate
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(cols ...string) { _, _ = fmt.Fprintln(tw, strings.Join(cols, "\t")) } // errors surface at Flush
	row("snapshot", name)
	row("lintgate", p.Lintgate.Version, p.Lintgate.Binary, settings(p.Lintgate.Build))
	if r := p.Lintgate.Release; r != nil {
		row("  release", "matched "+r.Matched, r.Binary+" of "+r.Manifest, "signature "+r.Signature, r.Problem)
	}
	row("linters")
	for _, n := range slices.Sorted(maps.Keys(p.Linters)) {
		t := p.Linters[n]
		row("  "+n, t.Path, t.Version, t.Sum)
	}
	section(row, "toolchain", map[string]string{
		"goVersion": p.Toolchain.GoVersion, "lintgateGo": p.Toolchain.LintgateGo, "GOTOOLCHAIN": p.Toolchain.GOTOOLCHAIN,
		"go.mod go": p.Toolchain.GoModGo, "go.mod toolchain": p.Toolchain.GoModToolchain,
	})
	section(row, "target", map[string]string{
		"GOOS": p.Target.GOOS, "GOARCH": p.Target.GOARCH, "CGO_ENABLED": p.Target.CGOEnabled,
		"GOEXPERIMENT": p.Target.GOEXPERIMENT, "build tags": p.Target.BuildTags, "-mod": p.Target.Mod,
	})
	section(row, "env", p.Env)
	section(row, "files", p.Files)
	section(row, "configs", p.Configs)
	row("modules", moduleSummary(p.Modules))
	if p.Modules.Error != "" {
		row("", "build list: "+p.Modules.Error)
	}
	for _, l := range Checks(p) {
		row(l[0], l[1])
	}
	if len(p.Weak.Reasons) == 0 {
		row("weak", "no")
	}
	for i, r := range p.Weak.Reasons {
		label := ""
		if i == 0 {
			label = "weak (allowed " + p.Weak.Allowed + ")"
		}
		row(label, r)
	}
	return tw.Flush()
}

func section(row func(...string), title string, m map[string]string) {
	row(title)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		row("  "+k, show(m[k]))
	}
}

// settings shows the build settings that say how lintgate was built.
func settings(b map[string]string) string {
	var out []string
	for _, k := range []string{"-trimpath", "-ldflags", "-tags", "CGO_ENABLED", "vcs.revision", "vcs.modified"} {
		if v, ok := b[k]; ok {
			out = append(out, k+"="+v)
		}
	}
	return strings.Join(out, " ")
}

// Checks sums up the checksum-database check, the private modules and
// the toolchain check as label and text:
//
//	sumdb      sum.golang.org tree 51234567 root abc...=: 41 modules confirmed, 1 private, 0 unconfirmed
//	  private  corp.example.com/x@v1.0.0: not in the checksum database
//	toolchain  golang.org/toolchain@v0.0.1-go1.26.8.linux-amd64 h1:ZOmG...=: verified
func Checks(p *Predicate) [][2]string {
	if p.SumDB == (SumDB{}) && p.GoRoot == (GoRoot{}) {
		const old = "not recorded (a snapshot taken before lintgate had this check)"
		return [][2]string{{"sumdb", old}, {"toolchain", old}}
	}
	var confirmed, unconfirmed int
	var private []string
	for _, m := range p.Modules.List {
		switch {
		case m.SumDB == SumConfirmed:
			confirmed++
		case m.SumDB == SumPrivate:
			private = append(private, m.Path+"@"+m.Version+": not in the checksum database")
		case !sumConfirmed(m.SumDB):
			unconfirmed++
		}
	}
	db := p.SumDB.Name
	if p.SumDB.TreeSize != "" {
		db += " tree " + p.SumDB.TreeSize + " root " + p.SumDB.RootHash
	}
	if db == "" {
		db = show(p.Env["GOSUMDB"])
	}
	line := fmt.Sprintf("%s: %d modules confirmed, %d private, %d unconfirmed", db, confirmed, len(private), unconfirmed)
	if p.SumDB.Name == "off" {
		line = "off: GOSUMDB=off, go.sum lines are not checked"
	}
	if p.SumDB.Error != "" {
		line += " (" + p.SumDB.Error + ")"
	}
	mod := p.GoRoot.Module
	if mod == "" {
		mod = "GOROOT " + show(p.GoRoot.Dir)
	}
	out := [][2]string{{"sumdb", line}}
	for _, m := range private {
		out = append(out, [2]string{"  private", m})
	}
	return append(out, [2]string{"toolchain", mod + " " + show(p.GoRoot.Hash) + ": " + show(p.GoRoot.Verdict)})
}

// moduleSummary counts the modules of the content check by state.
func moduleSummary(ms Modules) string {
	var ok, goMod, notLoaded, bad int
	for _, m := range ms.List {
		switch {
		case m.Cache == CacheOK:
			ok++
		case m.Cache == CacheGoModOnly:
			goMod++
		case m.Cache == CacheNotLoaded:
			notLoaded++
		case !strings.HasPrefix(m.Cache, CacheOK):
			bad++
		default:
			ok++
		}
	}
	return fmt.Sprintf("%d in the build list: %d match the module cache, %d go.mod only, %d not loaded, %d failed",
		len(ms.List), ok, goMod, notLoaded, bad)
}

// WriteVulns lists vulnerabilities found by FindVulns.
func WriteVulns(w io.Writer, db string, queries []string, vs []Vuln) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	_, _ = fmt.Fprintf(tw, "vulnerabilities\t%s\n", db)
	_, _ = fmt.Fprintf(tw, "  queried\t%s\n", strings.Join(queries, " "))
	if len(vs) == 0 {
		_, _ = fmt.Fprintf(tw, "  none known\n")
	}
	for _, v := range vs {
		fixed := "no fix"
		if v.Fixed != "" {
			fixed = "fixed in " + v.Fixed
		}
		_, _ = fmt.Fprintf(tw, "  %s\t%s@%s\t%s\t%s\n", v.ID, v.Module, v.Version, fixed, v.Summary)
	}
	return tw.Flush()
}
