// Package config reads .configward.yml, the scan configuration file. Every
// key is checked: an unknown key, a wrong type or an unknown rule id is an
// error that names the file and line.
package config

import (
	"fmt"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// DefaultFile is read from the current directory when --config is not given.
const DefaultFile = ".configward.yml"

// File is the parsed configuration.
type File struct {
	Path            string
	Exclude         []string
	FailOn          *analyzer.Severity
	MinSeverity     *analyzer.Severity
	Rules           map[string]RuleSetting
	Ignore          []Ignore
	TrustedAccounts []string
	VarFiles        []string
	Params          map[string]string
}

// RuleSetting enables or disables a rule, or changes its severity.
type RuleSetting struct {
	Enabled  *bool
	Severity *analyzer.Severity
}

// Ignore suppresses findings of a rule by path and resource.
type Ignore struct {
	Rule     string
	Paths    []string
	Resource string
	Reason   string
	// Expires is the last day the entry suppresses; zero when it never
	// expires.
	Expires time.Time
	// Line and Column are where the entry starts in the file.
	Line, Column int
}

// Error is a configuration error with its place.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads and validates a configuration file against the known rules.
func Load(path string, rules []*analyzer.Rule) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return Parse(path, src, rules)
}

// Parse validates configuration text. With rules nil, rule ids are not
// checked (the test harness reads fixtures that name other rules).
func Parse(path string, src []byte, rules []*analyzer.Rule) (*File, error) {
	p := &parser{file: path, rules: rules}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, &Error{File: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	cfg := &File{Path: path}
	if len(doc.Content) == 0 {
		return cfg, nil
	}
	root := doc.Content[0]
	if err := p.mapping(root, "the configuration"); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "exclude":
			cfg.Exclude, err = p.strings(v, "exclude")
		case "fail-on":
			cfg.FailOn, err = p.severity(v, "fail-on", true)
		case "min-severity":
			cfg.MinSeverity, err = p.severity(v, "min-severity", false)
		case "rules":
			cfg.Rules, err = p.ruleSettings(v)
		case "ignore":
			cfg.Ignore, err = p.ignores(v)
		case "trusted-accounts":
			cfg.TrustedAccounts, err = p.strings(v, "trusted-accounts")
			for _, a := range cfg.TrustedAccounts {
				if !isAccountID(a) && err == nil {
					err = p.errAt(v, "trusted-accounts: %q is not a 12-digit account id", a)
				}
			}
		case "var-files":
			cfg.VarFiles, err = p.strings(v, "var-files")
		case "params":
			cfg.Params, err = p.stringMap(v, "params")
		default:
			err = p.errAt(k, "unknown key %q (known: exclude, fail-on, min-severity, rules, ignore, trusted-accounts, var-files, params)", k.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

type parser struct {
	file  string
	rules []*analyzer.Rule
}

func (p *parser) errAt(n *yaml.Node, format string, args ...any) error {
	return &Error{File: p.file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) mapping(n *yaml.Node, what string) error {
	if n.Kind != yaml.MappingNode {
		return p.errAt(n, "%s must be a mapping", what)
	}
	return nil
}

func (p *parser) scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", p.errAt(n, "%s must be a string", what)
	}
	return n.Value, nil
}

func (p *parser) strings(n *yaml.Node, what string) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errAt(n, "%s must be a list of strings", what)
	}
	out := []string{}
	for _, it := range n.Content {
		s, err := p.scalar(it, what+" entry")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (p *parser) stringMap(n *yaml.Node, what string) (map[string]string, error) {
	if err := p.mapping(n, what); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v, err := p.scalar(n.Content[i+1], what+"."+n.Content[i].Value)
		if err != nil {
			return nil, err
		}
		out[n.Content[i].Value] = v
	}
	return out, nil
}

func (p *parser) severity(n *yaml.Node, what string, allowNone bool) (*analyzer.Severity, error) {
	s, err := p.scalar(n, what)
	if err != nil {
		return nil, err
	}
	sev, err := analyzer.ParseSeverity(s)
	if err != nil || (sev == analyzer.None && !allowNone) {
		return nil, p.errAt(n, "%s: %q is not a severity (critical, high, medium, low%s)", what, s, map[bool]string{true: ", none"}[allowNone])
	}
	return &sev, nil
}

func (p *parser) ruleID(n *yaml.Node, what string) (string, error) {
	id, err := p.scalar(n, what)
	if err != nil {
		return "", err
	}
	if p.rules != nil && analyzer.Lookup(p.rules, id) == nil {
		return "", p.errAt(n, "%s: unknown rule id %q (see `configward rules`)", what, id)
	}
	return id, nil
}

func (p *parser) ruleSettings(n *yaml.Node) (map[string]RuleSetting, error) {
	if err := p.mapping(n, "rules"); err != nil {
		return nil, err
	}
	out := map[string]RuleSetting{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		id, err := p.ruleID(n.Content[i], "rules")
		if err != nil {
			return nil, err
		}
		body := n.Content[i+1]
		if err := p.mapping(body, "rules."+id); err != nil {
			return nil, err
		}
		var rs RuleSetting
		for j := 0; j+1 < len(body.Content); j += 2 {
			k, v := body.Content[j], body.Content[j+1]
			switch k.Value {
			case "enabled":
				var b bool
				if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
					return nil, p.errAt(v, "rules.%s.enabled must be true or false", id)
				}
				rs.Enabled = &b
			case "severity":
				if rs.Severity, err = p.severity(v, "rules."+id+".severity", false); err != nil {
					return nil, err
				}
			default:
				return nil, p.errAt(k, "rules.%s: unknown key %q (known: enabled, severity)", id, k.Value)
			}
		}
		out[id] = rs
	}
	return out, nil
}

