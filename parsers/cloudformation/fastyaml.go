package cloudformation

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/configward/configward/parsers/internal/yamlscalar"
	"github.com/configward/configward/parsers/model"
)

// fastYAML reads the plain subset of YAML that nearly every template is
// written in straight into a value tree, without yaml.v3's token, event and
// node layers: three times faster, with a third of the allocations.
//
// It gives up on anything outside that subset, and parseYAML then reads the
// file with yaml.v3: anchors and aliases, block scalars with an indentation
// indicator, plain and quoted scalars and flow collections over several
// lines, explicit keys, directives and document markers after the first
// line, tabs, CR and Unicode line breaks, tags other than the intrinsics,
// escapes other than the common ones, duplicate keys, deep nesting.
// FuzzFastYAML checks that whatever it accepts yaml.v3 reads to the same
// tree, ranges and block scalar lines included.
type fastYAML struct {
	t     *lineTable
	src   []byte
	depth int
	// verbatim are the 1-based line spans inside block scalars, as
	// yamlReader records them.
	verbatim [][2]int
	found    contentAt

	// Values and fields come from slabs, and the members of a collection
	// gather on a stack until it ends and takes a slice of the exact size:
	// a template's tree costs a few allocations, not one per node.
	values                   []model.Value
	fieldSlab                []model.Field
	fieldStack               []*model.Field
	itemStack                []*model.Value
	valuesSized, fieldsSized bool
}

// slabSize is the size of a slab once the first, sized by the lines of the
// source, is used up. The corpus's templates hold 1.03 values and 0.87
// fields a line (146,991 values and 123,061 fields in 142,188 lines); a
// first slab of 1.5 and 1.25 a line left a third of what it allocated
// unused, 18 MB of the corpus's 48 MB of slabs.
const slabSize = 32

func (p *fastYAML) value(v model.Value) *model.Value {
	if len(p.values) == 0 {
		p.values = make([]model.Value, p.nextSlab(&p.valuesSized, 1, 1))
	}
	n := &p.values[0]
	p.values = p.values[1:]
	*n = v
	return n
}

func (p *fastYAML) pushField(f model.Field) {
	if len(p.fieldSlab) == 0 {
		p.fieldSlab = make([]model.Field, p.nextSlab(&p.fieldsSized, 3, 4))
	}
	n := &p.fieldSlab[0]
	p.fieldSlab = p.fieldSlab[1:]
	*n = f
	p.fieldStack = append(p.fieldStack, n)
}

// nextSlab is the size of the next slab: num/den a line for the first,
// below the average, up to 180 (a slab of values under 32 KB, a small
// object whose span the allocator reuses), then slabSize.
func (p *fastYAML) nextSlab(sized *bool, num, den int) int {
	if !*sized {
		*sized = true
		return min(p.t.lines()*num/den+8, 180)
	}
	return slabSize
}

// popFields returns the fields pushed since the stack held base of them.
func (p *fastYAML) popFields(base int) []*model.Field {
	out := make([]*model.Field, len(p.fieldStack)-base)
	copy(out, p.fieldStack[base:])
	p.fieldStack = p.fieldStack[:base]
	return out
}

// popItems returns the items pushed since the stack held base of them.
func (p *fastYAML) popItems(base int) []*model.Value {
	out := make([]*model.Value, len(p.itemStack)-base)
	copy(out, p.itemStack[base:])
	p.itemStack = p.itemStack[:base]
	return out
}

func (p *fastYAML) str(s string, r model.Range) *model.Value {
	return p.value(model.Value{Kind: model.String, Str: s, Range: r})
}

func (p *fastYAML) null(r model.Range) *model.Value {
	return p.value(model.Value{Kind: model.Null, Range: r})
}

// notFast is the panic value that ends a fast read.
type notFast struct{}

// maxFastDepth is far below yaml.v3's own limit, so that what is deeper is
// reported by yaml.v3, with its message.
const maxFastDepth = 200

// maxFastKey stays below the 1024 characters yaml.v3 allows a simple key.
const maxFastKey = 1000

// keySet finds duplicate keys: by a look at the fields of a small mapping,
// through a set once it grows.
type keySet map[string]struct{}

