package rules

import (
	"slices"
	"strings"
)

// maxSuggestions is how many equally close candidates Suggest returns at
// most; when more tie, none is a useful guess.
const maxSuggestions = 3

// Suggest returns the candidates closest to name, for "did you mean"
// hints: those at the smallest edit distance (optimal string alignment:
// insertions, deletions, substitutions and transpositions of adjacent
// characters, compared case-insensitively), provided that distance is at
// most max(2, len(name)/3) and smaller than the length of name. When more
// than three candidates tie, or name itself is a candidate, it returns
// nil. The result is sorted.
func Suggest(name string, candidates []string) []string {
	if name == "" || slices.Contains(candidates, name) {
		return nil
	}
	lname := strings.ToLower(name)
	limit := max(2, len([]rune(name))/3)
	limit = min(limit, len([]rune(name))-1)
	best := limit + 1
	var out []string
	for _, c := range candidates {
		d := editDistance(lname, strings.ToLower(c))
		switch {
		case d > limit:
		case d < best:
			best = d
			out = append(out[:0], c)
		case d == best && !slices.Contains(out, c):
			out = append(out, c)
		}
	}
	if len(out) > maxSuggestions {
		return nil
	}
	slices.Sort(out)
	return out
}

// DidYouMean formats suggestions as ` (did you mean "a"?)`,
// ` (did you mean "a" or "b"?)`, or "" when there are none.
func DidYouMean(name string, candidates []string) string {
	s := Suggest(name, candidates)
	if len(s) == 0 {
		return ""
	}
	quoted := make([]string, len(s))
	for i, c := range s {
		quoted[i] = `"` + c + `"`
	}
	last := quoted[len(quoted)-1]
	if len(quoted) == 1 {
		return " (did you mean " + last + "?)"
	}
	return " (did you mean " + strings.Join(quoted[:len(quoted)-1], ", ") + " or " + last + "?)"
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein plus transposition of two adjacent characters), on runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows suffice: the transposition looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
