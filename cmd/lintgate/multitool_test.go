package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux
// 5.7.0) checks every log the tests write with `validate --rule-kind
// "Sarif;Gh"`: the SARIF rules and GitHub code scanning's ingestion rules.
// .ci/run installs it and sets multitoolEnv, which makes a missing or
// broken Multitool a test failure; without the variable the tests look in
// multitoolDefault and, when it is not there, skip only this check
// (TestMultitoolInstalled says so).
const (
	multitoolEnv     = "LINTGATE_SARIF_MULTITOOL"
	multitoolDefault = "../../.cache/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
)

var errNoMultitool = errors.New("the SARIF Multitool is not installed: run .ci/run, or npm i --prefix .cache/sarif-multitool @microsoft/sarif-multitool-linux@5.7.0 and chmod u+x its Sarif.Multitool")

// multitoolPath is the Multitool to run, errNoMultitool when none is
// installed and none is demanded.
func multitoolPath() (string, error) {
	if p := os.Getenv(multitoolEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", multitoolEnv, p, err)
		}
		return p, nil
	}
	p, err := filepath.Abs(multitoolDefault)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(p); err != nil {
		return "", errNoMultitool
	}
	return p, nil
}

func TestMultitoolInstalled(t *testing.T) {
	p, err := multitoolPath()
	if errors.Is(err, errNoMultitool) {
		t.Skipf("%v; the logs are checked against the schema only", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	// A log the Multitool must reject: it proves the check can fail.
	bad := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","version":"1.0.0","rules":[{"id":"r","name":"r","shortDescription":{"text":"R."}}]}},"results":[]}]}`)
	problems, err := runMultitool(p, bad)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, " SARIF1001: ") }) {
		t.Errorf("problems of a rule whose name is its id = %q, want a SARIF1001", problems)
	}
}

// multitoolProblems runs the Multitool on a log and returns its errors
// and warnings, except those lintgate accepts (see acceptedByMultitool).
func multitoolProblems(data []byte) ([]string, error) {
	p, err := multitoolPath()
	if err != nil {
		return nil, err
	}
	return runMultitool(p, data)
}

func runMultitool(tool string, data []byte) ([]string, error) {
	dir, err := os.MkdirTemp("", "lintgate-multitool-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(dir) }() // a temporary directory; nothing to do if it stays
	in, out := filepath.Join(dir, "in.sarif"), filepath.Join(dir, "out.sarif")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command(tool, "validate", "--rule-kind", "Sarif;Gh", "-o", out, in)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%s validate: %w\n%s", tool, err, msg)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text      string   `json:"text"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		return nil, fmt.Errorf("the Multitool's own log: %w\n%s", err, raw)
	}
	if len(log.Runs) != 1 {
		return nil, fmt.Errorf("the Multitool's own log has %d runs, want 1:\n%s", len(log.Runs), raw)
	}
	var problems []string
	for _, inv := range log.Runs[0].Invocations {
		if !inv.ExecutionSuccessful {
			return nil, fmt.Errorf("the Multitool did not finish:\n%s", raw)
		}
	}
	for _, r := range log.Runs[0].Results {
		level := r.Level
		if level == "" {
			level = "warning" // the SARIF default
		}
		if level != "error" && level != "warning" || acceptedByMultitool(r.RuleID, r.Message.Arguments) {
			continue
		}
		at := ""
		if len(r.Locations) > 0 {
			reg := r.Locations[0].PhysicalLocation.Region
			at = fmt.Sprintf("%d:%d: ", reg.StartLine, reg.StartColumn)
		}
		problems = append(problems, fmt.Sprintf("%s%s %s: %s %q", at, level, r.RuleID, r.Message.Text, r.Message.Arguments))
	}
	return problems, nil
}

// acceptedByMultitool says which of the Multitool's warnings a lintgate
// log may have:
//   - SARIF2004 (a result repeats its rule in ruleId and rule.id): ruleId
//     stays beside rule for consumers that read only ruleId (README).
//   - SARIF2005 for a driver version "(devel)": a binary built without a
//     release version (these tests' own binary) has no numeric version;
//     release builds are stamped with one.
func acceptedByMultitool(rule string, args []string) bool {
	switch rule {
	case "SARIF2004":
		return true
	case "SARIF2005":
		return len(args) == 3 && args[0] == "runs[0].tool.driver.version" && args[2] == "(devel)"
	}
	return false
}

// checkMultitool fails (through fatalf) when the Multitool finds a
// problem in the log name or cannot run; an absent Multitool that is not
// demanded skips the check.
func checkMultitool(fatalf func(string, ...any), name string, data []byte) {
	problems, err := multitoolProblems(data)
	switch {
	case errors.Is(err, errNoMultitool):
	case err != nil:
		fatalf("%s: %v", name, err)
	case len(problems) > 0:
		fatalf("%s: the SARIF Multitool reports:\n%s", name, strings.Join(problems, "\n"))
	}
}
