package sshsig

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// AllowedSigner is one line of an OpenSSH allowed_signers file (see
// ssh-keygen(1), "ALLOWED SIGNERS"): principals, options, a public key.
type AllowedSigner struct {
	Principals []string
	// Namespaces is the pattern list of the namespaces= option; empty
	// allows every namespace.
	Namespaces  []string
	ValidAfter  time.Time
	ValidBefore time.Time
	Key         ssh.PublicKey
}

// ParseAllowedSigners reads an allowed_signers file. Lines with the
// cert-authority option are skipped: lintgate checks plain keys only.
func ParseAllowedSigners(name string, data []byte) ([]AllowedSigner, error) {
	var out []AllowedSigner
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		s, skip, err := parseSignerLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if !skip {
			out = append(out, s)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// parseSignerLine reads "principals [options] keytype base64 [comment]".
func parseSignerLine(line string) (AllowedSigner, bool, error) {
	var s AllowedSigner
	principals, rest := line, ""
	if line[0] == '"' {
		end := strings.IndexByte(line[1:], '"')
		if end < 0 {
			return s, false, fmt.Errorf("unterminated quoted principals")
		}
		principals, rest = line[1:end+1], line[end+2:]
	} else if i := strings.IndexAny(line, " \t"); i > 0 {
		principals, rest = line[:i], line[i:]
	}
	s.Principals = strings.Split(principals, ",")
	key, _, options, _, err := ssh.ParseAuthorizedKey([]byte(strings.TrimSpace(rest)))
	if err != nil {
		return s, false, fmt.Errorf("public key: %w", err)
	}
	s.Key = key
	for _, o := range options {
		name, value, _ := strings.Cut(o, "=")
		value = strings.Trim(value, `"`)
		switch strings.ToLower(name) {
		case "cert-authority":
			return s, true, nil
		case "namespaces":
			s.Namespaces = strings.Split(value, ",")
		case "valid-after":
			if s.ValidAfter, err = parseSignerTime(value); err != nil {
				return s, false, err
			}
		case "valid-before":
			if s.ValidBefore, err = parseSignerTime(value); err != nil {
				return s, false, err
			}
		default:
			return s, false, fmt.Errorf("unknown option %q", name)
		}
	}
	return s, false, nil
}

// parseSignerTime reads YYYYMMDD[HHMM[SS]][Z]: local time unless Z.
func parseSignerTime(v string) (time.Time, error) {
	loc := time.Local
	if strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z") {
		v, loc = v[:len(v)-1], time.UTC
	}
	for _, layout := range []string{"20060102", "200601021504", "20060102150405"} {
		if len(v) == len(layout) {
			return time.ParseInLocation(layout, v, loc)
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q: want YYYYMMDD[HHMM[SS]][Z]", v)
}

// allows says whether the line lets its key sign in namespace at now.
func (s AllowedSigner) allows(namespace string, now time.Time) bool {
	if !s.ValidAfter.IsZero() && now.Before(s.ValidAfter) {
		return false
	}
	if !s.ValidBefore.IsZero() && !now.Before(s.ValidBefore) {
		return false
	}
	return len(s.Namespaces) == 0 || matchList(namespace, s.Namespaces)
}

// matchList matches s against an OpenSSH pattern list: a negated pattern
// (!pat) that matches refuses, else any pattern that matches allows.
func matchList(s string, patterns []string) bool {
	ok := false
	for _, p := range patterns {
		if neg := strings.HasPrefix(p, "!"); neg {
			if match(s, p[1:]) {
				return false
			}
		} else if match(s, p) {
			ok = true
		}
	}
	return ok
}

// match matches s against a pattern of literal characters, * (any run)
// and ? (any one character), as OpenSSH's match_pattern does.
func match(s, p string) bool {
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if match(s[i:], p[1:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != p[0] {
				return false
			}
		}
		s, p = s[1:], p[1:]
	}
	return s == ""
}
