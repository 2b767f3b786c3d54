package sarif

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The Rule of a Problem: "schema", "spec", "github", or the id of the
// Microsoft sarif-sdk validator rule (`sarif validate`) that states the
// same requirement.
const (
	RuleSchema      = "schema"    // the OASIS SARIF 2.1.0 JSON schema
	RuleSpec        = "spec"      // a SHALL of the SARIF 2.1.0 text that no sarif-sdk rule covers
	RuleGitHub      = "github"    // a requirement or hard limit of GitHub code scanning uploads
	RuleURIBaseIDs  = "SARIF1004" // ExpressUriBaseIdsCorrectly
	RuleRegion      = "SARIF1007" // RegionPropertiesMustBeConsistent
	RuleIndex       = "SARIF1009" // IndexPropertiesMustBeConsistentWithArrays
	RuleRuleID      = "SARIF1010" // RuleIdMustBeConsistent
	RuleMessageArgs = "SARIF1012" // MessageArgumentsMustBeConsistentWithRule
)

// Problem is one way a SARIF log fails Validate.
type Problem struct {
	// Pointer is the RFC 6901 JSON pointer of the offending value, e.g.
	// /runs/0/results/3/ruleId; "" is the whole document.
	Pointer string
	// Rule names the requirement: one of the Rule constants.
	Rule string
	// Message says what is wrong, and for GitHub's rules what GitHub does.
	Message string
}

// String formats p as `POINTER: [RULE] message`, the root as "(root)".
func (p Problem) String() string {
	ptr := p.Pointer
	if ptr == "" {
		ptr = "(root)"
	}
	return ptr + ": [" + p.Rule + "] " + p.Message
}

// SyntaxError reports data that is not one JSON value.
type SyntaxError struct {
	Line, Column int // 1-based; Column counts bytes
	Msg          string
}

// Error implements error as "LINE:COL: not JSON: message".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: not JSON: %s", e.Line, e.Column, e.Msg)
}

// githubLimits are the hard limits of GitHub code scanning: an upload
// over any of them is rejected.
type githubLimits struct {
	runs, results, rules, extensions, locations, threadFlowLocations, tags int
	gzipBytes                                                              int
}

// defaultLimits are GitHub's documented limits ("SARIF support for code
// scanning", "SARIF results exceed one or more limits").
var defaultLimits = githubLimits{
	runs:                20,
	results:             25_000,
	rules:               25_000,
	extensions:          100,
	locations:           1_000,
	threadFlowLocations: 10_000,
	tags:                20,
	gzipBytes:           10 << 20,
}

// Validate checks a SARIF log, from lintgate or any other tool, against
// the OASIS SARIF 2.1.0 schema (ValidateSchema; Rule "schema") and the
// structural rules the schema cannot express. It works on the decoded
// JSON, not on typed structs, so that logs of odd shapes still get
// precise pointers; a value of the wrong type is left to the schema.
//
//   - SARIF1009: every index-valued property points into an array that
//     exists and is long enough: result.ruleIndex and rule.index into the
//     rules of the component rule.toolComponent names (the driver when
//     absent), toolComponent.index into tool.extensions, and
//     artifactLocation.index (wherever it is in the run), artifact,
//     logicalLocation and address indexes, threadFlowLocation, webRequest,
//     webResponse, invocation and graph indexes into the run's arrays.
//   - SARIF1010: a result has ruleId or rule.id, equal when both are
//     there, and naming the rule its index selects (or that rule's id plus
//     one hierarchical component); ruleIndex equals rule.index.
//   - SARIF1012: a message id is in the messageStrings of the result's
//     rule, and the arguments fill its highest {N}.
//   - SARIF1004: a relative URI has a uriBaseId (its own, or its
//     artifact's) and does not begin with "/"; an absolute URI has none;
//     every uriBaseId but %SRCROOT% is defined in originalUriBaseIds, whose
//     entries are absolute (or based on another entry), end with "/", and
//     hold no ".." segment, query or fragment.
//   - SARIF1007: a region does not end before it starts.
//   - spec: a run with results has columnKind (§3.14.17); a tool
//     component reference's guid exists, and its name and guid are the
//     component's.
//   - github: every run has results; a ruleId without an index names a
//     rule of the driver or an extension; every result message has text;
//     no two runs share tool and automationDetails.id; and GitHub's hard
//     limits: 20 runs, 25,000 results, 25,000 rules and 100 extensions per
//     run, 1,000 locations and 10,000 thread flow locations per result,
//     20 tags per rule, 10 MB gzipped.
//
// It returns the problems sorted by pointer (array indexes in numeric
// order), rule and message; none for a valid log. The error is a
// *SyntaxError when data is not one JSON value; any other error is an
// internal failure (the embedded schema did not compile).
func Validate(data []byte) ([]Problem, error) {
	return validate(data, defaultLimits)
}

