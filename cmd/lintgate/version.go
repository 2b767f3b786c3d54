package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/runner"
)

type versionOptions struct {
	json bool
}

func newVersionCmd(e *env) *cobra.Command {
	var o versionOptions
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print lintgate's version and the pinned linters with their module sums",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return printVersion(e.stdout, runner.ReadPins(), o.json)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return cmd
}

func printVersion(w io.Writer, p runner.Pins, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	_, err := fmt.Fprintf(w, "lintgate %s built with %s\n", p.Lintgate.Version, p.GoVersion)
	if err != nil {
		return err
	}
	rows := []struct {
		name string
		m    runner.Module
		note string
	}{
		{"golangci-lint", p.GolangciLint, ""},
		{"staticcheck", p.Staticcheck, " (staticcheck " + p.StaticcheckRelease + ")"},
		{"revive", p.Revive, ""},
		{"x/tools", p.XTools, ""},
	}
	for _, r := range rows {
		if _, err := fmt.Fprintf(w, "  %-14s %-40s %-9s %s%s\n", r.name, r.m.Path, r.m.Version, r.m.Sum, r.note); err != nil {
			return err
		}
	}
	return nil
}
