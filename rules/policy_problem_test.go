package rules

import (
	"fmt"
	"strings"
	"testing"
)

// TestPolicyErrorCapsTheList: a file with thousands of problems gives an
// error of MaxListed lines and a count of the rest, not thousands of lines.
func TestPolicyErrorCapsTheList(t *testing.T) {
	for _, n := range []int{1, MaxListed, MaxListed + 1, 100000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ps := make([]Problem, n)
			for i := range ps {
				ps[i] = Problem{File: "lintgate.yml", Line: i + 1, Col: 7, Msg: "unknown linter"}
			}
			lines := strings.Split((&PolicyError{Problems: ps}).Error(), "\n")
			want := min(n, MaxListed)
			if n > MaxListed {
				want++
				last := lines[len(lines)-1]
				if wantLast := fmt.Sprintf("%d more problems not shown (%d in all); fix those above and run lintgate policy check again", n-MaxListed, n); last != wantLast {
					t.Errorf("last line = %q, want %q", last, wantLast)
				}
			}
			if len(lines) != want {
				t.Fatalf("%d problems give %d lines, want %d", n, len(lines), want)
			}
			if lines[0] != "lintgate.yml:1:7: unknown linter" {
				t.Errorf("first line = %q", lines[0])
			}
		})
	}
}

// TestValidateSuggestsForTheListedOnly: thousands of unknown names get
// suggestions only as far as they can be listed; the rest are counted.
func TestValidateSuggestsForTheListedOnly(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nlinters:\n  allow:\n")
	n := suggestLimit + 100
	b.WriteString("    - errchek\n")
	for i := range n - 2 {
		fmt.Fprintf(&b, "    - bogus%d\n", i)
	}
	b.WriteString("    - errchekz\n")
	p, err := ParsePolicy("lintgate.yml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	ps := SortProblems(p.Validate(testKnown()))
	if len(ps) != n {
		t.Fatalf("%d problems, want %d", len(ps), n)
	}
	if want := `unknown linter "errchek" (did you mean "errcheck"?)`; ps[0].Msg != want {
		t.Errorf("first problem %q, want %q", ps[0].Msg, want)
	}
	if want := `unknown linter "errchekz"`; ps[n-1].Msg != want {
		t.Errorf("last problem %q, want %q (no suggestion past the limit)", ps[n-1].Msg, want)
	}
}
