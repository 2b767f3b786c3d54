package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/lintgate/lintgate/sarif"
)

func newSarifCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sarif",
		Short: "Work with SARIF logs: validate",
	}
	cmd.AddCommand(newSarifValidateCmd(e))
	return cmd
}

type sarifValidateOptions struct {
	verbose bool
}

func newSarifValidateCmd(e *env) *cobra.Command {
	var o sarifValidateOptions
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check SARIF logs against the schema and the rules of GitHub code scanning and the SARIF validator",
		Long: `Check SARIF logs, from lintgate or any other tool ("-" reads standard
input), against the OASIS SARIF 2.1.0 schema and the structural rules the
schema cannot express: those of the SARIF text (spec), of the Microsoft
sarif-sdk validator (SARIF1004, SARIF1007, SARIF1009, SARIF1010, SARIF1012)
and of GitHub code scanning (github: required properties, runs of one tool
and category, upload limits).

Prints one line per problem, sorted, and nothing for a valid file:

  FILE: POINTER: [RULE] message

POINTER is the RFC 6901 JSON pointer of the offending value ("(root)" for
the whole document); RULE is schema, spec, github or a sarif-sdk rule id.

Exit codes: 0 every file is valid; 1 a file has problems; 2 usage error, or
a file that cannot be read or is not JSON (the message gives FILE:LINE:COL).`,
		RunE: func(_ *cobra.Command, args []string) error {
			return validateSarifFiles(e, o, args)
		},
	}
	cmd.Flags().BoolVarP(&o.verbose, "verbose", "v", false, "print a summary line for every file")
	return cmd
}

// validateSarifFiles validates every file, printing problems to stdout
// and unreadable or non-JSON files to stderr. It goes on past a bad file
// so that one run reports them all.
func validateSarifFiles(e *env, o sarifValidateOptions, files []string) error {
	if len(files) == 0 {
		return usageError("sarif validate: no FILE given (- reads standard input)")
	}
	stdin := 0
	for _, f := range files {
		if f == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usageError("sarif validate: - (standard input) given %d times", stdin)
	}
	var broken, invalid bool
	for _, f := range files {
		n, err := validateSarifFile(e, o, f)
		switch {
		case err != nil:
			broken = true
			if _, err := fmt.Fprintf(e.stderr, "lintgate: %v\n", err); err != nil {
				return err
			}
		case n > 0:
			invalid = true
		}
	}
	switch {
	case broken:
		return &ExitError{Code: ExitUsage}
	case invalid:
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

// validateSarifFile prints the problems of one file and returns their
// number; the error says why the file could not be validated.
func validateSarifFile(e *env, o sarifValidateOptions, file string) (int, error) {
	name, data, err := readSarifInput(e, file)
	if err != nil {
		return 0, err
	}
	problems, err := sarif.Validate(data)
	var se *sarif.SyntaxError
	switch {
	case errors.As(err, &se):
		return 0, fmt.Errorf("%s:%w", name, err)
	case err != nil:
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	for _, p := range problems {
		if _, err := fmt.Fprintf(e.stdout, "%s: %s\n", name, p); err != nil {
			return 0, err
		}
	}
	if o.verbose {
		if _, err := fmt.Fprintf(e.stdout, "%s: %s\n", name, problemCount(len(problems))); err != nil {
			return 0, err
		}
	}
	return len(problems), nil
}

// readSarifInput reads a file, or standard input for "-", and returns
// the name to print for it.
func readSarifInput(e *env, file string) (string, []byte, error) {
	if file != "-" {
		data, err := os.ReadFile(file)
		return file, data, err
	}
	if e.stdin == nil {
		return "<stdin>", nil, errors.New("<stdin>: no standard input")
	}
	data, err := io.ReadAll(e.stdin)
	if err != nil {
		return "<stdin>", nil, fmt.Errorf("<stdin>: %w", err)
	}
	return "<stdin>", data, nil
}

func problemCount(n int) string {
	switch n {
	case 0:
		return "valid"
	case 1:
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}
