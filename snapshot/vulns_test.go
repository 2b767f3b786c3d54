package snapshot

import (
	"context"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testDB is the file:// URL of the tiny offline database in testdata
// (index/db.json, index/modules.json, ID/<id>.json: the v1 layout
// golang.org/x/vuln's client reads from a directory).
func testDB(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "vulndb"))
	if err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()
}

func TestQueries(t *testing.T) {
	p := &Predicate{
		Linters: map[string]Tool{
			"golangci-lint": {Path: "github.com/golangci/golangci-lint/v2", Version: "v2.15.0"},
			"revive":        {Path: "github.com/mgechev/revive", Version: "v1.17.1"},
			"staticcheck":   {}, // not linked
		},
		Toolchain: Toolchain{GoVersion: "go1.26.8", LintgateGo: "go1.26.8"},
	}
	want := []string{"github.com/golangci/golangci-lint/v2@v2.15.0", "github.com/mgechev/revive@v1.17.1", "stdlib@v1.26.8"}
	if diff := cmp.Diff(want, Queries(p)); diff != "" {
		t.Errorf("Queries (-want +got):\n%s", diff)
	}
	if got := goSemver("devel go1.27-abcdef"); got != "" {
		t.Errorf("goSemver(devel) = %q", got)
	}
}

func TestFindVulns(t *testing.T) {
	queries := []string{"github.com/golangci/golangci-lint/v2@v2.15.0", "github.com/mgechev/revive@v1.17.1", "honnef.co/go/tools@v0.8.2", "stdlib@v1.26.8"}
	got, err := FindVulns(context.Background(), testDB(t), queries)
	if err != nil {
		t.Fatal(err)
	}
	// GO-2099-0004 (Go 1.27 only) comes back from x/vuln's query mode
	// together with GO-2099-0001; lintgate drops it by its ranges.
	want := []Vuln{
		{ID: "GO-2099-0002", Aliases: []string{"CVE-2099-0002"}, Module: "github.com/golangci/golangci-lint/v2", Version: "v2.15.0", Fixed: "v2.15.1", Summary: "Config path traversal in golangci-lint."},
		{ID: "GO-2099-0001", Aliases: []string{"CVE-2099-0001"}, Module: "stdlib", Version: "go1.26.8", Fixed: "go1.26.9", Summary: "Header smuggling in net/http."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindVulns (-want +got):\n%s", diff)
	}
	var b strings.Builder
	if err := WriteVulns(&b, "db", queries, got); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^  GO-2099-0001 +stdlib@go1\.26\.8 +fixed in go1\.26\.9 +Header smuggling`).MatchString(b.String()) {
		t.Errorf("WriteVulns:\n%s", b.String())
	}
	if _, err := FindVulns(context.Background(), "file:///no/such/db", queries); err == nil {
		t.Error("a missing database is no error")
	}
}

func TestAffects(t *testing.T) {
	r := []osvRange{{Type: "SEMVER"}}
	r[0].Events = append(r[0].Events, struct {
		Introduced string `json:"introduced"`
		Fixed      string `json:"fixed"`
	}{Introduced: "1.2.0"}, struct {
		Introduced string `json:"introduced"`
		Fixed      string `json:"fixed"`
	}{Fixed: "1.3.0"})
	tests := []struct {
		v     string
		fixed string
		hit   bool
	}{{"v1.1.9", "", false}, {"v1.2.0", "1.3.0", true}, {"v1.2.9", "1.3.0", true}, {"v1.3.0", "", false}}
	for _, tt := range tests {
		if fixed, hit := affects(r, tt.v); fixed != tt.fixed || hit != tt.hit {
			t.Errorf("affects(%s) = %q, %v", tt.v, fixed, hit)
		}
	}
}
