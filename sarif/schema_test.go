package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// validLog is a small SARIF log that satisfies the 2.1.0 schema.
const validLog = `{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": {"driver": {"name": "lintgate", "rules": [{"id": "LG001"}]}},
    "results": [{
      "ruleId": "LG001",
      "ruleIndex": 0,
      "level": "warning",
      "message": {"text": "something is off"},
      "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "main.go"},
        "region": {"startLine": 3, "startColumn": 2}
      }}],
      "partialFingerprints": {"primaryLocationLineHash": "271789c17abda88f:1"}
    }]
  }]
}`

// mutateLog returns validLog with edit applied to its decoded form.
func mutateLog(t *testing.T, edit func(log map[string]any)) []byte {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal([]byte(validLog), &log); err != nil {
		t.Fatal(err)
	}
	edit(log)
	data, err := json.Marshal(log)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// firstResult returns the first result of the first run of log.
func firstResult(log map[string]any) map[string]any {
	run := log["runs"].([]any)[0].(map[string]any)
	return run["results"].([]any)[0].(map[string]any)
}

func TestValidateSchemaValid(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"full", validLog},
		{"minimal", `{"version": "2.1.0", "runs": []}`},
		{"null runs", `{"version": "2.1.0", "runs": null}`},
		{"tool only", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}}]}`},
		{"ruleIndex -1 means no rule", string(mutateLog(t, func(l map[string]any) {
			firstResult(l)["ruleIndex"] = -1
		}))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := ValidateSchema([]byte(tc.data)); err != nil {
				t.Errorf("ValidateSchema: unexpected error: %v", err)
			}
		})
	}
}

func TestValidateSchemaInvalid(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want string // a line of the error
	}{
		{"bad level", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { firstResult(l)["level"] = "fatal" })
		}, `/runs/0/results/0/level: value must be one of 'none', 'note', 'warning', 'error'`},
		{"missing version", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { delete(l, "version") })
		}, `(root): missing property 'version'`},
		{"wrong version", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { l["version"] = "2.0.0" })
		}, `/version: value must be '2.1.0'`},
		{"results not an array", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) {
				l["runs"].([]any)[0].(map[string]any)["results"] = map[string]any{}
			})
		}, `/runs/0/results: got object, want array`},
		{"negative startLine", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) {
				loc := firstResult(l)["locations"].([]any)[0].(map[string]any)
				region := loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
				region["startLine"] = -4
			})
		}, `/runs/0/results/0/locations/0/physicalLocation/region/startLine: minimum: got -4, want 1`},
		{"$schema not a string", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { l["$schema"] = 21 })
		}, `/$schema: got number, want string`},
		// The schema allows ruleIndex -1 ("no rule"); -2 is the first invalid.
		{"ruleIndex -2", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { firstResult(l)["ruleIndex"] = -2 })
		}, `/runs/0/results/0/ruleIndex: minimum: got -2, want -1`},
		{"ruleIndex not an integer", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { firstResult(l)["ruleIndex"] = 1.5 })
		}, `/runs/0/results/0/ruleIndex: got number, want integer`},
		{"startColumn zero", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) {
				loc := firstResult(l)["locations"].([]any)[0].(map[string]any)
				region := loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
				region["startColumn"] = 0
			})
		}, `/runs/0/results/0/locations/0/physicalLocation/region/startColumn: minimum: got 0, want 1`},
		{"bad date-time format", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) {
				run := l["runs"].([]any)[0].(map[string]any)
				run["invocations"] = []any{map[string]any{
					"executionSuccessful": true, "startTimeUtc": "yesterday",
				}}
			})
		}, `/runs/0/invocations/0/startTimeUtc: 'yesterday' is not valid date-time: less than 20 characters long`},
		{"missing message", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { delete(firstResult(l), "message") })
		}, `/runs/0/results/0: missing property 'message'`},
		{"anyOf: empty message", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { firstResult(l)["message"] = map[string]any{} })
		}, `/runs/0/results/0/message: 'anyOf' failed (missing property 'text'; or missing property 'id')`},
		{"anyOf: location without artifact", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) {
				loc := firstResult(l)["locations"].([]any)[0].(map[string]any)
				delete(loc["physicalLocation"].(map[string]any), "artifactLocation")
			})
		}, `/runs/0/results/0/locations/0/physicalLocation: 'anyOf' failed ` +
			`(missing property 'address'; or missing property 'artifactLocation')`},
		{"unknown top-level property", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) { l["extra"] = true })
		}, `(root): additional properties 'extra' not allowed`},
		{"pointer escaping", func(t *testing.T) []byte {
			return mutateLog(t, func(l map[string]any) {
				firstResult(l)["partialFingerprints"] = map[string]any{"a/b~c": 7}
			})
		}, `/runs/0/results/0/partialFingerprints/a~1b~0c: got number, want string`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateSchema(tc.data(t))
			if err == nil {
				t.Fatal("ValidateSchema: got nil error, want a violation")
			}
			var serr *SchemaError
			if !errors.As(err, &serr) {
				t.Fatalf("ValidateSchema: error %v is %T, want *SchemaError", err, err)
			}
			if !slices.Contains(serr.Violations, tc.want) {
				t.Errorf("violations do not contain %q:\n%s", tc.want, err)
			}
			if !strings.Contains(err.Error(), "\n"+tc.want) {
				t.Errorf("error text lacks line %q:\n%s", tc.want, err)
			}
		})
	}
}

func TestValidateSchemaListsEveryViolationSorted(t *testing.T) {
	data := mutateLog(t, func(l map[string]any) {
		delete(l, "version")
		firstResult(l)["level"] = "fatal"
		firstResult(l)["ruleIndex"] = -2
	})
	err := ValidateSchema(data)
	var serr *SchemaError
	if !errors.As(err, &serr) {
		t.Fatalf("ValidateSchema: got %v, want *SchemaError", err)
	}
	want := []string{
		`(root): missing property 'version'`,
		`/runs/0/results/0/level: value must be one of 'none', 'note', 'warning', 'error'`,
		`/runs/0/results/0/ruleIndex: minimum: got -2, want -1`,
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, serr.Violations); diff != "" {
		t.Errorf("violations mismatch (-want +got):\n%s", diff)
	}
	lines := strings.Split(err.Error(), "\n")
	if diff := cmp.Diff(want, lines[1:]); diff != "" {
		t.Errorf("error lines mismatch (-want +got):\n%s", diff)
	}
}

func TestValidateSchemaNotJSON(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"garbage", "not json at all"},
		{"empty", ""},
		{"truncated", `{"version": "2.1.0", "runs": [`},
		{"trailing data", `{"version": "2.1.0", "runs": []} {}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateSchema([]byte(tc.data))
			if err == nil {
				t.Fatal("ValidateSchema: got nil error")
			}
			if !strings.Contains(err.Error(), "not valid json") {
				t.Errorf("error %q does not say the input is not JSON", err)
			}
			var serr *SchemaError
			if errors.As(err, &serr) {
				t.Errorf("invalid JSON reported as schema violations: %v", err)
			}
		})
	}
}