// add reports whether key is among fields' keys, and records it.
func (s *keySet) add(fields []*model.Field, key string) bool {
	const small = 16
	if len(fields) < small {
		for _, f := range fields {
			if f.Key == key {
				return true
			}
		}
		return false
	}
	if *s == nil {
		*s = make(keySet, 2*small)
		for _, f := range fields {
			(*s)[f.Key] = struct{}{}
		}
	}
	if _, dup := (*s)[key]; dup {
		return true
	}
	(*s)[key] = struct{}{}
	return false
}

// readFastYAML returns the value of a document in the subset and the
// lines inside its block scalars, or false.
func readFastYAML(t *lineTable) (v *model.Value, verbatim [][2]int, ok bool) {
	if !fastChars(t) {
		return nil, nil, false
	}
	p := &fastYAML{t: t, src: t.src}
	defer func() {
		if r := recover(); r != nil {
			if _, bail := r.(notFast); !bail {
				panic(r)
			}
			v, verbatim, ok = nil, nil, false
		}
	}()
	li, off, found := p.content(0, true)
	if !found {
		return nil, nil, false
	}
	if p.marker(off) == '-' { // a document start: "---" alone on its line
		if !p.restEmpty(off+3, li, true) {
			p.bail()
		}
		if li, off, found = p.content(li+1, false); !found {
			return nil, nil, false
		}
	}
	v, next := p.node(off, li, -1, true, false)
	if _, _, more := p.content(next, false); more {
		p.bail()
	}
	return v, p.verbatim, true
}

