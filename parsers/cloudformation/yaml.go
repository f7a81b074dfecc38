package cloudformation

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/configward/configward/parsers/model"
	"go.yaml.in/yaml/v3"
)

// maxAliasNodes bounds the nodes produced by expanding aliases, so that a
// "billion laughs" document ends quickly with a diagnostic.
const maxAliasNodes = 100_000

// shortTags maps the short-form intrinsic tags to their long-form keys.
var shortTags = map[string]string{
	"!Ref":          "Ref",
	"!Condition":    "Condition",
	"!GetAtt":       "Fn::GetAtt",
	"!Sub":          "Fn::Sub",
	"!Join":         "Fn::Join",
	"!If":           "Fn::If",
	"!Select":       "Fn::Select",
	"!Split":        "Fn::Split",
	"!FindInMap":    "Fn::FindInMap",
	"!ImportValue":  "Fn::ImportValue",
	"!Base64":       "Fn::Base64",
	"!Cidr":         "Fn::Cidr",
	"!GetAZs":       "Fn::GetAZs",
	"!Equals":       "Fn::Equals",
	"!And":          "Fn::And",
	"!Or":           "Fn::Or",
	"!Not":          "Fn::Not",
	"!Transform":    "Fn::Transform",
	"!ToJsonString": "Fn::ToJsonString",
	"!Length":       "Fn::Length",
	// Rules-section functions (template constraints, evaluated by
	// CloudFormation before the stack: unknown here).
	"!ValueOf":          "Fn::ValueOf",
	"!ValueOfAll":       "Fn::ValueOfAll",
	"!RefAll":           "Fn::RefAll",
	"!Contains":         "Fn::Contains",
	"!EachMemberEquals": "Fn::EachMemberEquals",
	"!EachMemberIn":     "Fn::EachMemberIn",
	// rain's pre-processor directives: what they produce is unknown
	// until `rain pkg` runs.
	"!Rain::Embed":  "Rain::Embed",
	"!Rain::Module": "Rain::Module",
	"!Rain::S3":     "Rain::S3",
	"!Rain::S3Http": "Rain::S3Http",
	"!Rain::Env":    "Rain::Env",
}

// yamlReader turns a yaml.v3 node tree into a value tree with exact ranges,
// short-form tags rewritten to their long form and aliases expanded.
type yamlReader struct {
	// more holds the documents after the first of a multi-document file.
	more       []*model.Value
	t          *lineTable
	diags      []model.Diagnostic
	aliasDepth int
	aliasNodes int
	tooLarge   bool
	expanding  map[*yaml.Node]bool
	// flowCtx records, for anchored nodes, whether they sit in a flow
	// collection, so their expansion scans plain scalars the same way.
	flowCtx map[*yaml.Node]bool
	// verbatim are the 1-based line spans inside multi-line scalars, where a
	// '#' is content, not a comment.
	verbatim [][2]int
}

// parseYAML reads a YAML document. It returns a nil value and one diagnostic
// on a syntax error, and a nil value with no diagnostic for an empty file.
func parseYAML(t *lineTable) (*model.Value, *yamlReader, *model.Diagnostic) {
	if v, verbatim, ok := readFastYAML(t); ok {
		return v, &yamlReader{t: t, verbatim: verbatim}, nil
	}
	return parseYAMLv3(t)
}

// parseYAMLv3 reads any YAML document with yaml.v3.
func parseYAMLv3(t *lineTable) (*model.Value, *yamlReader, *model.Diagnostic) {
	dec := yaml.NewDecoder(bytes.NewReader(t.src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		d := yamlErrorDiag(t, err)
		return nil, nil, &d
	}
	r := &yamlReader{t: t, expanding: map[*yaml.Node]bool{}, flowCtx: map[*yaml.Node]bool{}}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, r, nil
	}
	v := r.convert(doc.Content[0], false)
	if r.tooLarge {
		return nil, r, nil
	}
	// Further documents of a multi-document file ("---"): each one that
	// is a template is read too (Parse builds them).
	for len(r.more) < maxDocuments {
		var next yaml.Node
		err := dec.Decode(&next)
		if err == io.EOF {
			break
		}
		if err != nil {
			d := yamlErrorDiag(t, err)
			r.diags = append(r.diags, d)
			break
		}
		if next.Kind != yaml.DocumentNode || len(next.Content) == 0 {
			continue
		}
		nv := r.convert(next.Content[0], false)
		if r.tooLarge || nv == nil {
			return nil, r, nil
		}
		r.more = append(r.more, nv)
	}
	return v, r, nil
}

// maxDocuments bounds the documents read from one multi-document file.
const maxDocuments = 100

