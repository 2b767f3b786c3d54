package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"errcheck", "errcheck", 0},
		{"errchek", "errcheck", 1},   // deletion
		{"errcheckk", "errcheck", 1}, // insertion
		{"errcheqk", "errcheck", 1},  // substitution
		{"SA4060", "SA4006", 1},      // transposition
		{"ca", "abc", 3},             // optimal string alignment, not full Damerau (2)
		{"kitten", "sitting", 3},
		{"gofmt", "gofumpt", 2},
		{"héllo", "hello", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	linters := []string{"errcheck", "errchkjson", "errorlint", "gofmt", "gofumpt", "goimports", "govet", "gosec", "lll", "staticcheck"}
	tests := []struct {
		name string
		want []string
	}{
		{"errchek", []string{"errcheck"}},
		{"ErrCheck", []string{"errcheck"}}, // case only
		{"staticchek", []string{"staticcheck"}},
		{"statikcheck", []string{"staticcheck"}},
		{"gofmpt", []string{"gofmt", "gofumpt"}}, // a tie: both
		{"gosev", []string{"gosec"}},             // govet is 2 away
		{"errcheck", nil},                        // exact: nothing to suggest
		{"bogus", nil},                           // too far from everything
		{"ll", []string{"lll"}},
		{"x", nil}, // one character never gets a guess
		{"", nil},
		{"go", nil}, // gofmt is 3 away: too far for 2 characters
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Suggest(tt.name, linters)); diff != "" {
			t.Errorf("Suggest(%q) mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	// More than three equally close candidates: no guess.
	if got := Suggest("SA4060", []string{"SA4000", "SA4010", "SA4020", "SA4030", "SA4050"}); got != nil {
		t.Errorf("Suggest() = %v for a five-way tie, want nil", got)
	}
	if got := Suggest("SA4060", []string{"SA4000", "SA4006", "SA4010"}); len(got) != 3 {
		t.Errorf("Suggest() = %v, want the three-way tie", got)
	}
}

func TestDidYouMean(t *testing.T) {
	names := []string{"a1", "a2", "a3", "errcheck", "gofmt", "gofumpt"}
	tests := map[string]string{
		"errchek": ` (did you mean "errcheck"?)`,
		"gofmpt":  ` (did you mean "gofmt" or "gofumpt"?)`,
		"a0":      ` (did you mean "a1", "a2" or "a3"?)`,
		"zzz":     "",
	}
	for name, want := range tests {
		if got := DidYouMean(name, names); got != want {
			t.Errorf("DidYouMean(%q) = %q, want %q", name, got, want)
		}
	}
}