// fastChars says whether t holds only characters the fast reader knows to
// be plain content: printable ASCII, LF and printable non-ASCII (no tab, CR,
// BOM, NEL, line or paragraph separator, control character).
func fastChars(t *lineTable) bool {
	if t.controls {
		return false
	}
	if !t.nonASCII {
		return true
	}
	src := t.src
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF,
			r >= 0xD800 && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

func (p *fastYAML) bail() { panic(notFast{}) }

// lineEnd is the end of line li (its '\n' or the end of the source).
func (p *fastYAML) lineEnd(li int) int { return p.t.ends[li] }

// col is the 0-based column of off on line li (columns are only compared,
// and indentation is spaces, so bytes do).
func (p *fastYAML) col(off, li int) int { return off - p.t.starts[li] }

// at is the position of off on line li.
func (p *fastYAML) at(off, li int) model.Pos {
	if p.t.ascii[li] {
		return model.Pos{Line: li + 1, Column: 1 + off - p.t.starts[li], Byte: off}
	}
	return p.t.pos(off)
}

func (p *fastYAML) rng(from, fromLi, to, toLi int) model.Range {
	return model.Range{Filename: p.t.file, Start: p.at(from, fromLi), End: p.at(to, toLi)}
}

// marker returns '-' or '.' when off starts a document marker line ("---" or
// "..." in the first column, then a blank or the end of the line).
func (p *fastYAML) marker(off int) byte {
	src := p.src
	if off+3 > len(src) || (off > 0 && src[off-1] != '\n') {
		return 0
	}
	c := src[off]
	if (c != '-' && c != '.') || src[off+1] != c || src[off+2] != c {
		return 0
	}
	if off+3 < len(src) && src[off+3] != ' ' && src[off+3] != '\n' {
		return 0
	}
	return c
}

// content finds the first line from li on that holds more than blanks and a
// comment, and the offset of its first character. Document markers end the
// subset unless first is set (a leading "---").
func (p *fastYAML) content(li int, first bool) (int, int, bool) {
	if c := p.found; c.valid && c.from == li && !first {
		// Nested collections that end on the same line each look for
		// what follows them: the blank lines are scanned once.
		return c.li, c.off, c.ok
	}
	from, src := li, p.src
	for ; li < p.t.lines(); li++ {
		i, end := p.t.starts[li], p.t.ends[li]
		for i < end && src[i] == ' ' {
			i++
		}
		if i == end || src[i] == '#' {
			continue
		}
		if m := p.marker(i); m == '.' || (m == '-' && !first) {
			p.bail()
		}
		p.found = contentAt{valid: !first, from: from, li: li, off: i, ok: true}
		return li, i, true
	}
	p.found = contentAt{valid: !first, from: from, li: li, off: len(src)}
	return li, len(src), false
}

// contentAt is the last answer of content.
type contentAt struct {
	valid, ok     bool
	from, li, off int
}

// restEmpty says whether line li holds only blanks and maybe a comment from
// off on. A comment must follow a blank unless it starts at off and blank is
// set.
func (p *fastYAML) restEmpty(off, li int, blank bool) bool {
	src, end := p.src, p.lineEnd(li)
	i := off
	for i < end && src[i] == ' ' {
		i++
	}
	return i == end || src[i] == '#' && (i > off || blank)
}

// isEntry says whether off starts a block sequence entry: '-' followed by a
// blank or the end of the line.
func (p *fastYAML) isEntry(off int) bool {
	src := p.src
	return src[off] == '-' && (off+1 == len(src) || src[off+1] == ' ' || src[off+1] == '\n')
}

// node reads the node starting at off on line li, and returns it with the
// line after the last it occupies. indent is the column of the collection
// entry that holds it (-1 at the top), block says whether a block collection
// may start here, raw that a scalar keeps its text (under an intrinsic tag).
func (p *fastYAML) node(off, li, indent int, block, raw bool) (*model.Value, int) {
	switch c := p.src[off]; c {
	case '!':
		return p.tagged(off, li, indent)
	case '[', '{':
		v, end := p.flow(off, li, c)
		if !p.restEmpty(end, li, false) {
			p.bail()
		}
		return v, li + 1
	case '"', '\'':
		s, end := p.quoted(off, li)
		if block && p.keyColon(end, li) >= 0 {
			return p.mapping(off, li, p.col(off, li))
		}
		if !p.restEmpty(end, li, false) {
			p.bail()
		}
		return p.str(s, p.rng(off, li, end, li)), li + 1
	case '-':
		if p.isEntry(off) {
			if !block {
				p.bail()
			}
			return p.sequence(off, li, p.col(off, li))
		}
	case '|', '>':
		return p.blockScalar(off, li, indent)
	case '&', '*', '%', '@', '`', '?', ':', ',', ']', '}', '#':
		p.bail()
	}
	end, colon := p.plainEnd(off, li)
	if colon >= 0 {
		if !block {
			p.bail()
		}
		return p.mapping(off, li, p.col(off, li))
	}
	// A plain scalar goes on over the next lines that are indented more
	// than its entry and are not comments.
	if next, noff, ok := p.nextNonBlank(li + 1); ok && p.src[noff] != '#' && p.col(noff, next) > indent {
		p.bail()
	}
	text := string(p.src[off:end])
	r := p.rng(off, li, end, li)
	if raw {
		return p.str(text, r), li + 1
	}
	return p.value(plainValue(text, r)), li + 1
}

// nextNonBlank finds the first line from li on that holds more than blanks.
func (p *fastYAML) nextNonBlank(li int) (int, int, bool) {
	src := p.src
	for ; li < p.t.lines(); li++ {
		i, end := p.t.starts[li], p.t.ends[li]
		for i < end && src[i] == ' ' {
			i++
		}
		if i < end {
			return li, i, true
		}
	}
	return li, 0, false
}

// plainValue resolves a plain scalar the way yaml.v3 does for the tree the
// slow path converts: numbers (ints and floats in all their YAML forms),
// booleans, nulls, and strings (timestamps included).
func plainValue(s string, r model.Range) model.Value {
	switch s {
	case "true", "True", "TRUE":
		return *model.NewBool(true, r)
	case "false", "False", "FALSE":
		return *model.NewBool(false, r)
	case "~", "null", "Null", "NULL":
		return model.Value{Kind: model.Null, Range: r}
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return model.Value{Kind: model.Number, Str: s, Range: r}
	}
	if isYAMLNumber(s) {
		return model.Value{Kind: model.Number, Str: s, Range: r}
	}
	return model.Value{Kind: model.String, Str: s, Range: r}
}

// isYAMLNumber says whether yaml.v3 resolves a plain scalar (not one of the
// special words) to an int or a float.
func isYAMLNumber(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c == '.':
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	case c == '+' || c == '-' || c >= '0' && c <= '9':
	default:
		return false
	}
	if isTimestamp(s) {
		return false
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if yamlscalar.IsFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	for _, pre := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, pre.prefix); ok {
			if _, err := strconv.ParseInt(rest, pre.base, 64); err == nil {
				return true
			}
			if _, err := strconv.ParseUint(rest, pre.base, 64); err == nil {
				return true
			}
		} else if rest, ok := strings.CutPrefix(plain, "-"+pre.prefix); ok {
			if _, err := strconv.ParseInt("-"+rest, pre.base, 64); err == nil {
				return true
			}
		}
	}
	return false
}