func (r *yamlReader) diag(rng model.Range, format string, args ...any) {
	if r.aliasDepth > 0 {
		return // reported where the anchor is defined
	}
	r.diags = append(r.diags, model.Diagnostic{Summary: fmt.Sprintf(format, args...), Range: rng})
}

// convert converts one node; flow says whether it sits in a flow collection.
// It returns nil only once the alias budget is spent.
func (r *yamlReader) convert(n *yaml.Node, flow bool) *model.Value {
	if r.tooLarge {
		return nil
	}
	if r.aliasDepth > 0 {
		r.aliasNodes++
		if r.aliasNodes > maxAliasNodes {
			r.tooLarge = true
			off := r.t.offset(n.Line, n.Column)
			r.diags = append(r.diags, model.Diagnostic{
				Summary: fmt.Sprintf("alias expansion too large (more than %d nodes)", maxAliasNodes),
				Range:   r.t.rng(off, off+1),
			})
			return nil
		}
	}
	if n.Kind == yaml.AliasNode {
		return r.alias(n)
	}
	if n.Anchor != "" && r.aliasDepth == 0 {
		r.flowCtx[n] = flow
	}
	start := r.t.offset(n.Line, n.Column)
	p := r.props(n, start)
	long, intrinsic := "", false
	if n.Style&yaml.TaggedStyle != 0 && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		long, intrinsic = shortTags[n.Tag]
		if !intrinsic {
			r.diag(r.t.rng(p.tagFrom, p.tagTo), "unknown tag %s", n.Tag)
		}
	}
	var inner *model.Value
	switch n.Kind {
	case yaml.ScalarNode:
		inner = r.scalar(n, p, flow, intrinsic)
	case yaml.SequenceNode:
		inner = r.sequence(n, p, flow)
	case yaml.MappingNode:
		inner = r.mapping(n, p, flow)
	default:
		inner = model.NewNull(r.t.rng(start, start))
	}
	if inner == nil || !intrinsic {
		return inner
	}
	if long == "Fn::GetAtt" && inner.Kind == model.String {
		inner = splitGetAtt(r.t, inner)
	}
	return &model.Value{
		Kind:   model.Object,
		Range:  r.t.rng(start, inner.Range.End.Byte),
		Fields: []*model.Field{{Key: long, KeyRange: r.t.rng(p.tagFrom, p.tagTo), Value: inner}},
	}
}

// nodeProps locates what precedes a node's content: its tag and anchor.
type nodeProps struct {
	content        int // first byte of the content
	end            int // end of the last property (the start when none)
	tagFrom, tagTo int
}

