package sarif

import (
	"bytes"
	"unicode/utf8"
)

// UTF16Column converts byteCol, a 1-based byte column on line (as Go's
// token.Position reports it), into the 1-based column in UTF-16 code units
// that SARIF uses with columnKind "utf16CodeUnits".
//
// A byteCol of 0 or less means "unknown" and yields 0. A byteCol inside a
// multi-byte UTF-8 sequence counts that character as started, so it maps to
// the column just after the character. A byteCol past the end of line maps
// to one past its last code unit. Characters
// outside the Basic Multilingual Plane take two code units; each byte of
// invalid UTF-8 takes one, as utf8.DecodeRune reports it.
func UTF16Column(line []byte, byteCol int) int {
	if byteCol <= 0 {
		return 0
	}
	offset := byteCol - 1 // bytes before the column
	units := 0
	for i := 0; i < len(line) && i < offset; {
		r, size := utf8.DecodeRune(line[i:])
		i += size
		units += utf16Len(r)
	}
	return units + 1
}

// utf16Len is the number of UTF-16 code units that encode r; utf8.RuneError
// from invalid input counts as one.
func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// LineAt returns the 1-based line of src without its "\n" or "\r\n"
// terminator, or nil when src has no such line. The text after the last
// "\n" is a line even when empty, so "a\n" has lines "a" and "". The result
// aliases src.
func LineAt(src []byte, line int) []byte {
	if line < 1 {
		return nil
	}
	rest := src
	for range line - 1 {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return nil
		}
		rest = rest[i+1:]
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	rest = bytes.TrimSuffix(rest, []byte("\r"))
	if rest == nil { // line 1 of a nil src: empty but present
		return []byte{}
	}
	return rest[:len(rest):len(rest)]
}