// timestampLayouts are the forms yaml.v3 reads as timestamps.
var timestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// isTimestamp says whether yaml.v3 reads s as a timestamp: four digits, a
// dash, then one of the layouts.
func isTimestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := range 4 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// plainEnd scans a plain scalar in block context starting at off: it ends
// before ": ", " #" or the end of the line, without trailing blanks. colon
// is the offset of the ':' when a mapping value follows, or -1.
func (p *fastYAML) plainEnd(off, li int) (end, colon int) {
	src, stop := p.src, p.lineEnd(li)
	if p.marker(off) != 0 {
		p.bail()
	}
	i := off
	for ; i < stop; i++ {
		c := src[i]
		if c == ':' && (i+1 == stop || src[i+1] == ' ') {
			colon = i
			break
		}
		if c == '#' && src[i-1] == ' ' {
			break
		}
	}
	if i == stop || src[i] == '#' {
		colon = -1
	}
	end = i
	for end > off && src[end-1] == ' ' {
		end--
	}
	if colon >= 0 && end-off > maxFastKey {
		p.bail()
	}
	return end, colon
}

// keyColon returns the offset of the ':' that makes the scalar ending at
// end a mapping key (blanks, then ':' and a blank or the end of the line),
// or -1.
func (p *fastYAML) keyColon(end, li int) int {
	src, stop := p.src, p.lineEnd(li)
	i := end
	for i < stop && src[i] == ' ' {
		i++
	}
	if i < stop && src[i] == ':' && (i+1 == stop || src[i+1] == ' ') {
		return i
	}
	return -1
}

// quoted reads a single- or double-quoted scalar that ends on its line, and
// returns its value and the offset after the closing quote.
func (p *fastYAML) quoted(off, li int) (string, int) {
	src, stop := p.src, p.lineEnd(li)
	q := src[off]
	var b []byte // the value, once it differs from the source text
	start := off + 1
	for i := start; i < stop; i++ {
		c := src[i]
		switch {
		case q == '\'' && c == '\'':
			if i+1 < stop && src[i+1] == '\'' {
				b = append(b, src[start:i+1]...)
				i++
				start = i + 1
				continue
			}
			return finish(b, src[start:i]), i + 1
		case q == '"' && c == '"':
			return finish(b, src[start:i]), i + 1
		case q == '"' && c == '\\':
			if i+1 >= stop {
				p.bail()
			}
			b = append(b, src[start:i]...)
			var n int
			b, n = p.unescape(b, src[i+1:stop])
			i += n
			start = i + 1
		}
	}
	p.bail() // the scalar goes on to the next line
	return "", 0
}

func finish(b, tail []byte) string {
	if b == nil {
		return string(tail)
	}
	return string(append(b, tail...))
}

// unescape appends the character of the escape sequence at the start of s
// (after the backslash) and returns the bytes it used. Only the escapes
// templates use are known here.
func (p *fastYAML) unescape(b, s []byte) ([]byte, int) {
	switch s[0] {
	case '\\', '"':
		return append(b, s[0]), 1
	case 'n':
		return append(b, '\n'), 1
	case 't':
		return append(b, '\t'), 1
	case 'r':
		return append(b, '\r'), 1
	case 'u':
		if len(s) < 5 {
			p.bail()
		}
		n, err := strconv.ParseUint(string(s[1:5]), 16, 32)
		if err != nil || n >= 0xD800 && n < 0xE000 {
			p.bail()
		}
		return utf8.AppendRune(b, rune(n)), 5
	}
	p.bail()
	return nil, 0
}

