package sarif

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lintgate/lintgate/finding"
)

// A Baseline is the set of results of an earlier log that a run is
// compared with. Findings are matched to baseline results in two passes:
//
//  1. unchanged: the same rule and the same lintgate/v1 fingerprint. The
//     fingerprint holds the path and the white-space-free text of the
//     finding's line, not its number, so a finding whose lines moved, or
//     whose line was only re-indented, is unchanged.
//  2. updated: the same rule, path and message as a baseline result not
//     matched yet, in the same top-level declaration (the result's
//     logical location: function, method, type, variable) and at most
//     maxUpdateDistance lines from where it was in that declaration; the
//     nearest first. The finding's line was edited in place but the
//     finding says the same thing. A baseline result without a logical
//     location (another tool's log, a finding outside any declaration)
//     is compared by line number alone, with the same distance.
//
// Every other finding is new, and every baseline result nothing matched
// is absent: it is reported again with baselineState "absent", at its old
// place; one without a place (no region, or an invalid one) cannot be
// shown and is not reported. A baseline result without a lintgate/v1
// fingerprint (another tool's log) can only be matched in the second
// pass; results that were already absent in the baseline are ignored.
type Baseline struct {
	entries []BaselineResult
	notes   []finding.Notification
}

// BaselineResult is one result of a baseline log.
type BaselineResult struct {
	RuleID      string
	Message     string
	Level       finding.Level
	Path        string // as Finding.Pos.Path: relative to %SRCROOT%, or absolute
	Region      *gosarif.Region
	Fingerprint string // lintgate/v1, "" when the log has none
	LineHash    string
	Decl        finding.Decl // from the logical location; zero when the log has none
}

// maxUpdateDistance is how many lines an edited finding may have moved
// within its declaration and still be the baseline result, updated.
const maxUpdateDistance = 3

// The parts of a log a baseline reads; anything else may be absent.
type baselineLog struct {
	Version *string `json:"version"`
	Runs    []struct {
		Results []struct {
			RuleID string `json:"ruleId"`
			Rule   *struct {
				ID string `json:"id"`
			} `json:"rule"`
			Level   string `json:"level"`
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *gosarif.Region `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					Name       string         `json:"name"`
					Kind       string         `json:"kind"`
					Properties map[string]any `json:"properties"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			PartialFingerprints map[string]any `json:"partialFingerprints"`
			BaselineState       string         `json:"baselineState"`
		} `json:"results"`
	} `json:"runs"`
}

// ParseBaseline reads a SARIF log as a baseline. name is the file, for
// messages.
func ParseBaseline(name string, data []byte) (*Baseline, error) {
	var l baselineLog
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%s: not a SARIF log: %w", name, jsonPlace(data, err))
	}
	if l.Version == nil || *l.Version != "2.1.0" {
		return nil, fmt.Errorf("%s: not a SARIF 2.1.0 log: /version is not \"2.1.0\"", name)
	}
	probs, err := checkInput(name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b := &Baseline{notes: probs.notes(func(p Problem) string { return baselineAction(probs, p) })}
	for ri, run := range l.Runs {
		for i, r := range run.Results {
			ps := probs.of(ri, i)
			if r.BaselineState == string(finding.BaselineAbsent) || len(ps) > 0 && !regionOnly(ps) {
				continue
			}
			id := r.RuleID
			if id == "" && r.Rule != nil {
				id = r.Rule.ID
			}
			if id == "" {
				return nil, fmt.Errorf("%s: /runs/%d/results/%d: a result without ruleId cannot be matched", name, ri, i)
			}
			e := BaselineResult{RuleID: id, Message: r.Message.Text, Level: finding.Level(cmp.Or(r.Level, string(finding.LevelWarning)))}
			if len(r.Locations) > 0 && r.Locations[0].PhysicalLocation != nil {
				pl := r.Locations[0].PhysicalLocation
				e.Path = uriPath(pl.ArtifactLocation.URI)
				if len(ps) == 0 {
					e.Region = pl.Region
				}
			}
			if len(r.Locations) > 0 && len(r.Locations[0].LogicalLocations) > 0 {
				ll := r.Locations[0].LogicalLocations[0]
				if line, ok := ll.Properties[declLineKey].(float64); ok && ll.Name != "" && line >= 1 && line <= 1<<31 && line == float64(int(line)) {
					e.Decl = finding.Decl{Name: ll.Name, Kind: ll.Kind, Line: int(line)}
				}
			}
			e.Fingerprint, _ = r.PartialFingerprints[FingerprintKey].(string)
			e.LineHash, _ = r.PartialFingerprints[LineHashKey].(string)
			b.entries = append(b.entries, e)
		}
	}
	return b, nil
}

// Len is the number of results in the baseline.
func (b *Baseline) Len() int { return len(b.entries) }

// Notifications are warnings about the parts of the baseline that are
// not valid SARIF and were left out: a result's invalid region (the
// result is kept, without its place), or a whole result. A nil Baseline
// has none.
func (b *Baseline) Notifications() []finding.Notification {
	if b == nil {
		return nil
	}
	return b.notes
}

