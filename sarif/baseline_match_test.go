package sarif

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lintgate/lintgate/finding"
)

// removes is what errcheck says of src: one finding, all with the same
// message, on every line that calls os.Remove without using its result.
func removes(src string) []finding.Finding {
	var fs []finding.Finding
	for i, line := range strings.Split(src, "\n") {
		if strings.Contains(line, "os.Remove(") && !strings.Contains(line, "_ =") {
			fs = append(fs, finding1("errcheck", i+1, "Error return value of `os.Remove` is not checked"))
		}
	}
	return fs
}

// TestBaselineUpdatedInPlace: updated means the same finding changed in
// place (the same enclosing declaration, a similar line); a same-message
// finding elsewhere in the file is new, and the fixed one absent, whether
// the new one comes below or above the fixed one, and with several
// same-message findings in one file.
func TestBaselineUpdatedInPlace(t *testing.T) {
	const v1 = "package p\n\nimport \"os\"\n\n// Clean removes files.\nfunc Clean() {\n\tos.Remove(\"a\")\n\tos.Remove(\"b\")\n}\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{{
		name: "fixed one, new one in a function below",
		src:  "package p\n\nimport \"os\"\n\n// Clean removes files.\nfunc Clean() {\n\tos.Remove(\"a\")\n\t_ = os.Remove(\"b\")\n}\n\n// Extra is new.\nfunc Extra() {\n\tos.Remove(\"new\")\n}\n",
		want: []string{"errcheck@7 unchanged", "errcheck@13 new", "errcheck@8 absent"},
	}, {
		name: "fixed one, new one in a function above",
		src:  "package p\n\nimport \"os\"\n\n// Extra is new.\nfunc Extra() {\n\tos.Remove(\"new\")\n}\n\n// Clean removes files.\nfunc Clean() {\n\t_ = os.Remove(\"a\")\n\tos.Remove(\"b\")\n}\n",
		want: []string{"errcheck@7 new", "errcheck@13 unchanged", "errcheck@7 absent"},
	}, {
		name: "fixed one, new one far below in the same function",
		src:  "package p\n\nimport \"os\"\n\n// Clean removes files.\nfunc Clean() {\n\tos.Remove(\"a\")\n\t_ = os.Remove(\"b\")\n\tx := 1\n\tx++\n\tx++\n\tx++\n\tx++\n\t_ = x\n\tos.Remove(\"c\")\n}\n",
		want: []string{"errcheck@7 unchanged", "errcheck@15 new", "errcheck@8 absent"},
	}, {
		name: "edited in place, below inserted lines",
		src:  "package p\n\nimport \"os\"\n\n// Tmp is new.\nconst Tmp = \"t\"\n\n// Clean removes files.\nfunc Clean() {\n\tos.Remove(\"a\")\n\tos.Remove(\"b2\")\n}\n",
		want: []string{"errcheck@10 unchanged", "errcheck@11 updated"},
	}, {
		name: "both edited in place",
		src:  "package p\n\nimport \"os\"\n\n// Clean removes files.\nfunc Clean() {\n\tos.Remove(\"a2\")\n\tos.Remove(\"b2\")\n}\n",
		want: []string{"errcheck@7 updated", "errcheck@8 updated"},
	}, {
		name: "the function renamed",
		src:  "package p\n\nimport \"os\"\n\n// Wipe removes files.\nfunc Wipe() {\n\tos.Remove(\"a\")\n\tos.Remove(\"b2\")\n}\n",
		want: []string{"errcheck@7 unchanged", "errcheck@8 new", "errcheck@8 absent"},
	}}
	old, _ := logOver(t, v1, nil, removes(v1))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, err := ParseBaseline("old.sarif", old)
			if err != nil {
				t.Fatal(err)
			}
			_, log := logOver(t, tt.src, base, removes(tt.src))
			if diff := cmp.Diff(tt.want, states(t, log)); diff != "" {
				t.Errorf("baseline states (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBaselineSeveralSameMessage: three same-message findings in one
// function, the middle one edited and one added at the end: the edited
// one is updated, the added one new, nothing absent.
func TestBaselineSeveralSameMessage(t *testing.T) {
	v1 := "package p\n\nimport \"os\"\n\nfunc f() {\n\tos.Remove(\"a\")\n\tos.Remove(\"b\")\n\tos.Remove(\"c\")\n}\n\nfunc g() {\n\tos.Remove(\"a\")\n}\n"
	v2 := "package p\n\nimport \"os\"\n\nfunc f() {\n\tos.Remove(\"a\")\n\tos.Remove(\"B\")\n\tos.Remove(\"c\")\n\n\n\n\n\tos.Remove(\"d\")\n}\n\nfunc g() {\n\tos.Remove(\"a\")\n}\n"
	old, _ := logOver(t, v1, nil, removes(v1))
	base, err := ParseBaseline("old.sarif", old)
	if err != nil {
		t.Fatal(err)
	}
	_, log := logOver(t, v2, base, removes(v2))
	want := []string{"errcheck@6 unchanged", "errcheck@7 updated", "errcheck@8 unchanged", "errcheck@13 new", "errcheck@17 unchanged"}
	if diff := cmp.Diff(want, states(t, log)); diff != "" {
		t.Errorf("baseline states (-want +got):\n%s", diff)
	}
}