// blockScalar reads a literal (|) or folded (>) block scalar whose header
// is at off on line li, with a chomping indicator or none, and content
// indented more than its entry's column (indent) from the next line on.
func (p *fastYAML) blockScalar(off, li, indent int) (*model.Value, int) {
	src, stop := p.src, p.lineEnd(li)
	literal := src[off] == '|'
	chomp := 0 // -1 strip, 0 clip, +1 keep
	j := off + 1
	if j < stop && src[j] == '-' {
		chomp, j = -1, j+1
	} else if j < stop && src[j] == '+' {
		chomp, j = 1, j+1
	}
	if !p.restEmpty(j, li, false) || li+1 >= p.t.lines() {
		p.bail() // an indentation indicator, or no content
	}
	first := li + 1
	n := leadingSpaces(p.t.lineText(first))
	if n == len(p.t.lineText(first)) || n <= max(indent, leadingSpaces(p.t.lineText(li))) || n == 0 {
		p.bail() // leading empty lines, or an empty scalar
	}
	var b []byte
	leadingBreak, leadingBlank, trailingBreaks := false, false, 0
	k := first
	for ; k < p.t.lines(); k++ {
		text := p.t.lineText(k)
		if !p.t.ascii[k] && len(strings.TrimSpace(string(text))) == 0 {
			p.bail() // Unicode white space: content here, blank to the slow path's range
		}
		sp := leadingSpaces(text)
		if sp == len(text) && sp <= n {
			if p.t.ends[k] < len(src) {
				trailingBreaks++ // an empty line
			}
			continue
		}
		if sp < n {
			break
		}
		content := text[n:]
		trailingBlank := content[0] == ' '
		if !literal && leadingBreak && !leadingBlank && !trailingBlank {
			if trailingBreaks == 0 {
				b = append(b, ' ')
			}
		} else if leadingBreak {
			b = append(b, '\n')
		}
		for ; trailingBreaks > 0; trailingBreaks-- {
			b = append(b, '\n')
		}
		leadingBlank = trailingBlank
		b = append(b, content...)
		leadingBreak = p.t.ends[k] < len(src)
	}
	if chomp != -1 && leadingBreak {
		b = append(b, '\n')
	}
	for ; chomp == 1 && trailingBreaks > 0; trailingBreaks-- {
		b = append(b, '\n')
	}
	// The range and the lines where '#' is content are the slow path's.
	end := blockEnd(p.t, off)
	if span, ok := verbatimLines(p.t, off, end); ok {
		p.verbatim = append(p.verbatim, span)
	}
	return p.str(string(b), p.t.rng(off, end)), k
}

// tag reads the short-form intrinsic tag at off and returns its long form
// and the end of the tag; any other tag is outside the subset.
func (p *fastYAML) tag(off, li int) (string, int) {
	src, stop := p.src, p.lineEnd(li)
	j := off + 1
	for j < stop && src[j] != ' ' {
		j++
	}
	long, ok := shortTags[string(src[off:j])]
	if !ok {
		p.bail()
	}
	return long, j
}

// tagged reads a node with a short-form intrinsic tag, in block context.
func (p *fastYAML) tagged(off, li, indent int) (*model.Value, int) {
	src := p.src
	long, j := p.tag(off, li)
	var inner *model.Value
	var next int
	if p.restEmpty(j, li, false) {
		// The content is on the following lines, indented.
		nli, noff, found := p.content(li+1, false)
		switch {
		case indent >= 0 && (!found || p.col(noff, nli) < indent || p.col(noff, nli) == indent && !p.isEntry(noff)):
			// No content ("AvailabilityZones: !GetAZs"): an empty
			// string at the end of the tag, as yaml.v3 reads it. An
			// entry in the entry's column may be the tag's sequence.
			inner, next = p.str("", p.rng(j, li, j, li)), li+1
		case !found || p.col(noff, nli) <= indent || src[noff] == '!':
			p.bail() // an entry that may be the content, or a second tag
		default:
			inner, next = p.descend(noff, nli, indent, true, true)
		}
	} else {
		k := j
		for src[k] == ' ' {
			k++
		}
		if src[k] == '!' {
			p.bail() // two tags
		}
		inner, next = p.descend(k, li, indent, false, true)
	}
	return p.intrinsic(long, p.rng(off, li, j, li), inner), next
}

// intrinsic is the one-key object of an intrinsic's long form; the string
// form of Fn::GetAtt is split as the slow path splits it.
func (p *fastYAML) intrinsic(long string, tag model.Range, inner *model.Value) *model.Value {
	if long == "Fn::GetAtt" && inner.Kind == model.String {
		inner = splitGetAtt(p.t, inner)
	}
	p.pushField(model.Field{Key: long, KeyRange: tag, Value: inner})
	return p.value(model.Value{
		Kind:   model.Object,
		Range:  model.Range{Filename: p.t.file, Start: tag.Start, End: inner.Range.End},
		Fields: p.popFields(len(p.fieldStack) - 1),
	})
}

