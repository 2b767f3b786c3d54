package lint

import (
	"testing"

	"github.com/lintgate/lintgate/finding"
)

func TestJudge(t *testing.T) {
	w, e := fnd("errcheck", "a.go", 1, finding.LevelWarning), fnd("errcheck", "a.go", 2, finding.LevelError)
	n := fnd("errcheck", "a.go", 3, finding.LevelNote)
	newE := e
	newE.Baseline = finding.BaselineNew
	oldE := e
	oldE.Baseline = finding.BaselineUnchanged
	for _, tt := range []struct {
		name    string
		fs      []finding.Finding
		success bool
		failOn  finding.Level
		newOnly bool
		want    Gate
	}{
		{"clean", nil, true, finding.LevelWarning, false, Gate{FailOn: finding.LevelWarning}},
		{"below the level", []finding.Finding{n}, true, finding.LevelWarning, false, Gate{FailOn: finding.LevelWarning}},
		{"at and above", []finding.Finding{n, w, e}, true, finding.LevelWarning, false, Gate{FailOn: finding.LevelWarning, Failing: 2, Verdict: FindingsFail}},
		{"note counts all", []finding.Finding{n, w, e}, true, finding.LevelNote, false, Gate{FailOn: finding.LevelNote, Failing: 3, Verdict: FindingsFail}},
		{"none never fails on findings", []finding.Finding{e}, true, finding.LevelNone, false, Gate{FailOn: finding.LevelNone}},
		{"tool failure wins", []finding.Finding{e}, false, finding.LevelWarning, false, Gate{FailOn: finding.LevelWarning, Failing: 1, Verdict: ToolFailed}},
		{"tool failure under none", nil, false, finding.LevelNone, false, Gate{FailOn: finding.LevelNone, Verdict: ToolFailed}},
		{"new only", []finding.Finding{oldE, newE}, true, finding.LevelWarning, true, Gate{FailOn: finding.LevelWarning, NewOnly: true, Failing: 1, Verdict: FindingsFail}},
		{"new only, none new", []finding.Finding{oldE}, true, finding.LevelWarning, true, Gate{FailOn: finding.LevelWarning, NewOnly: true}},
	} {
		if got := judge(tt.fs, tt.success, tt.failOn, tt.newOnly); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"1/1": {1, 1}, "2/4": {2, 4}, "4/4": {4, 4}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "0/2", "3/2", "1/0", "a/b", "-1/2", "1/2/3"} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q): no error", in)
		}
	}
	if got := (Shard{2, 3}).Pick([]string{"a", "b", "c", "d", "e"}); len(got) != 2 || got[0] != "b" || got[1] != "e" {
		t.Errorf("Pick = %v, want [b e]", got)
	}
}
