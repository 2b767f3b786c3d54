package revivedoc

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlain(t *testing.T) {
	tests := []struct {
		md, want string
	}{
		{"plain text", "plain text"},
		{"use `sync/atomic` here", "use sync/atomic here"},
		{"``a ` b``", "a ` b"},
		{"see [the wiki](https://go.dev/wiki/X#y)", "see the wiki"},
		{"[magic](https://en.wikipedia.org/wiki/Magic_(programming)#Un) numbers", "magic numbers"},
		{"the [`package-naming`](#package-naming) rule", "the package-naming rule"},
		{"![alt text](img.png)", "alt text"},
		{"**_Ported from golint_**", "Ported from golint"},
		{"_stutters_ and *this*", "stutters and this"},
		{"snake_case stays, a * b stays", "snake_case stays, a * b stays"},
		{"`UPPER_CASE` const", "UPPER_CASE const"},
		{`escaped \_ and \* chars`, "escaped _ and * chars"},
		{"see <https://example.com/x>", "see https://example.com/x"},
		{"a < b", "a < b"},
		{"two\nlines  joined", "two lines joined"},
		{"unclosed `code and [link", "unclosed `code and [link"},
	}
	for _, tt := range tests {
		if got := Plain(tt.md); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"One. Two.", "One."},
		{"Only one.", "Only one."},
		{"No end", "No end"},
		{"Warns on bare (a.k.a. naked) returns.", "Warns on bare (a.k.a. naked) returns."},
		{"Bad names, i.e. un-exported ones. More.", "Bad names, i.e. un-exported ones."},
		{"Names (e.g., JSON) matter. More.", "Names (e.g., JSON) matter."},
		{"Is it? Yes.", "Is it?"},
		{"Use time.Date. Then", "Use time.Date."},
		{"Use x.Y for z", "Use x.Y for z"},
	}
	for _, tt := range tests {
		if got := FirstSentence(tt.text); got != tt.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

const sample = "# Description of available rules\n\n" +
	"- [a-rule](#a-rule)\n\n" +
	"## Configuration options format\n\nBy convention...\n\n" +
	"## a-rule\n\n_Go version_: 1.0.\n\n" +
	"_Description_: Warns on [things](https://x.test/(y)).\nMore `detail` here.\n\n" +
	"_Configuration_: N/A\n\n```toml\n## not a heading\n[rule.a-rule]\n```\n\n" +
	"## b-rule\n\n**_Ported from golint_**\n\n_Description_: Checks b. Second sentence.\n"

func TestParse(t *testing.T) {
	got, err := Parse([]byte(sample))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := map[string]Doc{
		"a-rule": {
			Title: "Warns on things.",
			Text:  "Warns on things. More detail here.",
			Markdown: "_Go version_: 1.0.\n\n" +
				"_Description_: Warns on [things](https://x.test/(y)).\nMore `detail` here.\n\n" +
				"_Configuration_: N/A\n\n```toml\n## not a heading\n[rule.a-rule]\n```",
		},
		"b-rule": {
			Title:    "Checks b.",
			Text:     "Checks b. Second sentence.",
			Markdown: "**_Ported from golint_**\n\n_Description_: Checks b. Second sentence.",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, md, wantErr string
	}{
		{"no sections", "# Title\n\ntext\n", "no rule sections"},
		{"only non-rule sections", "## Configuration options format\n\ntext\n", "no rule sections"},
		{"no description", "## a\n\n_Configuration_: N/A\n", `rule "a" has no _Description_:`},
		{"description only in code", "## a\n\n```\n_Description_: x\n```\n", `rule "a" has no _Description_:`},
		{"duplicate", "## a\n\n_Description_: x.\n\n## a\n\n_Description_: y.\n", `duplicate section for rule "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.md))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse() error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