func (r *yamlReader) props(n *yaml.Node, off int) nodeProps {
	p := nodeProps{content: off, end: off, tagFrom: off, tagTo: off}
	if n.Style&yaml.TaggedStyle == 0 && n.Anchor == "" {
		return p
	}
	src := r.t.src
	i := off
	for seen := 0; i < len(src); {
		c := src[i]
		switch {
		case (c == '!' || c == '&') && seen < 2:
			j := i + 1
			if c == '!' && j < len(src) && src[j] == '<' {
				for j < len(src) && src[j] != '>' && breakLen(src, j) == 0 {
					j++
				}
				j = min(j+1, len(src))
			} else {
				for j < len(src) && !isBlank(src[j]) && breakLen(src, j) == 0 && !isFlowIndicator(src[j]) {
					j++
				}
			}
			if c == '!' {
				p.tagFrom, p.tagTo = i, j
			}
			p.end = j
			i = j
			seen++
		case isBlank(c):
			i++
		case breakLen(src, i) > 0:
			i += breakLen(src, i)
		case c == '#':
			for i < len(src) && breakLen(src, i) == 0 {
				i++
			}
		default:
			p.content = i
			return p
		}
	}
	p.content = i
	return p
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

func (r *yamlReader) scalar(n *yaml.Node, p nodeProps, flow, intrinsic bool) *model.Value {
	from, to := r.scalarSpan(n, p, flow)
	rng := r.t.rng(from, to)
	if intrinsic {
		return model.NewString(n.Value, rng)
	}
	switch n.Tag {
	case "!!int", "!!float":
		return model.NewNumber(n.Value, rng)
	case "!!bool":
		return model.NewBool(strings.EqualFold(n.Value, "true"), rng)
	case "!!null":
		return model.NewNull(rng)
	}
	// !!str, !!timestamp (AWSTemplateFormatVersion: 2010-09-09), !!binary,
	// !!merge and unknown tags keep their text.
	return model.NewString(n.Value, rng)
}

// scalarSpan is the byte span of a scalar's content token.
func (r *yamlReader) scalarSpan(n *yaml.Node, p nodeProps, flow bool) (int, int) {
	src := r.t.src
	cs := p.content
	if cs >= len(src) {
		return p.end, p.end
	}
	var end int
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && src[cs] == '"':
		end = len(src)
		for i := cs + 1; i < len(src); i++ {
			if src[i] == '\\' {
				i++
			} else if src[i] == '"' {
				end = i + 1
				break
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0 && src[cs] == '\'':
		end = len(src)
		for i := cs + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				end = i + 1
				break
			}
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (src[cs] == '|' || src[cs] == '>'):
		end = blockEnd(r.t, cs)
	default:
		if n.Value == "" {
			return p.end, p.end
		}
		end = r.plainEnd(cs, n.Value, flow)
	}
	r.markVerbatim(cs, end)
	return cs, end
}

// markVerbatim records the lines after the first of a multi-line scalar.
func (r *yamlReader) markVerbatim(from, to int) {
	if r.aliasDepth > 0 {
		return
	}
	if span, ok := verbatimLines(r.t, from, to); ok {
		r.verbatim = append(r.verbatim, span)
	}
}

// verbatimLines are the 1-based lines after the first of a scalar spanning
// src[from:to], where a '#' is content; false for a one-line scalar.
func verbatimLines(t *lineTable, from, to int) ([2]int, bool) {
	a, b := t.lineOf(from)+1, t.lineOf(max(to-1, from))+1
	return [2]int{a + 1, b}, b > a
}

// plainEnd finds the end of a plain scalar starting at cs whose folded value
// is value, following it over continuation lines.
func (r *yamlReader) plainEnd(cs int, value string, flow bool) int {
	first := r.plainSegment(cs, flow)
	seg := string(r.t.src[cs:first])
	if seg == value || !strings.HasPrefix(value, seg) {
		return first
	}
	rem, end := value[len(seg):], first
	for li := r.t.lineOf(cs) + 1; li < r.t.lines() && rem != ""; li++ {
		text := r.t.lineText(li)
		k := 0
		for k < len(text) && isBlank(text[k]) {
			k++
		}
		if k == len(text) {
			continue // an empty line folds to a newline
		}
		rem = strings.TrimLeft(rem, " \n")
		i := r.t.starts[li] + k
		e := r.plainSegment(i, flow)
		seg := string(r.t.src[i:e])
		if seg == "" || !strings.HasPrefix(rem, seg) {
			return first
		}
		rem, end = rem[len(seg):], e
	}
	if rem != "" {
		return first
	}
	return end
}

// plainSegment is the end of the plain text starting at i on its line,
// without trailing blanks.
func (r *yamlReader) plainSegment(i int, flow bool) int {
	src := r.t.src
	end := r.t.ends[r.t.lineOf(i)]
	j := i
scan:
	for ; j < end; j++ {
		switch c := src[j]; {
		case c == '#' && j > i && isBlank(src[j-1]):
			break scan
		case c == ':' && (j+1 >= end || isBlank(src[j+1]) || flow && isFlowIndicator(src[j+1])):
			break scan
		case flow && isFlowIndicator(c):
			break scan
		}
	}
	for j > i && isBlank(src[j-1]) {
		j--
	}
	return j
}

// blockEnd finds the end of a literal or folded block scalar whose header
// starts at cs: the end of its last non-blank content line.
func blockEnd(t *lineTable, cs int) int {
	src := t.src
	li := t.lineOf(cs)
	end := cs + 1
	for end < t.ends[li] && strings.IndexByte("+-0123456789", src[end]) >= 0 {
		end++
	}
	parent := leadingSpaces(t.lineText(li))
	indent := -1
	for k := li + 1; k < t.lines(); k++ {
		text := t.lineText(k)
		if len(strings.TrimSpace(string(text))) == 0 {
			continue
		}
		sp := leadingSpaces(text)
		if indent < 0 {
			if sp <= parent {
				break
			}
			indent = sp
		}
		if sp < indent {
			break
		}
		end = t.starts[k] + len(strings.TrimRight(string(text), " \t"))
	}
	return end
}

func leadingSpaces(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ' ' {
		n++
	}
	return n
}

func (r *yamlReader) sequence(n *yaml.Node, p nodeProps, flow bool) *model.Value {
	inFlow := flow || n.Style&yaml.FlowStyle != 0
	v := &model.Value{Kind: model.List, Items: []*model.Value{}}
	end := p.content + 1
	for _, c := range n.Content {
		item := r.convert(c, inFlow)
		if item == nil {
			return nil
		}
		v.Items = append(v.Items, item)
		end = item.Range.End.Byte
	}
	if n.Style&yaml.FlowStyle != 0 {
		end = r.flowClose(end, ']')
	}
	v.Range = r.t.rng(p.content, end)
	return v
}

func (r *yamlReader) mapping(n *yaml.Node, p nodeProps, flow bool) *model.Value {
	inFlow := flow || n.Style&yaml.FlowStyle != 0
	v := &model.Value{Kind: model.Object, Fields: []*model.Field{}}
	end := p.content + 1
	seen := map[string]model.Range{}
	var merges []*model.Value
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := r.convert(n.Content[i], inFlow)
		val := r.convert(n.Content[i+1], inFlow)
		if key == nil || val == nil {
			return nil
		}
		end = val.Range.End.Byte
		kn := n.Content[i]
		if kn.Kind == yaml.AliasNode && kn.Alias != nil {
			kn = kn.Alias
		}
		if kn.Kind != yaml.ScalarNode || key.Kind == model.Object {
			r.diag(key.Range, "unsupported mapping key: a %s", key.Kind)
			continue
		}
		if kn.Tag == "!!merge" {
			// A YAML merge key (<<: *base): its mappings' fields join
			// this mapping after the loop, explicit keys winning.
			merges = append(merges, val)
			continue
		}
		// The key's text as written: `Null:` and `true:` are names here.
		ks := kn.Value
		if prev, dup := seen[ks]; dup {
			r.diag(key.Range, "duplicate key %q (first at line %d)", ks, prev.Start.Line)
		}
		seen[ks] = key.Range
		v.Fields = append(v.Fields, &model.Field{Key: ks, KeyRange: key.Range, Value: val})
	}
	for _, m := range merges {
		r.merge(v, m, seen)
	}
	if n.Style&yaml.FlowStyle != 0 {
		end = r.flowClose(end, '}')
	}
	v.Range = r.t.rng(p.content, end)
	return v
}

