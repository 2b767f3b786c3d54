package snapshot

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Result is what verify found: the changes since the snapshot, the
// integrity failures of the present environment, the weaknesses the
// snapshot accepted (created with --allow-weak) that are still there,
// and what only --strict fails on (a toolchain that cannot be verified).
type Result struct {
	Changes   []Change
	Integrity []string
	Accepted  []string
	Strict    []string
}

// Compare compares a recorded snapshot with one of the present.
func Compare(recorded, now *Statement) Result {
	r := Result{
		Changes:   append(subjectChanges(recorded, now), Diff(&recorded.Predicate, &now.Predicate)...),
		Integrity: IntegrityFailures(&now.Predicate),
		Strict:    StrictFailures(&now.Predicate),
	}
	slices.SortStableFunc(r.Changes, func(a, b Change) int { return strings.Compare(a.Key, b.Key) })
	if recorded.Predicate.Weak.Allowed != "true" {
		// A weakness of the present shows as a [weakening] change; a
		// toolchain that differs from its release fails.
		r.Integrity = sortedNonNil(append(r.Integrity, toolchainFailures(&now.Predicate)...))
		return r
	}
	for _, w := range Weaknesses(&now.Predicate) {
		if !slices.Contains(r.Integrity, w) {
			r.Accepted = append(r.Accepted, w)
		}
	}
	return r
}

// Drift says whether verify fails: on an integrity failure, and on any
// change that the mode compares (strict compares all, and fails on an
// unverifiable toolchain).
func (r Result) Drift(strict bool) bool {
	if len(r.Integrity) > 0 || strict && len(r.Strict) > 0 {
		return true
	}
	for _, c := range r.Changes {
		if strict || !c.Strict {
			return true
		}
	}
	return false
}

// Counts are the changes that fail the mode and the differences only
// --strict compares (an unverifiable toolchain among them).
func (r Result) Counts(strict bool) (failing, strictOnly int) {
	for _, c := range r.Changes {
		if strict || !c.Strict {
			failing++
		} else {
			strictOnly++
		}
	}
	if !strict {
		strictOnly += len(r.Strict)
	}
	return failing, strictOnly
}

// Write prints the changes, sorted by key, then the integrity failures
// ("! ..."), the accepted weaknesses ("? ...") and what only --strict
// fails on ("? ... [strict]").
func (r Result) Write(w io.Writer) error {
	for _, c := range r.Changes {
		if _, err := fmt.Fprintln(w, c.String()); err != nil {
			return err
		}
	}
	for _, f := range r.Integrity {
		if _, err := fmt.Fprintln(w, "! "+f); err != nil {
			return err
		}
	}
	for _, a := range r.Accepted {
		if _, err := fmt.Fprintln(w, "? "+a+" (accepted by --allow-weak)"); err != nil {
			return err
		}
	}
	for _, s := range r.Strict {
		if _, err := fmt.Fprintln(w, "? "+s+" [strict]"); err != nil {
			return err
		}
	}
	return nil
}
