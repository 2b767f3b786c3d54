package sarif

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lineHashVectors mirrors testdata/linehash-vectors.json, taken from
// github/codeql-action src/fingerprints.test.ts.
type lineHashVectors struct {
	Source string `json:"source"`
	Cases  []struct {
		Input string   `json:"input"`
		Lines []string `json:"lines"`
	} `json:"cases"`
}

func TestLineHashesVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/linehash-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors lineHashVectors
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatalf("parse vectors: %v", err)
	}
	if len(vectors.Cases) == 0 {
		t.Fatal("no vectors")
	}
	for i, tc := range vectors.Cases {
		t.Run(fmt.Sprintf("%d_%.20q", i, tc.Input), func(t *testing.T) {
			got := LineHashes([]byte(tc.Input))
			if diff := cmp.Diff(tc.Lines, got); diff != "" {
				t.Errorf("LineHashes(%q) mismatch (-want +got):\n%s", tc.Input, diff)
			}
			for n, want := range tc.Lines {
				if h := PrimaryLocationLineHash([]byte(tc.Input), n+1); h != want {
					t.Errorf("PrimaryLocationLineHash(line %d) = %q, want %q", n+1, h, want)
				}
			}
		})
	}
}

func TestLineHashesLineEndings(t *testing.T) {
	lf := "package main\n\nfunc main() {\n\tprintln(\"hi\")\n}\n"
	tests := []struct {
		name  string
		input string
	}{
		{"CRLF", strings.ReplaceAll(lf, "\n", "\r\n")},
		{"CR", strings.ReplaceAll(lf, "\n", "\r")},
		{"mixed", strings.Replace(lf, "\n", "\r\n", 2)},
	}
	want := LineHashes([]byte(lf))
	if len(want) != 6 {
		t.Fatalf("LF input: got %d lines, want 6", len(want))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(want, LineHashes([]byte(tc.input))); diff != "" {
				t.Errorf("hashes differ from LF input (-LF +%s):\n%s", tc.name, diff)
			}
		})
	}
}

func TestLineHashesProperties(t *testing.T) {
	tests := []struct {
		name      string
		a, b      string
		wantEqual bool
	}{
		{"spaces and tabs ignored", "a b\tc\n", "abc\n", true},
		{"indentation ignored", "\t\tx := 1\n", "    x := 1\n", true},
		{"content matters", "x := 1\n", "x := 2\n", false},
		{"\\r\\r is two line breaks", "a\r\rb", "a\n\nb", true},
		{"\\n\\r is two line breaks", "a\n\rb", "a\n\nb", true},
		{"invalid UTF-8 run is one U+FFFD", "a\xe2\x82b", "a\uFFFDb", true},
		{"invalid bytes each U+FFFD", "a\xff\xfeb", "a\uFFFD\uFFFDb", true},
		{"two invalid bytes differ from one", "a\xff\xfeb", "a\uFFFDb", false},
		{"surrogate-encoded byte run", "a\xed\xa0\x80b", "a\uFFFD\uFFFD\uFFFDb", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := LineHashes([]byte(tc.a)), LineHashes([]byte(tc.b))
			if equal := cmp.Equal(a, b); equal != tc.wantEqual {
				t.Errorf("LineHashes(%q) = %v, LineHashes(%q) = %v; equal = %v, want %v",
					tc.a, a, tc.b, b, equal, tc.wantEqual)
			}
		})
	}
}

func TestLineHashesOutsideBMP(t *testing.T) {
	// An emoji is two UTF-16 code units, so 50 emoji fill the whole
	// 100-unit window and the next line no longer changes line 1's hash.
	emoji := strings.Repeat("😀", 50)
	a := LineHashes([]byte(emoji + "\nfoo"))
	b := LineHashes([]byte(emoji + "\nbar"))
	if a[0] != b[0] {
		t.Errorf("line 1 hash depends on line 2: %q vs %q", a[0], b[0])
	}
	// 49 emoji leave room for the newline and one more unit.
	a = LineHashes([]byte(emoji[4:] + "\nfoo"))
	b = LineHashes([]byte(emoji[4:] + "\nbar"))
	if a[0] == b[0] {
		t.Errorf("line 1 hash ignores line 2: both %q", a[0])
	}
}

func TestPrimaryLocationLineHashOutOfRange(t *testing.T) {
	src := []byte("a\nb\n")
	tests := []struct {
		line int
		want bool
	}{
		{-1, false}, {0, false}, {1, true}, {3, true}, {4, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.line), func(t *testing.T) {
			got := PrimaryLocationLineHash(src, tc.line)
			if (got != "") != tc.want {
				t.Errorf("PrimaryLocationLineHash(%d) = %q, want non-empty %v", tc.line, got, tc.want)
			}
		})
	}
}

func BenchmarkLineHashes(b *testing.B) {
	src := []byte(strings.Repeat("\tfmt.Println(\"hello, world\") // comment\n", 25000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		LineHashes(src)
	}
}
