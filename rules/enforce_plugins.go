package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/golangci/golangci-lint/v2/pkg/config"
	"gopkg.in/yaml.v3"
)

// customGCLNames are the configuration files of `golangci-lint custom`,
// which builds a golangci-lint with module plugins.
var customGCLNames = []string{".custom-gcl.yml", ".custom-gcl.yaml", ".custom-gcl.json"}

// customLinter is one entry of linters.settings.custom.
type customLinter struct {
	name   string
	key    Pos
	module bool  // type: module; otherwise a Go plugin (goplugin)
	path   Entry // the Go plugin's .so file
}

func (e *enforcer) isCustom(name string) bool {
	for _, c := range e.custom {
		if c.name == name {
			return true
		}
	}
	return false
}

// readCustom reads linters.settings.custom. golangci-lint loads every
// entry, enabled or not (pkg/lint/lintersdb/builder_plugin_go.go), so
// each is checked.
func (e *enforcer) readCustom() {
	custom := e.g.Config.Linters.Settings.Custom
	for _, name := range sortedKeys(custom) {
		e.custom = append(e.custom, e.readCustomLinter(name, custom[name]))
	}
}

func (e *enforcer) readCustomLinter(name string, s config.CustomLinterSettings) customLinter {
	at := []string{"linters", "settings", "custom", name}
	cl := customLinter{name: name, key: e.g.keyAt(at...)}
	if s.Path != "" {
		cl.path = Entry{Value: s.Path, Pos: e.g.at(append(at, "path")...)}
	}
	switch s.Type {
	case "", "goplugin":
		if s.Path == "" {
			e.d.errorAt(cl.key, "custom linter %q: missing path (a Go plugin is a .so file)", name)
		}
	case "module":
		cl.module = true
		if s.Path != "" {
			e.d.errorAt(cl.path.Pos, "custom linter %q: path is not supported with type module", name)
		}
	default:
		e.d.errorAt(e.g.at(append(at, "type")...), "custom linter %q: unknown type %q (want goplugin or module)", name, s.Type)
	}
	return cl
}

// checkCustom checks every custom linter against plugins.allow.
func (e *enforcer) checkCustom() {
	for _, c := range e.custom {
		pl, ok := e.p.Plugins.Lookup(c.name)
		switch {
		case !ok:
			e.violation(c.key, "custom linter %q is configured but %s does not allow it (%s)",
				c.name, e.p.File, e.cite(e.p.Plugins.AllowPos, "plugins.allow"))
		case c.module && !pl.IsModule():
			e.violation(c.key, "custom linter %q is a module plugin but %s allows it as the Go plugin %q (%s)",
				c.name, e.p.File, pl.Path.Value, pl.Pos)
		case !c.module && pl.IsModule():
			e.violation(c.key, "custom linter %q is a Go plugin but %s allows it as the module plugin %q (%s)",
				c.name, e.p.File, pl.Module.Value, pl.Pos)
		case !c.module && c.path.Value != "":
			e.checkGoPlugin(c, pl)
		}
	}
}

// checkGoPlugin checks that a Go plugin is the file the policy allows,
// with the hash it pins.
func (e *enforcer) checkGoPlugin(c customLinter, pl Plugin) {
	file := e.abs(c.path.Value)
	if file != e.abs(pl.Path.Value) {
		e.violation(c.path.Pos, "custom linter %q loads %q but %s allows %q (%s)",
			c.name, c.path.Value, e.p.File, pl.Path.Value, pl.Path.Pos)
		return
	}
	sum, err := fileSHA256(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.violation(c.path.Pos, "custom linter %q: plugin file %q does not exist (%s)", c.name, c.path.Value, pl.Path.Pos)
	case err != nil:
		e.violation(c.path.Pos, "custom linter %q: cannot read plugin file %q: %s (%s)", c.name, c.path.Value, reason(err), pl.Path.Pos)
	case sum != pl.SHA256.Value:
		e.violation(c.path.Pos, "custom linter %q: %q has sha256 %s but %s allows %s (%s)",
			c.name, c.path.Value, sum, e.p.File, pl.SHA256.Value, pl.SHA256.Pos)
	}
}

// abs resolves a path from either file against the module root.
func (e *enforcer) abs(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(e.root, p)
}

// Errors of fileSHA256 for files that are not plugins.
var (
	errIsDir      = errors.New("is a directory")
	errNotRegular = errors.New("is not a regular file")
)