func validate(data []byte, lim githubLimits) ([]Problem, error) {
	doc, err := decodeLog(data)
	if err != nil {
		return nil, err
	}
	problems, err := schemaProblems(doc, data)
	if err != nil {
		return nil, err
	}
	c := &logChecker{lim: lim, problems: problems}
	c.checkLog(doc)
	c.checkSize(data)
	slices.SortFunc(c.problems, compareProblems)
	return slices.Compact(c.problems), nil
}

// decodeLog decodes exactly one JSON value with exact numbers, or returns
// a *SyntaxError placing the first byte that is wrong.
func decodeLog(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	err := dec.Decode(&doc)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return nil, syntaxError(data, se.Offset-1, se.Error())
	case errors.Is(err, io.EOF):
		return nil, syntaxError(data, int64(len(data)), "empty input")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, syntaxError(data, int64(len(data)), "unexpected end of input")
	case err != nil:
		return nil, syntaxError(data, dec.InputOffset(), err.Error())
	}
	rest := dec.InputOffset()
	for rest < int64(len(data)) && strings.IndexByte(" \t\r\n", data[rest]) >= 0 {
		rest++
	}
	if rest < int64(len(data)) {
		return nil, syntaxError(data, rest, "unexpected data after the top-level value")
	}
	return doc, nil
}

// syntaxError places the byte at offset off of data.
func syntaxError(data []byte, off int64, msg string) *SyntaxError {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return &SyntaxError{Line: line, Column: col, Msg: msg}
}

// schemaProblems turns the violations ValidateSchema reports into
// Problems.
func schemaProblems(doc any, data []byte) ([]Problem, error) {
	err := ValidateSchema(data)
	if err == nil {
		return nil, nil
	}
	var se *SchemaError
	if !errors.As(err, &se) {
		return nil, err
	}
	out := make([]Problem, 0, len(se.Violations))
	for _, v := range se.Violations {
		ptr, msg := splitViolation(doc, v)
		out = append(out, Problem{Pointer: ptr, Rule: RuleSchema, Message: msg})
	}
	return out, nil
}

// splitViolation splits a "pointer: message" line of SchemaError. A key
// may itself hold ": ", so the pointer is the shortest prefix that names
// a value of doc (violations always point at one).
func splitViolation(doc any, v string) (ptr, msg string) {
	if rest, ok := strings.CutPrefix(v, "(root): "); ok {
		return "", rest
	}
	for i := 0; ; {
		j := strings.Index(v[i:], ": ")
		if j < 0 {
			break
		}
		i += j
		if _, ok := resolvePointer(doc, v[:i]); ok {
			return v[:i], v[i+2:]
		}
		i += 2
	}
	ptr, msg, _ = strings.Cut(v, ": ")
	return ptr, msg
}