// merge adds the fields of a merge key's value (a mapping, or a list of
// mappings where earlier ones win) that v does not set itself, as the YAML
// merge key type says.
func (r *yamlReader) merge(v, m *model.Value, seen map[string]model.Range) {
	switch m.Kind {
	case model.Object:
		for _, f := range m.Fields {
			if _, set := seen[f.Key]; set {
				continue
			}
			seen[f.Key] = f.KeyRange
			v.Fields = append(v.Fields, f)
		}
	case model.List:
		for _, it := range m.Items {
			r.merge(v, it, seen)
		}
	case model.Unknown:
	default:
		r.diag(m.Range, "a merge key (<<) needs a mapping or a list of mappings, not a %s", m.Kind)
	}
}

// flowClose finds the closing bracket of a flow collection after its last
// child, or returns from when something else comes first.
func (r *yamlReader) flowClose(from int, closer byte) int {
	src := r.t.src
	for i := from; i < len(src); i++ {
		switch c := src[i]; {
		case c == closer:
			return i + 1
		case isBlank(c) || c == ',' || c == ':' || c == '\r' || c == '\n':
		case c == '#':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		default:
			return from
		}
	}
	return from
}

// alias expands an alias: the anchored subtree is converted again (with the
// anchor's ranges) and its top points at the alias.
func (r *yamlReader) alias(n *yaml.Node) *model.Value {
	off := r.t.offset(n.Line, n.Column)
	end := off + 1 + len(n.Value)
	rng := r.t.rng(off, end)
	target := n.Alias
	if target == nil {
		r.diag(rng, "unknown anchor %q", n.Value)
		return model.NewNull(rng)
	}
	if r.expanding[target] {
		r.diag(rng, "alias *%s refers to the node that contains it", n.Value)
		return model.NewNull(rng)
	}
	r.expanding[target] = true
	r.aliasDepth++
	v := r.convert(target, r.flowCtx[target])
	r.aliasDepth--
	delete(r.expanding, target)
	if v == nil {
		return nil
	}
	top := *v
	top.Range = rng
	return &top
}

// splitGetAtt turns the string form "A.B.C" of !GetAtt into ["A", "B.C"],
// with each part's own range when the text is written as is.
func splitGetAtt(t *lineTable, s *model.Value) *model.Value {
	list := &model.Value{Kind: model.List, Range: s.Range}
	dot := strings.IndexByte(s.Str, '.')
	if dot < 0 {
		list.Items = []*model.Value{s}
		return list
	}
	a, b := s.Range, s.Range
	from, to := s.Range.Start.Byte, s.Range.End.Byte
	raw := string(t.src[from:to])
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') {
		from, to, raw = from+1, to-1, raw[1:len(raw)-1]
	}
	if raw == s.Str {
		a = t.rng(from, from+dot)
		b = t.rng(from+dot+1, to)
	}
	list.Items = []*model.Value{model.NewString(s.Str[:dot], a), model.NewString(s.Str[dot+1:], b)}
	return list
}
