package sarif

import (
	"bytes"
	_ "embed" // for the embedded OASIS schema
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// schemaID is the "id" the OASIS SARIF 2.1.0 schema (errata 01) declares.
const schemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

//go:embed schema/sarif-schema-2.1.0.json
var schemaJSON []byte

// SchemaBytes returns a copy of the embedded OASIS SARIF 2.1.0 JSON schema
// (JSON Schema draft-04) that ValidateSchema checks documents against.
func SchemaBytes() []byte {
	return bytes.Clone(schemaJSON)
}

// compiledSchema compiles the embedded schema once, on first use.
var compiledSchema = sync.OnceValues(compileSchema)

// compileSchema compiles the embedded schema without touching the network
// or the file system: the schema is registered under its own id, and its
// draft-04 metaschema is one the library embeds, resolved before any loader
// is consulted. Any other reference reaches offlineSchemaLoader and fails.
func compileSchema() (*jsonschema.Schema, error) {
	doc, err := decodeSchemaJSON(schemaJSON)
	if err != nil {
		return nil, fmt.Errorf("parse embedded sarif schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(offlineSchemaLoader{})
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource(schemaID, doc); err != nil {
		return nil, fmt.Errorf("add embedded sarif schema: %w", err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		return nil, fmt.Errorf("compile embedded sarif schema: %w", err)
	}
	return sch, nil
}

// offlineSchemaLoader refuses every URL, keeping schema compilation offline.
type offlineSchemaLoader struct{}

// Load implements jsonschema.URLLoader by refusing url.
func (offlineSchemaLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("load %s: schema loading is offline", url)
}

// ValidateSchema validates a SARIF log against the OASIS SARIF 2.1.0 JSON
// schema. It returns nil for a valid log; otherwise the error lists every
// violation, one per line and sorted, each as the JSON pointer of the
// offending value and a message, e.g.
//
//	/runs/0/results/3/level: value must be one of 'none', 'note', 'warning', 'error'
//
// The messages are those of github.com/santhosh-tekuri/jsonschema/v6, and
// the error is a *SchemaError holding the lines. A violation of the document as a whole is reported at "(root)". Data
// that is not a single JSON value yields an error saying so. Format
// keywords ("uri", "date-time") are asserted, as draft-04 specifies.
func ValidateSchema(data []byte) error {
	sch, err := compiledSchema()
	if err != nil {
		return err
	}
	doc, err := decodeSchemaJSON(data)
	if err != nil {
		return fmt.Errorf("sarif log is not valid json: %w", err)
	}
	err = sch.Validate(doc)
	if err == nil {
		return nil
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("validate sarif log: %w", err)
	}
	return &SchemaError{Violations: schemaViolations(verr)}
}

// decodeSchemaJSON decodes exactly one JSON value, keeping numbers exact.
func decodeSchemaJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty input")
		}
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after top-level value")
	}
	return v, nil
}

// SchemaError reports the schema violations of a SARIF log.
type SchemaError struct {
	// Violations holds one "pointer: message" line per violation, sorted.
	Violations []string
}

// Error implements error, listing every violation on its own line.
func (e *SchemaError) Error() string {
	noun := "violations"
	if len(e.Violations) == 1 {
		noun = "violation"
	}
	return fmt.Sprintf("sarif log does not match the sarif 2.1.0 schema (%d %s):\n%s",
		len(e.Violations), noun, strings.Join(e.Violations, "\n"))
}

// schemaViolations flattens the tree of a validation error into sorted,
// unique "pointer: message" lines. Each leaf of the tree is a concrete
// keyword failure and gets its own line; inner nodes ($ref, allOf, ...) only
// group them, except that an anyOf or oneOf failure becomes one line naming
// the alternatives, since fixing any one of them would do.
func schemaViolations(root *jsonschema.ValidationError) []string {
	p := message.NewPrinter(language.English)
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		ptr := schemaPointer(e.InstanceLocation)
		switch {
		case len(e.Causes) == 0:
			out = append(out, ptr+": "+e.ErrorKind.LocalizedString(p))
		case isAlternatives(e.ErrorKind):
			var alts []string
			for _, c := range e.Causes {
				alts = append(alts, schemaViolations(c)...)
			}
			for i, a := range alts {
				alts[i] = strings.TrimPrefix(a, ptr+": ")
			}
			msg := e.ErrorKind.LocalizedString(p)
			out = append(out, ptr+": "+msg+" ("+strings.Join(alts, "; or ")+")")
		default:
			for _, c := range e.Causes {
				walk(c)
			}
		}
	}
	walk(root)
	slices.Sort(out)
	return slices.Compact(out)
}

// isAlternatives reports whether k is the failure of an anyOf or oneOf.
func isAlternatives(k jsonschema.ErrorKind) bool {
	switch k.(type) {
	case *kind.AnyOf, *kind.OneOf:
		return true
	}
	return false
}

// schemaPointer formats reference tokens as an RFC 6901 JSON pointer. The
// root's pointer is the empty string, shown as "(root)" for readability.
func schemaPointer(tokens []string) string {
	if len(tokens) == 0 {
		return "(root)"
	}
	var sb strings.Builder
	for _, tok := range tokens {
		sb.WriteByte('/')
		tok = strings.ReplaceAll(tok, "~", "~0")
		sb.WriteString(strings.ReplaceAll(tok, "/", "~1"))
	}
	return sb.String()
}
