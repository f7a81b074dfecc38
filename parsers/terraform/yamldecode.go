package terraform

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/configward/configward/parsers/internal/yamlscalar"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"go.yaml.in/yaml/v3"
)

// yamldecode gives what Terraform's yamldecode gives (checked against
// terraform 1.11 in TestYAMLDecodeAgreesWithTerraform): one document,
// mappings as objects, sequences as tuples, and plain scalars typed by
// their text as YAML 1.1 does (null ~, bools yes/no/on/off/true/false in
// three cases, decimal, 0x and 0o integers, floats, .inf, timestamps as
// RFC 3339 strings); quoted and block scalars are strings; keys are
// converted to strings; "<<" merges a mapping. A document Terraform refuses
// is an error here too, which leaves the call's value unknown.
//
// A document whose text alone shows it nested past maxNesting (flow
// brackets, block entries and keys by their columns: yamlNestedPast) is
// "Too deeply nested" before yaml.v3 reads it. yaml.v3 reads the others
// into nodes without expanding their aliases.
// Before any value is built, the value's nesting and size are measured
// with every alias expanded (each node once): past maxNesting the call is
// "Too deeply nested" as jsondecode's is, and a document whose aliases
// make it larger than its text is charged to the configuration's budget,
// so an alias bomb is refused before it is built.
func yamlDecodeFunc(cfg *config) function.Function {
	var lastSrc string
	var last cty.Value
	decode := func(src string) (cty.Value, error) {
		if last != cty.NilVal && src == lastSrc {
			return last, nil
		}
		v, err := decodeYAML(cfg, src)
		if err != nil {
			return cty.NilVal, err
		}
		lastSrc, last = src, v
		return v, nil
	}
	return function.New(&function.Spec{
		Description: "Decodes a YAML document.",
		Params:      []function.Parameter{{Name: "src", Type: cty.String}},
		Type: func(args []cty.Value) (cty.Type, error) {
			src, _ := args[0].Unmark()
			if !src.IsKnown() {
				return cty.DynamicPseudoType, nil
			}
			v, err := decode(src.AsString())
			if err != nil {
				return cty.NilType, err
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, _ := args[0].Unmark()
			return decode(src.AsString())
		},
	})
}

func decodeYAML(cfg *config, src string) (cty.Value, error) {
	if yamlNestedPast(src, maxNesting) {
		return cty.NilVal, cfg.yamlTooDeep()
	}
	dec := yaml.NewDecoder(strings.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return cty.NilVal, errors.New("missing start of document")
		}
		if strings.Contains(err.Error(), "exceeded max depth") {
			return cty.NilVal, cfg.yamlTooDeep()
		}
		return cty.NilVal, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return cty.NilVal, errors.New("unexpected extra content after value")
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) != 1 {
			return cty.NilVal, errors.New("missing start of document")
		}
		root = doc.Content[0]
	}
	m := yamlMeasure{shapes: map[*yaml.Node]yamlShape{}, active: map[*yaml.Node]bool{}}
	shape, err := m.measure(root, 0)
	switch {
	case errors.Is(err, errYAMLTooDeep):
		return cty.NilVal, cfg.yamlTooDeep()
	case err != nil:
		return cty.NilVal, err
	}
	if m.aliases && shape.size > float64(len(src)) {
		if err := cfg.charge("yamldecode()", shape.size); err != nil {
			return cty.NilVal, err
		}
	}
	if yamlBareTag(src, root) {
		return cty.NilVal, errors.New(`unsupported tag "!"`)
	}
	return yamlValue(root)
}

