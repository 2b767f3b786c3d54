// Package revivedoc reads revive's rule documentation, RULES_DESCRIPTIONS.md,
// which the revive module ships next to its code. The genrevive generator
// uses it to write rules/revive_docs.go, and the rules tests use it to check
// that the generated file is up to date.
package revivedoc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Doc is the documentation of one revive rule.
type Doc struct {
	// Title is the first sentence of the description, as plain text.
	Title string
	// Text is the description paragraph as plain text on one line.
	Text string
	// Markdown is the whole body of the rule's section.
	Markdown string
}

// descriptionMarker starts the description paragraph of a rule section.
const descriptionMarker = "_Description_:"

// section is a "## name" heading and the lines that follow it.
type section struct {
	name  string
	lines []string
}

// Parse reads RULES_DESCRIPTIONS.md and returns the documentation of every
// rule, keyed by rule name. A rule section is a level-two heading that is
// a single word; other level-two headings (such as "Configuration options
// format") are skipped. A rule section without a description, or two
// sections for one rule, is an error.
func Parse(md []byte) (map[string]Doc, error) {
	sections, err := split(md)
	if err != nil {
		return nil, err
	}
	docs := make(map[string]Doc, len(sections))
	for _, s := range sections {
		if strings.ContainsAny(s.name, " \t") {
			continue
		}
		if _, dup := docs[s.name]; dup {
			return nil, fmt.Errorf("revivedoc: duplicate section for rule %q", s.name)
		}
		d, err := parseSection(s)
		if err != nil {
			return nil, err
		}
		docs[s.name] = d
	}
	if len(docs) == 0 {
		return nil, errors.New("revivedoc: no rule sections found")
	}
	return docs, nil
}

// split cuts the document into its level-two sections, ignoring headings
// inside fenced code blocks. Text before the first section is dropped.
func split(md []byte) ([]section, error) {
	var (
		out     []section
		inFence bool
	)
	sc := bufio.NewScanner(bytes.NewReader(md))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if isFence(line) {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "## ") {
			out = append(out, section{name: strings.TrimSpace(line[3:])})
			continue
		}
		if len(out) > 0 {
			last := &out[len(out)-1]
			last.lines = append(last.lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("revivedoc: reading markdown: %w", err)
	}
	return out, nil
}

// isFence reports whether a line opens or closes a fenced code block.
func isFence(line string) bool {
	t := strings.TrimLeft(line, " ")
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}

// parseSection extracts the description paragraph of one rule section.
func parseSection(s section) (Doc, error) {
	body := strings.TrimSpace(strings.Join(s.lines, "\n"))
	para := description(s.lines)
	if para == "" {
		return Doc{}, fmt.Errorf("revivedoc: rule %q has no %s paragraph", s.name, descriptionMarker)
	}
	text := Plain(para)
	return Doc{Title: FirstSentence(text), Text: text, Markdown: body}, nil
}

// description returns the Markdown of the paragraph that starts with the
// description marker, without the marker, or "" when there is none.
func description(lines []string) string {
	inFence := false
	for i, line := range lines {
		if isFence(line) {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(line, descriptionMarker) {
			continue
		}
		para := []string{strings.TrimPrefix(line, descriptionMarker)}
		for _, next := range lines[i+1:] {
			if strings.TrimSpace(next) == "" {
				break
			}
			para = append(para, next)
		}
		return strings.TrimSpace(strings.Join(para, "\n"))
	}
	return ""
}
