package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// strictGroups makes every command that has subcommands refuse what it
// does not know: cobra prints help and exits 0 for `snapshot verfiy` when
// the group has no Run of its own, so a typo in CI would pass the gate.
// A mistyped subcommand is a usage error with a suggestion; a group named
// without a subcommand is one too (--help still prints help, exit 0).
// It covers cobra's own help and completion commands, so it runs after
// they are added.
func strictGroups(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.HasSubCommands() {
			return
		}
		c.Args = unknownSubcommand
		switch {
		case c == root && !c.Runnable():
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		case !c.Runnable():
			c.RunE = missingSubcommand
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.RunE = helpCmd(root)
			c.Run = nil
		}
	}
}

// unknownSubcommand is the Args check of a command group.
func unknownSubcommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return unknownCommandError(c, args[0])
}

func unknownCommandError(c *cobra.Command, name string) error {
	c.SuggestionsMinimumDistance = 2
	hint := ""
	if s := c.SuggestionsFor(name); len(s) > 0 {
		hint = fmt.Sprintf(" (did you mean %q?)", s[0])
	} else {
		hint = " (want " + orList(subcommandNames(c)) + ")"
	}
	return usageError("unknown command %q for %q%s", name, c.CommandPath(), hint)
}

// missingSubcommand is the Run of a group that does nothing by itself.
func missingSubcommand(c *cobra.Command, _ []string) error {
	return usageError("%s needs a subcommand: %s (%s --help)", c.CommandPath(), orList(subcommandNames(c)), c.CommandPath())
}

// helpCmd is cobra's help command, except that help for a command that
// does not exist is a usage error, not the root's help and exit 0.
func helpCmd(root *cobra.Command) func(*cobra.Command, []string) error {
	return func(_ *cobra.Command, args []string) error {
		target, rest, err := root.Find(args)
		if err != nil {
			return usageError("%v", err)
		}
		if len(rest) > 0 && target.HasSubCommands() {
			return unknownCommandError(target, rest[0])
		}
		if len(rest) > 0 {
			return usageError("%s has no subcommand %q (%s --help)", target.CommandPath(), rest[0], target.CommandPath())
		}
		target.InitDefaultHelpFlag()
		return target.Help()
	}
}

// subcommandNames lists the commands a user may type after c, sorted.
func subcommandNames(c *cobra.Command) []string {
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	return names // cobra keeps Commands() sorted
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
