package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/sarif"
)

// codeQualityIssue is one entry of a GitLab Code Quality report.
type codeQualityIssue struct {
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeQualityLocation `json:"location"`
}

type codeQualityLocation struct {
	Path  string           `json:"path"`
	Lines codeQualityLines `json:"lines"`
}

type codeQualityLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// WriteGitLab writes a GitLab Code Quality report: the findings in report
// order, then the notifications that have a position. See the package doc.
func WriteGitLab(w io.Writer, in Input) error {
	items := gitlabItems(in)
	if slices.ContainsFunc(items, func(f finding.Finding) bool { return f.Fingerprint == "" }) {
		sarif.SetFingerprints(in.Root, in.ReadFile, items)
	}
	issues := make([]codeQualityIssue, 0, len(items))
	fps := fingerprints{}
	for _, f := range items {
		issue := codeQualityIssue{
			Description: f.Message,
			CheckName:   f.RuleID,
			Fingerprint: fps.unique(f.Fingerprint),
			Severity:    gitlabSeverity(f.Level),
			Location: codeQualityLocation{
				Path:  outputPath(in.PathPrefix, f.Pos.Path),
				Lines: codeQualityLines{Begin: max(f.Pos.Line, 1)},
			},
		}
		if f.EndLine > issue.Location.Lines.Begin {
			issue.Location.Lines.End = f.EndLine
		}
		issues = append(issues, issue)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(issues); err != nil {
		return fmt.Errorf("encode gitlab report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// gitlabItems is a copy of the findings followed by the notifications that
// have a position, as findings of the rule named by their source
// ("lintgate" when they have none).
func gitlabItems(in Input) []finding.Finding {
	items := make([]finding.Finding, 0, len(in.Findings)+len(in.Notifications))
	for _, f := range in.Findings {
		f.Level = findingLevel(f)
		items = append(items, f)
	}
	for _, n := range sortedNotifications(in.Notifications) {
		if n.Pos == nil {
			continue
		}
		items = append(items, finding.Finding{
			RuleID:  cmp.Or(n.Source, "lintgate"),
			Message: n.Message,
			Level:   notificationLevel(n),
			Pos:     *n.Pos,
		})
	}
	return items
}

// gitlabSeverity maps a level to a Code Quality severity.
func gitlabSeverity(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return "critical"
	case finding.LevelNote:
		return "minor"
	}
	return "major"
}

// fingerprints hands out fingerprints unique within one report.
type fingerprints map[string]bool

// unique returns fp, or, when fp was handed out before, the first unused
// of hash(fp, 1), hash(fp, 2)...: 32 hex digits like a lintgate/v1
// fingerprint.
func (u fingerprints) unique(fp string) string {
	cand := fp
	for n := 1; u[cand]; n++ {
		sum := sha256.Sum256([]byte(fp + "\x00" + strconv.Itoa(n)))
		cand = hex.EncodeToString(sum[:16])
	}
	u[cand] = true
	return cand
}
