package snapshot

import (
	"fmt"
	"io"
	"slices"
)

// Result is what verify found: the changes since the snapshot, the
// integrity failures of the present environment, and the weaknesses the
// snapshot accepted (created with --allow-weak) that are still there.
type Result struct {
	Changes   []Change
	Integrity []string
	Accepted  []string
}

// Compare compares a recorded snapshot with one of the present.
func Compare(recorded, now *Statement) Result {
	r := Result{Changes: Diff(&recorded.Predicate, &now.Predicate), Integrity: IntegrityFailures(&now.Predicate)}
	if recorded.Predicate.Weak.Allowed != "true" {
		return r // a weakness of the present shows as a [weakening] change
	}
	for _, w := range Weaknesses(&now.Predicate) {
		if !slices.Contains(r.Integrity, w) {
			r.Accepted = append(r.Accepted, w)
		}
	}
	return r
}

// Drift says whether verify fails: on an integrity failure, and on any
// change that the mode compares (strict compares all).
func (r Result) Drift(strict bool) bool {
	if len(r.Integrity) > 0 {
		return true
	}
	for _, c := range r.Changes {
		if strict || !c.Strict {
			return true
		}
	}
	return false
}

// Counts are the changes that fail the mode and those only --strict
// compares.
func (r Result) Counts(strict bool) (failing, strictOnly int) {
	for _, c := range r.Changes {
		if strict || !c.Strict {
			failing++
		} else {
			strictOnly++
		}
	}
	return failing, strictOnly
}

// Write prints the changes, sorted by key, then the integrity failures
// ("! ...") and the accepted weaknesses ("? ...").
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
	return nil
}