func (p *parser) ignores(n *yaml.Node) ([]Ignore, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errAt(n, "ignore must be a list")
	}
	var out []Ignore
	for _, it := range n.Content {
		if err := p.mapping(it, "an ignore entry"); err != nil {
			return nil, err
		}
		ig := Ignore{Line: it.Line, Column: it.Column}
		for j := 0; j+1 < len(it.Content); j += 2 {
			k, v := it.Content[j], it.Content[j+1]
			var err error
			switch k.Value {
			case "rule":
				ig.Rule, err = p.ruleID(v, "ignore.rule")
			case "paths":
				ig.Paths, err = p.strings(v, "ignore.paths")
			case "resource":
				ig.Resource, err = p.scalar(v, "ignore.resource")
			case "reason":
				ig.Reason, err = p.scalar(v, "ignore.reason")
			case "expires":
				var s string
				if s, err = p.scalar(v, "ignore.expires"); err == nil {
					if ig.Expires, err = time.Parse("2006-01-02", s); err != nil {
						err = p.errAt(v, "ignore.expires: %q is not a date (YYYY-MM-DD)", s)
					}
				}
			default:
				err = p.errAt(k, "ignore: unknown key %q (known: rule, paths, resource, reason, expires)", k.Value)
			}
			if err != nil {
				return nil, err
			}
		}
		if ig.Rule == "" {
			return nil, p.errAt(it, "ignore entry without a rule")
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return nil, p.errAt(it, "ignore entry for %s without a reason: a reason is required", ig.Rule)
		}
		out = append(out, ig)
	}
	return out, nil
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Expired reports whether the entry no longer suppresses on day today.
func (ig Ignore) Expired(today time.Time) bool {
	return !ig.Expires.IsZero() && today.After(ig.Expires.Add(24*time.Hour-time.Nanosecond))
}

// Unit presents the configuration file to the rules that judge it: each
// ignore entry is a suppression of the unit, marked Expired when its last
// day is before today.
func (f *File) Unit(today time.Time) *model.Unit {
	u := &model.Unit{Format: model.ConfigFile, Path: f.Path, Files: []string{f.Path}}
	for _, ig := range f.Ignore {
		u.Suppressions = append(u.Suppressions, model.Suppression{
			RuleID: ig.Rule, Reason: ig.Reason, Resource: ig.Resource,
			Expires: ig.Expires, Expired: ig.Expired(today),
			Range: model.Range{Filename: f.Path,
				Start: model.Pos{Line: ig.Line, Column: ig.Column},
				End:   model.Pos{Line: ig.Line, Column: ig.Column + 1}},
		})
	}
	return u
}

// Refused is the configuration file at path as a unit when it could not be
// read or parsed (err): one error at its first line, so that CW001 reports
// it in the configuration's own format and the scan goes on without it.
func Refused(path string, err error) *model.Unit {
	return &model.Unit{Format: model.ConfigFile, Path: path, Files: []string{path}, Diagnostics: []model.Diagnostic{{
		Severity: model.DiagError, Summary: err.Error() + "; the scan ran without it",
		Range: model.Range{Filename: path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
	}}}
}
