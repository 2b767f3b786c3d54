package ide

import (
	"bytes"
	"fmt"
	"strings"
)

// contextLines is the number of unchanged lines around a change in a hunk.
const contextLines = 3

// maxDiffCells bounds the line-by-line comparison; larger files are
// shown as replaced whole.
const maxDiffCells = 16 << 20

// Diff is the change writing f makes, as a unified diff between a/PATH
// and b/PATH (/dev/null for a file that does not exist yet); "" when
// nothing changes.
func (f File) Diff() string {
	if !f.Changed() {
		return ""
	}
	from, to := "a/"+f.Path, "b/"+f.Path
	if !f.Exists {
		from = "/dev/null"
	}
	var b strings.Builder
	if f.Exists && f.Exec && f.Mode&0o100 == 0 {
		fmt.Fprintf(&b, "old mode %o\nnew mode %o\n", 0o100000|f.Mode, 0o100755)
	}
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", from, to)
	writeHunks(&b, lines(f.Old), lines(f.New))
	return b.String()
}

// lines splits data after each newline; a last line without one is kept.
func lines(data []byte) []string {
	var out []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, string(data))
			break
		}
		out = append(out, string(data[:i+1]))
		data = data[i+1:]
	}
	return out
}

// edit is one line of an edit script: ' ' kept, '-' removed, '+' added.
type edit struct {
	op   byte
	line string
}

// editScript turns a into b with as few removed and added lines as a
// longest common subsequence gives.
func editScript(a, b []string) []edit {
	n, m := len(a), len(b)
	if n*m > maxDiffCells {
		var out []edit
		for _, l := range a {
			out = append(out, edit{'-', l})
		}
		for _, l := range b {
			out = append(out, edit{'+', l})
		}
		return out
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []edit
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, edit{' ', a[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, edit{'-', a[i]})
			i++
		default:
			out = append(out, edit{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, edit{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, edit{'+', b[j]})
	}
	return out
}

// writeHunks writes the changes from a to b as unified diff hunks.
func writeHunks(b *strings.Builder, a, bl []string) {
	script := editScript(a, bl)
	for start := 0; start < len(script); {
		first := nextChange(script, start)
		if first < 0 {
			return
		}
		lo := max(first-contextLines, 0)
		// Extend the hunk while the next change is near enough.
		hi := first
		for {
			hi = lastOfRun(script, hi)
			next := nextChange(script, hi+1)
			if next < 0 || next-hi-1 > 2*contextLines {
				break
			}
			hi = next
		}
		hi = min(hi+contextLines, len(script)-1)
		writeHunk(b, script, lo, hi)
		start = hi + 1
	}
}

// nextChange is the index of the first removed or added line at or after
// i, or -1.
func nextChange(s []edit, i int) int {
	for ; i < len(s); i++ {
		if s[i].op != ' ' {
			return i
		}
	}
	return -1
}

// lastOfRun is the last index of the run of changes starting at i.
func lastOfRun(s []edit, i int) int {
	for i+1 < len(s) && s[i+1].op != ' ' {
		i++
	}
	return i
}

// writeHunk writes script[lo:hi+1] with its @@ header.
func writeHunk(b *strings.Builder, s []edit, lo, hi int) {
	oldStart, newStart := 1, 1
	for _, e := range s[:lo] {
		if e.op != '+' {
			oldStart++
		}
		if e.op != '-' {
			newStart++
		}
	}
	oldN, newN := 0, 0
	for _, e := range s[lo : hi+1] {
		if e.op != '+' {
			oldN++
		}
		if e.op != '-' {
			newN++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldStart, oldN), hunkRange(newStart, newN))
	for _, e := range s[lo : hi+1] {
		b.WriteByte(e.op)
		b.WriteString(e.line)
		if !strings.HasSuffix(e.line, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange is start,count as unified diffs write it: an empty range
// names the line before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
