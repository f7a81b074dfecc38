package cloudformation

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// JSON documents written as strings (a policy given as a JSON string, an
// event pattern) are read with the exact range of every key and value in
// the template: the string's source token is decoded again, keeping for
// every byte of its content the source bytes it comes from, so that a
// position in the content maps back through escapes (\" \\ \u00e9),
// YAML's doubled quotes and the indentation of a literal block.
//
// Only tokens whose content maps back byte by byte are read this way: a
// JSON or YAML string on one line (double-quoted, single-quoted or plain)
// and a YAML literal block (|, |-, |+). A folded block, a quoted or plain
// scalar over several lines, and any value that is not written where its
// range says (a parameter's value, a Fn::Sub result) keep the string's
// range for every node.

// contentMap is, for each byte of a string's content, the source span it
// comes from.
type contentMap struct {
	starts, ends []int
}

func (m *contentMap) add(n, from, to int) {
	for ; n > 0; n-- {
		m.starts = append(m.starts, from)
		m.ends = append(m.ends, to)
	}
}

// exactDoc parses a string value holding a JSON document with ranges in
// the template; nil when its positions cannot be mapped or it is not valid
// JSON (the caller then falls back to the string's range).
func exactDoc(sf *sourceFile, v *model.Value) (*model.Value, []model.Diagnostic) {
	if sf == nil || v == nil || v.Kind != model.String || !strings.HasPrefix(strings.TrimSpace(v.Str), "{") {
		return nil, nil
	}
	m, base, ok := mapToken(sf, v)
	if !ok {
		return nil, nil
	}
	doc, diags := jsonvalue.Parse(v.Range.Filename, []byte(v.Str))
	if doc == nil {
		return nil, nil
	}
	pos := func(off int) model.Pos {
		if sf.t != nil {
			return sf.t.pos(off)
		}
		// A JSON template: the string is on one line.
		start := v.Range.Start
		return model.Pos{Line: start.Line, Column: start.Column + utf8.RuneCount(sf.src[base:off]), Byte: off - (base - start.Byte)}
	}
	remap := func(r model.Range) model.Range {
		s, e := r.Start.Byte, r.End.Byte
		if s < 0 || e > len(m.starts) || s > e {
			return v.Range
		}
		from := m.starts[min(s, len(m.starts)-1)]
		to := from
		if e > s {
			to = m.ends[e-1]
		}
		return model.Range{Filename: v.Range.Filename, Start: pos(from), End: pos(to)}
	}
	doc.Walk(func(n *model.Value) bool {
		n.Range = remap(n.Range)
		for _, f := range n.Fields {
			f.KeyRange = remap(f.KeyRange)
		}
		return true
	})
	for i := range diags {
		diags[i].Range = remap(diags[i].Range)
	}
	return doc, diags
}

// mapToken decodes the source token of v and maps its content. base is
// the source offset of v's range start.
func mapToken(sf *sourceFile, v *model.Value) (m *contentMap, base int, ok bool) {
	base, end := v.Range.Start.Byte, v.Range.End.Byte
	if sf.t == nil && hasBOM(sf.src) {
		// jsonvalue does not count the BOM in byte offsets.
		base, end = base+3, end+3
	}
	if base < 0 || end > len(sf.src) || end <= base {
		return nil, 0, false
	}
	raw := sf.src[base:end]
	m = &contentMap{}
	var text string
	switch raw[0] {
	case '"':
		text, ok = decodeDoubleQuoted(raw, base, m, sf.t != nil)
	case '\'':
		if sf.t != nil {
			text, ok = decodeSingleQuoted(raw, base, m)
		}
	case '|':
		if sf.t != nil {
			text, ok = decodeLiteralBlock(sf, base, end, m)
			if ok && strings.HasPrefix(v.Str, text) && strings.TrimRight(v.Str[len(text):], "\n") == "" {
				m.add(len(v.Str)-len(text), end, end) // the chomped line breaks
				text = v.Str
			}
		}
	case '>':
	default:
		if sf.t != nil && !hasBreak(raw) {
			text, ok = string(raw), true
			for i := range raw {
				m.add(1, base+i, base+i+1)
			}
		}
	}
	if !ok || text != v.Str || len(m.starts) != len(text) {
		return nil, 0, false
	}
	return m, base, true
}

func hasBreak(b []byte) bool {
	for i := range b {
		if breakLen(b, i) > 0 {
			return true
		}
	}
	return false
}

