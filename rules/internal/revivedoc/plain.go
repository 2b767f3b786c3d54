package revivedoc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain converts inline Markdown to plain text on one line: links and
// images become their text, code spans their content, emphasis markers
// and backslash escapes are dropped, and runs of white space (including
// line breaks) become one space.
func Plain(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); {
		i += plainStep(&b, md, i)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// plainStep writes the plain text of the Markdown construct starting at
// md[i] and returns how many bytes it consumed.
func plainStep(b *strings.Builder, md string, i int) int {
	c := md[i]
	switch {
	case c == '\\' && i+1 < len(md) && isASCIIPunct(md[i+1]):
		b.WriteByte(md[i+1])
		return 2
	case c == '`':
		if code, n, ok := codeSpan(md[i:]); ok {
			b.WriteString(code)
			return n
		}
	case c == '[' || (c == '!' && strings.HasPrefix(md[i:], "![")):
		start := i
		if c == '!' {
			start++
		}
		if text, n, ok := link(md[start:]); ok {
			b.WriteString(Plain(text))
			return start - i + n
		}
	case c == '*' || c == '_':
		if isEmphasis(md, i) {
			return 1
		}
	case c == '<':
		if url, n, ok := autolink(md[i:]); ok {
			b.WriteString(url)
			return n
		}
	}
	b.WriteByte(c)
	return 1
}

// codeSpan parses a code span opened by a run of backticks at the start of
// s and returns its content and length.
func codeSpan(s string) (code string, n int, ok bool) {
	run := len(s) - len(strings.TrimLeft(s, "`"))
	fence := s[:run]
	end := strings.Index(s[run:], fence)
	if end < 0 {
		return "", 0, false
	}
	return strings.TrimSpace(s[run : run+end]), run + end + run, true
}

// link parses an inline link "[text](destination)" at the start of s,
// allowing nested brackets in the text and balanced parentheses in the
// destination, and returns the text and the link's length.
func link(s string) (text string, n int, ok bool) {
	closeText := matching(s, '[', ']')
	if closeText < 0 || closeText+1 >= len(s) || s[closeText+1] != '(' {
		return "", 0, false
	}
	closeDest := matching(s[closeText+1:], '(', ')')
	if closeDest < 0 {
		return "", 0, false
	}
	return s[1:closeText], closeText + 1 + closeDest + 1, true
}

// matching returns the index of the delimiter that closes the one at s[0],
// or -1.
func matching(s string, open, closing byte) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case open:
			depth++
		case closing:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// autolink parses "<scheme://...>" at the start of s.
func autolink(s string) (url string, n int, ok bool) {
	end := strings.IndexByte(s, '>')
	if end < 0 || !strings.Contains(s[1:end], "://") || strings.ContainsAny(s[1:end], " \t\n<") {
		return "", 0, false
	}
	return s[1:end], end + 1, true
}

// isEmphasis reports whether the '*' or '_' at md[i] is an emphasis
// marker rather than a literal: an underscore inside a word (snake_case)
// and an asterisk between spaces (a * b) are literals.
func isEmphasis(md string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(md[:i])
	after, _ := utf8.DecodeRuneInString(md[i+1:])
	if i == 0 {
		before = ' '
	}
	if i+1 >= len(md) {
		after = ' '
	}
	if md[i] == '_' {
		return !isWordRune(before) || !isWordRune(after)
	}
	return !unicode.IsSpace(before) || !unicode.IsSpace(after)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// FirstSentence returns the first sentence of plain text: up to the first
// '.', '!' or '?' that is followed by white space and an upper-case letter
// or by the end of the text. Abbreviations such as "i.e. x" and "e.g.,"
// therefore do not end a sentence. Text without such an end is returned
// whole.
func FirstSentence(text string) string {
	for i := 0; i < len(text); i++ {
		if !strings.ContainsRune(".!?", rune(text[i])) {
			continue
		}
		rest := text[i+1:]
		if rest == "" {
			return text
		}
		trimmed := strings.TrimLeft(rest, " \t\n")
		if len(trimmed) == len(rest) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(trimmed); trimmed == "" || unicode.IsUpper(r) {
			return text[:i+1]
		}
	}
	return text
}