func fileSHA256(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return "", err
	case fi.IsDir():
		return "", errIsDir
	case !fi.Mode().IsRegular():
		// A device or a FIFO could be read forever.
		return "", errNotRegular
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// reason is the bare reason of a file error ("permission denied").
func reason(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkCustomGCL checks the plugin modules of .custom-gcl.yml (and its
// .yaml and .json spellings) in the module root.
func (e *enforcer) checkCustomGCL() {
	for _, name := range customGCLNames {
		file := filepath.Join(e.root, name)
		data, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			e.problems = append(e.problems, Problem{File: file, Msg: reason(err)})
			continue
		}
		d := &decoder{file: file}
		e.checkCustomGCLFile(d, data)
		e.problems = append(e.problems, d.problems...)
	}
}

func (e *enforcer) checkCustomGCLFile(d *decoder, data []byte) {
	doc, ok := d.unmarshal(data)
	if !ok || len(doc.Content) == 0 {
		return
	}
	_, plugins := lookupKV(doc.Content[0], "plugins")
	if isNull(plugins) {
		return
	}
	seq, ok := d.want(plugins, "plugins", yaml.SequenceNode)
	if !ok {
		return
	}
	for i, c := range seq.Content {
		where := fmt.Sprintf("plugins[%d]", i)
		m, ok := d.want(c, where, yaml.MappingNode)
		if !ok {
			continue
		}
		_, mod := lookupKV(m, "module")
		if isNull(mod) {
			d.errorf(c, "%s: missing module", where)
			continue
		}
		me, ok := d.str(mod, where+".module")
		if !ok {
			continue
		}
		var ver, dir Entry
		if _, v := lookupKV(m, "version"); !isNull(v) {
			ver, _ = d.str(v, where+".version")
		}
		if _, p := lookupKV(m, "path"); !isNull(p) {
			dir, _ = d.str(p, where+".path")
		}
		e.checkModule(me, ver, dir)
	}
}

// checkModule checks one plugin module of .custom-gcl.yml: the policy
// must allow that module at that version, or at that local path.
func (e *enforcer) checkModule(mod, ver, dir Entry) {
	var allowed []Plugin
	for _, pl := range e.p.Plugins.Allow {
		if pl.IsModule() && pl.Module.Value == mod.Value {
			allowed = append(allowed, pl)
		}
	}
	if len(allowed) == 0 {
		e.violation(mod.Pos, "module plugin %q is configured but %s does not allow it (%s)",
			mod.Value, e.p.File, e.cite(e.p.Plugins.AllowPos, "plugins.allow"))
		return
	}
	for _, pl := range allowed {
		if ver.Pos.IsValid() && pl.Version.Value == ver.Value {
			return
		}
		if dir.Pos.IsValid() && pl.Path.Pos.IsValid() && e.abs(pl.Path.Value) == e.abs(dir.Value) {
			return
		}
	}
	at := mod.Pos
	if ver.Pos.IsValid() {
		at = ver.Pos
	} else if dir.Pos.IsValid() {
		at = dir.Pos
	}
	pl := allowed[0]
	e.violation(at, "module plugin %q uses %s but %s allows %s (%s)",
		mod.Value, moduleSource(ver, dir), e.p.File, moduleSource(pl.Version, pl.Path), pl.Pos)
}

// moduleSource describes where a module plugin comes from.
func moduleSource(ver, dir Entry) string {
	switch {
	case ver.Pos.IsValid():
		return "version " + strconv.Quote(ver.Value)
	case dir.Pos.IsValid():
		return "path " + strconv.Quote(dir.Value)
	}
	return "no version"
}

// lookupKV returns the key and value nodes of key in mapping m (aliases
// resolved, merge keys followed), or nils.
func lookupKV(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if c := resolve(m.Content[i]); c.Kind == yaml.ScalarNode && c.Value == key && c.ShortTag() != "!!merge" {
			return m.Content[i], m.Content[i+1]
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if resolve(m.Content[i]).ShortTag() != "!!merge" {
			continue
		}
		merged := resolve(m.Content[i+1])
		sources := []*yaml.Node{merged}
		if merged.Kind == yaml.SequenceNode {
			sources = merged.Content
		}
		for _, s := range sources {
			if s != m {
				if k, v := lookupKV(s, key); k != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

// isNull reports whether n is absent or null.
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}
