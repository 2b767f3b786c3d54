package sarif

import (
	"fmt"
	"regexp"
	"slices"
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

// outsideResults reports whether a problem is outside every result.
func (in *inputProblems) outsideResults() bool {
	for _, p := range in.all {
		if !resultPointer.MatchString(p.Pointer) {
			return true
		}
	}
	return false
}

// dropInvalidResults removes from run ri the results that have problems
// and returns a warning notification (SARIF JSON) for each problem.
func dropInvalidResults(run map[string]any, ri int, probs *inputProblems) []any {
	results := jsonArray(run["results"])
	kept := make([]any, 0, len(results))
	for i, r := range results {
		if len(probs.of(ri, i)) == 0 {
			kept = append(kept, r)
		}
	}
	if len(kept) == len(results) {
		return nil
	}
	run["results"] = kept
	var ps []Problem
	for _, p := range probs.all {
		if m := resultPointer.FindStringSubmatch(p.Pointer); m != nil && m[1] == strconv.Itoa(ri) {
			ps = append(ps, p)
		}
	}
	sub := &inputProblems{name: probs.name, all: ps}
	var notes []any
	for _, n := range sub.notes(func(Problem) string { return "the result is left out of the merge" }) {
		notes = append(notes, map[string]any{"level": string(n.Level), "message": map[string]any{"text": n.Message}, "descriptor": map[string]any{"id": n.Source}})
	}
	return notes
}

// addNotes adds notifications to a merged run's first invocation (a new
// one when it has none), in lintgate's order.
func addNotes(run map[string]any, notes []any) {
	if len(notes) == 0 {
		return
	}
	invs := jsonArray(run["invocations"])
	if len(invs) == 0 {
		invs = []any{map[string]any{"executionSuccessful": true}}
		run["invocations"] = invs
	}
	inv := invs[0].(map[string]any)
	all := append(jsonArray(inv["toolExecutionNotifications"]), notes...)
	slices.SortStableFunc(all, compareNotes)
	inv["toolExecutionNotifications"] = all
}