// decodeDoubleQuoted decodes a one-line double-quoted string: JSON's
// escapes, and YAML's when yaml is set.
func decodeDoubleQuoted(raw []byte, base int, m *contentMap, yaml bool) (string, bool) {
	if len(raw) < 2 || raw[len(raw)-1] != '"' || hasBreak(raw) {
		return "", false
	}
	var b strings.Builder
	for i := 1; i < len(raw)-1; {
		c := raw[i]
		if c != '\\' {
			b.WriteByte(c)
			m.add(1, base+i, base+i+1)
			i++
			continue
		}
		if i+1 >= len(raw)-1 {
			return "", false
		}
		from := i
		var r rune
		n := 2 // length of the escape
		switch e := raw[i+1]; e {
		case '"', '\\', '/':
			r = rune(e)
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't', '\t':
			r = '\t'
		case 'u':
			v, ok := hexAt(raw, i+2, 4)
			if !ok {
				return "", false
			}
			r, n = rune(v), 6
			if utf16.IsSurrogate(r) {
				if lo, ok := hexAt(raw, i+8, 4); ok && i+7 < len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
					r, n = utf16.DecodeRune(r, rune(lo)), 12
				}
			}
		default:
			if !yaml {
				return "", false
			}
			switch e {
			case '0':
				r = 0
			case 'a':
				r = '\a'
			case 'v':
				r = '\v'
			case 'e':
				r = 0x1b
			case ' ':
				r = ' '
			case 'N':
				r = 0x85
			case '_':
				r = 0xA0
			case 'L':
				r = 0x2028
			case 'P':
				r = 0x2029
			case 'x', 'U':
				digits := 2
				if e == 'U' {
					digits = 8
				}
				v, ok := hexAt(raw, i+2, digits)
				if !ok {
					return "", false
				}
				r, n = rune(v), 2+digits
			default:
				return "", false
			}
		}
		w := b.Len()
		b.WriteRune(r)
		m.add(b.Len()-w, base+from, base+from+n)
		i += n
	}
	return b.String(), true
}

func hexAt(raw []byte, i, n int) (uint64, bool) {
	if i+n > len(raw) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(raw[i:i+n]), 16, 32)
	return v, err == nil
}

// decodeSingleQuoted decodes a one-line YAML single-quoted string.
func decodeSingleQuoted(raw []byte, base int, m *contentMap) (string, bool) {
	if len(raw) < 2 || raw[len(raw)-1] != '\'' || hasBreak(raw) {
		return "", false
	}
	var b strings.Builder
	for i := 1; i < len(raw)-1; i++ {
		if raw[i] == '\'' {
			if raw[i+1] != '\'' {
				return "", false
			}
			b.WriteByte('\'')
			m.add(1, base+i, base+i+2)
			i++
			continue
		}
		b.WriteByte(raw[i])
		m.add(1, base+i, base+i+1)
	}
	return b.String(), true
}

// decodeLiteralBlock decodes a YAML literal block scalar whose header
// starts at base and whose last content ends at end, without its final
// line break. Explicit indentation indicators are not handled.
func decodeLiteralBlock(sf *sourceFile, base, end int, m *contentMap) (string, bool) {
	t := sf.t
	src := sf.src
	li := t.lineOf(base)
	for i := base + 1; i < t.ends[li]; i++ {
		if c := src[i]; c >= '1' && c <= '9' {
			return "", false
		} else if c == '#' {
			break
		}
	}
	var b strings.Builder
	indent := -1
	started := false
	var pendingBreaks []int // offsets of line breaks not yet written
	for k := li + 1; k < t.lines() && t.starts[k] < end; k++ {
		text := t.lineText(k)
		sp := leadingSpaces(text)
		if sp == len(text) || indent >= 0 && sp < indent && strings.TrimSpace(string(text)) == "" {
			pendingBreaks = append(pendingBreaks, t.ends[k])
			continue
		}
		if indent < 0 {
			indent = sp
		}
		if sp < indent {
			return "", false
		}
		if started {
			// The break ending the previous content line, then one per
			// empty line since.
			b.WriteByte('\n')
			m.add(1, pendingBreaks[0], pendingBreaks[0]+1)
			for _, off := range pendingBreaks[1:] {
				b.WriteByte('\n')
				m.add(1, off, off+1)
			}
		} else {
			for _, off := range pendingBreaks {
				b.WriteByte('\n')
				m.add(1, off, off+1)
			}
		}
		from := t.starts[k] + indent
		to := min(t.ends[k], end)
		b.Write(src[from:to])
		for i := from; i < to; i++ {
			m.add(1, i, i+1)
		}
		pendingBreaks = []int{t.ends[k]}
		started = true
	}
	if indent < 0 {
		return "", false
	}
	return b.String(), true
}
