package sarif

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"reflect"
	"slices"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"
)

// mergeInvocations merges the invocations of runs that become one. When
// every invocation holds only what lintgate writes (executionSuccessful,
// exitCode, toolExecutionNotifications), as lintgate's shards do, they
// become the one invocation of an unsharded run: successful when all
// were, the highest exit code (4, a tool failed, over 1, findings, over
// 0), each notification once, in lintgate's order. Otherwise identical
// invocations appear once and the rest stay, in order.
func mergeInvocations(invs []any) []any {
	var unique []any
	seen := map[string]bool{}
	for _, inv := range invs {
		if c := canonical(inv); !seen[c] {
			seen[c] = true
			unique = append(unique, inv)
		}
	}
	if len(unique) < 2 || !slices.ContainsFunc(unique, isLintgateInvocation) || slices.ContainsFunc(unique, func(v any) bool { return !isLintgateInvocation(v) }) {
		return unique
	}
	ok, code := true, 0
	var notes []any
	seenNote := map[string]bool{}
	for _, inv := range unique {
		m := inv.(map[string]any)
		if s, _ := m["executionSuccessful"].(bool); !s {
			ok = false
		}
		if n, has := intProp(m, "exitCode"); has {
			code = max(code, n)
		}
		for _, n := range jsonArray(m["toolExecutionNotifications"]) {
			if c := canonical(n); !seenNote[c] {
				seenNote[c] = true
				notes = append(notes, n)
			}
		}
	}
	slices.SortStableFunc(notes, compareNotes)
	out := map[string]any{"executionSuccessful": ok, "exitCode": code}
	if len(notes) > 0 {
		out["toolExecutionNotifications"] = notes
	}
	return []any{out}
}

func isLintgateInvocation(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for k := range m {
		switch k {
		case "executionSuccessful", "exitCode", "toolExecutionNotifications":
		default:
			return false
		}
	}
	_, has := m["exitCode"]
	return has
}

// compareNotes orders notifications as lintgate writes them
// (finding.CompareNotifications): by place, none first; source; message.
func compareNotes(a, b any) int {
	ka, kb := noteKey(a.(map[string]any)), noteKey(b.(map[string]any))
	return cmp.Or(cmp.Compare(ka.uri, kb.uri), cmp.Compare(ka.line, kb.line), cmp.Compare(ka.col, kb.col),
		cmp.Compare(ka.rule, kb.rule), cmp.Compare(ka.msg, kb.msg))
}

func noteKey(n map[string]any) sortKey {
	k := sortKey{rule: stringValue(objectProp(n, "descriptor"), "id"), msg: stringValue(objectProp(n, "message"), "text")}
	if locs := jsonArray(n["locations"]); len(locs) > 0 {
		pl := objectProp(locs[0].(map[string]any), "physicalLocation")
		k.uri = stringValue(objectProp(pl, "artifactLocation"), "uri")
		k.line, _ = intProp(objectProp(pl, "region"), "startLine")
		k.col, _ = intProp(objectProp(pl, "region"), "startColumn")
	}
	return k
}

// encodeMerged writes the merged log as lintgate writes a run's log (its
// key order, a result per line) when lintgate's SARIF types hold all of
// it, which they do for lintgate's own logs. A log with parts they do not
// model (other tools' properties) keeps every part: its keys are sorted,
// and the results of a one-run log are still one per line.
func encodeMerged(out map[string]any) ([]byte, error) {
	generic, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	var rep gosarif.Report
	if json.Unmarshal(generic, &rep) == nil {
		if typed, err := Marshal(&rep); err == nil && sameJSON(typed, generic) {
			return typed, nil
		}
	}
	var buf bytes.Buffer
	runs := jsonArray(out["runs"])
	if len(runs) != 1 {
		if err := newEncoder(&buf, "").Encode(out); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	run := runs[0].(map[string]any)
	results := jsonArray(run["results"])
	run["results"] = []any{}
	head, err := marshalIndent(out, "")
	run["results"] = results
	if err != nil {
		return nil, err
	}
	if err := spliceResults(&buf, head, results); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sameJSON reports whether two JSON texts hold the same value.
func sameJSON(a, b []byte) bool {
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// spliceResults writes head, an indented log whose one run has
// `"results": []`, with results in that array, one compact line each.
func spliceResults[T any](w io.Writer, head []byte, results []T) error {
	const empty = `"results": []`
	i := bytes.Index(head, []byte(empty))
	if i < 0 {
		return errNoResults
	}
	indent := string(head[bytes.LastIndexByte(head[:i], '\n')+1 : i]) // the key's indentation
	ew := &errWriter{w: w}
	ew.Write(head[:i])
	ew.WriteString(`"results": [`)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	for k, r := range results {
		if k > 0 {
			ew.WriteString(",")
		}
		ew.WriteString("\n" + indent + "  ")
		one.Reset()
		if err := enc.Encode(r); err != nil {
			return &encodeError{err}
		}
		ew.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	ew.WriteString("\n" + indent + "]")
	ew.Write(head[i+len(empty):])
	return ew.err
}
