package lint

import (
	"fmt"

	"github.com/lintgate/lintgate/rules"
)

// Pins are the versions of the tools this lintgate embeds, which a
// policy may assert.
type Pins struct {
	GolangciLint, Staticcheck, Revive string
}

// CheckPolicy checks the policy against what this lintgate knows and
// embeds, and the golangci-lint configuration src against the policy, as
// every command that runs or exports linters does before anything runs.
// The problems come sorted; none means the policy passed. The
// configuration comes back as it was read and judged (nil when it could
// not be decoded): the effective configuration is written from that one
// reading, so what was judged is what runs.
func CheckPolicy(p *rules.Policy, src rules.ConfigSource, k rules.Known, pins Pins, root string) (*rules.Golangci, []rules.Problem) {
	ps := p.Validate(k)
	ps = append(ps, p.CheckPins(pins.GolangciLint, pins.Staticcheck, pins.Revive)...)
	g, more := rules.Judge(p, src, k, root)
	return g, rules.SortProblems(append(ps, more...))
}

// PolicyError is Run's error when the policy refuses the run.
type PolicyError struct {
	Problems []rules.Problem
}

func (e *PolicyError) Error() string {
	return fmt.Sprintf("the policy refuses the run: %d problems, the first: %s", len(e.Problems), e.Problems[0])
}

// Violations reports whether every problem is a policy violation (a
// linter or plugin not allowed, a pin mismatch), not a file in error.
func (e *PolicyError) Violations() bool {
	for _, p := range e.Problems {
		if !p.Violation {
			return false
		}
	}
	return true
}
