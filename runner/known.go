package runner

import (
	"github.com/golangci/golangci-lint/v2/pkg/config"
	"github.com/golangci/golangci-lint/v2/pkg/goformatters"
	"github.com/golangci/golangci-lint/v2/pkg/lint/linter"

	"github.com/lintgate/lintgate/rules"
)

// Known returns what policies and configurations are checked against:
// every linter and formatter name of the embedded golangci-lint (with its
// alternative names) and its registry facts, plus staticcheck's checks and
// revive's rules from the libraries.
func Known() (rules.Known, error) {
	lcs, err := linterConfigs()
	if err != nil {
		return rules.Known{}, err
	}
	linters := map[string]rules.LinterInfo{}
	for _, lc := range lcs {
		info := rules.LinterInfo{
			Formatter:   goformatters.IsFormatter(lc.Name()),
			Deprecated:  lc.IsDeprecated(),
			Deactivated: lc.Deprecation != nil && lc.Deprecation.Level > linter.DeprecationWarning,
			Internal:    lc.Internal,
		}
		if lc.FromGroup(config.GroupStandard) {
			info.Groups = append(info.Groups, rules.GroupStandard)
		}
		if !lc.IsSlowLinter() {
			info.Groups = append(info.Groups, rules.GroupFast)
		}
		for _, name := range lc.AllNames() {
			linters[name] = info
		}
	}
	return rules.NewKnown(linters), nil
}
