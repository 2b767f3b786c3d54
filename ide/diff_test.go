package ide

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiff(t *testing.T) {
	numbered := func(from, to int) string {
		var b strings.Builder
		for i := from; i <= to; i++ {
			fmt.Fprintf(&b, "%d\n", i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name string
		f    File
		want string
	}{
		{
			name: "new file",
			f:    File{Path: "a.json", New: []byte("{\n}\n")},
			want: "--- /dev/null\n+++ b/a.json\n@@ -0,0 +1,2 @@\n+{\n+}\n",
		},
		{
			name: "unchanged",
			f:    File{Path: "a", Exists: true, Old: []byte("x\n"), New: []byte("x\n")},
			want: "",
		},
		{
			name: "one change in the middle",
			f:    File{Path: "n", Exists: true, Old: []byte(numbered(1, 10)), New: []byte(strings.Replace(numbered(1, 10), "5\n", "five\n", 1))},
			want: "--- a/n\n+++ b/n\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "two hunks",
			f: File{Path: "n", Exists: true, Old: []byte(numbered(1, 20)),
				New: []byte("one\n" + numbered(2, 19) + "twenty\n")},
			want: "--- a/n\n+++ b/n\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -17,4 +17,4 @@\n 17\n 18\n 19\n-20\n+twenty\n",
		},
		{
			name: "no newline at the end",
			f:    File{Path: "x", Exists: true, Old: []byte("a\nb"), New: []byte("a\nb\nc\n")},
			want: "--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n",
		},
		{
			name: "mode only",
			f:    File{Path: "l", Exists: true, Old: []byte("x\n"), New: []byte("x\n"), Exec: true, Mode: 0o644},
			want: "old mode 100644\nnew mode 100755\n--- a/l\n+++ b/l\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.f.Diff()); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
		})
	}
}
