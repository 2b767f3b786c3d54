package sarif

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Parameters of GitHub's line hash (codeql-action src/fingerprints.ts).
const (
	hashWindow     = 100    // characters hashed per line (BLOCK_SIZE)
	hashMultiplier = 37     // rolling-hash base (MOD)
	hashEOF        = 0xFFFF // code unit appended at end of input (EOF)
	noLine         = 0      // window slot that starts no line
)

// hashFirstMod is hashMultiplier^hashWindow mod 2^64: the weight of the
// character leaving the window.
var hashFirstMod = func() uint64 {
	m := uint64(1)
	for range hashWindow {
		m *= hashMultiplier
	}
	return m
}()

// lineHasher holds the state of one pass of the rolling hash.
type lineHasher struct {
	window    [hashWindow]uint64 // last hashWindow code units fed to the hash
	lineAt    [hashWindow]int    // 1-based line started by that unit, or noLine
	index     int                // next slot of window and lineAt
	hash      uint64             // the rolling hash, mod 2^64
	line      int                // number of lines started so far
	lineStart bool               // the next kept unit starts a line
	prevCR    bool               // the previous unit was a carriage return
	counts    map[uint64]int     // occurrences of each hash value so far
	out       []lineHash         // result, index 0 = line 1
}

// LineHashes returns GitHub's partialFingerprints.primaryLocationLineHash
// for every line of src (index 0 holds line 1).
//
// It follows the algorithm of the codeql-action upload step
// (github/codeql-action, src/fingerprints.ts). The file is decoded as UTF-8
// (an invalid sequence becomes one U+FFFD, as Node.js decodes it) and
// handled as UTF-16 code units (a byte-order mark is kept). Spaces and tabs are dropped, "\r\n" and a
// lone "\r" both become "\n", and the code unit 0xFFFF marks the end of the
// file, followed by zeros. A polynomial rolling hash with multiplier 37,
// computed mod 2^64, runs over a window of the 100 units starting at each
// line's first kept unit, so a line's hash also covers the lines after it.
// The hash is printed as unsigned hexadecimal without leading zeros, and
// ":N" is appended, N counting the lines so far with the same hash. Lines
// are separated by "\n", "\r\n" or "\r", and the text after the last
// separator is a line even when empty, so a file has one line more than it
// has separators. The whole computation is one pass, O(len(src)).
func LineHashes(src []byte) []string {
	raw := lineHashes(src)
	out := make([]string, len(raw))
	for i, h := range raw {
		out[i] = h.String()
	}
	return out
}

// lineHash is one line's hash and its occurrence number, formatted only
// when asked: a log needs the hashes of the lines with findings, not of
// every line.
type lineHash struct {
	hash  uint64
	count int
}

// String is the hash as GitHub prints it: hexadecimal, ":", occurrence.
func (l lineHash) String() string {
	var buf [32]byte
	b := strconv.AppendUint(buf[:0], l.hash, 16)
	b = append(b, ':')
	return string(strconv.AppendInt(b, int64(l.count), 10))
}

// lineHashes computes the hash of every line in one pass (see LineHashes).
func lineHashes(src []byte) []lineHash {
	lines := bytes.Count(src, []byte{'\n'}) + 1 // and a lone \r starts one too, rarely
	h := &lineHasher{lineStart: true, counts: make(map[uint64]int, lines), out: make([]lineHash, 0, lines)}
	for i := 0; i < len(src); {
		if c := src[i]; c < utf8.RuneSelf {
			h.feed(uint64(c))
			i++
			continue
		}
		r, size := decodeRuneNode(src[i:])
		i += size
		if r >= 0x10000 {
			r -= 0x10000
			h.feed(0xD800 + uint64(r>>10))
			h.feed(0xDC00 + uint64(r&0x3FF))
			continue
		}
		h.feed(uint64(r)) //nolint:gosec // decoded runes are never negative
	}
	h.feed(hashEOF)
	for range hashWindow {
		h.emit()
		h.update(0)
	}
	return h.out
}

// PrimaryLocationLineHash returns the line hash of the 1-based line of src,
// as LineHashes computes it, or "" when the line is out of range. Callers
// hashing several lines of one file should call LineHashes once instead.
func PrimaryLocationLineHash(src []byte, line int) string {
	if line < 1 {
		return ""
	}
	hashes := LineHashes(src)
	if line > len(hashes) {
		return ""
	}
	return hashes[line-1]
}

// feed processes one UTF-16 code unit of the input.
func (h *lineHasher) feed(c uint64) {
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	h.prevCR = c == '\r'
	if h.prevCR {
		c = '\n'
	}
	h.emit()
	if h.lineStart {
		h.lineStart = false
		h.line++
		h.lineAt[h.index] = h.line
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.update(c)
}

// emit records the hash of the line whose first unit is leaving the window,
// if any: at this point the hash covers exactly that unit and the
// hashWindow-1 units after it.
func (h *lineHasher) emit() {
	line := h.lineAt[h.index]
	if line == noLine {
		return
	}
	h.counts[h.hash]++
	// Lines leave the window in order, so line == len(h.out)+1.
	h.out = append(h.out, lineHash{h.hash, h.counts[h.hash]})
	h.lineAt[h.index] = noLine
}

// update slides the window by one unit, adding c to the hash.
func (h *lineHasher) update(c uint64) {
	h.hash = hashMultiplier*h.hash + c - hashFirstMod*h.window[h.index]
	h.window[h.index] = c
	h.index++
	if h.index == hashWindow {
		h.index = 0
	}
}

// decodeRuneNode decodes the first character of p as Node.js's UTF-8
// decoder does: like utf8.DecodeRune, except that an invalid sequence
// yields one U+FFFD for its maximal valid prefix (the WHATWG Encoding
// Standard's rule) instead of one per byte.
func decodeRuneNode(p []byte) (rune, int) {
	r, size := utf8.DecodeRune(p)
	if r != utf8.RuneError || size != 1 {
		return r, size
	}
	lo, hi, need := byte(0x80), byte(0xBF), 0
	switch b := p[0]; {
	case b >= 0xC2 && b <= 0xDF:
		need = 1
	case b == 0xE0:
		lo, need = 0xA0, 2
	case b == 0xED:
		hi, need = 0x9F, 2
	case b >= 0xE1 && b <= 0xEF:
		need = 2
	case b == 0xF0:
		lo, need = 0x90, 3
	case b == 0xF4:
		hi, need = 0x8F, 3
	case b >= 0xF1 && b <= 0xF3:
		need = 3
	}
	n := 1
	for ; n <= need && n < len(p) && p[n] >= lo && p[n] <= hi; n++ {
		lo, hi = 0x80, 0xBF
	}
	return utf8.RuneError, n
}
