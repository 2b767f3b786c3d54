package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/finding"
	"github.com/lintgate/lintgate/rules"
	"github.com/lintgate/lintgate/runner"
)

// ruleRow is one rule as lintgate rules lists it.
type ruleRow struct {
	ID      string        `json:"id"`
	Tool    string        `json:"tool"`
	Linter  string        `json:"linter"`
	Check   string        `json:"check,omitempty"`
	Title   string        `json:"title"`
	Level   finding.Level `json:"level"`
	HelpURI string        `json:"helpUri,omitempty"`
	Tags    []string      `json:"tags,omitempty"`
	// Enabled: the golangci-lint config runs it; Allowed: the policy lets
	// it run. A rule reports findings when both hold.
	Enabled bool `json:"enabled"`
	Allowed bool `json:"allowed"`
}

func newRulesCmd(e *env) *cobra.Command {
	var o policyOptions
	var asJSON, onlyEnabled bool
	var tool string
	cmd := &cobra.Command{
		Use:   "rules [explain ID]",
		Short: "List every rule lintgate can report, or explain one",
		Long: `List every rule this lintgate can report: staticcheck's checks, revive's
rules, and golangci-lint's linters (and govet's analyzers, gosec's rules),
with the tool, the default SARIF level, the title, whether the module's
golangci-lint config turns it on (enabled) and whether the policy allows it
(allowed). "lintgate rules explain staticcheck/SA4006" prints a rule's full
documentation.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			_, src, pol, err := o.load(e)
			if err != nil {
				return err
			}
			cat, err := runner.Catalog()
			if err != nil {
				return &ExitError{Code: ExitTool, Err: err}
			}
			if err := checkTool(tool, cat.Rules()); err != nil {
				return err
			}
			known, err := runner.Known()
			if err != nil {
				return &ExitError{Code: ExitTool, Err: err}
			}
			en, ps := rules.EnabledBy(src, known)
			if len(ps) > 0 {
				return problemsExit(e, ps)
			}
			var rows []ruleRow
			for _, r := range cat.Rules() {
				if tool != "" && r.Tool != tool {
					continue
				}
				row := ruleRow{ID: r.ID, Tool: r.Tool, Linter: r.Linter, Check: r.Check, Title: r.Title, Level: r.Level,
					HelpURI: r.HelpURI, Tags: r.Tags, Enabled: en.RuleOn(r), Allowed: pol.AllowsRule(r, known)}
				if onlyEnabled && (!row.Enabled || !row.Allowed) {
					continue
				}
				rows = append(rows, row)
			}
			if asJSON {
				return writeJSON(e, rows)
			}
			return writeRuleTable(e, rows)
		},
	}
	o.flags(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&onlyEnabled, "enabled", false, "list only the rules that run: enabled by the config and allowed by the policy")
	cmd.Flags().StringVar(&tool, "tool", "", "list only the rules of `tool`: golangci-lint, staticcheck or revive")
	cmd.AddCommand(newRulesExplainCmd(e))
	return cmd
}

func writeJSON(e *env, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := e.stdout.Write(buf.Bytes())
	return err
}

func writeRuleTable(e *env, rows []ruleRow) error {
	var cells strings.Builder
	cells.WriteString("RULE\tTOOL\tLEVEL\tENABLED\tALLOWED\tTITLE\n")
	yes := map[bool]string{true: "yes", false: "no"}
	for _, r := range rows {
		fmt.Fprintf(&cells, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Tool, r.Level, yes[r.Enabled], yes[r.Allowed], r.Title)
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	if _, err := io.WriteString(tw, cells.String()); err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := e.stdout.Write(buf.Bytes())
	return err
}

func newRulesExplainCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Print a rule's full documentation",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cat, err := runner.Catalog()
			if err != nil {
				return &ExitError{Code: ExitTool, Err: err}
			}
			r, ok := cat.Lookup(args[0])
			if !ok {
				return usageError("unknown rule %q%s", args[0], ruleSuggestion(args[0], cat.Rules()))
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
			fmt.Fprintf(&b, "tool: %s", r.Tool)
			if r.Linter != "" {
				fmt.Fprintf(&b, " (golangci-lint linter %s)", r.Linter)
			}
			fmt.Fprintf(&b, "\ndefault level: %s\n", r.Level)
			if len(r.Tags) > 0 {
				fmt.Fprintf(&b, "tags: %s\n", strings.Join(r.Tags, ", "))
			}
			if r.Since != "" {
				fmt.Fprintf(&b, "since: %s\n", r.Since)
			}
			if r.HelpURI != "" {
				fmt.Fprintf(&b, "help: %s\n", r.HelpURI)
			}
			if text := strings.TrimSpace(r.Text); text != "" && text != r.Title {
				fmt.Fprintf(&b, "\n%s\n", text)
			}
			_, err = fmt.Fprint(e.stdout, b.String())
			return err
		},
	}
}

// checkTool is the check of --tool: "" or a tool the catalog has rules of.
func checkTool(tool string, rs []rules.Rule) error {
	var tools []string
	for _, r := range rs {
		if !slices.Contains(tools, r.Tool) {
			tools = append(tools, r.Tool)
		}
	}
	if tool == "" || slices.Contains(tools, tool) {
		return nil
	}
	slices.Sort(tools)
	hint := rules.DidYouMean(tool, tools)
	if hint == "" {
		hint = " (want " + orList(tools) + ")"
	}
	return usageError("--tool: unknown tool %q%s", tool, hint)
}

// ruleSuggestion is the "did you mean" of an unknown rule id: the rules
// whose check it names (SA4006 is staticcheck/SA4006, var-naming
// revive/var-naming), else the ids closest to it.
func ruleSuggestion(name string, rs []rules.Rule) string {
	var ids, checks []string
	for _, r := range rs {
		ids = append(ids, r.ID)
		if _, check, ok := strings.Cut(r.ID, "/"); ok && strings.EqualFold(check, name) {
			checks = append(checks, r.ID)
		}
	}
	if len(checks) == 0 {
		return rules.DidYouMean(name, ids)
	}
	slices.Sort(checks)
	quoted := make([]string, len(checks))
	for i, c := range checks {
		quoted[i] = strconv.Quote(c)
	}
	return " (did you mean " + orList(quoted) + "?)"
}
