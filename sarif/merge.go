package sarif

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// MaxRuns is the most runs GitHub code scanning accepts in one file.
const MaxRuns = 20

// MergeInput is one log to merge and its name, for messages.
type MergeInput struct {
	Name string
	Data []byte
}

// Merge merges SARIF logs, from lintgate shards or other tools, into one.
//
// Runs with the same driver name, driver version and automationDetails.id
// (the category) become one run: their driver and extension rules are
// unioned by id (sorted, as lintgate writes them) and every reference from
// a result (ruleIndex, rule.index, rule.toolComponent.index) is
// re-pointed; extensions are unioned by name and version; artifacts are
// dropped, each artifactLocation that used an artifact index getting the
// artifact's URI instead; invocations, originalUriBaseIds and
// versionControlProvenance are unioned; results that are identical after
// re-indexing appear once, sorted by location, rule and message. Other
// runs stay separate, in the order they first appear. Runs that cannot be
// merged (different columnKind, one %SRCROOT% mapped to two places) are an
// error, as is a result beyond MaxRuns runs.
//
// Every input is checked against the SARIF schema first. A result that
// is invalid (a region that starts at line -5 or ends before it starts, a
// level that is not one) is left out, with a warning notification in the
// merged run's first invocation naming the file and the JSON pointer; an
// input invalid anywhere else is an error naming the file and the JSON
// pointer of each problem. The output is validated again before it is
// returned.
func Merge(inputs []MergeInput) ([]byte, error) {
	type group struct {
		key   string
		runs  []map[string]any
		from  []string // input of each run, for messages
		notes []any    // about the results left out
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, in := range inputs {
		doc, err := decodeLog(in.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		probs, err := checkInput(in.Name, in.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		if probs.outsideResults() {
			err := ValidateSchema(in.Data)
			if err == nil { // only SARIF1007 outside results
				err = errors.New(probs.all[0].String())
			}
			return nil, fmt.Errorf("%s: not a valid SARIF 2.1.0 log:\n%w", in.Name, err)
		}
		runs := jsonArray(jsonObject(doc)["runs"])
		for i, r := range runs {
			run := r.(map[string]any)
			key := runKey(run)
			g := byKey[key]
			if g == nil {
				g = &group{key: key}
				byKey[key] = g
				groups = append(groups, g)
			}
			g.notes = append(g.notes, dropInvalidResults(run, i, probs)...)
			g.runs = append(g.runs, run)
			g.from = append(g.from, fmt.Sprintf("%s: /runs/%d", in.Name, i))
		}
	}
	if len(groups) > MaxRuns {
		return nil, fmt.Errorf("the merged log would have %d runs (distinct tool, version and category); GitHub code scanning accepts at most %d", len(groups), MaxRuns)
	}
	out := map[string]any{"version": "2.1.0", "$schema": SchemaURI, "runs": []any{}}
	for _, g := range groups {
		run, err := mergeRuns(g.runs, g.from)
		if err != nil {
			return nil, err
		}
		addNotes(run, g.notes)
		out["runs"] = append(out["runs"].([]any), run)
	}
	data, err := encodeMerged(out)
	if err != nil {
		return nil, err
	}
	if err := ValidateSchema(data); err != nil {
		return nil, fmt.Errorf("the merged log is not valid SARIF (a lintgate bug):\n%w", err)
	}
	return data, nil
}

// runKey identifies the runs that merge: same driver, version, category.
func runKey(run map[string]any) string {
	driver := objectProp(objectProp(run, "tool"), "driver")
	return fmt.Sprintf("%q %q %q", stringValue(driver, "name"), cmp.Or(stringValue(driver, "semanticVersion"), stringValue(driver, "version")), stringValue(objectProp(run, "automationDetails"), "id"))
}

// component is a tool component being rebuilt: its rules by id, and the
// old-index-to-id map of each input run.
type component struct {
	desc  map[string]any
	rules map[string]any // id -> descriptor
}

func mergeRuns(runs []map[string]any, from []string) (map[string]any, error) {
	first := runs[0]
	out := map[string]any{}
	for k, v := range first {
		switch k {
		case "results", "artifacts", "invocations", "tool", "originalUriBaseIds", "versionControlProvenance":
		default:
			out[k] = v
		}
	}
	driver := &component{rules: map[string]any{}}
	var exts []*component
	extIdx := map[string]int{} // name+version -> index in exts
	bases := map[string]any{}
	var invocations, provenance []any
	seen := map[string]bool{}
	var results []any
	for ri, run := range runs {
		if ck, fk := stringValue(run, "columnKind"), stringValue(first, "columnKind"); ck != fk {
			return nil, fmt.Errorf("%s: columnKind %q cannot merge with %q of %s", from[ri], ck, fk, from[0])
		}
		tool := objectProp(run, "tool")
		d := objectProp(tool, "driver")
		if driver.desc == nil {
			driver.desc = d
		}
		driverIDs := collectRules(driver, d)
		var extIDs []map[int]string
		var extMap []int // this run's extension index -> merged index
		for _, e := range jsonArray(tool["extensions"]) {
			e := e.(map[string]any)
			k := stringValue(e, "name") + "\x00" + cmp.Or(stringValue(e, "semanticVersion"), stringValue(e, "version"))
			i, ok := extIdx[k]
			if !ok {
				i = len(exts)
				extIdx[k] = i
				exts = append(exts, &component{desc: e, rules: map[string]any{}})
			}
			extMap = append(extMap, i)
			extIDs = append(extIDs, collectRules(exts[i], e))
		}
		for k, v := range objectProp(run, "originalUriBaseIds") {
			if old, ok := bases[k]; ok && canonical(old) != canonical(v) {
				return nil, fmt.Errorf("%s: originalUriBaseIds %s is %s here and %s in %s", from[ri], k, canonical(v), canonical(old), from[0])
			}
			bases[k] = v
		}
		for _, p := range jsonArray(run["versionControlProvenance"]) {
			if !slices.ContainsFunc(provenance, func(q any) bool { return canonical(q) == canonical(p) }) {
				provenance = append(provenance, p)
			}
		}
		invocations = append(invocations, jsonArray(run["invocations"])...)
		artifacts := jsonArray(run["artifacts"])
		for _, r := range jsonArray(run["results"]) {
			res := r.(map[string]any)
			rewriteArtifacts(res, artifacts)
			if err := rekeyRule(res, driverIDs, extIDs, extMap); err != nil {
				return nil, fmt.Errorf("%s: %w", from[ri], err)
			}
			results = append(results, res)
		}
	}
	// Rules sorted by id; references point at the new indexes.
	driverIdx := finishComponent(driver)
	extIndexes := make([]map[string]int, len(exts))
	for i, e := range exts {
		extIndexes[i] = finishComponent(e)
	}
	unique := []any{}
	for _, r := range results {
		pointRule(r.(map[string]any), driverIdx, extIndexes)
		if c := canonical(r); !seen[c] {
			seen[c] = true
			unique = append(unique, r)
		}
	}
	results = unique
	slices.SortStableFunc(results, compareResults)
	tool := map[string]any{"driver": driver.desc}
	if len(exts) > 0 {
		var es []any
		for _, e := range exts {
			es = append(es, e.desc)
		}
		tool["extensions"] = es
	}
	out["tool"] = tool
	out["results"] = results
	if len(invocations) > 0 {
		out["invocations"] = mergeInvocations(invocations)
	}
	if len(bases) > 0 {
		out["originalUriBaseIds"] = bases
	}
	if len(provenance) > 0 {
		out["versionControlProvenance"] = provenance
	}
	return out, nil
}

// collectRules adds a component's rules to the merged one (the first
// descriptor of an id wins) and returns its old index -> id map.
func collectRules(c *component, desc map[string]any) map[int]string {
	ids := map[int]string{}
	for i, r := range jsonArray(desc["rules"]) {
		r := r.(map[string]any)
		id := stringValue(r, "id")
		ids[i] = id
		if _, ok := c.rules[id]; !ok {
			c.rules[id] = r
		}
	}
	return ids
}

// finishComponent writes the merged rules, sorted by id, into the
// descriptor and returns the new id -> index map.
func finishComponent(c *component) map[string]int {
	d := maps.Clone(c.desc)
	ids := slices.Sorted(maps.Keys(c.rules))
	idx := map[string]int{}
	rules := make([]any, 0, len(ids))
	for i, id := range ids {
		idx[id] = i
		rules = append(rules, c.rules[id])
	}
	if len(rules) > 0 || d["rules"] != nil {
		d["rules"] = rules
	}
	c.desc = d
	return idx
}

// The result keys that rekeyRule and pointRule use to remember which
// component a result's rule is in between the two passes.
const (
	mergeRuleKey = "\x00rule"
	mergeCompKey = "\x00component"
)

// rekeyRule replaces a result's rule indexes by the rule id and the
// merged component, to be turned back into indexes once all rules are
// known.
func rekeyRule(res map[string]any, driverIDs map[int]string, extIDs []map[int]string, extMap []int) error {
	ref, _ := res["rule"].(map[string]any)
	comp, ids := -1, driverIDs // the driver, unless toolComponent says otherwise
	if ref != nil {
		if tc, ok := ref["toolComponent"].(map[string]any); ok {
			if n, ok := intProp(tc, "index"); ok {
				if n < 0 || n >= len(extMap) {
					return fmt.Errorf("result rule.toolComponent.index %d is out of range", n)
				}
				comp, ids = extMap[n], extIDs[n]
			}
		}
	}
	id := stringValue(res, "ruleId")
	if ref != nil && id == "" {
		id = stringValue(ref, "id")
	}
	if ref != nil {
		if n, ok := intProp(ref, "index"); ok {
			if _, ok := ids[n]; !ok {
				return fmt.Errorf("result rule.index %d is out of range", n)
			}
			id = cmp.Or(id, ids[n])
		}
	}
	if n, ok := intProp(res, "ruleIndex"); ok && comp < 0 {
		if _, ok := ids[n]; !ok {
			return fmt.Errorf("result ruleIndex %d is out of range", n)
		}
		id = cmp.Or(id, ids[n])
	}
	res[mergeRuleKey] = id
	res[mergeCompKey] = comp
	return nil
}

// pointRule sets a result's rule indexes into the merged components.
func pointRule(res map[string]any, driverIdx map[string]int, extIdx []map[string]int) {
	id, _ := res[mergeRuleKey].(string)
	comp, _ := res[mergeCompKey].(int)
	delete(res, mergeRuleKey)
	delete(res, mergeCompKey)
	if comp < 0 {
		if _, ok := res["ruleIndex"]; ok {
			if i, ok := driverIdx[id]; ok {
				res["ruleIndex"] = i
			} else {
				delete(res, "ruleIndex")
			}
		}
		if ref, ok := res["rule"].(map[string]any); ok {
			if i, ok := driverIdx[id]; ok && ref["index"] != nil {
				ref["index"] = i
			}
		}
		return
	}
	ref := res["rule"].(map[string]any)
	tc := ref["toolComponent"].(map[string]any)
	tc["index"] = comp
	if i, ok := extIdx[comp][id]; ok && ref["index"] != nil {
		ref["index"] = i
	}
}

// rewriteArtifacts replaces artifactLocation.index in a result by the
// artifact's own location, since merged runs carry no artifacts.
func rewriteArtifacts(v any, artifacts []any) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if k == "artifactLocation" {
				if al, ok := child.(map[string]any); ok {
					if n, ok := intProp(al, "index"); ok {
						delete(al, "index")
						if n >= 0 && n < len(artifacts) {
							if loc := objectProp(artifacts[n].(map[string]any), "location"); loc != nil && al["uri"] == nil {
								al["uri"] = loc["uri"]
								if b, ok := loc["uriBaseId"]; ok {
									al["uriBaseId"] = b
								}
							}
						}
					}
				}
			}
			rewriteArtifacts(child, artifacts)
		}
	case []any:
		for _, child := range x {
			rewriteArtifacts(child, artifacts)
		}
	}
}

