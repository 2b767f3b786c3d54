package sarif

import (
	"testing"

	"github.com/lintgate/lintgate/finding"
)

func TestLinkRelated(t *testing.T) {
	rel := func(msgs ...string) []finding.Related {
		var out []finding.Related
		for _, m := range msgs {
			out = append(out, finding.Related{Message: m})
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		msg     string
		related []finding.Related
		want    string
	}{
		{"SA4009 names the argument", "argument x is overwritten before first use", rel("assignment to x"), "argument [x](1) is overwritten before first use"},
		{"ST1019 links the first import only once", "package fmt is being imported more than once", rel("other import of fmt", "other import of fmt"), "package [fmt](1) is being imported more than once"},
		{"stop words never link", "this is the value", rel("this is the value of it"), "this is the value"},
		{"no common word", "possible nil pointer dereference", rel("this check suggests something"), "possible nil pointer dereference"},
		{"no related", "a [b] c", nil, "a [b] c"},
		{"brackets are escaped once a link is made", `x[0] of []int \ x`, rel("use of x"), `[x](1)\[0\] of \[\]int \\ x`},
		{"dotted names and a final full stop", "call to os.Remove.", rel("os.Remove is called here"), "call to [os.Remove](1)."},
		{"each location its own word", "a alpha meets beta", rel("beta here", "alpha there"), "a [alpha](2) meets [beta](1)"},
		{"unicode words", "variable größe is unused", rel("größe declared here"), "variable [größe](1) is unused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := linkRelated(tc.msg, tc.related); got != tc.want {
				t.Errorf("linkRelated(%q) = %q, want %q", tc.msg, got, tc.want)
			}
		})
	}
}
