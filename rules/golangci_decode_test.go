package rules

import "testing"

// TestDefaultConfigSchema: the embedded default config, which ReadGolangci
// does not check against golangci-lint's schema at run time, passes it.
func TestDefaultConfigSchema(t *testing.T) {
	src := ConfigSource{Data: defaultGolangciConfig}
	if !src.isDefault() || (ConfigSource{Path: "x.yml", Data: defaultGolangciConfig}).isDefault() {
		t.Fatal("isDefault does not tell the embedded default")
	}
	format, err := configFormat(src)
	if err != nil {
		t.Fatal(err)
	}
	raw, ps := parseGolangci(src.Name(), format, src.Data)
	if raw == nil {
		t.Fatal(ps)
	}
	root, dups := foldTree(src.Name(), raw)
	if root == nil || len(dups) > 0 {
		t.Fatal(dups)
	}
	if ps := validateSchema(src.Name(), root); len(ps) > 0 {
		t.Errorf("the embedded default fails golangci-lint's schema: %v", ps)
	}
	if _, ps := ReadGolangci(src); len(ps) > 0 {
		t.Errorf("ReadGolangci of the embedded default: %v", ps)
	}
}
