package sarif

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/lintgate/lintgate/finding"
)

// keepMostSevere decides which findings (in report order) a log with room
// for limit results keeps: all of them when they fit, otherwise the most
// severe, earlier ones first within a level. limit < 0 means no bound.
func keepMostSevere(fs []finding.Finding, limit int) (kept []bool, dropped int) {
	kept = make([]bool, len(fs))
	if limit < 0 || len(fs) <= limit {
		for i := range kept {
			kept[i] = true
		}
		return kept, 0
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	rank := func(i int) int { return cmp.Or(fs[i].Level, finding.LevelWarning).Rank() }
	slices.SortStableFunc(order, func(a, b int) int { return rank(b) - rank(a) })
	for _, i := range order[:limit] {
		kept[i] = true
	}
	return kept, len(fs) - limit
}

// TruncationMessage says what a log with room for limit results left out
// of total; lintgate prints it on stderr and records it as a notification.
func TruncationMessage(total, limit int) string {
	why := ""
	if limit == MaxResults {
		why = ", GitHub code scanning's limit per run"
	}
	return fmt.Sprintf("%d of %d results left out of the SARIF log, which keeps the %d most severe%s; the gate and the text output count all %d",
		total-limit, total, limit, why, total)
}
