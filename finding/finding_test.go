package finding

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseLevelAndRank(t *testing.T) {
	tests := []struct {
		in      string
		rank    int
		wantErr bool
	}{
		{"error", 3, false},
		{"warning", 2, false},
		{"note", 1, false},
		{"none", 0, false},
		{"fatal", 0, true},
		{"Error", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		l, err := ParseLevel(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseLevel(%q) err = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && l.Rank() != tt.rank {
			t.Errorf("%q.Rank() = %d, want %d", tt.in, l.Rank(), tt.rank)
		}
	}
	if Level("bogus").Rank() != 0 {
		t.Error("an unknown level must rank as none")
	}
}

func TestSort(t *testing.T) {
	fs := []Finding{
		{RuleID: "b", Pos: Position{Path: "a.go", Line: 2, Column: 1}},
		{RuleID: "a", Pos: Position{Path: "b.go", Line: 1, Column: 1}},
		{RuleID: "z", Pos: Position{Path: "a.go", Line: 2, Column: 1}, Message: "2"},
		{RuleID: "z", Pos: Position{Path: "a.go", Line: 2, Column: 1}, Message: "1"},
		{RuleID: "a", Pos: Position{Path: "a.go", Line: 10, Column: 1}},
		{RuleID: "a", Pos: Position{Path: "a.go", Line: 2, Column: 0}},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d:%d:%s:%s", f.Pos.Path, f.Pos.Line, f.Pos.Column, f.RuleID, f.Message))
	}
	want := []string{"a.go:2:0:a:", "a.go:2:1:b:", "a.go:2:1:z:1", "a.go:2:1:z:2", "a.go:10:1:a:", "b.go:1:1:a:"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}
