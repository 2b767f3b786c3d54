package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/version"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// EnvVar is one environment setting for the go command.
type EnvVar struct {
	Name, Value string
}

// EnvFormats are the formats WriteEnv knows.
var EnvFormats = []string{"sh", "fish", "powershell", "github", "gitlab"}

// Local is where an applied bundle lives on this machine: its unpacked
// module proxy and the module cache apply filled from it.
type Local struct {
	// Proxy is the absolute directory of the file-based module proxy.
	Proxy string
	// ModCache is the module cache apply downloaded into.
	ModCache string
}

// ToolchainName names the snapshot's Go release as GOTOOLCHAIN wants it
// ("go1.26.8"). A development build or a language version cannot be
// obtained by the go command and is refused.
func (p *Predicate) ToolchainName() (string, error) {
	v, _, _ := strings.Cut(p.Toolchain.GoVersion, " ") // "go1.26.8 X:jsonv2"
	if !version.IsValid(v) || version.Lang(v) == v {
		return "", fmt.Errorf("toolchain.goVersion %q is not a Go release the go command can download (GOTOOLCHAIN=goX.Y.Z)", p.Toolchain.GoVersion)
	}
	return v, nil
}

// GoEnv is the environment that makes the go command behave as the
// snapshot says: its Go release, module proxy and checksum database
// settings, and GOFLAGS. With a local bundle, GOPROXY is the bundle's
// file-based proxy, GOMODCACHE the module cache filled from it, and a
// -mod=mod of GOFLAGS becomes -mod=readonly.
func (p *Predicate) GoEnv(local *Local) ([]EnvVar, error) {
	tc, err := p.ToolchainName()
	if err != nil {
		return nil, err
	}
	vars := []EnvVar{{"GOTOOLCHAIN", tc}}
	for _, k := range []string{"GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOFLAGS"} {
		v := p.Env[k]
		if (k == "GONOPROXY" || k == "GOINSECURE") && v == "" {
			continue // rarely set; GONOPROXY defaults to GOPRIVATE
		}
		vars = append(vars, EnvVar{k, v})
	}
	if local == nil {
		return vars, nil
	}
	for i, v := range vars {
		switch v.Name {
		case "GOPROXY":
			vars[i].Value = FileURL(local.Proxy)
		case "GOFLAGS":
			vars[i].Value = readonlyFlags(v.Value)
		}
	}
	return append(vars, EnvVar{"GOMODCACHE", local.ModCache}), nil
}

// FileURL is the file:// URL of an absolute directory, as GOPROXY takes it.
func FileURL(dir string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/x on Windows
	}
	return u.String()
}

// readonlyFlags replaces -mod=mod in GOFLAGS by -mod=readonly: a machine
// without a network cannot let the go command fetch what go.sum lacks.
// Without vendor/ -mod=readonly is already the default, so a GOFLAGS
// without -mod stays as it is (adding it would itself be drift).
func readonlyFlags(goflags string) string {
	fs := strings.Fields(goflags)
	for i, f := range fs {
		name, value, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if name == "mod" && value == "mod" {
			fs[i] = "-mod=readonly"
		}
	}
	return strings.Join(fs, " ")
}

// WriteEnv writes the settings in one of EnvFormats:
//
//	sh          export NAME='value'     (eval "$(lintgate snapshot env)")
//	fish        set -gx NAME 'value'
//	powershell  $env:NAME = 'value'
//	github      NAME=value, or NAME<<DELIMITER lines ($GITHUB_ENV)
//	gitlab      NAME=value              (a dotenv report)
//
// Values are quoted so that each shell reads them back exactly. A GitLab
// dotenv report cannot carry a newline, and strips surrounding blanks: such
// a value is an error.
func WriteEnv(w io.Writer, format string, vars []EnvVar) error {
	var b strings.Builder
	for _, v := range vars {
		switch format {
		case "sh":
			fmt.Fprintf(&b, "export %s=%s\n", v.Name, shQuote(v.Value))
		case "fish":
			fmt.Fprintf(&b, "set -gx %s %s\n", v.Name, fishQuote(v.Value))
		case "powershell":
			fmt.Fprintf(&b, "$env:%s = %s\n", v.Name, psQuote(v.Value))
		case "github":
			b.WriteString(githubLine(v))
		case "gitlab":
			if strings.ContainsAny(v.Value, "\r\n") || strings.TrimSpace(v.Value) != v.Value {
				return fmt.Errorf("%s=%q: a GitLab dotenv report cannot hold a value with a newline or surrounding blanks", v.Name, v.Value)
			}
			fmt.Fprintf(&b, "%s=%s\n", v.Name, v.Value)
		default:
			return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(EnvFormats, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shQuote quotes for POSIX sh: inside single quotes nothing is special,
// and a single quote closes the quotes, is escaped with a backslash, and
// the quotes open again.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fishQuote quotes for fish: inside single quotes only \\ and \' are
// escapes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// psQuote quotes for PowerShell: a verbatim string in which a quote is
// doubled. PowerShell takes the typographic single quotes for quotes too.
func psQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		b.WriteRune(r)
		switch r {
		case '\'', '\u2018', '\u2019', '\u201a', '\u201b':
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// githubLine is a $GITHUB_ENV entry: NAME=value, or for a multi-line
// value the NAME<<DELIMITER form with a delimiter that no line of the
// value equals (derived from the value, so output stays deterministic).
func githubLine(v EnvVar) string {
	if !strings.ContainsAny(v.Value, "\r\n") {
		return v.Name + "=" + v.Value + "\n"
	}
	sum := sha256.Sum256([]byte(v.Value))
	delim := "LINTGATE_EOF_" + hex.EncodeToString(sum[:8])
	for strings.Contains(v.Value, delim) {
		delim += "_"
	}
	return v.Name + "<<" + delim + "\n" + v.Value + "\n" + delim + "\n"
}
