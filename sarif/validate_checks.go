package sarif

import (
	"slices"
	"strconv"
	"strings"
)

// checkResult checks how a result names its rule, its message and
// GitHub's limits on its locations.
func (rc *runChecker) checkResult(res map[string]any, ptr string) {
	rule, rulePtr := rc.resultRule(res, ptr)
	rc.checkMessage(objectProp(res, "message"), ptr+"/message", rule, rulePtr)
	if n := len(jsonArray(res["locations"])); n > rc.lim.locations {
		rc.add(ptr+"/locations", RuleGitHub, "%d locations: GitHub code scanning rejects a result with more than %d", n, rc.lim.locations)
	}
	n := 0
	for _, flow := range jsonArray(res["codeFlows"]) {
		for _, thread := range jsonArray(jsonObject(flow)["threadFlows"]) {
			n += len(jsonArray(jsonObject(thread)["locations"]))
		}
	}
	if n > rc.lim.threadFlowLocations {
		rc.add(ptr+"/codeFlows", RuleGitHub, "%d thread flow locations: GitHub code scanning rejects a result with more than %d", n, rc.lim.threadFlowLocations)
	}
}

// resultRule resolves the rule of a result (§3.27.5-7, §3.52): by
// rule.index or ruleIndex within the rules of the tool component that
// rule.toolComponent names (the driver when absent), else by id. It
// returns the reportingDescriptor and its pointer, or nil.
func (rc *runChecker) resultRule(res map[string]any, ptr string) (map[string]any, string) {
	ref := objectProp(res, "rule")
	id, idPtr := rc.resultRuleID(res, ref, ptr)
	ruleIndex, hasRuleIndex := indexProp(res, "ruleIndex")
	refIndex, hasRefIndex := indexProp(ref, "index")
	if hasRuleIndex && hasRefIndex && ruleIndex != refIndex {
		rc.add(ptr+"/rule/index", RuleRuleID, "rule.index %d differs from ruleIndex %d", refIndex, ruleIndex)
	}
	comp, compPtr, ok := rc.component(objectProp(ref, "toolComponent"), ptr+"/rule/toolComponent")
	if !ok {
		return nil, ""
	}
	var i int
	switch {
	case hasRefIndex:
		i, ok = rc.index(ref, ptr+"/rule", "index", comp["rules"], compPtr+"/rules")
	case hasRuleIndex:
		i, ok = rc.index(res, ptr, "ruleIndex", comp["rules"], compPtr+"/rules")
	default:
		return rc.ruleByID(id, idPtr)
	}
	if !ok {
		return nil, ""
	}
	rule, rulePtr := jsonObject(jsonArray(comp["rules"])[i]), compPtr+"/rules/"+strconv.Itoa(i)
	if ruleID, ok := stringProp(rule, "id"); ok && id != "" && !namesRule(id, ruleID) {
		rc.add(idPtr, RuleRuleID, "%q does not name the rule at %s, whose id is %q", id, rulePtr, ruleID)
	}
	return rule, rulePtr
}

// resultRuleID returns the rule id of a result and where it is, after
// checking that ruleId and rule.id are consistent (SARIF1010).
func (rc *runChecker) resultRuleID(res, ref map[string]any, ptr string) (string, string) {
	ruleID, hasRuleID := stringProp(res, "ruleId")
	refID, hasRefID := stringProp(ref, "id")
	switch {
	case !hasRuleID && !hasRefID:
		rc.add(ptr, RuleRuleID, "result has neither ruleId nor rule.id")
		return "", ""
	case !hasRuleID:
		return refID, ptr + "/rule/id"
	case hasRefID && refID != ruleID:
		rc.add(ptr+"/rule/id", RuleRuleID, "rule.id %q differs from ruleId %q", refID, ruleID)
	}
	return ruleID, ptr + "/ruleId"
}

// namesRule reports whether a result's rule id names the rule with id
// ruleID: it is ruleID, or ruleID and one more hierarchical component
// (§3.52.4).
func namesRule(id, ruleID string) bool {
	sub, ok := strings.CutPrefix(id, ruleID+"/")
	return id == ruleID || ok && !strings.Contains(sub, "/")
}

// ruleByID finds a rule by id in the driver or an extension (the first
// of that id), the way GitHub code scanning finds the metadata of a
// result with a ruleId only.
func (rc *runChecker) ruleByID(id, idPtr string) (map[string]any, string) {
	if id == "" {
		return nil, ""
	}
	if rc.rulesByID == nil {
		rc.rulesByID = map[string]ruleAt{}
		for ci, comp := range append([]any{rc.driver}, rc.extensions...) {
			for i, r := range jsonArray(jsonObject(comp)["rules"]) {
				ruleID, _ := stringProp(jsonObject(r), "id")
				if _, dup := rc.rulesByID[ruleID]; !dup {
					rc.rulesByID[ruleID] = ruleAt{jsonObject(r), rc.componentPtr(ci-1) + "/rules/" + strconv.Itoa(i)}
				}
			}
		}
	}
	if r, ok := rc.rulesByID[id]; ok {
		return r.rule, r.ptr
	}
	rc.add(idPtr, RuleGitHub, "no rule %q in tool.driver.rules or tool.extensions[].rules: GitHub code scanning shows the result without the rule's description, help and severity", id)
	return nil, ""
}

