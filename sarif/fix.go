package sarif

import (
	"cmp"
	"encoding/base64"
	"slices"
	"unicode/utf8"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lintgate/lintgate/finding"
)

// fixes turns a finding's suggested fixes into SARIF fixes. Go gives
// edits as byte offsets into the finding's file; each becomes a
// replacement whose deletedRegion carries both the UTF-16 line/column
// range (what viewers apply) and the byte range (exact). An insertion is a
// region of length zero. A fix is left out when the file cannot be read
// or an edit lies outside it: its columns could not be right.
func (b *builder) fixes(f finding.Finding) []*gosarif.Fix {
	if len(f.Fixes) == 0 {
		return nil
	}
	src := b.files.file(f.Pos.Path)
	if src.err != nil {
		return nil
	}
	var out []*gosarif.Fix
	for _, fx := range f.Fixes {
		reps, ok := replacements(src, fx.Edits)
		if !ok {
			continue
		}
		fix := &gosarif.Fix{ArtifactChanges: []*gosarif.ArtifactChange{{
			ArtifactLocation: *artifactLocation(f.Pos.Path),
			Replacements:     reps,
		}}}
		if fx.Description != "" {
			fix.Description = &gosarif.Message{Text: ptr(fx.Description)}
		}
		out = append(out, fix)
	}
	return out
}

// replacements converts edits, sorted by offset, into SARIF replacements;
// ok is false when an edit is empty of meaning (end before start) or out
// of the file.
func replacements(src *sourceFile, edits []finding.Edit) ([]*gosarif.Replacement, bool) {
	if len(edits) == 0 {
		return nil, false
	}
	es := slices.Clone(edits)
	slices.SortStableFunc(es, func(a, b finding.Edit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	reps := make([]*gosarif.Replacement, 0, len(es))
	for _, e := range es {
		if e.End < e.Start {
			return nil, false
		}
		sl, sc, ok1 := src.position(e.Start)
		el, ec, ok2 := src.position(e.End)
		if !ok1 || !ok2 {
			return nil, false
		}
		reps = append(reps, &gosarif.Replacement{
			DeletedRegion: gosarif.Region{
				StartLine: ptr(sl), StartColumn: ptr(sc), EndLine: ptr(el), EndColumn: ptr(ec),
				ByteOffset: ptr(e.Start), ByteLength: ptr(e.End - e.Start),
			},
			InsertedContent: insertedContent(e.NewText),
		})
	}
	return reps, true
}

// insertedContent is the text an edit inserts; text that is not UTF-8
// (a byte string literal) goes as binary, which JSON cannot mangle.
func insertedContent(s string) *gosarif.ArtifactContent {
	if utf8.ValidString(s) {
		return &gosarif.ArtifactContent{Text: ptr(s)}
	}
	return &gosarif.ArtifactContent{Binary: ptr(base64.StdEncoding.EncodeToString([]byte(s)))}
}
