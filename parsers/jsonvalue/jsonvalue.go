// Package jsonvalue parses strict JSON (RFC 8259) into the model's value
// tree with the exact range of every key and value. It is shared by the
// CloudFormation, IAM policy and Terraform readers. Lines end at LF, CRLF or a
// lone CR; columns count code points; a leading UTF-8 BOM is skipped.
package jsonvalue

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/configward/configward/parsers/model"
)

// MaxDepth bounds nesting so hostile input cannot exhaust the stack.
const MaxDepth = 512

// Parse parses a whole JSON document. On a syntax error it returns nil and
// one diagnostic at the error. Duplicate keys are kept (the last wins for
// Get) and each is reported as a diagnostic.
func Parse(filename string, src []byte) (*model.Value, []model.Diagnostic) {
	return ParseAt(filename, src, model.Pos{Line: 1, Column: 1, Byte: 0})
}

// ParseAt parses src as if it started at pos of filename: for JSON embedded
// in another file (a heredoc policy), so ranges point into that file.
func ParseAt(filename string, src []byte, pos model.Pos) (*model.Value, []model.Diagnostic) {
	p := &parser{file: filename, src: src, line: pos.Line, col: pos.Column, base: pos.Byte}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.i = 3
		p.base -= 3 // the BOM occupies bytes but no column
	}
	v := p.parseDocument()
	if p.err != nil {
		return nil, append(p.diags, *p.err)
	}
	return v, p.diags
}

// SyntaxError is returned by Unmarshal-style callers that want an error.
type parser struct {
	file  string
	src   []byte
	i     int
	line  int
	col   int
	base  int
	depth int
	err   *model.Diagnostic
	diags []model.Diagnostic
}

func (p *parser) pos() model.Pos {
	return model.Pos{Line: p.line, Column: p.col, Byte: p.base + p.i}
}

func (p *parser) fail(at model.Pos, format string, args ...any) {
	if p.err != nil {
		return
	}
	end := at
	end.Column++
	end.Byte++
	p.err = &model.Diagnostic{
		Summary: "invalid JSON: " + fmt.Sprintf(format, args...),
		Range:   model.Range{Filename: p.file, Start: at, End: end},
	}
}

// advance moves over n bytes that contain no line break.
func (p *parser) advance(n int) {
	for k := 0; k < n && p.i < len(p.src); k++ {
		if p.src[p.i]&0xC0 != 0x80 {
			p.col++
		}
		p.i++
	}
}

func (p *parser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t':
			p.i++
			p.col++
		case '\n':
			p.i++
			p.line++
			p.col = 1
		case '\r':
			p.i++
			if p.i < len(p.src) && p.src[p.i] == '\n' {
				p.i++
			}
			p.line++
			p.col = 1
		default:
			return
		}
	}
}

func (p *parser) parseDocument() *model.Value {
	p.skipSpace()
	if p.i >= len(p.src) {
		p.fail(p.pos(), "the file is empty")
		return nil
	}
	v := p.parseValue()
	if p.err != nil {
		return nil
	}
	p.skipSpace()
	if p.i < len(p.src) {
		p.fail(p.pos(), "unexpected %s after the top-level value", p.describe())
	}
	return v
}

func (p *parser) describe() string {
	if p.i >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[p.i:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", p.src[p.i])
	}
	return strconv.QuoteRune(r)
}

func (p *parser) parseValue() *model.Value {
	if p.i >= len(p.src) {
		p.fail(p.pos(), "unexpected end of input, expected a value")
		return nil
	}
	start := p.pos()
	switch c := p.src[p.i]; {
	case c == '{':
		return p.parseObject()
	case c == '[':
		return p.parseArray()
	case c == '"':
		s, ok := p.parseString()
		if !ok {
			return nil
		}
		return model.NewString(s, p.rangeFrom(start))
	case c == '-' || (c >= '0' && c <= '9'):
		return p.parseNumber()
	case c == 't':
		return p.literal("true", model.NewBool(true, model.Range{}))
	case c == 'f':
		return p.literal("false", model.NewBool(false, model.Range{}))
	case c == 'n':
		return p.literal("null", model.NewNull(model.Range{}))
	}
	p.fail(start, "unexpected %s, expected a value", p.describe())
	return nil
}

func (p *parser) rangeFrom(start model.Pos) model.Range {
	return model.Range{Filename: p.file, Start: start, End: p.pos()}
}

func (p *parser) literal(word string, v *model.Value) *model.Value {
	start := p.pos()
	if !strings.HasPrefix(string(p.src[p.i:min(len(p.src), p.i+len(word))]), word) {
		p.fail(start, "unexpected %s, expected a value", p.describe())
		return nil
	}
	p.advance(len(word))
	v.Range = p.rangeFrom(start)
	return v
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(p.pos(), "nesting deeper than %d levels", MaxDepth)
		return false
	}
	return true
}

