package rules

// The table of bad inputs across lintgate.yml and .golangci.yml, run by
// the helpers in enforce_test.go.

import "testing"

// TestPolicyCheckBadInputs is the table of bad inputs across both files;
// each case asserts the exact messages and the exit code.
func TestPolicyCheckBadInputs(t *testing.T) {
	runFileCases(t, policyBadInputs())
	runFileCases(t, configBadInputs())
	if n := len(policyBadInputs()) + len(configBadInputs()); n < 25 {
		t.Errorf("only %d bad inputs, want at least 25", n)
	}
}

func policyBadInputs() []fileCase {
	return []fileCase{
		{
			name:   "malformed YAML",
			policy: "version: 1\nlinters:\n  allow: [errcheck\n",
			want:   []string{"lintgate.yml:3: did not find expected ',' or ']'"},
			exit:   2,
		},
		{
			name:   "malformed YAML on the first line",
			policy: "\tversion: 1\n",
			want:   []string{"lintgate.yml:1: found character that cannot start any token"},
			exit:   2,
		},
		{
			name:   "control character",
			policy: "version: 1\nlinters:\n  allow: [err\x01check]\n",
			want:   []string{"lintgate.yml:3:14: control characters are not allowed"},
			exit:   2,
		},
		{
			name:   "invalid UTF-8",
			policy: "version: 1\noutput:\n  category: caf\xe9\n",
			want:   []string{"lintgate.yml:3:16: incomplete UTF-8 octet sequence"},
			exit:   2,
		},
		{
			name:   "unknown anchor",
			policy: "version: 1\nlinters:\n  allow: *names\n",
			want:   []string{"lintgate.yml:3:10: unknown anchor 'names' referenced"},
			exit:   2,
		},
		{
			name:   "empty file",
			policy: "\n",
			want:   []string{"lintgate.yml: empty policy"},
			exit:   2,
		},
		{
			name:   "not a mapping",
			policy: "- version: 1\n",
			want:   []string{"lintgate.yml:1:1: the policy must be a mapping, not a list"},
			exit:   2,
		},
		{
			name:   "two documents",
			policy: "version: 1\n---\nversion: 1\n",
			want:   []string{"lintgate.yml:3:1: more than one YAML document; a policy is one mapping"},
			exit:   2,
		},
		{
			name:   "missing version",
			policy: "linters:\n  allow: [errcheck]\n",
			want:   []string{"lintgate.yml:1:1: missing version (want version: 1)"},
			exit:   2,
		},
		{
			name:   "bad version",
			policy: "version: 2\n",
			want:   []string{"lintgate.yml:1:10: unsupported version 2 (want 1)"},
			exit:   2,
		},
		{
			name:   "version as a string",
			policy: "version: \"1\"\n",
			want:   []string{"lintgate.yml:1:10: version must be an integer, not a string"},
			exit:   2,
		},
		{
			name:   "unknown top-level key with suggestion",
			policy: "version: 1\nlintres:\n  allow: [errcheck]\n",
			want:   []string{`lintgate.yml:2:1: unknown key "lintres" (did you mean "linters"?)`},
			exit:   2,
		},
		{
			name:   "unknown nested key",
			policy: "version: 1\ngate:\n  fail-on: error\n  strict: true\n",
			want:   []string{`lintgate.yml:4:3: unknown key "strict" in gate (want fail-on, baseline or new-only)`},
			exit:   2,
		},
		{
			name:   "duplicate key",
			policy: "version: 1\nlinters:\n  allow: [errcheck]\n  allow: [govet]\n",
			want:   []string{`lintgate.yml:4:3: duplicate key "allow" in linters (first at 3:3)`},
			exit:   2,
		},
		{
			name:   "merge key",
			policy: "version: 1\nbase: &b {fail-on: error}\ngate:\n  <<: *b\n",
			want: []string{
				`lintgate.yml:2:1: unknown key "base" (did you mean "gate"?)`,
				`lintgate.yml:4:3: merge keys (<<) are not supported in gate`,
			},
			exit: 2,
		},
		{
			name:   "custom tag",
			policy: "version: 1\noutput:\n  sarif: !path out.sarif\n",
			want:   []string{`lintgate.yml:3:10: output.sarif must be a string, not a value tagged "!path"`},
			exit:   2,
		},
		{
			name:   "plugin named like a linter",
			policy: "version: 1\nplugins:\n  allow:\n    - name: errcheck\n      path: errcheck.so\n      sha256: " + pluginSum() + "\n",
			want:   []string{`lintgate.yml:4:13: plugin "errcheck" has the name of a golangci-lint linter`},
			exit:   2,
		},
		{
			name:   "wrong type for a section",
			policy: "version: 1\nlinters: [errcheck, govet]\n",
			want:   []string{"lintgate.yml:2:10: linters must be a mapping, not a list"},
			exit:   2,
		},
		{
			name:   "wrong type for a list",
			policy: "version: 1\nlinters:\n  allow: errcheck\n",
			want:   []string{"lintgate.yml:3:10: linters.allow must be a list, not a string"},
			exit:   2,
		},
		{
			name:   "null section",
			policy: "version: 1\nplugins:\n",
			want:   []string{"lintgate.yml:2:9: plugins must be a mapping, not null"},
			exit:   2,
		},
		{
			name:   "unknown linter with suggestion",
			config: noneConfig,
			policy: "version: 1\nlinters:\n  allow: [errchek, govet]\n",
			want:   []string{`lintgate.yml:3:11: unknown linter "errchek" (did you mean "errcheck"?)`},
			exit:   2,
		},
		{
			name:   "unknown linter with two suggestions",
			config: noneConfig,
			policy: "version: 1\nlinters:\n  allow: [gofmpt]\n",
			want:   []string{`lintgate.yml:3:11: unknown linter "gofmpt" (did you mean "gofmt" or "gofumpt"?)`},
			exit:   2,
		},
		{
			name:   "duplicate list entry",
			policy: "version: 1\nlinters:\n  allow:\n    - errcheck\n    - govet\n    - errcheck\n",
			want:   []string{`lintgate.yml:6:7: duplicate linter "errcheck" in linters.allow (first at 4:7)`},
			exit:   2,
		},
		{
			name:   "required linter not allowed",
			config: noneConfig,
			policy: "version: 1\nlinters:\n  allow: [errcheck]\n  require: [govet]\n",
			want: []string{
				`lintgate.yml:4:13: linter "govet" is required but .golangci.yml does not enable it`,
				`lintgate.yml:4:13: linter "govet" is required but linters.allow does not list it (lintgate.yml:3:3)`,
			},
			exit: 2,
		},
		{
			name:   "bad severity pattern",
			policy: "version: 1\nseverity:\n  \"staticcheck/[SA\": error\n",
			want:   []string{`lintgate.yml:3:3: severity: bad pattern "staticcheck/[SA": syntax error in pattern`},
			exit:   2,
		},
		{
			name:   "bad level",
			policy: "version: 1\nseverity:\n  errcheck: fatal\n",
			want:   []string{`lintgate.yml:3:13: severity of "errcheck": unknown level "fatal" (want error, warning, note or none)`},
			exit:   2,
		},
		{
			name:   "severity for an unknown check",
			policy: "version: 1\nseverity:\n  staticcheck/SA4600: error\n  revive/exportd: note\n",
			want: []string{
				`lintgate.yml:3:3: severity: unknown staticcheck check "SA4600" in "staticcheck/SA4600" (did you mean "SA1000", "SA4006" or "SA4009"?)`,
				`lintgate.yml:4:3: severity: unknown revive rule "exportd" in "revive/exportd" (did you mean "exported"?)`,
			},
			exit: 2,
		},
		{
			name:   "bad staticcheck and revive patterns",
			policy: "version: 1\nstaticcheck:\n  checks: [\"S*1\", SA4006]\nrevive:\n  rules: [\"[a\", exported]\n",
			want: []string{
				`lintgate.yml:3:12: staticcheck.checks: "S*1" is not a check pattern (a check id, "all", or a prefix ending in "*", optionally after "-")`,
				`lintgate.yml:5:11: revive.rules: bad pattern "[a": syntax error in pattern`,
			},
			exit: 2,
		},
		{
			name:   "unknown staticcheck checks and revive rules",
			policy: "version: 1\nstaticcheck:\n  checks: [\"SX*\", \"SA4O06\"]\nrevive:\n  rules: [exportd, \"foo-*\"]\n",
			want: []string{
				`lintgate.yml:3:12: staticcheck check pattern "SX*" matches no check`,
				`lintgate.yml:3:19: unknown staticcheck check "SA4O06" (did you mean "SA4006"?)`,
				`lintgate.yml:5:11: unknown revive rule "exportd" (did you mean "exported"?)`,
				`lintgate.yml:5:20: revive rule pattern "foo-*" matches no rule`,
			},
			exit: 2,
		},
		{
			name: "bad sha256",
			policy: "version: 1\nplugins:\n  allow:\n    - name: mylinter\n      path: tools/mylinter.so\n" +
				"      sha256: 3B1F\n",
			want: []string{`lintgate.yml:6:15: plugin "mylinter": sha256 "3B1F" is not 64 lowercase hex digits`},
			exit: 2,
		},
		{
			name:   "plugin without sha256",
			policy: "version: 1\nplugins:\n  allow:\n    - name: mylinter\n      path: tools/mylinter.so\n",
			want:   []string{`lintgate.yml:4:7: plugin "mylinter": missing sha256 of "tools/mylinter.so"`},
			exit:   2,
		},
		{
			name: "module plugin with a bad version and a sha256",
			policy: "version: 1\nplugins:\n  allow:\n    - name: other\n      module: example.com/other\n" +
				"      version: 1.2.3\n      sha256: " + pluginSum() + "\n",
			want: []string{
				`lintgate.yml:6:16: plugin "other": version "1.2.3" is not a semantic version like v1.2.3`,
				`lintgate.yml:7:15: plugin "other": sha256 is for Go plugins (path and sha256); a module plugin has module and version`,
			},
			exit: 2,
		},
		{
			name:   "bad pin",
			policy: "version: 1\npins:\n  golangci-lint: 2.15.0\n  staticcheck: latest\n",
			want: []string{
				`lintgate.yml:3:18: pins.golangci-lint: "2.15.0" is not a version like v1.2.3`,
				`lintgate.yml:4:16: pins.staticcheck: "latest" is not a version like v0.8.2 or a release like 2026.2.2`,
			},
			exit: 2,
		},
		{
			name:   "pin mismatch",
			policy: okPolicy + "pins:\n  golangci-lint: v2.14.0\n  staticcheck: 2026.2.2\n",
			want:   []string{"lintgate.yml:5:18: policy pins golangci-lint v2.14.0; this lintgate embeds v2.15.0"},
			exit:   3,
		},
		{
			name:   "gate with wrong types",
			policy: "version: 1\ngate:\n  fail-on: 3\n  new-only: yes\n",
			want: []string{
				"lintgate.yml:3:12: gate.fail-on must be a string, not an integer",
				"lintgate.yml:4:13: gate.new-only must be true or false, not a string",
			},
			exit: 2,
		},
	}
}

