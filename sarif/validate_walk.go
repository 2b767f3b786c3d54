package sarif

import (
	"strconv"
)

// A walkField is a property that the walk of a run descends into, with the
// shape of its value: one object, an array of them, or an object whose
// values are (originalUriBaseIds).
type walkField struct {
	name, shape string
	kind        walkKind
}

type walkKind int

const (
	walkOne walkKind = iota
	walkArray
	walkMap
)

// walkFields maps the SARIF objects a run holds (by shape, mostly the
// schema's definition name) to the properties that lead to the objects
// the checks look at: every artifactLocation, region and index-valued
// property of a run, wherever it sits. "uriBase" is an entry of
// originalUriBaseIds; "rule" a reportingDescriptor in rules.
var walkFields = map[string][]walkField{
	"run": {{"tool", "tool", walkOne}, {"results", "result", walkArray}, {"artifacts", "artifact", walkArray},
		{"logicalLocations", "logicalLocation", walkArray}, {"invocations", "invocation", walkArray},
		{"originalUriBaseIds", "uriBase", walkMap}, {"threadFlowLocations", "threadFlowLocation", walkArray},
		{"addresses", "address", walkArray}, {"webRequests", "webRequest", walkArray},
		{"webResponses", "webResponse", walkArray}, {"graphs", "graph", walkArray},
		{"versionControlProvenance", "versionControlDetails", walkArray}, {"conversion", "conversion", walkOne},
		{"specialLocations", "specialLocations", walkOne}},
	"tool":          {{"driver", "toolComponent", walkOne}, {"extensions", "toolComponent", walkArray}},
	"toolComponent": {{"rules", "rule", walkArray}, {"locations", "artifactLocation", walkArray}},
	"result": {{"locations", "location", walkArray}, {"relatedLocations", "location", walkArray},
		{"analysisTarget", "artifactLocation", walkOne}, {"codeFlows", "codeFlow", walkArray},
		{"stacks", "stack", walkArray}, {"fixes", "fix", walkArray}, {"graphs", "graph", walkArray},
		{"graphTraversals", "graphTraversal", walkArray}, {"provenance", "resultProvenance", walkOne},
		{"webRequest", "webRequest", walkOne}, {"webResponse", "webResponse", walkOne},
		{"attachments", "attachment", walkArray}, {"suppressions", "suppression", walkArray}},
	"location": {{"physicalLocation", "physicalLocation", walkOne},
		{"logicalLocations", "logicalLocation", walkArray}, {"annotations", "region", walkArray}},
	"physicalLocation": {{"artifactLocation", "artifactLocation", walkOne}, {"region", "region", walkOne},
		{"contextRegion", "region", walkOne}, {"address", "address", walkOne}},
	"codeFlow":   {{"threadFlows", "threadFlow", walkArray}},
	"threadFlow": {{"locations", "threadFlowLocation", walkArray}},
	"threadFlowLocation": {{"location", "location", walkOne}, {"stack", "stack", walkOne},
		{"webRequest", "webRequest", walkOne}, {"webResponse", "webResponse", walkOne}},
	"stack":          {{"frames", "stackFrame", walkArray}},
	"stackFrame":     {{"location", "location", walkOne}},
	"fix":            {{"artifactChanges", "artifactChange", walkArray}},
	"artifactChange": {{"artifactLocation", "artifactLocation", walkOne}, {"replacements", "replacement", walkArray}},
	"replacement":    {{"deletedRegion", "region", walkOne}},
	"artifact":       {{"location", "artifactLocation", walkOne}},
	"invocation": {{"toolExecutionNotifications", "notification", walkArray},
		{"toolConfigurationNotifications", "notification", walkArray},
		{"executableLocation", "artifactLocation", walkOne}, {"workingDirectory", "artifactLocation", walkOne},
		{"responseFiles", "artifactLocation", walkArray}, {"stdin", "artifactLocation", walkOne},
		{"stdout", "artifactLocation", walkOne}, {"stderr", "artifactLocation", walkOne},
		{"stdoutStderr", "artifactLocation", walkOne}},
	"notification":          {{"locations", "location", walkArray}},
	"attachment":            {{"artifactLocation", "artifactLocation", walkOne}, {"regions", "region", walkArray}},
	"suppression":           {{"location", "location", walkOne}},
	"resultProvenance":      {{"conversionSources", "physicalLocation", walkArray}},
	"graph":                 {{"nodes", "node", walkArray}},
	"node":                  {{"location", "location", walkOne}, {"children", "node", walkArray}},
	"versionControlDetails": {{"mappedTo", "artifactLocation", walkOne}},
	"conversion":            {{"analysisToolLogFiles", "artifactLocation", walkArray}},
	"specialLocations":      {{"displayBase", "artifactLocation", walkOne}},
}

// runIndexes lists, by shape, the index-valued properties that point
// into an array of the run (SARIF1009). Indexes with more to check are
// handled by their shape's own check.
var runIndexes = map[string][]struct{ prop, array string }{
	"artifact":           {{"parentIndex", "artifacts"}},
	"uriBase":            {{"index", "artifacts"}},
	"logicalLocation":    {{"index", "logicalLocations"}, {"parentIndex", "logicalLocations"}},
	"address":            {{"index", "addresses"}, {"parentIndex", "addresses"}},
	"threadFlowLocation": {{"index", "threadFlowLocations"}},
	"webRequest":         {{"index", "webRequests"}},
	"webResponse":        {{"index", "webResponses"}},
	"resultProvenance":   {{"invocationIndex", "invocations"}},
	"graphTraversal":     {{"runGraphIndex", "graphs"}},
}

