package snapshot

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The in-toto statement and lintgate predicate types.
const (
	StatementType = "https://in-toto.io/Statement/v1"
	PredicateType = "https://lintgate.dev/snapshot/v1"
	// Absent is the value of a file or setting that does not exist.
	Absent = "absent"
)

// Statement is an in-toto Statement v1 whose predicate is a snapshot.
type Statement struct {
	Type          string    `json:"_type"`
	Subject       []Subject `json:"subject"`
	PredicateType string    `json:"predicateType"`
	Predicate     Predicate `json:"predicate"`
}

// Subject is an artifact the statement is about, with its digests
// (lowercase hex, keyed by algorithm).
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Predicate is everything that decides a lint result, and everything that
// tells two lint environments apart. Every value is a string and every
// list is sorted, so that equal environments give equal bytes.
type Predicate struct {
	// Module is the main module's path, from go.mod: verify refuses a
	// snapshot of another module. Not compared (go.mod's hash is).
	Module    string            `json:"module,omitempty"`
	Lintgate  Lintgate          `json:"lintgate"`
	Linters   map[string]Tool   `json:"linters"`
	Toolchain Toolchain         `json:"toolchain"`
	Target    Target            `json:"target"`
	Env       map[string]string `json:"env"`
	Files     map[string]string `json:"files"`
	Configs   map[string]string `json:"configs"`
	Modules   Modules           `json:"modules"`
	// SumDB is the checksum-database check of the go.sum lines of
	// Modules, and GoRoot the check of the Go toolchain.
	SumDB  SumDB  `json:"sumdb"`
	GoRoot GoRoot `json:"goroot"`
	Weak   Weak   `json:"weak"`
}

// Lintgate is the lintgate binary that took the snapshot.
type Lintgate struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	Sum     string `json:"sum"`
	// Binary is "sha256:<hex>" of the executable file.
	Binary string `json:"binary"`
	// Build are the build settings recorded in the binary.
	Build map[string]string `json:"build"`
	// Release is set by create --verify-release: whether the binary is the
	// one a release manifest lists. It is a record, not compared by verify
	// (lintgate version --verify checks a binary).
	Release *Release `json:"release,omitempty"`
}

// Release is the check of the lintgate binary against a release manifest.
type Release struct {
	// Manifest is "sha256:<hex>" of the SHA256SUMS file; Binary the name
	// it was looked up by (lintgate_<os>_<arch>).
	Manifest string `json:"manifest"`
	Binary   string `json:"binary"`
	// Matched is "true" when the binary's sha256 is the manifest's (and,
	// with Signature set, the manifest's signature is good), else "false"
	// with the reason in Problem.
	Matched string `json:"matched"`
	// Signature is who signed the manifest ("principals key SHA256:..."),
	// or "not checked".
	Signature string `json:"signature"`
	Problem   string `json:"problem,omitempty"`
}

// Tool is a pinned linter module linked into lintgate.
type Tool struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	Sum     string `json:"sum"`
}

// Toolchain is the Go toolchain around the lint run.
type Toolchain struct {
	// GoVersion is `go env GOVERSION` of the go command in the module.
	GoVersion string `json:"goVersion"`
	// LintgateGo is the Go lintgate was built with: its go/types is what
	// the embedded linters type-check with.
	LintgateGo string `json:"lintgateGo"`
	// GoModGo and GoModToolchain are the go and toolchain lines of go.mod.
	GoModGo        string `json:"goModGo"`
	GoModToolchain string `json:"goModToolchain"`
	GOTOOLCHAIN    string `json:"GOTOOLCHAIN"`
}

// Target is what the code is built for.
type Target struct {
	GOOS         string `json:"GOOS"`
	GOARCH       string `json:"GOARCH"`
	CGOEnabled   string `json:"CGO_ENABLED"`
	GOEXPERIMENT string `json:"GOEXPERIMENT"`
	// BuildTags are the -tags of GOFLAGS, sorted and comma-separated.
	BuildTags string `json:"buildTags"`
	// Mod is the -mod of GOFLAGS ("" for the go command's default).
	Mod string `json:"mod"`
}

// Modules is the module-content check of the build list.
type Modules struct {
	// Error says why the build list could not be listed ("" when it
	// could); the modules of go.mod are checked instead.
	Error string   `json:"error"`
	List  []Module `json:"list"`
}