// componentPtr is the pointer of extension i, or of the driver for -1.
func (rc *runChecker) componentPtr(i int) string {
	if i < 0 {
		return rc.ptr + "/tool/driver"
	}
	return rc.ptr + "/tool/extensions/" + strconv.Itoa(i)
}

// component resolves a toolComponentReference (§3.54.2): by index among
// the extensions, else by guid, else the driver. It reports an index out
// of range, an unknown guid and a name or guid that differs from the
// component's, and says whether it found the component.
func (rc *runChecker) component(ref map[string]any, ptr string) (map[string]any, string, bool) {
	ci := -1
	if _, has := indexProp(ref, "index"); has {
		i, ok := rc.index(ref, ptr, "index", rc.tool["extensions"], rc.ptr+"/tool/extensions")
		if !ok {
			return nil, "", false
		}
		ci = i
	} else if guid, has := stringProp(ref, "guid"); has {
		ci = slices.IndexFunc(rc.extensions, func(e any) bool { return sameGUID(jsonObject(e), guid) })
		if ci < 0 && !sameGUID(rc.driver, guid) {
			rc.add(ptr+"/guid", RuleSpec, "no tool component has guid %q", guid)
			return nil, "", false
		}
	}
	comp, compPtr := rc.driver, rc.componentPtr(ci)
	if ci >= 0 {
		comp = jsonObject(rc.extensions[ci])
	}
	for _, prop := range []string{"name", "guid"} {
		want, has := stringProp(ref, prop)
		got, ok := stringProp(comp, prop)
		if has && ok && !strings.EqualFold(want, got) {
			rc.add(ptr+"/"+prop, RuleSpec, "%s %q differs from the %s %q of %s", prop, want, prop, got, compPtr)
		}
	}
	return comp, compPtr, true
}

func sameGUID(comp map[string]any, guid string) bool {
	g, ok := stringProp(comp, "guid")
	return ok && strings.EqualFold(g, guid)
}

// checkNotification checks the indexes of a notification's descriptor
// (into its component's notifications) and associatedRule (into rules).
func (rc *runChecker) checkNotification(n map[string]any, ptr string) {
	for _, ref := range []struct{ prop, array string }{{"descriptor", "notifications"}, {"associatedRule", "rules"}} {
		obj := objectProp(n, ref.prop)
		if obj == nil {
			continue
		}
		p := ptr + "/" + ref.prop
		if comp, compPtr, ok := rc.component(objectProp(obj, "toolComponent"), p+"/toolComponent"); ok {
			rc.index(obj, p, "index", comp[ref.array], compPtr+"/"+ref.array)
		}
	}
}

// checkMessage checks a result's message: GitHub wants its text, and a
// message id must name a message string of the rule with enough
// arguments for it (SARIF1012).
func (rc *runChecker) checkMessage(msg map[string]any, ptr string, rule map[string]any, rulePtr string) {
	if msg == nil {
		return // the schema requires a message
	}
	if text, _ := stringProp(msg, "text"); text == "" {
		rc.add(ptr, RuleGitHub, "no message text: GitHub code scanning requires message.text and does not look up message.id")
	}
	id, ok := stringProp(msg, "id")
	if !ok {
		return
	}
	if rule == nil {
		return // the result's rule reference is broken, and reported
	}
	str := objectProp(objectProp(rule, "messageStrings"), id)
	if str == nil {
		rc.add(ptr+"/id", RuleMessageArgs, "message id %q is not in the messageStrings of %s", id, rulePtr)
		return
	}
	text, _ := stringProp(str, "text")
	markdown, _ := stringProp(str, "markdown")
	need := max(placeholders(text), placeholders(markdown))
	if got := len(jsonArray(msg["arguments"])); got < need {
		rc.add(ptr, RuleMessageArgs, "message string %q of %s uses {%d}, but the message has %d arguments", id, rulePtr, need-1, got)
	}
}

// placeholders returns the number of arguments a SARIF message string
// needs: one more than its highest {N}. "{{" is an escaped brace.
func placeholders(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		if strings.HasPrefix(s[i:], "{{") {
			i++
			continue
		}
		digits, _, closed := strings.Cut(s[i+1:], "}")
		if k, err := strconv.ParseUint(digits, 10, 31); closed && err == nil {
			n = max(n, int(k)+1)
		}
	}
	return n
}