// yamlBareTag reports whether a node of the document carries the
// non-specific tag "!" (or "!<!>"), which Terraform refuses: yaml.v3 reads
// "! a" as the string "a" and keeps no mark of the tag, so the text at the
// start of each untagged node (after its anchor) is read. Nodes come in
// the order of their text, which a cursor follows (moving back only to the
// start of a line).
func yamlBareTag(src string, root *yaml.Node) bool {
	if !strings.Contains(src, "!") {
		return false
	}
	var lines []int // where each line starts
	for i := 0; i >= 0; {
		lines = append(lines, i)
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			i += j + 1
		} else {
			i = -1
		}
	}
	line, col, off := 1, 1, 0
	at := func(l, c int) int {
		if l < 1 || l > len(lines) {
			return -1
		}
		if l != line || c < col {
			line, col, off = l, 1, lines[l-1]
		}
		for ; col < c && off < len(src) && src[off] != '\n'; col++ {
			_, size := utf8.DecodeRuneInString(src[off:])
			off += size
		}
		return off
	}
	var bare func(n *yaml.Node) bool
	bare = func(n *yaml.Node) bool {
		if n.Style&yaml.TaggedStyle == 0 && n.Kind != yaml.AliasNode {
			if i := at(n.Line, n.Column); i >= 0 {
				t := src[i:]
				if strings.HasPrefix(t, "&") {
					if end := strings.IndexAny(t, " \t\r\n"); end >= 0 {
						t = strings.TrimLeft(t[end:], " \t\r\n")
					}
				}
				if strings.HasPrefix(t, "!<!>") || len(t) > 0 && t[0] == '!' && (len(t) == 1 || strings.IndexByte(" \t\r\n,]}", t[1]) >= 0) {
					return true
				}
			}
		}
		for _, c := range n.Content {
			if bare(c) {
				return true
			}
		}
		return false
	}
	return bare(root)
}

func (cfg *config) yamlTooDeep() error {
	msg := fmt.Sprintf("Too deeply nested: yamldecode() of a document nested deeper than %d levels; the value is unknown", maxNesting)
	cfg.pending = append(cfg.pending, msg)
	return errors.New(msg)
}

var errYAMLTooDeep = errors.New("too deep")

// yamlShape is the nesting and size (bytes and elements, as fits counts
// them) of a node's value with its aliases expanded.
type yamlShape struct {
	depth int
	size  float64
}

// yamlMeasure measures each node once; active holds the nodes being
// measured, so that an alias inside its own anchor's node is refused as
// Terraform refuses it.
type yamlMeasure struct {
	shapes  map[*yaml.Node]yamlShape
	active  map[*yaml.Node]bool
	aliases bool
}

// measure returns n's shape; at is the nesting of n's parent. It never
// recurses deeper than maxNesting collections.
func (m *yamlMeasure) measure(n *yaml.Node, at int) (yamlShape, error) {
	if s, ok := m.shapes[n]; ok {
		if at+s.depth > maxNesting {
			return s, errYAMLTooDeep
		}
		return s, nil
	}
	if m.active[n] {
		return yamlShape{}, fmt.Errorf("cannot refer to anchor %q from inside its own definition", n.Anchor)
	}
	var s yamlShape
	switch n.Kind {
	case yaml.AliasNode:
		m.aliases = true
		m.active[n] = true
		t, err := m.measure(n.Alias, at)
		delete(m.active, n)
		if err != nil {
			return s, err
		}
		s = t
	case yaml.ScalarNode:
		s = yamlShape{size: float64(1 + len(n.Value))}
	case yaml.SequenceNode, yaml.MappingNode:
		if at+1 > maxNesting {
			return s, errYAMLTooDeep
		}
		m.active[n] = true
		s.size = 1
		for _, c := range n.Content {
			t, err := m.measure(c, at+1)
			if err != nil {
				return s, err
			}
			s.depth = max(s.depth, t.depth)
			s.size += t.size
		}
		delete(m.active, n)
		s.depth++
	default:
		return s, fmt.Errorf("unexpected YAML node")
	}
	m.shapes[n] = s
	return s, nil
}

