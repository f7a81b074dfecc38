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
	return (&parser{file: filename, src: src, line: pos.Line, col: pos.Column, base: pos.Byte}).run()
}

// ParseEach is Parse for a reader that takes a document's long lists one
// element at a time: each element of a list that is the value of a member
// of the top-level object is handed to each (with the member's key and
// the element's index) as soon as it is read, and an element each returns
// false for is not kept: the list's Items leave it out and its nodes are
// reused for the values read after it, so the tree never holds more than
// one such element. each must keep nothing of an element it drops (its
// strings excepted). Ranges and diagnostics are Parse's.
func ParseEach(filename string, src []byte, each func(key string, index int, elem *model.Value) (keep bool)) (*model.Value, []model.Diagnostic) {
	return (&parser{file: filename, src: src, line: 1, col: 1, each: each}).run()
}

func (p *parser) run() (*model.Value, []model.Diagnostic) {
	if len(p.src) >= 3 && p.src[0] == 0xEF && p.src[1] == 0xBB && p.src[2] == 0xBF {
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

	// Values and fields come from slabs, and the members of a collection
	// gather on a stack until it ends and takes a slice of the exact size:
	// a document's tree costs a few allocations, not one or more per node
	// (and a map per object for its duplicate keys).
	values                   []model.Value
	fieldSlab                []model.Field
	fieldStack               []*model.Field
	itemStack                []*model.Value
	valuesSized, fieldsSized bool
	// keys are the keys without escapes read so far, each once.
	keys map[string]string
	// texts is the block that string values without escapes are cut from
	// (see text).
	texts strings.Builder

	// each is ParseEach's; member is the key of the top-level member
	// being read (inMember once one is). The nodes of the elements each
	// drops wait in freeValues and freeFields for the next values.
	each       func(key string, index int, elem *model.Value) bool
	member     string
	inMember   bool
	freeValues []*model.Value
	freeFields []*model.Field
}

// textBlock is the most a block of string values takes at once.
const textBlock = 4096

// text returns raw as a string cut from a block shared with the strings
// read before it: a document's strings cost one allocation every few
// kilobytes, not one each. A string taken from a strings.Builder stays
// valid while more is written to it. rest (what is left of the source)
// bounds a new block, so that a small document takes a small one.
func (p *parser) text(raw []byte, rest int) string {
	if len(raw) == 0 {
		return ""
	}
	if p.texts.Cap()-p.texts.Len() < len(raw) {
		p.texts = strings.Builder{}
		p.texts.Grow(max(len(raw), min(rest, textBlock)))
	}
	start := p.texts.Len()
	p.texts.Write(raw)
	return p.texts.String()[start:]
}

// slabSize is the size of a slab once the first, sized by the source
// (about 50 bytes a value, 65 a field in the corpus's JSON), is used up.
const slabSize = 32

func (p *parser) value(v model.Value) *model.Value {
	if k := len(p.freeValues); k > 0 {
		n := p.freeValues[k-1]
		p.freeValues = p.freeValues[:k-1]
		*n = v
		return n
	}
	if len(p.values) == 0 {
		p.values = make([]model.Value, p.nextSlab(&p.valuesSized, 48))
	}
	n := &p.values[0]
	p.values = p.values[1:]
	*n = v
	return n
}

func (p *parser) pushField(f model.Field) {
	var n *model.Field
	if k := len(p.freeFields); k > 0 {
		n = p.freeFields[k-1]
		p.freeFields = p.freeFields[:k-1]
	} else {
		if len(p.fieldSlab) == 0 {
			p.fieldSlab = make([]model.Field, p.nextSlab(&p.fieldsSized, 64))
		}
		n = &p.fieldSlab[0]
		p.fieldSlab = p.fieldSlab[1:]
	}
	*n = f
	p.fieldStack = append(p.fieldStack, n)
}

// drop returns the nodes of v and of everything below it for reuse (an
// element ParseEach's each did not keep).
func (p *parser) drop(v *model.Value) {
	for _, it := range v.Items {
		p.drop(it)
	}
	for _, f := range v.Fields {
		p.drop(f.Value)
		*f = model.Field{}
		p.freeFields = append(p.freeFields, f)
	}
	*v = model.Value{}
	p.freeValues = append(p.freeValues, v)
}

// nextSlab is the size of the next slab: one per bytesPer bytes of the
// source for the first of each kind, then slabSize. The first stays under
// 32 KB (180 values): a larger one is a large object, whose fresh pages
// cost more faults than the small slabs after it, which reuse spans.
func (p *parser) nextSlab(sized *bool, bytesPer int) int {
	if !*sized {
		*sized = true
		return min((len(p.src)-p.i)/bytesPer+8, 180)
	}
	return slabSize
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
		return p.value(model.Value{Kind: model.String, Str: s, Range: p.rangeFrom(start)})
	case c == '-' || (c >= '0' && c <= '9'):
		return p.parseNumber()
	case c == 't':
		return p.literal("true", model.Value{Kind: model.Bool, Str: "true"})
	case c == 'f':
		return p.literal("false", model.Value{Kind: model.Bool, Str: "false"})
	case c == 'n':
		return p.literal("null", model.Value{Kind: model.Null})
	}
	p.fail(start, "unexpected %s, expected a value", p.describe())
	return nil
}

