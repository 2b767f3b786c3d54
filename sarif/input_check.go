package sarif

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/lintgate/lintgate/finding"
)

// maxInputNotes bounds the notifications about one input log: a log that
// is wrong everywhere is reported by its first problems and a count.
const maxInputNotes = 10

// inputProblems are the problems of an input log (a baseline, a log to
// merge) that would make a log built from it invalid: the schema's and
// regions that end before they start (SARIF1007). Rules that only say
// how a log should be written for GitHub are not checked here: an input
// from another tool may break them and still be read.
type inputProblems struct {
	name    string
	all     []Problem
	results map[[2]int][]Problem // run, result -> its problems
}

var resultPointer = regexp.MustCompile(`^/runs/(\d+)/results/(\d+)(/.*)?$`)

func checkInput(name string, data []byte) (*inputProblems, error) {
	ps, err := Validate(data)
	if err != nil {
		return nil, err
	}
	in := &inputProblems{name: name, results: map[[2]int][]Problem{}}
	for _, p := range ps {
		if p.Rule != RuleSchema && p.Rule != RuleRegion {
			continue
		}
		in.all = append(in.all, p)
		if m := resultPointer.FindStringSubmatch(p.Pointer); m != nil {
			r, _ := strconv.Atoi(m[1])
			i, _ := strconv.Atoi(m[2])
			in.results[[2]int{r, i}] = append(in.results[[2]int{r, i}], p)
		}
	}
	return in, nil
}

// of returns the problems of result i of run r.
func (in *inputProblems) of(r, i int) []Problem { return in.results[[2]int{r, i}] }

// regionOnly reports whether every problem is inside a region, which can
// be dropped while the result is kept.
func regionOnly(ps []Problem) bool {
	for _, p := range ps {
		if !strings.Contains(p.Pointer, "/region") {
			return false
		}
	}
	return true
}

// notes turns the problems into warnings, saying what was done about
// each: what(p) is "" for problems outside results.
func (in *inputProblems) notes(what func(Problem) string) []finding.Notification {
	var out []finding.Notification
	for i, p := range in.all {
		if i == maxInputNotes {
			out = append(out, finding.Notification{Level: finding.LevelWarning, Source: "lintgate",
				Message: fmt.Sprintf("%s: %d more problems; lintgate sarif validate %s lists them all", in.name, len(in.all)-i, in.name)})
			break
		}
		msg := fmt.Sprintf("%s: %s", in.name, p)
		if w := what(p); w != "" {
			msg += "; " + w
		}
		out = append(out, finding.Notification{Level: finding.LevelWarning, Source: "lintgate", Message: msg})
	}
	return out
}
