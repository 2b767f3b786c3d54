package sarif

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/lintgate/lintgate/finding"
)

// linkRelated turns the words of a result's message that name one of its
// related locations into SARIF embedded links ("[x](1)"), which GitHub
// and the SARIF viewers render as links to the location. A related
// location is named by the first word of the message that also appears in
// the related location's own message and is not a common English word:
// for "argument x is overwritten before first use" with the related
// "assignment to x", the x. Each word links at most one location and each
// location gets at most one link; a location no word names gets none. When
// any link is made, the message's literal brackets are escaped, as SARIF
// requires of messages with embedded links.
func linkRelated(msg string, related []finding.Related) string {
	if len(related) == 0 {
		return msg
	}
	words := splitWords(msg)
	target := make([]int, len(words)) // related location id linked from each word, 0 for none
	linked := 0
	for i, rel := range related {
		names := map[string]bool{}
		for _, w := range splitWords(rel.Message) {
			if !stopWords[strings.ToLower(rel.Message[w.start:w.end])] {
				names[rel.Message[w.start:w.end]] = true
			}
		}
		for j, w := range words {
			if target[j] == 0 && names[msg[w.start:w.end]] {
				target[j] = i + 1
				linked++
				break
			}
		}
	}
	if linked == 0 {
		return msg
	}
	var sb strings.Builder
	last := 0
	for j, w := range words {
		if target[j] == 0 {
			continue
		}
		sb.WriteString(escapeBrackets(msg[last:w.start]))
		sb.WriteString("[" + escapeBrackets(msg[w.start:w.end]) + "](" + strconv.Itoa(target[j]) + ")")
		last = w.end
	}
	sb.WriteString(escapeBrackets(msg[last:]))
	return sb.String()
}

type span struct{ start, end int }

// splitWords returns the spans of the words of s: runs of letters, digits,
// '_' and '.', trimmed of a final '.', so "pkg.Name" and "x" are words and
// the sentence's full stop is not part of the last one.
func splitWords(s string) []span {
	var out []span
	start := -1
	flush := func(end int) {
		for end > start && s[end-1] == '.' {
			end--
		}
		if end > start {
			out = append(out, span{start, end})
		}
		start = -1
	}
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.'
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			flush(i)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	return out
}

func escapeBrackets(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// stopWords are words too common to name a location.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the this that these those it its is are was were be been being
		of to in on at by for from with as or and not no but if then than so
		here there which who what when where how can could should would may might must will
		do does did has have had call calls value values variable use used one other another`) {
		m[w] = true
	}
	return m
}()
