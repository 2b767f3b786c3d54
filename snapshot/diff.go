package snapshot

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Change is one difference between a recorded snapshot and the present.
type Change struct {
	// Op is '+' (added now), '-' (gone now) or '~' (changed).
	Op       byte
	Key      string
	Old, New string
	// Strict says only --strict compares it: it does not decide lint
	// results (a patch release of Go, the binary's hash, a proxy URL).
	Strict bool
	// Weakening says the change lowers integrity: GOSUMDB turned off,
	// patterns added to GONOSUMDB, GOPRIVATE or GOINSECURE, -mod=mod.
	Weakening bool
	// Stronger says the change raises integrity (GOSUMDB turned back
	// on, patterns only removed, -mod=mod dropped): only --strict fails
	// on it.
	Stronger bool
}

// String formats the change as verify prints it:
//
//	~ toolchain.goVersion go1.26.8 -> go1.26.9 [strict]
func (c Change) String() string {
	var b strings.Builder
	switch c.Op {
	case '+':
		fmt.Fprintf(&b, "+ %s %s", c.Key, show(c.New))
	case '-':
		fmt.Fprintf(&b, "- %s %s", c.Key, show(c.Old))
	default:
		fmt.Fprintf(&b, "~ %s %s -> %s", c.Key, show(c.Old), show(c.New))
	}
	if c.Weakening {
		b.WriteString(" [weakening]")
	}
	if c.Stronger {
		b.WriteString(" [stronger]")
	}
	if c.Strict {
		b.WriteString(" [strict]")
	}
	return b.String()
}

// show quotes an empty value so that it stays visible.
func show(v string) string {
	if v == "" {
		return `""`
	}
	return v
}

// Diff compares a recorded predicate with the present one, sorted by key.
func Diff(recorded, now *Predicate) []Change {
	a, b := Flatten(recorded), Flatten(now)
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var cs []Change
	for _, k := range keys {
		old, inOld := a[k]
		cur, inNew := b[k]
		c := Change{Op: '~', Key: k, Old: old, New: cur}
		switch {
		case !inOld:
			c.Op = '+'
		case !inNew:
			c.Op = '-'
		case old == cur:
			continue
		}
		c.Strict = strictOnly(k, old, cur)
		c.Weakening = weakening(k, old, cur)
		c.Stronger = !c.Weakening && weakening(k, cur, old)
		switch {
		case c.Weakening:
			c.Strict = false
		case c.Stronger:
			c.Strict = true
		}
		cs = append(cs, c)
	}
	return cs
}

// Flatten lists the predicate's facts under dotted keys. The weak section
// is derived from the rest and not listed, nor are the evidence of the
// checksum-database and toolchain checks (the tree head grows with the
// database; a failed verdict fails verify by itself).
func Flatten(p *Predicate) map[string]string {
	m := map[string]string{
		"lintgate.path":            p.Lintgate.Path,
		"lintgate.version":         p.Lintgate.Version,
		"lintgate.sum":             p.Lintgate.Sum,
		"lintgate.binary":          p.Lintgate.Binary,
		"toolchain.goVersion":      p.Toolchain.GoVersion,
		"toolchain.lintgateGo":     p.Toolchain.LintgateGo,
		"toolchain.goModGo":        p.Toolchain.GoModGo,
		"toolchain.goModToolchain": p.Toolchain.GoModToolchain,
		"toolchain.GOTOOLCHAIN":    p.Toolchain.GOTOOLCHAIN,
		"target.GOOS":              p.Target.GOOS,
		"target.GOARCH":            p.Target.GOARCH,
		"target.CGO_ENABLED":       p.Target.CGOEnabled,
		"target.GOEXPERIMENT":      p.Target.GOEXPERIMENT,
		"target.buildTags":         p.Target.BuildTags,
		"target.mod":               p.Target.Mod,
		"modules.error":            p.Modules.Error,
		"goroot.hash":              p.GoRoot.Hash,
	}
	prefixed(m, "lintgate.build.", p.Lintgate.Build)
	for name, t := range p.Linters {
		m["linters."+name+".path"] = t.Path
		m["linters."+name+".version"] = t.Version
		m["linters."+name+".sum"] = t.Sum
	}
	prefixed(m, "env.", p.Env)
	prefixed(m, "files.", p.Files)
	prefixed(m, "configs.", p.Configs)
	for _, mod := range p.Modules.List {
		k := "modules." + mod.Path + "@" + mod.Version
		m[k] = mod.Sum
		m[k+"/go.mod"] = mod.GoModSum
		m[k+" cache"] = mod.Cache
	}
	return m
}

func prefixed(m map[string]string, prefix string, from map[string]string) {
	for k, v := range from {
		m[prefix+k] = v
	}
}

// strictOnly says whether a change of key from old to cur is one only
// --strict compares.
func strictOnly(key, old, cur string) bool {
	switch {
	case key == "lintgate.binary", strings.HasPrefix(key, "lintgate.build."), key == "toolchain.GOTOOLCHAIN", key == "goroot.hash":
		// goroot.hash changes with every release; a GOROOT that differs
		// from its release fails on its own (the toolchain check).
		return true
	case key == "toolchain.goVersion", key == "toolchain.lintgateGo":
		// The language version (go1.26) decides what the linters see; a
		// patch release does not.
		lo, lc := languageVersion(old), languageVersion(cur)
		return lo != "" && lo == lc
	case key == "env.GOSUMDB":
		return false
	case strings.HasPrefix(key, "env."):
		return true
	}
	return false
}

var goLangRE = regexp.MustCompile(`go1\.\d+`)

// languageVersion is the go1.N of a Go version ("go1.26.8" -> "go1.26").
func languageVersion(v string) string {
	return goLangRE.FindString(v)
}

// weakening says whether a change of key from old to cur lowers the
// integrity of the environment.
func weakening(key, old, cur string) bool {
	switch key {
	case "env.GOSUMDB":
		return cur == "off" && old != "off"
	case "env.GONOSUMDB", "env.GOPRIVATE", "env.GOINSECURE":
		return len(added(old, cur)) > 0
	case "env.GOFLAGS":
		_, om := goFlags(old)
		_, cm := goFlags(cur)
		return cm == "mod" && om != "mod"
	case "target.mod":
		return cur == "mod" && old != "mod"
	}
	return false
}

// added lists the comma-separated patterns in cur that are not in old.
func added(old, cur string) []string {
	have := strings.Split(old, ",")
	var out []string
	for _, p := range strings.Split(cur, ",") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(have, p) {
			out = append(out, p)
		}
	}
	return out
}