// yamlValue builds the value of a measured node (its nesting is bounded).
func yamlValue(n *yaml.Node) (cty.Value, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.SequenceNode:
		if t := explicitTag(n); t != "" && t != "!!seq" {
			return cty.NilVal, fmt.Errorf("can't interpret sequence as %s", t)
		}
		if len(n.Content) == 0 {
			return cty.EmptyTupleVal, nil
		}
		vals := make([]cty.Value, len(n.Content))
		for i, c := range n.Content {
			v, err := yamlValue(c)
			if err != nil {
				return cty.NilVal, err
			}
			vals[i] = v
		}
		return cty.TupleVal(vals), nil
	case yaml.MappingNode:
		return yamlObject(n)
	case yaml.ScalarNode:
		v, err := yamlScalar(n)
		if err == errYAMLMerge {
			return cty.StringVal("<<"), nil
		}
		return v, err
	}
	return cty.NilVal, fmt.Errorf("unexpected YAML node")
}

func yamlObject(n *yaml.Node) (cty.Value, error) {
	if t := explicitTag(n); t != "" && t != "!!map" {
		return cty.NilVal, fmt.Errorf("can't interpret mapping as %s", t)
	}
	attrs := map[string]cty.Value{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			return cty.NilVal, errors.New("only strings are allowed as mapping keys")
		}
		key, err := yamlScalar(k)
		if err == errYAMLMerge {
			// The entries of the mapping the value is, in turn.
			v, err := yamlValue(n.Content[i+1])
			if err != nil {
				return cty.NilVal, err
			}
			if ty := v.Type(); v.IsNull() || !ty.IsObjectType() {
				return cty.NilVal, fmt.Errorf("cannot merge %s into mapping", ty.FriendlyName())
			}
			for it := v.ElementIterator(); it.Next(); {
				ek, ev := it.Element()
				attrs[ek.AsString()] = ev
			}
			continue
		}
		if err != nil {
			return cty.NilVal, err
		}
		if key.IsNull() {
			return cty.NilVal, errors.New("mapping key cannot be null")
		}
		s, err := convert.Convert(key, cty.String)
		if err != nil {
			return cty.NilVal, errors.New("only strings are allowed as mapping keys")
		}
		v, err := yamlValue(n.Content[i+1])
		if err != nil {
			return cty.NilVal, err
		}
		attrs[s.AsString()] = v
	}
	if len(attrs) == 0 {
		return cty.EmptyObjectVal, nil
	}
	return cty.ObjectVal(attrs), nil
}

// explicitTag is the tag written on a node ("!!int", "!custom"), or "".
func explicitTag(n *yaml.Node) string {
	if n.Style&yaml.TaggedStyle != 0 {
		return n.Tag
	}
	return ""
}

// errYAMLMerge marks the merge key "<<".
var errYAMLMerge = errors.New("merge key")

// yamlWord is the value of a plain scalar that is a YAML 1.1 word: null,
// a bool, an infinity.
func yamlWord(s string) (cty.Value, bool) {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return cty.True, true
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return cty.False, true
	case "", "~", "null", "Null", "NULL":
		return cty.NullVal(cty.DynamicPseudoType), true
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return cty.PositiveInfinity, true
	case "-.inf", "-.Inf", "-.INF":
		return cty.NegativeInfinity, true
	}
	return cty.NilVal, false
}

