package sarif

import (
	"cmp"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"
)

// ApplyReplacements applies the replacements of one artifactChange to
// src, the artifact's content, as a SARIF consumer does with columnKind
// utf16CodeUnits: each deletedRegion is read by its startLine,
// startColumn, endLine and endColumn in UTF-16 code units (byteOffset is
// ignored, so applying a lintgate fix tests its UTF-16 regions), and
// every region refers to the original content. Overlapping regions are an
// error.
func ApplyReplacements(src []byte, reps []*gosarif.Replacement) ([]byte, error) {
	f := &sourceFile{data: src}
	type edit struct {
		start, end int
		text       []byte
	}
	edits := make([]edit, 0, len(reps))
	for i, r := range reps {
		d := r.DeletedRegion
		if d.StartLine == nil || d.StartColumn == nil || d.EndLine == nil || d.EndColumn == nil {
			return nil, fmt.Errorf("replacement %d: deletedRegion needs startLine, startColumn, endLine and endColumn", i)
		}
		start, ok1 := f.offset(*d.StartLine, *d.StartColumn)
		end, ok2 := f.offset(*d.EndLine, *d.EndColumn)
		if !ok1 || !ok2 || end < start {
			return nil, fmt.Errorf("replacement %d: region %d:%d-%d:%d is not in the file", i, *d.StartLine, *d.StartColumn, *d.EndLine, *d.EndColumn)
		}
		text, err := contentBytes(r.InsertedContent)
		if err != nil {
			return nil, fmt.Errorf("replacement %d: %w", i, err)
		}
		edits = append(edits, edit{start, end, text})
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
	var out []byte
	last := 0
	for _, e := range edits {
		if e.start < last {
			return nil, fmt.Errorf("replacement regions overlap at byte %d", e.start)
		}
		out = append(out, src[last:e.start]...)
		out = append(out, e.text...)
		last = e.end
	}
	return append(out, src[last:]...), nil
}

func contentBytes(c *gosarif.ArtifactContent) ([]byte, error) {
	switch {
	case c == nil:
		return nil, nil
	case c.Text != nil:
		return []byte(*c.Text), nil
	case c.Binary != nil:
		return base64.StdEncoding.DecodeString(*c.Binary)
	}
	return nil, errors.New("insertedContent has neither text nor binary")
}

// offset converts a 1-based line and UTF-16 column into a byte offset.
// The column may be one past the line's last code unit (the end of the
// line); a column inside a surrogate pair is not a position.
func (f *sourceFile) offset(line, col int) (int, bool) {
	starts := f.lineStarts()
	if line < 1 || line > len(starts) || col < 1 {
		return 0, false
	}
	text := f.line(line)
	units, i := 0, 0
	for units < col-1 {
		if i >= len(text) {
			return 0, false
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		units += utf16Len(r)
	}
	if units != col-1 {
		return 0, false
	}
	return starts[line-1] + i, true
}