// runChecker checks one run. The walk keeps the result it is in, and
// whether it is in an artifact nested in another (whose URI is relative
// to its parent, not to a uriBaseId).
type runChecker struct {
	*logChecker
	ptr          string
	run, tool    map[string]any
	driver       map[string]any
	extensions   []any
	result       map[string]any // the result the walk is in, at resultPtr
	resultPtr    string
	inNestedFile bool
	rulesByID    map[string]ruleAt // built on first use by ruleByID
}

// ruleAt is a reportingDescriptor and its pointer.
type ruleAt struct {
	rule map[string]any
	ptr  string
}

// checkRun checks the run at ptr: GitHub's requirements of a run, then
// every object of it.
func (c *logChecker) checkRun(run map[string]any, ptr string) {
	tool := objectProp(run, "tool")
	rc := &runChecker{logChecker: c, ptr: ptr, run: run, tool: tool, driver: objectProp(tool, "driver")}
	rc.extensions, _ = tool["extensions"].([]any)
	results, _ := run["results"].([]any)
	switch {
	case run["results"] == nil:
		c.add(ptr, RuleGitHub, "run has no results array: GitHub code scanning requires one, empty when there are no results")
	case len(results) > c.lim.results:
		c.add(ptr+"/results", RuleGitHub, "%d results: GitHub code scanning rejects a run with more than %d", len(results), c.lim.results)
	}
	if len(results) > 0 && run["columnKind"] == nil {
		c.add(ptr, RuleSpec, "run has results but no columnKind (SARIF §3.14.17 requires it): consumers have to guess the unit of every column, and most assume utf16CodeUnits")
	}
	rc.checkToolLimits()
	rc.walk("run", run, ptr)
}

// checkToolLimits enforces GitHub's limits on extensions and rules.
func (rc *runChecker) checkToolLimits() {
	if n := len(rc.extensions); n > rc.lim.extensions {
		rc.add(rc.ptr+"/tool/extensions", RuleGitHub, "%d tool extensions: GitHub code scanning rejects a run with more than %d", n, rc.lim.extensions)
	}
	n := len(jsonArray(rc.driver["rules"]))
	for _, e := range rc.extensions {
		n += len(jsonArray(jsonObject(e)["rules"]))
	}
	if n > rc.lim.rules {
		rc.add(rc.ptr+"/tool", RuleGitHub, "%d rules in the driver and extensions: GitHub code scanning rejects a run with more than %d", n, rc.lim.rules)
	}
}

// walk visits v, an object of the shape, and descends into the fields
// walkFields lists. Values of another type are the schema's business.
func (rc *runChecker) walk(shape string, v any, ptr string) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	switch shape {
	case "result":
		defer func(prev map[string]any, prevPtr string) { rc.result, rc.resultPtr = prev, prevPtr }(rc.result, rc.resultPtr)
		rc.result, rc.resultPtr = obj, ptr
	case "artifact":
		if _, nested := indexProp(obj, "parentIndex"); nested {
			defer func(prev bool) { rc.inNestedFile = prev }(rc.inNestedFile)
			rc.inNestedFile = true
		}
	}
	rc.visit(shape, obj, ptr)
	for _, f := range walkFields[shape] {
		child, ok := obj[f.name]
		if !ok {
			continue
		}
		p := ptr + "/" + f.name
		switch f.kind {
		case walkOne:
			rc.walk(f.shape, child, p)
		case walkArray:
			for i, e := range jsonArray(child) {
				rc.walk(f.shape, e, p+"/"+strconv.Itoa(i))
			}
		case walkMap:
			for k, e := range jsonObject(child) {
				rc.walk(f.shape, e, p+"/"+escapeToken(k))
			}
		}
	}
}

// visit runs the checks of one object.
func (rc *runChecker) visit(shape string, obj map[string]any, ptr string) {
	for _, ix := range runIndexes[shape] {
		rc.index(obj, ptr, ix.prop, rc.run[ix.array], rc.ptr+"/"+ix.array)
	}
	switch shape {
	case "result":
		rc.checkResult(obj, ptr)
	case "rule":
		if tags := jsonArray(objectProp(obj, "properties")["tags"]); len(tags) > rc.lim.tags {
			rc.add(ptr+"/properties/tags", RuleGitHub, "%d tags: GitHub code scanning rejects a rule with more than %d", len(tags), rc.lim.tags)
		}
	case "notification":
		rc.checkNotification(obj, ptr)
	case "artifactLocation":
		rc.checkArtifactLocation(obj, ptr)
	case "uriBase":
		rc.checkURIBase(obj, ptr)
	case "region":
		rc.checkRegion(obj, ptr)
	case "graphTraversal":
		rc.index(obj, ptr, "resultGraphIndex", rc.result["graphs"], rc.resultPtr+"/graphs")
	}
}

// index checks the index-valued property prop of obj (at ptr) against
// arr, the array at arrPtr (SARIF1009), and returns the index when it
// selects an element.
func (c *logChecker) index(obj map[string]any, ptr, prop string, arr any, arrPtr string) (int, bool) {
	i, ok := indexProp(obj, prop)
	if !ok || i < 0 {
		return 0, false // absent, or not an index: the schema says so
	}
	elems, isArray := arr.([]any)
	switch {
	case arr == nil:
		c.add(ptr+"/"+prop, RuleIndex, "%s %d points into %s, which is absent", prop, i, arrPtr)
	case !isArray:
		// The schema reports the array's type.
	case i >= len(elems):
		c.add(ptr+"/"+prop, RuleIndex, "%s %d points into %s, which has %d elements", prop, i, arrPtr, len(elems))
	default:
		return i, true
	}
	return 0, false
}