func (p *parser) parseObject() *model.Value {
	start := p.pos()
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	p.advance(1) // {
	v := &model.Value{Kind: model.Object, Fields: []*model.Field{}}
	seen := map[string]model.Range{}
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.advance(1)
		v.Range = p.rangeFrom(start)
		return v
	}
	for {
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			p.fail(p.pos(), "unexpected %s, expected a string key", p.describe())
			return nil
		}
		kstart := p.pos()
		key, ok := p.parseString()
		if !ok {
			return nil
		}
		krange := p.rangeFrom(kstart)
		if prev, dup := seen[key]; dup {
			p.diags = append(p.diags, model.Diagnostic{
				Summary: fmt.Sprintf("duplicate key %q (first at line %d)", key, prev.Start.Line),
				Range:   krange,
			})
		}
		seen[key] = krange
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			p.fail(p.pos(), "unexpected %s, expected ':' after key %q", p.describe(), key)
			return nil
		}
		p.advance(1)
		p.skipSpace()
		val := p.parseValue()
		if val == nil {
			return nil
		}
		v.Fields = append(v.Fields, &model.Field{Key: key, KeyRange: krange, Value: val})
		p.skipSpace()
		if p.i >= len(p.src) {
			p.fail(p.pos(), "unexpected end of input, expected ',' or '}'")
			return nil
		}
		switch p.src[p.i] {
		case ',':
			p.advance(1)
			continue
		case '}':
			p.advance(1)
			v.Range = p.rangeFrom(start)
			return v
		}
		p.fail(p.pos(), "unexpected %s, expected ',' or '}'", p.describe())
		return nil
	}
}

func (p *parser) parseArray() *model.Value {
	start := p.pos()
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	p.advance(1) // [
	v := &model.Value{Kind: model.List, Items: []*model.Value{}}
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.advance(1)
		v.Range = p.rangeFrom(start)
		return v
	}
	for {
		p.skipSpace()
		item := p.parseValue()
		if item == nil {
			return nil
		}
		v.Items = append(v.Items, item)
		p.skipSpace()
		if p.i >= len(p.src) {
			p.fail(p.pos(), "unexpected end of input, expected ',' or ']'")
			return nil
		}
		switch p.src[p.i] {
		case ',':
			p.advance(1)
			continue
		case ']':
			p.advance(1)
			v.Range = p.rangeFrom(start)
			return v
		}
		p.fail(p.pos(), "unexpected %s, expected ',' or ']'", p.describe())
		return nil
	}
}

func (p *parser) parseNumber() *model.Value {
	start := p.pos()
	j := p.i
	if j < len(p.src) && p.src[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for j < len(p.src) && p.src[j] >= '0' && p.src[j] <= '9' {
			j++
		}
		return j - k
	}
	if n := digits(); n == 0 || (n > 1 && p.src[j-n] == '0') {
		p.advance(j - p.i)
		p.fail(start, "malformed number")
		return nil
	}
	if j < len(p.src) && p.src[j] == '.' {
		j++
		if digits() == 0 {
			p.advance(j - p.i)
			p.fail(start, "malformed number")
			return nil
		}
	}
	if j < len(p.src) && (p.src[j] == 'e' || p.src[j] == 'E') {
		j++
		if j < len(p.src) && (p.src[j] == '+' || p.src[j] == '-') {
			j++
		}
		if digits() == 0 {
			p.advance(j - p.i)
			p.fail(start, "malformed number")
			return nil
		}
	}
	text := string(p.src[p.i:j])
	p.advance(j - p.i)
	return model.NewNumber(text, p.rangeFrom(start))
}

// parseString reads a quoted string at p.i and returns its decoded content.
func (p *parser) parseString() (string, bool) {
	start := p.pos()
	p.advance(1) // opening quote
	var b strings.Builder
	runStart := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			b.Write(p.src[runStart:p.i])
			p.advance(1)
			return b.String(), true
		case c == '\\':
			b.Write(p.src[runStart:p.i])
			if !p.escape(&b) {
				return "", false
			}
			runStart = p.i
		case c < 0x20:
			p.fail(p.pos(), "control character 0x%02x in string (started at line %d)", c, start.Line)
			return "", false
		case c < utf8.RuneSelf:
			p.i++
			p.col++
		default:
			r, size := utf8.DecodeRune(p.src[p.i:])
			if r == utf8.RuneError && size == 1 {
				p.fail(p.pos(), "invalid UTF-8 in string")
				return "", false
			}
			p.i += size
			p.col++
		}
	}
	p.fail(start, "unterminated string")
	return "", false
}

func (p *parser) escape(b *strings.Builder) bool {
	at := p.pos()
	if p.i+1 >= len(p.src) {
		p.fail(at, "unterminated escape")
		return false
	}
	c := p.src[p.i+1]
	simple := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
	if r, ok := simple[c]; ok {
		b.WriteByte(r)
		p.advance(2)
		return true
	}
	if c != 'u' {
		p.fail(at, "invalid escape \\%c", c)
		return false
	}
	r, ok := p.hex4(p.i + 2)
	if !ok {
		p.fail(at, "invalid \\u escape")
		return false
	}
	p.advance(6)
	if utf16.IsSurrogate(r) {
		if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
			if r2, ok := p.hex4(p.i + 2); ok {
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					p.advance(6)
					b.WriteRune(dec)
					return true
				}
			}
		}
		r = utf8.RuneError
	}
	b.WriteRune(r)
	return true
}

func (p *parser) hex4(at int) (rune, bool) {
	if at+4 > len(p.src) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.src[at:at+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}
