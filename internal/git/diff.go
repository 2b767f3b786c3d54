package git

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Lines is a set of 1-based line numbers of one file; a nil *Lines in a
// Changes map means every line (a file that is new).
type Lines struct{ ranges [][2]int } // sorted, [from, to] inclusive

// Has reports whether line is in the set.
func (l *Lines) Has(line int) bool {
	if l == nil {
		return true
	}
	_, found := slices.BinarySearchFunc(l.ranges, line, func(r [2]int, line int) int {
		switch {
		case r[1] < line:
			return -1
		case r[0] > line:
			return 1
		}
		return 0
	})
	return found
}

func (l *Lines) add(from, to int) {
	if to >= from {
		l.ranges = append(l.ranges, [2]int{from, to})
	}
}

// Changes maps the slash-separated paths (relative to the work tree's top
// level) of changed files to their added or modified lines.
type Changes map[string]*Lines

// hunkRE matches a unified diff hunk header: @@ -a[,b] +c[,d] @@.
var hunkRE = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// hunk is one hunk of a zero-context diff: old lines [oldFrom,
// oldFrom+oldN) became new lines [newFrom, newFrom+newN).
type hunk struct{ oldFrom, oldN, newFrom, newN int }

// parseDiff reads the output of git diff -U0 --no-prefix into per-file
// hunks, keyed by the new path. A file that did not exist before ("---
// /dev/null") is marked in created.
func parseDiff(out []byte) (hunks map[string][]hunk, created map[string]bool, err error) {
	hunks, created = map[string][]hunk{}, map[string]bool{}
	var file string
	var fromNull bool
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "--- "):
			fromNull = line == "--- /dev/null"
		case strings.HasPrefix(line, "+++ "):
			file = ""
			if name := strings.TrimPrefix(line, "+++ "); name != "/dev/null" {
				file = unquotePath(name)
				if fromNull {
					created[file] = true
				}
				hunks[file] = hunks[file][:0:0]
			}
		case strings.HasPrefix(line, "@@ "):
			m := hunkRE.FindStringSubmatch(line)
			if m == nil {
				return nil, nil, fmt.Errorf("git diff: bad hunk header %q", line)
			}
			if file == "" {
				continue // a deleted file
			}
			hunks[file] = append(hunks[file], hunk{atoi(m[1]), count(m[2]), atoi(m[3]), count(m[4])})
		}
	}
	return hunks, created, sc.Err()
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// count is a hunk length: absent means 1.
func count(s string) int {
	if s == "" {
		return 1
	}
	return atoi(s)
}

// unquotePath undoes git's C-style quoting of unusual file names.
func unquotePath(p string) string {
	if strings.HasPrefix(p, `"`) {
		if u, err := strconv.Unquote(p); err == nil {
			return u
		}
	}
	return p
}

// diffArgs are the flags every diff lintgate reads uses: no context, no
// colour or external tools, renames followed, paths without a/ b/.
var diffArgs = []string{"diff", "-U0", "--no-color", "--no-ext-diff", "--no-prefix", "-M", "--diff-filter=ACMR"}

// StagedChanges returns the lines the index adds or changes relative to
// HEAD (all of them in a repository without commits), mapped to line
// numbers of the working tree, where the linters read the files. A staged
// line that the working tree has changed again has no counterpart and is
// left out. The second result lists the staged files that also have
// unstaged changes.
func (r *Repo) StagedChanges(ctx context.Context) (Changes, []string, error) {
	args := append(slices.Clone(diffArgs), "--cached")
	if r.Head(ctx) != "" { // on an unborn branch, --cached compares with the empty tree
		args = append(args, "HEAD")
	}
	staged, err := r.Git(ctx, append(args, "--")...)
	if err != nil {
		return nil, nil, err
	}
	hunks, created, err := parseDiff(staged)
	if err != nil {
		return nil, nil, err
	}
	unstaged, err := r.Git(ctx, append(slices.Clone(diffArgs), "--")...)
	if err != nil {
		return nil, nil, err
	}
	later, _, err := parseDiff(unstaged)
	if err != nil {
		return nil, nil, err
	}
	out := Changes{}
	var dirty []string
	for file, hs := range hunks {
		lines := changedLines(hs, created[file])
		if wt, ok := later[file]; ok {
			dirty = append(dirty, file)
			lines = remap(lines, wt)
		}
		out[file] = lines
	}
	slices.Sort(dirty)
	return out, dirty, nil
}

// RevChanges returns the lines the working tree adds or changes relative
// to rev, plus every line of untracked files (new code not yet added).
func (r *Repo) RevChanges(ctx context.Context, rev string) (Changes, error) {
	if _, err := r.Git(ctx, "rev-parse", "--verify", "-q", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: not a commit in %s", rev, r.Top)
	}
	diff, err := r.Git(ctx, append(slices.Clone(diffArgs), rev, "--")...)
	if err != nil {
		return nil, err
	}
	hunks, created, err := parseDiff(diff)
	if err != nil {
		return nil, err
	}
	out := Changes{}
	for file, hs := range hunks {
		out[file] = changedLines(hs, created[file])
	}
	untracked, err := r.Git(ctx, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(string(untracked), "\x00") {
		if f != "" {
			out[f] = &Lines{ranges: [][2]int{{1, maxLine}}}
		}
	}
	return out, nil
}

// changedLines is the new side of a file's hunks: every line of a file
// that did not exist before.
func changedLines(hs []hunk, created bool) *Lines {
	lines := &Lines{}
	if created {
		lines.add(1, maxLine)
		return lines
	}
	for _, h := range hs {
		lines.add(h.newFrom, h.newFrom+h.newN-1)
	}
	return lines
}

const maxLine = int(^uint(0) >> 1)

// remap moves line numbers of the index to the working tree through the
// hunks (in order) of the index-to-working-tree diff: a line shifts by what
// earlier hunks added or removed; a line a hunk replaced is dropped.
func remap(lines *Lines, hs []hunk) *Lines {
	out := &Lines{}
	for _, r := range lines.ranges {
		a, b := r[0], r[1]
		shift := 0
		for _, h := range hs {
			if a > b {
				break
			}
			if h.oldN == 0 { // insertion after old line oldFrom
				if a <= h.oldFrom {
					end := min(b, h.oldFrom)
					out.add(a+shift, end+shift)
					a = end + 1
				}
				shift += h.newN
				continue
			}
			if a < h.oldFrom {
				end := min(b, h.oldFrom-1)
				out.add(a+shift, end+shift)
				a = end + 1
			}
			a = max(a, h.oldFrom+h.oldN) // lines the hunk replaced are gone
			shift += h.newN - h.oldN
		}
		if a <= b {
			out.add(a+shift, satAdd(b, shift))
		}
	}
	return out
}

// satAdd adds without overflowing past maxLine.
func satAdd(b, d int) int {
	if d > 0 && b > maxLine-d {
		return maxLine
	}
	return b + d
}
