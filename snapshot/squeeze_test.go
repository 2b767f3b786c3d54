package snapshot

import "testing"

// TestSqueezeLines: the go command's repeated error lines are counted,
// not repeated; order and single lines are kept.
func TestSqueezeLines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"go: x", "go: x"},
		{"go: off\ngo: off\ngo: off\ngo: a@v1: off", "go: off (3 times)\ngo: a@v1: off"},
		{"a\nb\na", "a (2 times)\nb"},
	} {
		if got := squeezeLines(tc.in); got != tc.want {
			t.Errorf("squeezeLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
