package snapshot

import (
	"maps"
	"slices"
	"strings"
)

// subjectChanges compares the statement's subjects, the artifacts it is
// about, with those of the present: an edited digest, a subject removed
// from the file or one it lacks is drift (the lintgate binary's only
// under --strict, like lintgate.binary).
func subjectChanges(recorded, now *Statement) []Change {
	a, b := subjectDigests(recorded.Subject), subjectDigests(now.Subject)
	var cs []Change
	for _, k := range slices.Sorted(maps.Keys(a)) {
		switch cur, ok := b[k]; {
		case !ok:
			cs = append(cs, Change{Op: '-', Key: k, Old: a[k]})
		case cur != a[k]:
			cs = append(cs, Change{Op: '~', Key: k, Old: a[k], New: cur})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			cs = append(cs, Change{Op: '+', Key: k, New: b[k]})
		}
	}
	for i := range cs {
		cs[i].Strict = cs[i].Key == "subject.lintgate"
	}
	return cs
}

// subjectDigests flattens subjects to "subject.<name>" -> "alg:hex ...".
// A name listed twice keeps every digest.
func subjectDigests(subjects []Subject) map[string]string {
	m := map[string]string{}
	for _, s := range subjects {
		var ds []string
		for _, alg := range slices.Sorted(maps.Keys(s.Digest)) {
			ds = append(ds, alg+":"+s.Digest[alg])
		}
		k := "subject." + s.Name
		m[k] = strings.TrimSpace(m[k] + " " + strings.Join(ds, " "))
	}
	return m
}