// Module is one module of the build list and what the module cache holds
// for it.
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	// Sum and GoModSum are the go.sum lines for the module's content and
	// its go.mod ("" when go.sum has none).
	Sum      string `json:"sum"`
	GoModSum string `json:"goModSum"`
	// Cache is "ok" when the module cache matches go.sum, else what is
	// wrong.
	Cache string `json:"cache"`
	// SumDB is the checksum database's verdict on the go.sum lines
	// (SumConfirmed, SumPrivate, SumOff, or what is wrong; "" when
	// go.sum has no line for the module).
	SumDB string `json:"sumdb"`
}

// Weak lists what weakens the environment's integrity.
type Weak struct {
	// Allowed is "true" when create was told to record a weak environment
	// (--allow-weak).
	Allowed string   `json:"allowed"`
	Reasons []string `json:"reasons"`
}

// Marshal encodes the statement deterministically: sorted keys and
// lists, two-space indentation, a final newline.
func (s *Statement) Marshal() ([]byte, error) {
	c := *s
	c.Subject = slices.Clone(s.Subject)
	slices.SortFunc(c.Subject, func(a, b Subject) int { return strings.Compare(a.Name, b.Name) })
	c.Predicate.Modules.List = slices.Clone(s.Predicate.Modules.List)
	slices.SortFunc(c.Predicate.Modules.List, func(a, b Module) int {
		return cmpStrings(a.Path, b.Path, a.Version, b.Version)
	})
	c.Predicate.Weak.Reasons = sortedNonNil(s.Predicate.Weak.Reasons)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func cmpStrings(a1, b1, a2, b2 string) int {
	if c := strings.Compare(a1, b1); c != 0 {
		return c
	}
	return strings.Compare(a2, b2)
}

func sortedNonNil(s []string) []string {
	out := append([]string{}, s...)
	slices.Sort(out)
	return out
}

// Parse reads a snapshot. Errors name the file and, for JSON errors, the
// line and column.
func Parse(name string, data []byte) (*Statement, error) {
	var s Statement
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, jsonError(name, data, err)
	}
	if dec.More() {
		off := dec.InputOffset()
		off += int64(len(data[off:]) - len(bytes.TrimLeft(data[off:], " \t\r\n")))
		return nil, fmt.Errorf("%s:%s: more than one JSON value", name, position(data, off+1))
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &s, nil
}

// validate checks what a snapshot must have to be compared at all.
func (s *Statement) validate() error {
	switch {
	case s.Type != StatementType:
		return fmt.Errorf("_type is %q, want %q", s.Type, StatementType)
	case s.PredicateType != PredicateType:
		return fmt.Errorf("predicateType is %q, want %q", s.PredicateType, PredicateType)
	case s.Predicate.Lintgate.Version == "":
		return errors.New("predicate.lintgate.version is missing")
	case s.Predicate.Toolchain.GoVersion == "":
		return errors.New("predicate.toolchain.goVersion is missing")
	case s.Predicate.Files["go.mod"] == "":
		return errors.New(`predicate.files["go.mod"] is missing`)
	}
	for i, sub := range s.Subject {
		if sub.Name == "" || len(sub.Digest) == 0 {
			return fmt.Errorf("subject[%d] needs a name and a digest", i)
		}
		for alg, d := range sub.Digest {
			if _, err := hex.DecodeString(d); err != nil || d == "" || strings.ToLower(d) != d {
				return fmt.Errorf("subject[%d] (%s): digest %s %q is not lowercase hex", i, sub.Name, alg, d)
			}
		}
	}
	return nil
}

// jsonError places a decoding error at its line and column.
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%s:%s: %w", name, position(data, syn.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("%s:%s: %s is a JSON %s, want a %s", name, position(data, typ.Offset), typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%s: empty file, want a JSON snapshot", name)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s:%s: unexpected end of file", name, position(data, int64(len(data))))
	}
	return fmt.Errorf("%s: %w", name, err)
}

// position turns the byte offset encoding/json reports (the bytes read
// before the error) into "line:col" of the offending byte, both 1-based.
func position(data []byte, offset int64) string {
	off := int(max(offset-1, 0))
	off = min(off, len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf("%d:%d", line, col)
}
