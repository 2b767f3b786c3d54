package git

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// lines lists the members of l up to limit, for comparisons.
func lines(l *Lines, limit int) []int {
	var out []int
	for i := 1; i <= limit; i++ {
		if l.Has(i) {
			out = append(out, i)
		}
	}
	return out
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func numbered(n int, edit map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := edit[i]; ok {
			b.WriteString(s)
			continue
		}
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.String()
}

func mustGit(t *testing.T, r *Repo, args ...string) {
	t.Helper()
	if _, err := r.Git(context.Background(), append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...); err != nil {
		t.Fatal(err)
	}
}

// TestStagedChanges: staged edits, a staged new file, a rename, and a file
// with further unstaged edits whose staged lines move in the working tree.
func TestStagedChanges(t *testing.T) {
	ctx := context.Background()
	top := gitInit(t)
	r := &Repo{Top: top}
	write(t, top, "a.go", numbered(10, nil))
	write(t, top, "b.go", numbered(10, nil))
	write(t, top, "old.go", numbered(5, nil))
	write(t, top, "same.go", numbered(3, nil))
	mustGit(t, r, "add", ".")
	mustGit(t, r, "commit", "-q", "-m", "base")

	write(t, top, "a.go", numbered(10, map[int]string{3: "changed 3\n", 7: "changed 7\nadded 7b\n"}))
	write(t, top, "b.go", numbered(10, map[int]string{5: "staged 5\n"}))
	write(t, top, "dir/new.go", "x\ny\n")
	mustGit(t, r, "mv", "old.go", "renamed.go")
	mustGit(t, r, "add", ".")
	// After staging, two lines are inserted at the top of b.go and staged
	// line 5 stays as staged; a.go's line 3 is edited again.
	write(t, top, "b.go", "top 1\ntop 2\n"+numbered(10, map[int]string{5: "staged 5\n"}))
	write(t, top, "a.go", numbered(10, map[int]string{3: "changed 3 again\n", 7: "changed 7\nadded 7b\n"}))
	write(t, top, "untracked.go", "u\n")

	ch, dirty, err := r.StagedChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]int{}
	for f, l := range ch {
		got[f] = lines(l, 20)
	}
	want := map[string][]int{
		"a.go":       {7, 8},                                            // line 3 was changed again: no counterpart
		"b.go":       {7},                                               // staged line 5, two lines down
		"dir/new.go": lines(&Lines{ranges: [][2]int{{1, maxLine}}}, 20), // new: every line
	}
	// A pure rename (renamed.go) adds no line and is not listed.
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("StagedChanges = %v, want %v", got, want)
	}
	if !slices.Equal(dirty, []string{"a.go", "b.go"}) {
		t.Errorf("dirty = %v, want a.go and b.go", dirty)
	}
}

// TestStagedChangesUnborn: before the first commit everything staged is
// new.
func TestStagedChangesUnborn(t *testing.T) {
	top := t.TempDir()
	r := &Repo{Top: top}
	mustGit(t, r, "init", "-q")
	write(t, top, "a.go", "a\nb\n")
	mustGit(t, r, "add", "a.go")
	ch, _, err := r.StagedChanges(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := ch["a.go"]; !ok || !l.Has(1) || !l.Has(2) {
		t.Errorf("changes = %v, want all of a.go", ch)
	}
}

func TestRevChanges(t *testing.T) {
	ctx := context.Background()
	top := gitInit(t)
	r := &Repo{Top: top}
	write(t, top, "a.go", numbered(6, nil))
	mustGit(t, r, "add", ".")
	mustGit(t, r, "commit", "-q", "-m", "base")
	mustGit(t, r, "tag", "v1")
	write(t, top, "a.go", numbered(6, map[int]string{2: "committed 2\n"}))
	mustGit(t, r, "commit", "-q", "-am", "second")
	write(t, top, "a.go", numbered(6, map[int]string{2: "committed 2\n", 5: "worktree 5\n"}))
	write(t, top, "new.go", "n\n")

	ch, err := r.RevChanges(ctx, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(ch["a.go"], 10); !slices.Equal(got, []int{2, 5}) {
		t.Errorf("a.go lines = %v, want 2 (committed since v1) and 5 (working tree)", got)
	}
	if l, ok := ch["new.go"]; !ok || !l.Has(1) {
		t.Errorf("untracked new.go missing from %v", ch)
	}
	if _, err := r.RevChanges(ctx, "no-such-rev"); err == nil || !strings.Contains(err.Error(), "--new-from-rev no-such-rev: not a commit") {
		t.Errorf("bad rev: err = %v", err)
	}
}

func TestRemap(t *testing.T) {
	// Index to working tree: 2 lines inserted after line 0, line 5
	// replaced by 3 lines, line 9 deleted.
	hs := []hunk{{0, 0, 1, 2}, {5, 1, 7, 3}, {9, 1, 10, 0}}
	in := &Lines{ranges: [][2]int{{1, 12}}}
	got := lines(remap(in, hs), 30)
	// 1-4 -> 3-6; 5 gone; 6-8 -> 10-12; 9 gone; 10-12 -> 13-15.
	want := []int{3, 4, 5, 6, 10, 11, 12, 13, 14, 15}
	if !slices.Equal(got, want) {
		t.Errorf("remap = %v, want %v", got, want)
	}
	all := remap(&Lines{ranges: [][2]int{{1, maxLine}}}, hs)
	if !all.Has(1 << 40) {
		t.Error("remap of every line lost the end")
	}
}

func TestParseDiffQuotedAndBadHeader(t *testing.T) {
	h, created, err := parseDiff([]byte("--- /dev/null\n+++ \"d\\303\\251j\\303\\240.go\"\n@@ -0,0 +1,2 @@\n+a\n+b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := h["déjà.go"]; !ok || !created["déjà.go"] {
		t.Errorf("parseDiff = %v %v, want déjà.go created", h, created)
	}
	if _, _, err := parseDiff([]byte("+++ x.go\n@@ nonsense @@\n")); err == nil {
		t.Error("bad hunk header accepted")
	}
}
