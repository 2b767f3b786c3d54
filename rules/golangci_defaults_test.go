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
