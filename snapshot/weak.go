package snapshot

import "strings"

// Weaknesses lists what makes the environment unfit for a snapshot: the
// checksum database turned off, -mod=mod, a toolchain that differs from
// its release, and every integrity failure. create refuses to record them
// unless told to.
func Weaknesses(p *Predicate) []string {
	var ws []string
	if p.Env["GOSUMDB"] == "off" {
		ws = append(ws, "GOSUMDB=off: go.sum lines are never checked against the checksum database")
	}
	if p.Target.Mod == "mod" {
		ws = append(ws, "GOFLAGS has -mod=mod: the go command may rewrite go.mod and go.sum instead of failing")
	}
	ws = append(ws, toolchainFailures(p)...)
	return append(ws, IntegrityFailures(p)...)
}

// IntegrityFailures lists the failures of the module-content check (the
// build list could not be listed, or a module of it is missing from the
// module cache or differs from go.sum) and of the checksum-database check
// (a go.sum line the database contradicts, does not know, or could not
// confirm; a database that misbehaves).
func IntegrityFailures(p *Predicate) []string {
	var fs []string
	if p.Modules.Error != "" {
		fs = append(fs, "build list: "+p.Modules.Error)
	}
	for _, m := range p.Modules.List {
		if !strings.HasPrefix(m.Cache, CacheOK) {
			fs = append(fs, "module "+m.Path+"@"+m.Version+": "+m.Cache)
		}
	}
	fs = append(fs, sumFailures(p)...)
	return sortedNonNil(fs)
}
