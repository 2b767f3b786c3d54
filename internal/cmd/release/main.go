// Command release writes lintgate's release artifacts next to the
// binaries that make release built: an SPDX SBOM per binary, the SLSA
// provenance, SHA256SUMS and, with -sign, SHA256SUMS.sig (see package
// release). make release runs it; it is not installed.
//
//	go run ./internal/cmd/release -dir dist -version v1.2.3 -commit SHA -time UNIX \
//		-ldflags '-s -w ...' -env 'CGO_ENABLED=0 ...' [-sign KEY] [-builder ID]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lintgate/lintgate/release"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	dir := fs.String("dir", "dist", "the directory of the lintgate_<os>_<arch> binaries")
	version := fs.String("version", "", "the release version (required)")
	commit := fs.String("commit", "", "the source commit (required)")
	when := fs.String("time", "", "the source commit's time, in Unix seconds (required)")
	sign := fs.String("sign", "", "sign SHA256SUMS with this OpenSSH private key file")
	builder := fs.String("builder", release.DefaultBuilder, "the provenance's builder id")
	repo := fs.String("repository", "https://github.com/lintgate/lintgate", "the source repository")
	ldflags := fs.String("ldflags", "", "the -ldflags the binaries were built with")
	env := fs.String("env", "", "the build environment, as space-separated KEY=VALUE")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version == "" || *commit == "" || *when == "" || fs.NArg() > 0 {
		return errors.New("usage: release -dir DIR -version V -commit SHA -time UNIX [-sign KEY]")
	}
	secs, err := strconv.ParseInt(*when, 10, 64)
	if err != nil {
		return fmt.Errorf("-time %q: want Unix seconds (git log -1 --format=%%ct)", *when)
	}
	in := release.Input{Version: *version, Commit: *commit, Created: time.Unix(secs, 0), Builder: *builder, Repository: *repo,
		Flags: []string{"-trimpath", "-ldflags=" + *ldflags}, Env: map[string]string{}}
	for _, kv := range strings.Fields(*env) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("-env %q: want KEY=VALUE", kv)
		}
		in.Env[k] = v
	}
	if *sign != "" {
		if in.Key, err = os.ReadFile(*sign); err != nil {
			return fmt.Errorf("-sign: %w", err)
		}
	}
	wrote, err := release.Write(*dir, in)
	for _, name := range wrote {
		if _, werr := fmt.Fprintf(stdout, "wrote %s/%s\n", *dir, name); werr != nil {
			return werr
		}
	}
	return err
}
