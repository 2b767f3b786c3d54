package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/runner"
)

type versionOptions struct {
	json           bool
	verify         string
	allowedSigners string
	signature      string
}

func newVersionCmd(e *env) *cobra.Command {
	var o versionOptions
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print lintgate's version and the pinned linters with their module sums",
		Long: `Print lintgate's version and the pinned linters with their module sums.

--verify SHA256SUMS checks that this lintgate binary is the released one:
its sha256 must be the manifest's for lintgate_<os>_<arch> of this
platform. With --allowed-signers FILE the manifest's SSH signature
(SHA256SUMS.sig, namespace lintgate-release) must be good too, by a key
that FILE (OpenSSH allowed_signers) allows. Exit 0 when it is the release,
42 when it is not or the signature is missing or bad, 2 when a file cannot
be read.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if o.verify != "" {
				return verifyRelease(e, o)
			}
			if o.allowedSigners != "" || o.signature != "" {
				return usageError("--allowed-signers and --signature go with --verify SHA256SUMS")
			}
			return printVersion(e.stdout, runner.ReadPins(), o.json)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, "print JSON")
	f.StringVar(&o.verify, "verify", "", "check this binary against the release manifest `SHA256SUMS`")
	f.StringVar(&o.allowedSigners, "allowed-signers", "", "require a good signature of the manifest by a key this OpenSSH allowed_signers `file` allows")
	f.StringVar(&o.signature, "signature", "", "the manifest's signature `file` (default SHA256SUMS.sig beside it)")
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
