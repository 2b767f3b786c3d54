package rules

import (
	"encoding/json"
	"testing"

	"github.com/golangci/golangci-lint/v2/pkg/config"
)

// TestDecodeLeavesDefaultsAlone: decoding a configuration does not change
// the defaults the next decode starts from, as it would through
// config.NewDefault's shared maps and slices.
func TestDecodeLeavesDefaultsAlone(t *testing.T) {
	before, err := json.Marshal(config.NewDefault())
	if err != nil {
		t.Fatal(err)
	}
	cfg := "version: \"2\"\nlinters:\n  settings:\n    decorder:\n      dec-order: [func, var]\n" +
		"    gocritic:\n      settings:\n        captLocal: {paramsOnly: true}\n"
	for range 2 {
		got, err := decodeGolangci([]byte(cfg), "yaml")
		if err != nil {
			t.Fatal(err)
		}
		if order := got.Linters.Settings.Decorder.DecOrder; len(order) < 2 || order[0] != "func" {
			t.Fatalf("dec-order = %v, want the file's", order)
		}
	}
	after, err := json.Marshal(config.NewDefault())
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Errorf("decoding changed golangci-lint's defaults")
	}
}

// TestSameAsRefusesADifference: the proof that the effective
// configuration decodes to what the policy judged fails when it does not
// (a tree that lost a key), so a defect in lintgate cannot run unjudged
// linters.
func TestSameAsRefusesADifference(t *testing.T) {
	src := ConfigSource{Path: ".golangci.yml", Data: []byte("version: \"2\"\nlinters:\n  default: none\n  enable: [gosec]\n")}
	g, ps := ReadGolangci(src)
	if g == nil || len(ps) > 0 {
		t.Fatalf("ReadGolangci: %v", ps)
	}
	tree := deepCopy(g.root)
	_, lin := mapGet(tree, "linters")
	deleteKey(lin, "default") // standard instead of none
	if err := g.sameAs(tree, g.Config); err == nil {
		t.Fatal("sameAs accepted a tree that decodes to another configuration")
	}
	if err := g.sameAs(deepCopy(g.root), g.Config); err != nil {
		t.Fatalf("sameAs refused the tree itself: %v", err)
	}
}