func configBadInputs() []fileCase {
	return []fileCase{
		{
			name:   "linter not allowed",
			config: "version: \"2\"\nlinters:\n  enable:\n    - gosec\n    - gochecknoglobals\n",
			want: []string{
				`.golangci.yml:4:7: linter "gosec" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
				`.golangci.yml:5:7: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`,
			},
			exit: 3,
		},
		{
			name:   "default: all with a short allow list",
			policy: "version: 1\nlinters:\n  allow: [errcheck, govet, staticcheck, unused, ineffassign, revive, gosec, misspell]\n",
			config: "version: \"2\"\nlinters:\n  default: all\n  disable: [godot]\n",
			want: []string{
				`.golangci.yml:3:12: linter "errchkjson" is enabled but lintgate.yml does not allow it (enabled by linters.default: all; lintgate.yml:3:3)`,
				`.golangci.yml:3:12: linter "gochecknoglobals" is enabled but lintgate.yml does not allow it (enabled by linters.default: all; lintgate.yml:3:3)`,
				`.golangci.yml:3:12: linter "nolintlint" is enabled but lintgate.yml does not allow it (enabled by linters.default: all; lintgate.yml:3:3)`,
				`.golangci.yml:3:12: linter "wsl" is enabled but lintgate.yml does not allow it (enabled by linters.default: all; lintgate.yml:3:3)`,
				`.golangci.yml:3:12: linter "wsl_v5" is enabled but lintgate.yml does not allow it (enabled by linters.default: all; lintgate.yml:3:3)`,
			},
			exit: 3,
		},
		{
			name:   "default standard, implicitly",
			policy: "version: 1\nlinters:\n  allow: [errcheck, govet, staticcheck]\n",
			config: "version: \"2\"\nlinters:\n  settings:\n    errcheck:\n      check-type-assertions: true\n",
			want: []string{
				`.golangci.yml:2:1: linter "ineffassign" is enabled but lintgate.yml does not allow it (enabled by the default linters.default: standard; lintgate.yml:3:3)`,
				`.golangci.yml:2:1: linter "unused" is enabled but lintgate.yml does not allow it (enabled by the default linters.default: standard; lintgate.yml:3:3)`,
			},
			exit: 3,
		},
		{
			name:   "formatter not allowed",
			config: "version: \"2\"\nformatters:\n  enable: [gofumpt]\n",
			want:   []string{`.golangci.yml:3:12: formatter "gofumpt" is enabled but lintgate.yml does not allow it (lintgate.yml:3:3)`},
			exit:   3,
		},
		{
			name:   "unknown linter in the config",
			config: "version: \"2\"\nlinters:\n  enable: [errchek]\n  disable: [bogus]\n",
			want: []string{
				`.golangci.yml:3:12: unknown linter "errchek" (did you mean "errcheck"?)`,
				`.golangci.yml:4:13: unknown linter "bogus"`,
			},
			exit: 2,
		},
		{
			name:   "formatter as a linter and linter as a formatter",
			config: "version: \"2\"\nlinters:\n  enable: [gofmt, typecheck]\nformatters:\n  enable: [govet, gofmpt]\n",
			want: []string{
				`.golangci.yml:3:12: "gofmt" is a formatter; it is enabled under formatters.enable`,
				`.golangci.yml:3:19: typecheck is not a linter, it cannot be enabled or disabled`,
				`.golangci.yml:5:12: "govet" is a linter, not a formatter; enable it under linters.enable`,
				`.golangci.yml:5:19: unknown formatter "gofmpt" (did you mean "gofmt" or "gofumpt"?)`,
			},
			exit: 2,
		},
		{
			name:   "bad linters.default",
			config: "version: \"2\"\nlinters:\n  default: standart\n",
			want: []string{
				`.golangci.yml:3:12: linters.default: unknown value "standart" (want standard, all, none or fast) (did you mean "standard"?)`,
			},
			exit: 2,
		},
		{
			name:   "v1 config",
			config: "linters:\n  enable-all: true\n",
			want:   []string{".golangci.yml:1:1: not a golangci-lint v2 configuration (no version: \"2\"); convert it with `lintgate golangci-lint migrate`"},
			exit:   2,
		},
		{
			name:   "alias cycle in the config",
			config: "version: \"2\"\nlinters: &a\n  <<: &b\n    <<: *a\n",
			want:   []string{".golangci.yml:4:9: alias *a refers to a node that contains it"},
			exit:   2,
		},
		{
			name:   "malformed config",
			config: "version: \"2\"\nlinters:\n  enable: [errcheck\n",
			want:   []string{".golangci.yml:3: did not find expected ',' or ']'"},
			exit:   2,
		},
		{
			name:   "required linter missing",
			policy: "version: 1\nlinters:\n  require: [govet, gosec, gofmt]\n",
			config: "version: \"2\"\nlinters:\n  disable: [govet]\n",
			want: []string{
				`lintgate.yml:3:13: linter "govet" is required but .golangci.yml disables it (.golangci.yml:3:13)`,
				`lintgate.yml:3:20: linter "gosec" is required but .golangci.yml does not enable it`,
				`lintgate.yml:3:27: formatter "gofmt" is required but .golangci.yml does not enable it`,
			},
			exit: 3,
		},
		{
			name:   "plugin not allowed",
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      mylinter:\n        path: tools/mylinter.so\n",
			want:   []string{`.golangci.yml:5:7: custom linter "mylinter" is configured but lintgate.yml does not allow it (lintgate.yml has no plugins.allow)`},
			exit:   3,
		},
		{
			name:   "plugin hash mismatch",
			policy: pluginPolicy(pluginSum()),
			config: pluginConfig,
			files:  map[string]string{"tools/mylinter.so": pluginData + "tampered\n"},
			want: []string{
				`.golangci.yml:6:15: custom linter "mylinter": "tools/mylinter.so" has sha256 ` + sha256Hex(pluginData+"tampered\n") +
					` but lintgate.yml allows ` + pluginSum() + ` (lintgate.yml:9:15)`,
			},
			exit: 3,
		},
		{
			name:   "plugin file missing",
			policy: pluginPolicy(pluginSum()),
			config: pluginConfig,
			want:   []string{`.golangci.yml:6:15: custom linter "mylinter": plugin file "tools/mylinter.so" does not exist (lintgate.yml:8:13)`},
			exit:   3,
		},
		{
			name:   "plugin file is a directory",
			policy: pluginPolicy(pluginSum()),
			config: pluginConfig,
			files:  map[string]string{"tools/mylinter.so": "<dir>"},
			want:   []string{`.golangci.yml:6:15: custom linter "mylinter": cannot read plugin file "tools/mylinter.so": is a directory (lintgate.yml:8:13)`},
			exit:   3,
		},
		{
			name:   "plugin at another path",
			policy: pluginPolicy(pluginSum()),
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      mylinter:\n        path: ./other/mylinter.so\n",
			want:   []string{`.golangci.yml:6:15: custom linter "mylinter" loads "./other/mylinter.so" but lintgate.yml allows "tools/mylinter.so" (lintgate.yml:8:13)`},
			exit:   3,
		},
		{
			name:   "module plugin allowed as a Go plugin",
			policy: pluginPolicy(pluginSum()),
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      mylinter:\n        type: module\n",
			want:   []string{`.golangci.yml:5:7: custom linter "mylinter" is a module plugin but lintgate.yml allows it as the Go plugin "tools/mylinter.so" (lintgate.yml:7:7)`},
			exit:   3,
		},
		{
			name:   "bad custom linter",
			policy: pluginPolicy(pluginSum()),
			config: "version: \"2\"\nlinters:\n  settings:\n    custom:\n      mylinter:\n        type: wasm\n      other: {}\n",
			want: []string{
				`.golangci.yml:6:15: custom linter "mylinter": unknown type "wasm" (want goplugin or module)`,
				`.golangci.yml:7:7: custom linter "other": missing path (a Go plugin is a .so file) or type: module`,
			},
			exit: 2,
		},
		{
			name:   ".custom-gcl.yml module not allowed or at another version",
			policy: modulePolicy,
			files: map[string]string{".custom-gcl.yml": "version: v2.15.0\nplugins:\n" +
				"  - module: example.com/other/linter\n    version: v1.3.0\n" +
				"  - module: example.com/evil\n    version: v0.0.1\n"},
			want: []string{
				`.custom-gcl.yml:4:14: module plugin "example.com/other/linter" uses version "v1.3.0" but lintgate.yml allows version "v1.2.3" (lintgate.yml:4:7)`,
				`.custom-gcl.yml:5:13: module plugin "example.com/evil" is configured but lintgate.yml does not allow it (lintgate.yml:3:3)`,
			},
			exit: 3,
		},
		{
			name:   "staticcheck checks not allowed",
			policy: okPolicy + "staticcheck:\n  checks: [\"SA*\", \"S1*\", \"-SA9003\"]\n",
			config: "version: \"2\"\nlinters:\n  settings:\n    staticcheck:\n      checks: [all, \"-ST1*\", ST1003, SA9003, SA4600]\n",
			want: []string{
				`.golangci.yml:5:16: staticcheck check "QF1001" is turned on but lintgate.yml does not allow it (turned on by "all"; lintgate.yml:5:3)`,
				`.golangci.yml:5:16: staticcheck check "QF1003" is turned on but lintgate.yml does not allow it (turned on by "all"; lintgate.yml:5:3)`,
				`.golangci.yml:5:30: staticcheck check "ST1003" is turned on but lintgate.yml does not allow it (lintgate.yml:5:3)`,
				`.golangci.yml:5:38: staticcheck check "SA9003" is turned on but lintgate.yml does not allow it (lintgate.yml:5:3)`,
				`.golangci.yml:5:46: unknown staticcheck check "SA4600" (did you mean "SA1000", "SA4006" or "SA4009"?)`,
			},
			exit: 2,
		},
		{
			name:   "golangci-lint's default staticcheck checks",
			policy: okPolicy + "staticcheck:\n  checks: [\"SA*\", \"S*\", \"QF*\"]\n",
			config: "version: \"2\"\nlinters:\n  default: none\n  enable: [staticcheck]\n",
			want: []string{
				`.golangci.yml:4:12: staticcheck check "ST1005" is turned on but lintgate.yml does not allow it (turned on by golangci-lint's default checks; lintgate.yml:5:3)`,
			},
			exit: 3,
		},
		{
			name:   "revive rules not allowed",
			policy: "version: 1\nrevive:\n  rules: [\"*\", \"-add-constant\", \"-line-length-limit\"]\n",
			config: "version: \"2\"\nlinters:\n  enable: [revive]\n  settings:\n    revive:\n      enable-all-rules: true\n" +
				"      rules:\n        - name: line-length-limit\n          arguments: [120]\n        - name: imports-blacklist\n        - name: exportd\n",
			want: []string{
				`.golangci.yml:6:25: revive rule "add-constant" is turned on but lintgate.yml does not allow it (turned on by enable-all-rules: true; lintgate.yml:3:3)`,
				`.golangci.yml:8:17: revive rule "line-length-limit" is turned on but lintgate.yml does not allow it (lintgate.yml:3:3)`,
				// golangci-lint's schema does not know revive's old name.
				`.golangci.yml:10:17: unknown revive rule "imports-blacklist" (did you mean "imports-blocklist"?)`,
				`.golangci.yml:11:17: unknown revive rule "exportd" (did you mean "exported"?)`,
			},
			exit: 2,
		},
		{
			name:   "revive's default rules",
			policy: "version: 1\nrevive:\n  rules: [\"*\", \"-exported\"]\n",
			config: "version: \"2\"\nlinters:\n  enable: [revive]\n",
			want:   []string{`.golangci.yml:3:12: revive rule "exported" is turned on but lintgate.yml does not allow it (turned on by revive's default rules; lintgate.yml:3:3)`},
			exit:   3,
		},
		{
			name:   "config with wrong types",
			config: "version: \"2\"\nlinters:\n  enable: errcheck\n  settings:\n    custom: [x]\nformatters: gofmt\n",
			want: []string{
				".golangci.yml:3:11: linters.enable must be a list, not a string",
				".golangci.yml:5:13: linters.settings.custom must be a mapping, not a list",
				".golangci.yml:6:13: formatters must be a mapping, not a string",
			},
			exit: 2,
		},
	}
}
