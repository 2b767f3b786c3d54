package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/lintgate/lintgate/finding"
)

// JSONVersion is the version of the json format; it changes only when a
// field changes meaning or goes away.
const JSONVersion = 1

// jsonReport is the document WriteJSON writes.
type jsonReport struct {
	Version       int                    `json:"version"`
	Success       bool                   `json:"success"`
	Findings      []finding.Finding      `json:"findings"`
	Notifications []finding.Notification `json:"notifications"`
}

// WriteJSON writes lintgate's own report: the version, whether the run
// succeeded, the findings in report order and the notifications sorted,
// with the finding package's field names. Paths are the findings' own
// (module-relative); PathPrefix does not apply.
func WriteJSON(w io.Writer, in Input) error {
	rep := jsonReport{
		Version:       JSONVersion,
		Success:       in.Success,
		Findings:      jsonFindings(in.Findings),
		Notifications: sortedNotifications(in.Notifications),
	}
	if rep.Notifications == nil {
		rep.Notifications = []finding.Notification{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("encode json report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// jsonFindings returns fs, or a copy of it in which no list that is
// always written (the findings, a fix's edits) is nil, so that the
// document has [] where it would have null.
func jsonFindings(fs []finding.Finding) []finding.Finding {
	if fs == nil {
		return []finding.Finding{}
	}
	copied := false
	for i, f := range fs {
		if !slices.ContainsFunc(f.Fixes, func(x finding.Fix) bool { return x.Edits == nil }) {
			continue
		}
		if !copied {
			fs, copied = slices.Clone(fs), true
		}
		fixes := slices.Clone(f.Fixes)
		for j := range fixes {
			if fixes[j].Edits == nil {
				fixes[j].Edits = []finding.Edit{}
			}
		}
		fs[i].Fixes = fixes
	}
	return fs
}