func (p *parser) rangeFrom(start model.Pos) model.Range {
	return model.Range{Filename: p.file, Start: start, End: p.pos()}
}

func (p *parser) literal(word string, v model.Value) *model.Value {
	start := p.pos()
	if !strings.HasPrefix(string(p.src[p.i:min(len(p.src), p.i+len(word))]), word) {
		p.fail(start, "unexpected %s, expected a value", p.describe())
		return nil
	}
	p.advance(len(word))
	v.Range = p.rangeFrom(start)
	return p.value(v)
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
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.advance(1)
		return p.value(model.Value{Kind: model.Object, Fields: []*model.Field{}, Range: p.rangeFrom(start)})
	}
	base := len(p.fieldStack)
	var seen map[string]model.Range // once the object is large
	for {
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			p.fail(p.pos(), "unexpected %s, expected a string key", p.describe())
			return nil
		}
		kstart := p.pos()
		key, ok := p.parseKey()
		if !ok {
			return nil
		}
		krange := p.rangeFrom(kstart)
		if prev, dup := p.lastKey(base, &seen, key); dup {
			p.diags = append(p.diags, model.Diagnostic{
				Summary: fmt.Sprintf("duplicate key %q (first at line %d)", key, prev.Start.Line),
				Range:   krange,
			})
		}
		if seen != nil {
			seen[key] = krange
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			p.fail(p.pos(), "unexpected %s, expected ':' after key %q", p.describe(), key)
			return nil
		}
		p.advance(1)
		p.skipSpace()
		if p.depth == 1 && p.each != nil {
			p.member, p.inMember = key, true
		}
		val := p.parseValue()
		if val == nil {
			return nil
		}
		p.pushField(model.Field{Key: key, KeyRange: krange, Value: val})
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
			fields := make([]*model.Field, len(p.fieldStack)-base)
			copy(fields, p.fieldStack[base:])
			p.fieldStack = p.fieldStack[:base]
			return p.value(model.Value{Kind: model.Object, Fields: fields, Range: p.rangeFrom(start)})
		}
		p.fail(p.pos(), "unexpected %s, expected ',' or '}'", p.describe())
		return nil
	}
}

// smallObject is how many keys an object's duplicates are looked for among
// by a look at its fields; past it, through a map of each key's last range.
const smallObject = 16

// lastKey returns the range of key's last occurrence among the fields of
// the object being read (from base on the stack).
func (p *parser) lastKey(base int, seen *map[string]model.Range, key string) (model.Range, bool) {
	fields := p.fieldStack[base:]
	if *seen == nil {
		for i := len(fields) - 1; i >= 0; i-- {
			if fields[i].Key == key {
				return fields[i].KeyRange, true
			}
		}
		if len(fields) < smallObject {
			return model.Range{}, false
		}
		*seen = make(map[string]model.Range, 2*len(fields))
		for _, f := range fields {
			(*seen)[f.Key] = f.KeyRange
		}
		return model.Range{}, false
	}
	prev, dup := (*seen)[key]
	return prev, dup
}

func (p *parser) parseArray() *model.Value {
	start := p.pos()
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	p.advance(1) // [
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.advance(1)
		return p.value(model.Value{Kind: model.List, Items: []*model.Value{}, Range: p.rangeFrom(start)})
	}
	base := len(p.itemStack)
	// The elements of a top-level member's list go to each.
	hand, key := p.each != nil && p.inMember && p.depth == 2, p.member
	for index := 0; ; index++ {
		p.skipSpace()
		item := p.parseValue()
		if item == nil {
			return nil
		}
		if hand && !p.each(key, index, item) {
			p.drop(item)
		} else {
			p.itemStack = append(p.itemStack, item)
		}
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
			items := make([]*model.Value, len(p.itemStack)-base)
			copy(items, p.itemStack[base:])
			p.itemStack = p.itemStack[:base]
			return p.value(model.Value{Kind: model.List, Items: items, Range: p.rangeFrom(start)})
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
	return p.value(model.Value{Kind: model.Number, Str: text, Range: p.rangeFrom(start)})
}

// parseKey reads an object's key: one without escapes is looked up among
// the keys read so far, as a document repeats a few of them ("Type",
// "Properties", "Ref") many times over.
func (p *parser) parseKey() (string, bool) {
	j := p.i + 1
	for j < len(p.src) && p.src[j] != '"' && p.src[j] != '\\' && p.src[j] >= 0x20 && p.src[j] < utf8.RuneSelf {
		j++
	}
	if j >= len(p.src) || p.src[j] != '"' {
		return p.parseString()
	}
	raw := p.src[p.i+1 : j]
	key, ok := p.keys[string(raw)]
	if !ok {
		key = string(raw)
		if p.keys == nil {
			p.keys = map[string]string{}
		}
		p.keys[key] = key
	}
	p.advance(j + 1 - p.i)
	return key, true
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
			if b.Len() == 0 {
				s := p.text(p.src[runStart:p.i], len(p.src)-runStart)
				p.advance(1)
				return s, true
			}
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
	if r, ok := simpleEscape(c); ok {
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

// simpleEscape is the character a one-letter escape (\n) stands for.
func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
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
