package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// FingerprintKey is the partialFingerprints key of lintgate's own
// fingerprint. The version is part of the key: a future algorithm gets a
// new key, so baselines written with this one keep matching.
const FingerprintKey = "lintgate/v1"

// LineHashKey is the partialFingerprints key of GitHub's line hash.
const LineHashKey = "primaryLocationLineHash"

// Fingerprint computes the lintgate/v1 fingerprint of a finding: the first
// 128 bits, in hex, of the SHA-256 of its rule id, its path, the text of its
// line with all white space removed, and its occurrence: how many findings
// of the same rule on lines of the same file with the same normalised text
// come before it. Neither the line number nor the column is part of it, so
// inserting or deleting lines above a finding, or re-indenting its line,
// keeps the fingerprint; editing the line's code changes it. When the
// source cannot be read, line is nil and the finding's message stands in
// for the line text.
func Fingerprint(ruleID, path string, line []byte, message string, occurrence int) string {
	h := sha256.New()
	for _, s := range []string{ruleID, path} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if line == nil {
		h.Write([]byte("message:"))
		h.Write([]byte(message))
	} else {
		h.Write([]byte("line:"))
		h.Write(normalizeLine(line))
	}
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(occurrence), 10))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// normalizeLine drops every white-space character, so that gofmt moving
// code sideways does not change what a finding's line says.
func normalizeLine(line []byte) []byte {
	out := make([]byte, 0, len(line))
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		if !unicode.IsSpace(r) {
			out = append(out, line[i:i+size]...)
		}
		i += size
	}
	return out
}

// occurrences numbers findings that would otherwise share a fingerprint;
// it must see them in report order (path, line, column).
type occurrences map[string]int

func (o occurrences) next(ruleID, path string, line []byte, message string) int {
	key := ruleID + "\x00" + path + "\x00"
	if line == nil {
		key += "m\x00" + message
	} else {
		key += "l\x00" + string(normalizeLine(line))
	}
	n := o[key]
	o[key] = n + 1
	return n
}