func compareResults(a, b any) int {
	ka, kb := resultSortKey(a.(map[string]any)), resultSortKey(b.(map[string]any))
	return cmp.Or(cmp.Compare(ka.uri, kb.uri), cmp.Compare(ka.line, kb.line), cmp.Compare(ka.col, kb.col),
		cmp.Compare(ka.rule, kb.rule), cmp.Compare(ka.msg, kb.msg), cmp.Compare(ka.state, kb.state))
}

type sortKey struct {
	uri, rule, msg, state string
	line, col             int
}

func resultSortKey(r map[string]any) sortKey {
	k := sortKey{rule: stringValue(r, "ruleId"), msg: stringValue(objectProp(r, "message"), "text"), state: stringValue(r, "baselineState")}
	if locs := jsonArray(r["locations"]); len(locs) > 0 {
		pl := objectProp(locs[0].(map[string]any), "physicalLocation")
		k.uri = stringValue(objectProp(pl, "artifactLocation"), "uri")
		k.line, _ = intProp(objectProp(pl, "region"), "startLine")
		k.col, _ = intProp(objectProp(pl, "region"), "startColumn")
	}
	return k
}

// canonical is a value's JSON with sorted keys, to compare values.
func canonical(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// stringValue is obj[key] when it is a string, else "".
func stringValue(obj map[string]any, key string) string {
	s, _ := stringProp(obj, key)
	return s
}
