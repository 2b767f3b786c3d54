package sarif

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUTF16Column(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		byteCol int
		want    int
	}{
		{"ASCII start", "hello", 1, 1},
		{"ASCII middle", "hello", 3, 3},
		{"ASCII last", "hello", 5, 5},
		{"ASCII end", "hello", 6, 6},
		{"column 0 unknown", "hello", 0, 0},
		{"negative column", "hello", -3, 0},
		{"empty line col 1", "", 1, 1},
		{"past end ASCII", "hello", 40, 6},
		{"past end empty", "", 9, 1},
		{"tab is one unit", "\tx", 2, 2},
		{"tabs", "\t\t\tx := 1", 4, 4},
		{"é before", "café x", 4, 4},
		{"é after (2 bytes, 1 unit)", "café x", 6, 5},
		{"inside é counts it", "café x", 5, 5},
		{"em dash after (3 bytes, 1 unit)", "a—b", 5, 3},
		{"inside em dash, 2nd byte", "a—b", 3, 3},
		{"inside em dash, 3rd byte", "a—b", 4, 3},
		{"emoji before", "x😀y", 2, 2},
		{"emoji after (4 bytes, 2 units)", "x😀y", 6, 4},
		{"inside emoji counts both units", "x😀y", 3, 4},
		{"two emoji", "😀😀z", 9, 5},
		{"past end with emoji", "😀", 20, 3},
		{"invalid byte is one unit", "a\xffb", 3, 3},
		{"invalid run each one unit", "\xe2\x82b", 3, 3},
		{"invalid after", "\xff\xfe\xfdx", 4, 4},
		{"past end with invalid", "a\xff", 10, 3},
		{"mixed", "\té—😀x", 11, 6},
		{"mixed end", "\té—😀x", 12, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := UTF16Column([]byte(tc.line), tc.byteCol); got != tc.want {
				t.Errorf("UTF16Column(%q, %d) = %d, want %d", tc.line, tc.byteCol, got, tc.want)
			}
		})
	}
}

func TestLineAt(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		want []byte
	}{
		{"first", "a\nb\nc", 1, []byte("a")},
		{"middle", "a\nb\nc", 2, []byte("b")},
		{"last without newline", "a\nb\nc", 3, []byte("c")},
		{"past end", "a\nb\nc", 4, nil},
		{"zero", "a\nb", 0, nil},
		{"negative", "a\nb", -1, nil},
		{"empty line", "a\n\nb", 2, []byte{}},
		{"after trailing newline", "a\n", 2, []byte{}},
		{"beyond trailing newline", "a\n", 3, nil},
		{"empty file", "", 1, []byte{}},
		{"empty file line 2", "", 2, nil},
		{"CRLF first", "a\r\nb\r\n", 1, []byte("a")},
		{"CRLF second", "a\r\nb\r\n", 2, []byte("b")},
		{"CRLF after trailing", "a\r\nb\r\n", 3, []byte{}},
		{"CRLF empty line", "a\r\n\r\nb", 2, []byte{}},
		{"lone CR kept inside line", "a\rb\nc", 1, []byte("a\rb")},
		{"only trailing CR trimmed", "a\r\r\nb", 1, []byte("a\r")},
		{"CR at end of file", "a\nb\r", 2, []byte("b")},
		{"tabs and UTF-8 kept", "x\n\té😀\n", 2, []byte("\té😀")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := LineAt([]byte(tc.src), tc.line)
			if (got == nil) != (tc.want == nil) {
				t.Fatalf("LineAt(%q, %d) = %q (nil %v), want %q (nil %v)",
					tc.src, tc.line, got, got == nil, tc.want, tc.want == nil)
			}
			if diff := cmp.Diff(string(tc.want), string(got)); diff != "" {
				t.Errorf("LineAt(%q, %d) mismatch (-want +got):\n%s", tc.src, tc.line, diff)
			}
		})
	}
}

func TestLineAtNilSource(t *testing.T) {
	if got := LineAt(nil, 1); got == nil || len(got) != 0 {
		t.Errorf("LineAt(nil, 1) = %#v, want empty non-nil", got)
	}
	if got := LineAt(nil, 2); got != nil {
		t.Errorf("LineAt(nil, 2) = %#v, want nil", got)
	}
}

func TestLineAtDoesNotExposeRest(t *testing.T) {
	src := []byte("ab\ncd")
	line := LineAt(src, 1)
	_ = append(line, 'X')
	if string(src) != "ab\ncd" {
		t.Errorf("appending to LineAt result changed src to %q", src)
	}
}