// yamlScalar types a scalar as Terraform does. The first character of a
// plain scalar says what it may be: a sign or digit a number or a
// timestamp, '.' a float, one of "yYnNtTfFoO~" a word (yamlWord);
// anything else is a string.
func yamlScalar(n *yaml.Node) (cty.Value, error) {
	tag, src := explicitTag(n), n.Value
	switch tag {
	case "", "!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp", "!!binary":
	default:
		return cty.NilVal, fmt.Errorf("unsupported tag %q", tag)
	}
	quoted := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0
	if tag == "" && src == "<<" {
		return cty.NilVal, errYAMLMerge
	}
	if tag == "" && n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return cty.StringVal(src), nil
	}
	hint := byte('N')
	if src != "" {
		switch c := src[0]; {
		case c == '+' || c == '-':
			hint = 'S'
		case '0' <= c && c <= '9':
			hint = 'D'
		case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
			hint = 'M'
		case c == '.':
			hint = '.'
		default:
			hint = 0
		}
	}
	if hint != 0 && tag != "!!str" && tag != "!!binary" {
		if quoted {
			return cty.StringVal(src), nil
		}
		if v, ok := yamlWord(src); ok {
			return v, nil
		}
		if tag == "" && (src == ".nan" || src == ".NaN" || src == ".NAN") {
			return cty.NilVal, errors.New("floating point NaN is not supported")
		}
		switch hint {
		case '.':
			if v, ok := yamlNumber(src); ok {
				return v, nil
			}
		case 'D', 'S':
			if tag == "" || tag == "!!timestamp" {
				if t, ok := yamlTimestamp(src); ok {
					return cty.StringVal(t), nil
				}
			}
			if v, ok := yamlNumber(src); ok {
				return v, nil
			}
			if v, ok, err := prefixedInteger(src); ok {
				return v, err
			}
		}
	}
	switch tag {
	case "!!str":
		return cty.StringVal(src), nil
	case "!!binary":
		if _, err := base64.StdEncoding.DecodeString(src); err != nil {
			return cty.NilVal, fmt.Errorf("cannot parse %q as %s: not valid base64", src, tag)
		}
		return cty.StringVal(src), nil
	case "!!bool":
		if v, ok := yamlWord(src); ok && v.Type() == cty.Bool {
			return v, nil
		}
	case "!!int", "!!float":
		plain := strings.ReplaceAll(src, "_", "")
		if v, ok := yamlNumber(plain); ok {
			return v, nil
		}
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return cty.NumberIntVal(i), nil
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return cty.NumberUIntVal(u), nil
		}
	case "!!timestamp":
		if t, ok := yamlTimestamp(src); ok {
			return cty.StringVal(t), nil
		}
	case "!!null":
		return cty.NullVal(cty.DynamicPseudoType), nil
	case "":
		return cty.StringVal(src), nil
	}
	return cty.NilVal, fmt.Errorf("cannot parse %q as %s", src, tag)
}

// yamlNumber reads a decimal number (cty would also read "inf", which
// YAML spells ".inf").
func yamlNumber(s string) (cty.Value, bool) {
	if !yamlscalar.IsFloat(s) {
		return cty.NilVal, false
	}
	v, err := cty.ParseNumberVal(s)
	return v, err == nil
}

// prefixedInteger reads a plain "0x" (hexadecimal) or "0o" (octal)
// integer. ok is false for other texts (they are strings); a number past
// 64 bits is an error, as Terraform makes it.
func prefixedInteger(src string) (v cty.Value, ok bool, err error) {
	base := 0
	switch {
	case strings.HasPrefix(src, "0x"):
		base = 16
	case strings.HasPrefix(src, "0o"):
		base = 8
	default:
		return cty.NilVal, false, nil
	}
	digits := src[2:]
	if digits == "" {
		return cty.NilVal, false, nil
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		d := -1
		switch {
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case 'a' <= c && c <= 'f':
			d = int(c-'a') + 10
		case 'A' <= c && c <= 'F':
			d = int(c-'A') + 10
		}
		if d < 0 || d >= base {
			return cty.NilVal, false, nil
		}
	}
	u, perr := strconv.ParseUint(digits, base, 64)
	if perr != nil {
		return cty.NilVal, true, fmt.Errorf("cannot parse %q as !!int", src)
	}
	return cty.NumberVal(new(big.Float).SetUint64(u)), true, nil
}

// yamlTimestamps are the timestamp forms Terraform reads (a subset of
// YAML 1.1's): the text must start with a four-digit year and '-'.
var yamlTimestamps = []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"}

func yamlTimestamp(s string) (string, bool) {
	if len(s) < 5 || s[4] != '-' {
		return "", false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	for _, f := range yamlTimestamps {
		if t, err := time.Parse(f, s); err == nil {
			return t.Format(time.RFC3339), true
		}
	}
	return "", false
}
