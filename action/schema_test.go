package action

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compileSchema compiles one of SchemaStore's schemas in testdata/action.
func compileSchema(t *testing.T, file, id string) *jsonschema.Schema {
	t.Helper()
	data := readFile(t, filepath.Join("..", "testdata", "action", file))
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func yamlDoc(t *testing.T, file string) (map[string]any, []byte) {
	t.Helper()
	data := readFile(t, file)
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc, data
}

// TestActionSchema: action.yml is valid action metadata.
func TestActionSchema(t *testing.T) {
	sch := compileSchema(t, "github-action.schema.json", "https://json.schemastore.org/github-action.json")
	doc, _ := yamlDoc(t, filepath.Join("..", "action.yml"))
	if err := sch.Validate(doc); err != nil {
		t.Errorf("action.yml is not valid action metadata: %v", err)
	}
	// The schema is strict: a misspelled key does fail it.
	doc["runs"].(map[string]any)["stepz"] = []any{}
	if err := sch.Validate(doc); err == nil {
		t.Error("the schema accepted runs.stepz: the check above proves nothing")
	}
}

// TestWorkflowExample: docs/github-actions.yml is a valid workflow that
// pins lintgate, gates on findings, sets the category on the log and has
// the permissions upload-sarif needs.
func TestWorkflowExample(t *testing.T) {
	sch := compileSchema(t, "github-workflow.schema.json", "https://json.schemastore.org/github-workflow.json")
	file := filepath.Join("..", "docs", "github-actions.yml")
	doc, data := yamlDoc(t, file)
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s is not a valid workflow: %v", file, err)
	}
	text := string(data)
	for _, bad := range []string{"lintgate@latest", "lintgate/lintgate@main", "--fail-on none", "fail-on: none"} {
		if strings.Contains(text, bad) {
			t.Errorf("%s has %q", file, bad)
		}
	}
	var steps []string
	for _, j := range doc["jobs"].(map[string]any) {
		for _, s := range j.(map[string]any)["steps"].([]any) {
			st := s.(map[string]any)
			if u, _ := st["uses"].(string); strings.HasPrefix(u, "github/codeql-action/upload-sarif") {
				if _, ok := st["with"].(map[string]any)["category"]; ok {
					t.Errorf("upload-sarif gets a category: it has no effect on a log with automationDetails; use the action's category (--category)")
				}
			}
			if u, _ := st["uses"].(string); u != "" {
				steps = append(steps, u)
			}
		}
	}
	if !slices.Contains(steps, "lintgate/lintgate@v1.2.3") {
		t.Errorf("%s does not use the pinned action: %v", file, steps)
	}
	merge := doc["jobs"].(map[string]any)["merge"].(map[string]any)
	if diff := gocmp.Diff(map[string]any{"contents": "read", "security-events": "write", "actions": "read"}, merge["permissions"]); diff != "" {
		t.Errorf("merge job permissions (-want +got):\n%s", diff)
	}
}