// descend reads a nested node, bounding the depth.
func (p *fastYAML) descend(off, li, indent int, block, raw bool) (*model.Value, int) {
	p.depth++
	if p.depth > maxFastDepth {
		p.bail()
	}
	v, next := p.node(off, li, indent, block, raw)
	p.depth--
	return v, next
}

// mapping reads a block mapping whose first key starts at off, in column c.
func (p *fastYAML) mapping(off, li, c int) (*model.Value, int) {
	base := len(p.fieldStack)
	start := p.at(off, li)
	var end model.Pos
	var seen keySet
	for {
		key, keyEnd, colon := p.key(off, li)
		if key == "<<" || seen.add(p.fieldStack[base:], key) {
			p.bail() // a merge key, or a duplicate the slow path reports
		}
		keyRange := p.rng(off, li, keyEnd, li)
		var val *model.Value
		var next int
		if p.restEmpty(colon+1, li, false) {
			nli, noff, found := p.content(li+1, false)
			switch {
			case found && p.col(noff, nli) > c:
				val, next = p.descend(noff, nli, c, true, false)
			case found && p.col(noff, nli) == c && p.isEntry(noff):
				p.depth++
				val, next = p.sequence(noff, nli, c)
				p.depth--
			default:
				val, next = p.null(p.rng(colon+1, li, colon+1, li)), li+1
			}
		} else {
			k := colon + 1
			for p.src[k] == ' ' {
				k++
			}
			val, next = p.descend(k, li, c, false, false)
		}
		p.pushField(model.Field{Key: key, KeyRange: keyRange, Value: val})
		end = val.Range.End
		nli, noff, found := p.content(next, false)
		if !found || p.col(noff, nli) < c {
			return p.value(model.Value{
				Kind:   model.Object,
				Range:  model.Range{Filename: p.t.file, Start: start, End: end},
				Fields: p.popFields(base),
			}), next
		}
		if p.col(noff, nli) > c || p.isEntry(noff) {
			p.bail()
		}
		off, li = noff, nli
	}
}

// key reads a mapping key: a plain or quoted scalar on one line followed by
// ':' and a blank or the end of the line. It returns the key's text, the end
// of its scalar and the offset of the ':'.
func (p *fastYAML) key(off, li int) (string, int, int) {
	switch p.src[off] {
	case '"', '\'':
		s, end := p.quoted(off, li)
		colon := p.keyColon(end, li)
		if colon < 0 || end-off > maxFastKey {
			p.bail()
		}
		return s, end, colon
	case '!', '&', '*', '|', '>', '%', '@', '`', '?', ':', ',', '[', ']', '{', '}', '#':
		p.bail()
	case '-':
		if p.isEntry(off) {
			p.bail()
		}
	}
	end, colon := p.plainEnd(off, li)
	if colon < 0 {
		p.bail()
	}
	return string(p.src[off:end]), end, colon
}

// sequence reads a block sequence whose first '-' is at off, in column c.
func (p *fastYAML) sequence(off, li, c int) (*model.Value, int) {
	base := len(p.itemStack)
	start := p.at(off, li)
	for {
		var item *model.Value
		var next int
		if p.restEmpty(off+1, li, false) {
			nli, noff, found := p.content(li+1, false)
			if found && p.col(noff, nli) > c {
				item, next = p.descend(noff, nli, c, true, false)
			} else {
				item, next = p.null(p.rng(off+1, li, off+1, li)), li+1
			}
		} else {
			k := off + 1
			for p.src[k] == ' ' {
				k++
			}
			item, next = p.descend(k, li, c, true, false)
		}
		p.itemStack = append(p.itemStack, item)
		nli, noff, found := p.content(next, false)
		if !found || p.col(noff, nli) < c || p.col(noff, nli) == c && !p.isEntry(noff) {
			return p.value(model.Value{
				Kind:  model.List,
				Range: model.Range{Filename: p.t.file, Start: start, End: item.Range.End},
				Items: p.popItems(base),
			}), next
		}
		if p.col(noff, nli) > c {
			p.bail()
		}
		off, li = noff, nli
	}
}

