package sarif

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
)

// SchemaURI is the $schema of every log: the final OASIS SARIF 2.1.0
// schema (errata 01), the id of the schema lintgate validates against.
const SchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SrcRoot is the uriBaseId of every path in the log.
const SrcRoot = "%SRCROOT%"

// DefaultCategory is the automationDetails.id when none is given.
const DefaultCategory = "lintgate/"

// semverRE matches a semantic version with an optional leading v; a
// development build's "(devel)" is a version but not a semantic one.
var semverRE = regexp.MustCompile(`^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// Tool names a tool component: the driver or an extension.
type Tool struct {
	Name           string
	Version        string // as the tool prints it
	InformationURI string
}

// RuleSource looks rules up by id; *rules.Catalog implements it.
type RuleSource interface {
	Lookup(id string) (rules.Rule, bool)
}

// Input is everything a log is made of.
type Input struct {
	// Root is the absolute module root; paths in Findings are relative to it.
	Root          string
	Findings      []finding.Finding
	Notifications []finding.Notification
	Rules         RuleSource
	Driver        Tool
	// Extensions are the tools whose rules results reference, in order:
	// golangci-lint, staticcheck, revive.
	Extensions []Tool
	Success    bool
	// ExitCode is lintgate's own exit code for the run.
	ExitCode int
	// Category is automationDetails.id; "" means DefaultCategory.
	Category string
	// ReadFile reads a file by absolute path, to convert columns; it is
	// called from several goroutines at once. nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
	// Sources, when not nil, are the sources the findings' fingerprints
	// were computed from (Sources.SetFingerprints), of the same Root and
	// ReadFile: the log reuses what was read and scanned.
	Sources *Sources
	// VCS describes the version-control state of the checkout; nil when
	// the module is not in a work tree.
	VCS *VCS
	// Absent are the baseline results no finding matched (Baseline.Apply);
	// they are reported with baselineState "absent" after the findings.
	Absent []BaselineResult
	// MaxResults bounds the results of the run: 0 means GitHub's limit
	// (MaxResults), a negative value means no bound. Beyond it the log keeps
	// the most severe results and says so in a notification.
	MaxResults int
}

// MaxResults is the most results GitHub code scanning accepts in one run.
const MaxResults = 25000

// VCS is the version-control state the log records as
// versionControlProvenance.
type VCS struct {
	RepositoryURI string // where the repository lives: its remote, or a file URI
	RevisionID    string // the commit checked out
	Branch        string // "" when HEAD is detached
	// Root is the slash-separated path of the repository's top level
	// relative to the module root: "" when they are the same, "../.." when
	// the module is two directories down.
	Root string
}

// ResultLimit returns how many results a log built from in may carry, or
// -1 for no bound.
func (in Input) ResultLimit() int {
	switch {
	case in.MaxResults < 0:
		return -1
	case in.MaxResults == 0:
		return MaxResults
	}
	return in.MaxResults
}

// Build assembles the SARIF log. Results and rules are sorted, so the same
// input gives the same log.
func Build(in Input) (*gosarif.Report, error) {
	b := newBuilder(in)
	run := &gosarif.Run{
		Tool:       gosarif.Tool{Driver: b.component(in.Driver)},
		Results:    []*gosarif.Result{},
		ColumnKind: "utf16CodeUnits",
		OriginalUriBaseIDs: map[string]*gosarif.ArtifactLocation{
			SrcRoot: {URI: ptr(dirURI(in.Root))},
		},
		AutomationDetails: &gosarif.RunAutomationDetails{ID: ptr(cmp.Or(in.Category, DefaultCategory))},
	}
	fs := slices.Clone(in.Findings)
	finding.Sort(fs)
	paths := make([]string, len(fs))
	decls := false // a finding without its declaration (SetFingerprints sets them)
	for i, f := range fs {
		paths[i] = f.Pos.Path
		decls = decls || f.Decl == (finding.Decl{})
	}
	b.files.prefetch(paths, true, decls)
	// Fingerprints number repeated findings in report order, so they are
	// computed over every finding, before any is left out.
	setFingerprints(b.files, fs)
	kept, dropped := keepMostSevere(fs, in.ResultLimit())
	absent := in.Absent
	if limit := in.ResultLimit(); limit >= 0 {
		room := max(limit-len(fs), 0)
		if len(absent) > room {
			dropped += len(absent) - room
			absent = absent[:room]
		}
	}
	if err := b.addRules(fs, kept, absent); err != nil {
		return nil, err
	}
	for i, f := range fs {
		if kept[i] {
			run.Results = append(run.Results, b.result(f))
		}
	}
	for _, a := range absent {
		run.Results = append(run.Results, b.absentResult(a))
	}
	if vcs := b.provenance(in.VCS); vcs != nil {
		run.VersionControlProvenance = []*gosarif.VersionControlDetails{vcs}
	}
	run.Tool.Extensions = b.exts
	notes := in.Notifications
	if dropped > 0 {
		notes = append(slices.Clip(notes), finding.Notification{
			Level: finding.LevelWarning, Source: "lintgate",
			Message: TruncationMessage(len(fs)+len(in.Absent), in.ResultLimit()),
		})
	}
	run.Invocations = []*gosarif.Invocation{b.invocation(in.Success, in.ExitCode, notes)}
	return &gosarif.Report{Version: string(gosarif.Version210), Schema: SchemaURI, Runs: []*gosarif.Run{run}}, nil
}

// Write writes the log as JSON, streaming the results to w as they are
// encoded rather than building the whole log in memory first. The log is
// indented except for its results, which take one line each.
func Write(w io.Writer, in Input) error {
	rep, err := Build(in)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := encode(bw, rep); err != nil {
		return err
	}
	return bw.Flush()
}

// Marshal encodes a log as Write does, with a final newline, without HTML
// escaping (messages quote code: <-chan, &x).
func Marshal(rep *gosarif.Report) ([]byte, error) {
	var buf bytes.Buffer
	if err := encode(&buf, rep); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encode writes rep to w: indented, except that each result of a one-run
// log is one compact line. Results are encoded one at a time, so the
// whole log is never held in a buffer, and compact results skip
// encoding/json's re-indent pass (a quarter of the time of a large log);
// a result per line also makes logs diff and grep well.
func encode(w io.Writer, rep *gosarif.Report) error {
	if len(rep.Runs) != 1 || len(rep.Runs[0].Results) == 0 {
		return newEncoder(w, "").Encode(rep)
	}
	run := rep.Runs[0]
	results := run.Results
	run.Results = []*gosarif.Result{}
	head, err := marshalIndent(rep, "")
	run.Results = results
	if err != nil {
		return err
	}
	return spliceResults(w, head, results)
}

var errNoResults = errors.New("encoding SARIF: no results array in the run")

type encodeError struct{ err error }

func (e *encodeError) Error() string { return "encoding SARIF: " + e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }

// errWriter keeps the first write error, so a sequence of writes needs
// one check.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

func (e *errWriter) WriteString(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func marshalIndent(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	if err := newEncoder(&buf, prefix).Encode(v); err != nil {
		return nil, fmt.Errorf("encoding SARIF: %w", err)
	}
	return buf.Bytes(), nil
}

func newEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc
}

type builder struct {
	in     Input
	exts   []*gosarif.ToolComponent
	extIdx map[string]int                                   // tool name -> extension index
	refs   map[string]*gosarif.ReportingDescriptorReference // rule id -> reference
	files  *sourceCache
}

func newBuilder(in Input) *builder {
	files := newSourceCache(in.Root, in.ReadFile)
	if in.Sources != nil {
		files = in.Sources.c
	}
	b := &builder{in: in, extIdx: map[string]int{}, refs: map[string]*gosarif.ReportingDescriptorReference{}, files: files}
	for i, t := range in.Extensions {
		b.exts = append(b.exts, b.component(t))
		b.extIdx[t.Name] = i
	}
	return b
}

func (b *builder) component(t Tool) *gosarif.ToolComponent {
	c := &gosarif.ToolComponent{
		Name:  t.Name,
		GUID:  ptr(toolGUID(t.Name)),
		Rules: []*gosarif.ReportingDescriptor{},
	}
	if t.Version != "" {
		c.Version = ptr(t.Version)
		if semverRE.MatchString(t.Version) {
			c.SemanticVersion = ptr(strings.TrimPrefix(t.Version, "v"))
		}
	}
	if t.InformationURI != "" {
		c.InformationURI = ptr(t.InformationURI)
	}
	return c
}

// lookup returns the rule of a finding. A rule id the catalog does not
// know (a plugin) gets a minimal descriptor so no result lacks one.
func (b *builder) lookup(f finding.Finding) rules.Rule {
	if b.in.Rules != nil {
		if r, ok := b.in.Rules.Lookup(f.RuleID); ok {
			return r
		}
	}
	return rules.Fallback(f.RuleID, f.Tool, f.Linter)
}

// addRules puts the descriptor of every rule the kept findings use into
// its extension, sorted by id, and records the indexes results refer to.
func (b *builder) addRules(fs []finding.Finding, kept []bool, absent []BaselineResult) error {
	used := map[string]rules.Rule{}
	add := func(f finding.Finding) error {
		if _, ok := used[f.RuleID]; ok {
			return nil
		}
		r := b.lookup(f)
		if _, ok := b.extIdx[r.Tool]; !ok {
			return fmt.Errorf("rule %s belongs to tool %q, which is not an extension of the log", r.ID, r.Tool)
		}
		used[f.RuleID] = r
		return nil
	}
	for i := range fs {
		if kept[i] {
			if err := add(fs[i]); err != nil {
				return err
			}
		}
	}
	for _, a := range absent {
		if err := add(a.finding()); err != nil {
			return err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(used)) {
		r := used[id]
		ext := b.exts[b.extIdx[r.Tool]]
		// Every result of a rule shares one reference value.
		b.refs[id] = &gosarif.ReportingDescriptorReference{
			Id:    ptr(r.ID),
			Index: ptr(uint(len(ext.Rules))),
			ToolComponent: &gosarif.ToolComponentReference{
				Name:  ptr(r.Tool),
				Index: ptr(uint(b.extIdx[r.Tool])),
				Guid:  ext.GUID,
			},
		}
		ext.Rules = append(ext.Rules, descriptor(r))
	}
	return nil
}

// ref returns the reference from a result to its rule.
func (b *builder) ref(f finding.Finding) *gosarif.ReportingDescriptorReference {
	return b.refs[f.RuleID]
}

func descriptor(r rules.Rule) *gosarif.ReportingDescriptor {
	d := &gosarif.ReportingDescriptor{
		ID:                   r.ID,
		ShortDescription:     &gosarif.MultiformatMessageString{Text: ptr(r.Title)},
		DefaultConfiguration: &gosarif.ReportingConfiguration{Level: string(r.Level)},
	}
	if name := ruleName(r); name != r.ID {
		d.Name = ptr(name) // SARIF1001: a name equal to the id is left out
	}
	full := cmp.Or(r.Text, r.Title)
	d.FullDescription = &gosarif.MultiformatMessageString{Text: ptr(full)}
	help := &gosarif.MultiformatMessageString{Text: ptr(full)}
	if r.Markdown != "" {
		help.Markdown = ptr(r.Markdown)
	}
	d.Help = help
	if r.HelpURI != "" {
		d.HelpURI = ptr(r.HelpURI)
	}
	props := gosarif.Properties{}
	if len(r.Tags) > 0 {
		props["tags"] = slices.Clone(r.Tags)
	}
	if r.Since != "" {
		props["since"] = r.Since
	}
	if len(props) > 0 {
		d.Properties = props
	}
	return d
}

// ruleName is a PascalCase-free readable name: the check or the linter.
func ruleName(r rules.Rule) string {
	if r.Check != "" {
		return r.Check
	}
	return r.Linter
}

// SetFingerprints sets the lintgate/v1 fingerprint of every finding
// that has none, reading sources below root with read (nil: os.ReadFile).
// Occurrences are counted in report order whatever the order of fs.
func SetFingerprints(root string, read func(string) ([]byte, error), fs []finding.Finding) {
	NewSources(root, read).SetFingerprints(fs)
}

func setFingerprints(files *sourceCache, fs []finding.Finding) {
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return finding.Compare(fs[a], fs[b]) })
	occ := occurrences{}
	for _, i := range order {
		f := &fs[i]
		var line []byte
		if src := files.file(f.Pos.Path); src.err == nil {
			line = src.line(f.Pos.Line)
			if f.Decl == (finding.Decl{}) {
				f.Decl = src.decl(f.Pos.Path, f.Pos.Line)
			}
		}
		n := occ.next(f.RuleID, f.Pos.Path, line, f.Message)
		if f.Fingerprint == "" {
			f.Fingerprint = Fingerprint(f.RuleID, f.Pos.Path, line, f.Message, n)
		}
	}
}

func (b *builder) result(f finding.Finding) *gosarif.Result {
	res := &gosarif.Result{
		RuleID:              ptr(f.RuleID),
		Rule:                b.ref(f),
		Level:               ptr(string(cmp.Or(f.Level, finding.LevelWarning))),
		Message:             gosarif.Message{Text: ptr(linkRelated(f.Message, f.Related))},
		Locations:           []*gosarif.Location{b.location(f.Pos, f.EndLine, "", true)},
		PartialFingerprints: map[string]any{FingerprintKey: f.Fingerprint},
	}
	if f.Baseline != "" {
		res.BaselineState = ptr(string(f.Baseline))
	}
	if h := b.files.lineHash(f.Pos); h != "" {
		res.PartialFingerprints[LineHashKey] = h
	}
	if ll := logicalLocation(f.Decl); ll != nil {
		res.Locations[0].LogicalLocations = []*gosarif.LogicalLocation{ll}
	}
	for _, rel := range f.Related {
		res.RelatedLocations = append(res.RelatedLocations, b.location(rel.Pos, 0, rel.Message, false))
	}
	for i, loc := range res.RelatedLocations {
		loc.Id = ptr(uint(i + 1))
	}
	res.Fixes = b.fixes(f)
	return res
}

// absentResult reports a baseline result the run no longer has, at its
// old place, with its old fingerprints.
func (b *builder) absentResult(a BaselineResult) *gosarif.Result {
	f := a.finding()
	loc := &gosarif.Location{PhysicalLocation: &gosarif.PhysicalLocation{ArtifactLocation: artifactLocation(a.Path)}}
	if a.Region != nil {
		loc.PhysicalLocation.Region = &gosarif.Region{StartLine: a.Region.StartLine, StartColumn: a.Region.StartColumn, EndLine: a.Region.EndLine, EndColumn: a.Region.EndColumn}
	}
	if ll := logicalLocation(a.Decl); ll != nil {
		loc.LogicalLocations = []*gosarif.LogicalLocation{ll}
	}
	res := &gosarif.Result{
		RuleID:              ptr(a.RuleID),
		Rule:                b.ref(f),
		Level:               ptr(string(f.Level)),
		Message:             gosarif.Message{Text: ptr(a.Message)},
		Locations:           []*gosarif.Location{loc},
		PartialFingerprints: map[string]any{},
		BaselineState:       ptr(string(finding.BaselineAbsent)),
	}
	if a.Fingerprint != "" {
		res.PartialFingerprints[FingerprintKey] = a.Fingerprint
	}
	if a.LineHash != "" {
		res.PartialFingerprints[LineHashKey] = a.LineHash
	}
	return res
}

// location builds a physical location with UTF-16 columns and, for a
// result's primary location, a snippet of the region's source.
func (b *builder) location(p finding.Position, endLine int, msg string, snippet bool) *gosarif.Location {
	loc := &gosarif.Location{PhysicalLocation: &gosarif.PhysicalLocation{ArtifactLocation: artifactLocation(p.Path)}}
	if p.Line > 0 {
		region := &gosarif.Region{StartLine: ptr(p.Line)}
		if col, ok := b.files.logColumn(p); ok && col > 0 {
			region.StartColumn = ptr(col)
		}
		if endLine > p.Line {
			region.EndLine = ptr(endLine)
		}
		if snippet {
			if text, ok := b.files.snippet(p, endLine); ok {
				region.Snippet = &gosarif.ArtifactContent{Text: ptr(text)}
			}
		}
		loc.PhysicalLocation.Region = region
	}
	if msg != "" {
		loc.Message = &gosarif.Message{Text: ptr(msg)}
	}
	return loc
}

// artifactLocation is a %SRCROOT%-relative URI, or an absolute file URI
// for a file outside the root.
func artifactLocation(path string) *gosarif.ArtifactLocation {
	if filepath.IsAbs(filepath.FromSlash(path)) || strings.HasPrefix(path, "/") {
		return &gosarif.ArtifactLocation{URI: ptr(fileURI(path))}
	}
	// A colon in a relative reference would read as a URI scheme ("a:b/x.go").
	rel := strings.ReplaceAll(escapePath(path), ":", "%3A")
	return &gosarif.ArtifactLocation{URI: ptr(rel), URIBaseId: ptr(SrcRoot)}
}

func (b *builder) invocation(success bool, exitCode int, notes []finding.Notification) *gosarif.Invocation {
	inv := &gosarif.Invocation{ExecutionSuccessful: ptr(success), ExitCode: ptr(exitCode)}
	ns := slices.Clone(notes)
	slices.SortStableFunc(ns, finding.CompareNotifications)
	for _, n := range ns {
		note := &gosarif.Notification{Level: string(cmp.Or(n.Level, finding.LevelError)), Message: &gosarif.Message{Text: ptr(n.Message)}}
		if n.Source != "" {
			note.Descriptor = &gosarif.ReportingDescriptorReference{Id: ptr(n.Source)}
		}
		if n.Pos != nil {
			note.Locations = []*gosarif.Location{b.location(*n.Pos, 0, "", false)}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, note)
	}
	return inv
}

// dirURI returns the file URI of a directory, with the trailing slash
// SARIF requires of a base URI.
func dirURI(dir string) string {
	u := fileURI(filepath.ToSlash(dir))
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") { // Windows drive path: C:/x -> /C:/x
		p = "/" + p
	}
	return "file://" + escapePath(p)
}

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func ptr[T any](v T) *T { return &v }

// provenance is the run's versionControlProvenance entry: the repository,
// the revision and branch checked out, and where the repository's top
// level lies relative to %SRCROOT%.
func (b *builder) provenance(v *VCS) *gosarif.VersionControlDetails {
	if v == nil || v.RepositoryURI == "" {
		return nil // repositoryUri is required
	}
	d := &gosarif.VersionControlDetails{
		RepositoryURI: ptr(v.RepositoryURI),
		MappedTo:      &gosarif.ArtifactLocation{URIBaseId: ptr(SrcRoot)},
	}
	if v.RevisionID != "" {
		d.RevisionID = ptr(v.RevisionID)
	}
	if v.Branch != "" {
		d.Branch = ptr(v.Branch)
	}
	if v.Root != "" {
		d.MappedTo.URI = ptr(escapePath(v.Root) + "/")
	}
	return d
}