func TestSchemaBytes(t *testing.T) {
	want, err := os.ReadFile("schema/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	got := SchemaBytes()
	if !bytes.Equal(got, want) {
		t.Fatal("SchemaBytes differs from schema/sarif-schema-2.1.0.json")
	}
	got[0] = 'X'
	if !bytes.Equal(SchemaBytes(), want) {
		t.Error("modifying the result of SchemaBytes changed the embedded schema")
	}
	var doc struct {
		ID     string `json:"id"`
		Schema string `json:"$schema"`
	}
	if err := json.Unmarshal(want, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != schemaID {
		t.Errorf("schema id = %q, want %q", doc.ID, schemaID)
	}
	if doc.Schema != "http://json-schema.org/draft-04/schema#" {
		t.Errorf("schema $schema = %q, want draft-04", doc.Schema)
	}
}

func TestCompiledSchemaOffline(t *testing.T) {
	// compileSchema uses offlineSchemaLoader, so success proves that the
	// draft-04 metaschema came from the library's built-in copies.
	if _, err := compileSchema(); err != nil {
		t.Fatalf("compileSchema: %v", err)
	}
	if _, err := (offlineSchemaLoader{}).Load("https://example.com/x.json"); err == nil {
		t.Error("offlineSchemaLoader.Load: got nil error")
	}
}

func TestValidateSchemaConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			data := []byte(validLog)
			if i%2 == 1 {
				data = []byte(`{"version": "2.1.0"}`)
			}
			errs[i] = ValidateSchema(data)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i%2 == 1) {
			t.Errorf("goroutine %d: ValidateSchema error = %v", i, err)
		}
	}
}