// flow reads a flow collection that closes on its line, opened by c at off;
// it returns the value and the offset after the closing bracket.
func (p *fastYAML) flow(off, li int, c byte) (*model.Value, int) {
	p.depth++
	if p.depth > maxFastDepth {
		p.bail()
	}
	defer func() { p.depth-- }()
	src := p.src
	closer := byte(']')
	if c == '{' {
		closer = '}'
	}
	fieldBase, itemBase := len(p.fieldStack), len(p.itemStack)
	var seen keySet
	i := p.skipSpaces(off+1, li)
	for {
		if src[i] == closer {
			i++
			break
		}
		if c == '{' {
			key, keyEnd := p.flowKey(i, li)
			if seen.add(p.fieldStack[fieldBase:], key) {
				p.bail()
			}
			keyRange := p.rng(i, li, keyEnd, li)
			i = p.skipSpaces(keyEnd, li)
			if src[i] != ':' {
				p.bail()
			}
			i = p.skipSpaces(i+1, li)
			val, end := p.flowNode(i, li, false)
			p.pushField(model.Field{Key: key, KeyRange: keyRange, Value: val})
			i = end
		} else {
			item, end := p.flowNode(i, li, false)
			p.itemStack = append(p.itemStack, item)
			i = end
		}
		i = p.skipSpaces(i, li)
		switch src[i] {
		case ',':
			i = p.skipSpaces(i+1, li)
		case closer:
		default:
			p.bail()
		}
	}
	v := model.Value{Kind: model.List, Range: p.rng(off, li, i, li)}
	if c == '{' {
		v.Kind, v.Fields = model.Object, p.popFields(fieldBase)
	} else {
		v.Items = p.popItems(itemBase)
	}
	return p.value(v), i
}

// skipSpaces skips blanks on line li; the line must go on after them.
func (p *fastYAML) skipSpaces(i, li int) int {
	stop := p.lineEnd(li)
	for i < stop && p.src[i] == ' ' {
		i++
	}
	if i == stop {
		p.bail() // a flow collection over several lines
	}
	return i
}

// flowKey reads the key of a flow mapping entry and returns its text and
// the end of its scalar.
func (p *fastYAML) flowKey(i, li int) (string, int) {
	switch p.src[i] {
	case '"', '\'':
		s, end := p.quoted(i, li)
		return s, end
	}
	v, end := p.flowNode(i, li, true)
	if v.Kind == model.List || v.Kind == model.Object {
		p.bail()
	}
	return string(p.src[i:end]), end
}

// flowNode reads a node inside a flow collection and returns it with the
// offset after it. key says it is a mapping key.
func (p *fastYAML) flowNode(i, li int, key bool) (*model.Value, int) {
	src := p.src
	switch c := src[i]; c {
	case '[', '{':
		if key {
			p.bail()
		}
		return p.flow(i, li, c)
	case '"', '\'':
		s, end := p.quoted(i, li)
		return p.str(s, p.rng(i, li, end, li)), end
	case '!':
		if key {
			p.bail()
		}
		long, j := p.tag(i, li)
		k := p.skipSpaces(j, li)
		var inner *model.Value
		var end int
		if c := src[k]; c == '[' || c == '{' || c == '"' || c == '\'' {
			inner, end = p.flowNode(k, li, false)
		} else {
			end = p.flowPlainEnd(k, li)
			inner = p.str(string(src[k:end]), p.rng(k, li, end, li))
		}
		return p.intrinsic(long, p.rng(i, li, j, li), inner), end
	}
	end := p.flowPlainEnd(i, li)
	return p.value(plainValue(string(src[i:end]), p.rng(i, li, end, li))), end
}

// flowPlainEnd scans a plain scalar inside a flow collection: it ends before
// ": ", a flow indicator or " #" (which would continue the collection on the
// next line), without trailing blanks.
func (p *fastYAML) flowPlainEnd(off, li int) int {
	src, stop := p.src, p.lineEnd(li)
	switch src[off] {
	case '&', '*', '|', '>', '%', '@', '`', '?', ':', ',', '[', ']', '{', '}', '#', '!', '"', '\'':
		p.bail()
	case '-':
		if off+1 < stop && src[off+1] == ' ' {
			p.bail()
		}
	}
	i := off
scan:
	for ; i < stop; i++ {
		switch c := src[i]; c {
		case ':':
			if i+1 == stop || src[i+1] == ' ' {
				break scan
			}
			if strings.IndexByte(",[]{}?", src[i+1]) >= 0 {
				p.bail()
			}
		case ',', '[', ']', '{', '}':
			break scan
		case '?', '#':
			p.bail()
		}
	}
	end := i
	for end > off && src[end-1] == ' ' {
		end--
	}
	if end == off {
		p.bail()
	}
	return end
}