// checkArtifactLocation checks an artifactLocation's index and how its
// URI is expressed (SARIF1004).
func (rc *runChecker) checkArtifactLocation(al map[string]any, ptr string) {
	base, hasBase := stringProp(al, "uriBaseId")
	if hasBase {
		rc.checkBaseDefined(base, ptr+"/uriBaseId")
	}
	i, indexed := rc.index(al, ptr, "index", rc.run["artifacts"], rc.ptr+"/artifacts")
	uri, ok := stringProp(al, "uri")
	if !ok {
		return
	}
	switch {
	case hasScheme(uri):
		if hasBase {
			rc.add(ptr+"/uriBaseId", RuleURIBaseIDs, "uriBaseId %q with the absolute URI %q: only a relative reference takes a base", base, uri)
		}
	case strings.HasPrefix(uri, "/"):
		rc.add(ptr+"/uri", RuleURIBaseIDs, "%q begins with a slash, so it does not combine with a base URI: write file://%s, or a path relative to a uriBaseId", uri, uri)
	case !hasBase && !rc.inNestedFile && (!indexed || !rc.artifactHasBase(i)):
		rc.add(ptr+"/uri", RuleURIBaseIDs, "relative reference %q has no uriBaseId: consumers cannot tell what it is relative to (lintgate uses %s)", uri, SrcRoot)
	}
}

// artifactHasBase reports whether run.artifacts[i] gives a uriBaseId
// that an artifactLocation pointing to it by index shares.
func (rc *runChecker) artifactHasBase(i int) bool {
	_, ok := stringProp(objectProp(jsonObject(jsonArray(rc.run["artifacts"])[i]), "location"), "uriBaseId")
	return ok
}

// checkURIBase checks an entry of originalUriBaseIds (SARIF1004): a base
// without a uriBaseId of its own must be absolute, and every base must
// end with a slash and hold no ".." segment, query or fragment.
func (rc *runChecker) checkURIBase(al map[string]any, ptr string) {
	base, hasBase := stringProp(al, "uriBaseId")
	if hasBase {
		rc.checkBaseDefined(base, ptr+"/uriBaseId")
	}
	uri, ok := stringProp(al, "uri")
	if !ok {
		return
	}
	p, abs := ptr+"/uri", hasScheme(uri)
	if !hasBase && !abs {
		rc.add(p, RuleURIBaseIDs, "%q is not an absolute URI: a base without a uriBaseId of its own must be", uri)
	}
	if !strings.HasSuffix(uri, "/") {
		rc.add(p, RuleURIBaseIDs, "%q does not end with a slash: a relative reference would replace its last segment", uri)
	}
	if slices.Contains(strings.Split(uri, "/"), "..") {
		rc.add(p, RuleURIBaseIDs, "%q has a \"..\" segment, which may resolve differently where the log is read", uri)
	}
	if abs && strings.ContainsAny(uri, "?#") {
		rc.add(p, RuleURIBaseIDs, "%q has a query or fragment: nothing can be appended to it", uri)
	}
}

// checkBaseDefined reports a uriBaseId that originalUriBaseIds does not
// define, unless it is %SRCROOT%, which every consumer knows.
func (rc *runChecker) checkBaseDefined(id, ptr string) {
	if _, ok := objectProp(rc.run, "originalUriBaseIds")[id]; ok || id == SrcRoot {
		return
	}
	rc.add(ptr, RuleURIBaseIDs, "uriBaseId %q is not defined in %s/originalUriBaseIds (only %s may be left undefined)", id, rc.ptr, SrcRoot)
}

// hasScheme reports whether u begins with an RFC 3986 scheme, i.e. is
// a URI rather than a relative reference.
func hasScheme(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// checkRegion checks that a region does not end before it starts
// (SARIF1007). The schema already requires lines and columns >= 1.
func (rc *runChecker) checkRegion(r map[string]any, ptr string) {
	startLine, hasStartLine := intProp(r, "startLine")
	endLine, hasEndLine := intProp(r, "endLine")
	if hasStartLine && hasEndLine && endLine < startLine {
		rc.add(ptr+"/endLine", RuleRegion, "endLine %d is before startLine %d", endLine, startLine)
	}
	startColumn, ok := intProp(r, "startColumn")
	if !ok {
		startColumn = 1
	}
	endColumn, hasEndColumn := intProp(r, "endColumn")
	oneLine := hasStartLine && (!hasEndLine || endLine == startLine)
	if hasEndColumn && oneLine && endColumn < startColumn {
		rc.add(ptr+"/endColumn", RuleRegion, "endColumn %d is before startColumn %d on line %d", endColumn, startColumn, startLine)
	}
}

// jsonArray returns v when it is an array.
func jsonArray(v any) []any {
	l, _ := v.([]any)
	return l
}

// jsonObject returns v when it is an object.
func jsonObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