// baselineAction says what ParseBaseline did about problem p.
func baselineAction(probs *inputProblems, p Problem) string {
	m := resultPointer.FindStringSubmatch(p.Pointer)
	if m == nil {
		return ""
	}
	r, _ := strconv.Atoi(m[1])
	i, _ := strconv.Atoi(m[2])
	if regionOnly(probs.of(r, i)) {
		return "the baseline result is matched by its fingerprint only and not reported when absent"
	}
	return "the baseline result is ignored"
}

// jsonPlace says where in data a decoding error is: the line and column
// of the last byte the decoder read.
func jsonPlace(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var off int64
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		err = fmt.Errorf("%s is %s, want %s", cmp.Or(te.Field, "the log"), te.Value, jsonKind(te.Type.Kind()))
	case errors.Is(err, io.ErrUnexpectedEOF): // where it ends
		off, err = int64(len(data))+1, errors.New("unexpected end of file, the log is cut short")
	default:
		return err
	}
	at := syntaxError(data, off-1, "")
	return fmt.Errorf("line %d, column %d: %w", at.Line, at.Column, err)
}

func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	}
	return "a number"
}

// uriPath turns an artifact URI back into a finding path: a %SRCROOT%
// relative URI into a slash-separated relative path, a file URI into an
// absolute path.
func uriPath(uri string) string {
	if rest, ok := strings.CutPrefix(uri, "file://"); ok {
		uri = rest
		if len(uri) > 2 && uri[0] == '/' && uri[2] == ':' { // /C:/x
			uri = uri[1:]
		}
	}
	if p, err := url.PathUnescape(uri); err == nil {
		return p
	}
	return uri
}

// Apply sets the Baseline state of every finding, which must carry its
// fingerprint (SetFingerprints), and returns the baseline results that no
// finding matched, in report order.
func (b *Baseline) Apply(fs []finding.Finding) []BaselineResult {
	used := make([]bool, len(b.entries))
	byFP := map[string][]int{}  // rule, fingerprint -> entries
	byMsg := map[string][]int{} // rule, path, message -> entries
	for i, e := range b.entries {
		if e.Fingerprint != "" {
			k := e.RuleID + "\x00" + e.Fingerprint
			byFP[k] = append(byFP[k], i)
		}
		k := e.RuleID + "\x00" + e.Path + "\x00" + e.Message
		byMsg[k] = append(byMsg[k], i)
	}
	for i := range fs {
		fs[i].Baseline = finding.BaselineNew
		k := fs[i].RuleID + "\x00" + fs[i].Fingerprint
		for _, j := range byFP[k] {
			if !used[j] {
				used[j] = true
				fs[i].Baseline = finding.BaselineUnchanged
				break
			}
		}
	}
	for i := range fs {
		if fs[i].Baseline != finding.BaselineNew {
			continue
		}
		best, bestDist := -1, 0
		for _, j := range byMsg[fs[i].RuleID+"\x00"+fs[i].Pos.Path+"\x00"+fs[i].Message] {
			if used[j] {
				continue
			}
			d, ok := updateDistance(b.entries[j], fs[i])
			if ok && (best < 0 || d < bestDist) {
				best, bestDist = j, d
			}
		}
		if best >= 0 {
			used[best] = true
			fs[i].Baseline = finding.BaselineUpdated
		}
	}
	var absent []BaselineResult
	for j, e := range b.entries {
		if !used[j] && e.line() > 0 { // one without a place cannot be shown
			absent = append(absent, e)
		}
	}
	slices.SortStableFunc(absent, func(x, y BaselineResult) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.line(), y.line()), cmp.Compare(x.RuleID, y.RuleID), cmp.Compare(x.Message, y.Message))
	})
	return absent
}

func (e BaselineResult) line() int {
	if e.Region == nil || e.Region.StartLine == nil {
		return 0
	}
	return *e.Region.StartLine
}

// updateDistance is how far finding f is from where baseline result e
// was: lines from the start of the same declaration, or lines of the file
// when e has no declaration. ok is false when f cannot be e updated: in
// another declaration, or more than maxUpdateDistance lines away.
func updateDistance(e BaselineResult, f finding.Finding) (d int, ok bool) {
	if e.line() == 0 {
		return 0, false
	}
	if e.Decl.Name != "" {
		if e.Decl.Name != f.Decl.Name || e.Decl.Kind != f.Decl.Kind {
			return 0, false
		}
		d = (e.line() - e.Decl.Line) - (f.Pos.Line - f.Decl.Line)
	} else {
		d = e.line() - f.Pos.Line
	}
	d = max(d, -d)
	return d, d <= maxUpdateDistance
}

// finding is the baseline result as a finding, to look its rule up.
func (e BaselineResult) finding() finding.Finding {
	return finding.Finding{RuleID: e.RuleID, Message: e.Message, Level: e.Level, Pos: finding.Position{Path: e.Path, Line: e.line()}, Decl: e.Decl}
}