// resolvePointer returns the value of doc that the JSON pointer ptr names.
func resolvePointer(doc any, ptr string) (any, bool) {
	if ptr == "" {
		return doc, true
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, false
	}
	v := doc
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// compareProblems orders by pointer, array indexes numerically, then by
// rule and message.
func compareProblems(a, b Problem) int {
	if c := comparePointers(a.Pointer, b.Pointer); c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
}

func comparePointers(a, b string) int {
	ta, tb := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(ta) && i < len(tb); i++ {
		na, errA := strconv.Atoi(ta[i])
		nb, errB := strconv.Atoi(tb[i])
		if errA == nil && errB == nil && na != nb {
			return cmp.Compare(na, nb)
		}
		if c := strings.Compare(ta[i], tb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(ta), len(tb))
}

// logChecker collects the structural problems of one log.
type logChecker struct {
	lim      githubLimits
	problems []Problem
}

func (c *logChecker) add(ptr, rule, format string, args ...any) {
	c.problems = append(c.problems, Problem{Pointer: ptr, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// checkLog checks the runs of a decoded log. Values of the wrong type
// are skipped here: the schema reports them.
func (c *logChecker) checkLog(doc any) {
	log, _ := doc.(map[string]any)
	runs, _ := log["runs"].([]any)
	if len(runs) > c.lim.runs {
		c.add("/runs", RuleGitHub, "%d runs: GitHub code scanning rejects a file with more than %d", len(runs), c.lim.runs)
	}
	c.checkDuplicateRuns(runs)
	for i, r := range runs {
		if run, ok := r.(map[string]any); ok {
			c.checkRun(run, "/runs/"+strconv.Itoa(i))
		}
	}
}

// checkDuplicateRuns reports runs that GitHub code scanning takes for the
// same analysis: the upload action keys a run by its driver's name,
// fullName, version, semanticVersion and guid and its automationDetails.id,
// and since June 2025 an upload with two runs of one key is rejected
// (it used to combine them).
func (c *logChecker) checkDuplicateRuns(runs []any) {
	first := map[string]int{}
	for i, r := range runs {
		run, ok := r.(map[string]any)
		if !ok {
			continue
		}
		driver := objectProp(objectProp(run, "tool"), "driver")
		key := fmt.Sprintf("%#v", []any{driver["name"], driver["fullName"], driver["version"],
			driver["semanticVersion"], driver["guid"], objectProp(run, "automationDetails")["id"]})
		j, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		name, _ := stringProp(driver, "name")
		id, _ := stringProp(objectProp(run, "automationDetails"), "id")
		c.add("/runs/"+strconv.Itoa(i), RuleGitHub,
			"same tool (%q) and category (automationDetails.id %q) as run %d: GitHub code scanning rejects uploads with two runs of one tool and category; give each run its own automationDetails.id",
			name, id, j)
	}
}

// checkSize reports a log that is too large for GitHub even gzipped.
func (c *logChecker) checkSize(data []byte) {
	if len(data) <= c.lim.gzipBytes {
		return // JSON text does not grow when compressed
	}
	var n sizeCounter
	zw := gzip.NewWriter(&n)
	_, _ = zw.Write(data) // a sizeCounter never fails
	_ = zw.Close()
	if int(n) > c.lim.gzipBytes {
		c.add("", RuleGitHub, "%d bytes gzipped: GitHub code scanning rejects a file over %d bytes gzipped", n, c.lim.gzipBytes)
	}
}

type sizeCounter int64

func (w *sizeCounter) Write(p []byte) (int, error) {
	*w += sizeCounter(len(p))
	return len(p), nil
}

// objectProp returns obj[key] when it is an object, else nil (which reads as
// an empty object).
func objectProp(obj map[string]any, key string) map[string]any {
	v, _ := obj[key].(map[string]any)
	return v
}

// stringProp returns obj[key] when it is a string.
func stringProp(obj map[string]any, key string) (string, bool) {
	s, ok := obj[key].(string)
	return s, ok
}

// intProp returns obj[key] when it is an integer.
func intProp(obj map[string]any, key string) (int, bool) {
	n, ok := obj[key].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(string(n))
	return i, err == nil
}

// indexProp returns obj[key] when it is an array index: an integer other
// than -1, the "absent" default of every index-valued SARIF property.
func indexProp(obj map[string]any, key string) (int, bool) {
	i, ok := intProp(obj, key)
	return i, ok && i != -1
}

// escapeToken escapes a key as an RFC 6901 reference token.
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
