package cloudformation

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/configward/configward/parsers/model"
)

// lineTable maps between byte offsets and model positions. Lines end where
// yaml.v3 ends them: LF, CRLF, a lone CR, and NEL, LS and PS; columns count
// code points and a leading BOM takes no column, as in yaml.v3 and jsonvalue.
type lineTable struct {
	file   string
	src    []byte
	starts []int  // byte offset of the first byte of each line
	ends   []int  // byte offset of the line break (or len(src)) of each line
	ascii  []bool // whether each line is all ASCII (a column is a byte)
	// cur caches the last conversion on a non-ASCII line, so that walking
	// a long line left to right stays linear.
	cur model.Pos
	// walked counts the bytes conversions decoded, so a test can check
	// that the work grows linearly with a line's length.
	walked int
	// controls says whether the text holds a control character other
	// than a line feed (DEL included), and nonASCII a byte past ASCII.
	controls, nonASCII bool
}

func newLineTable(file string, src []byte) *lineTable {
	// One pass over the bytes finds the breaks, which lines are ASCII and
	// whether any control character is there (see fastChars); the break
	// and non-ASCII bytes are the only ones looked at twice.
	n := bytes.Count(src, []byte{'\n'}) + 1
	t := &lineTable{file: file, src: src, starts: make([]int, 1, n), ends: make([]int, 0, n), ascii: make([]bool, 0, n)}
	if hasBOM(src) {
		t.starts[0], t.nonASCII = 3, true
	}
	lineASCII := true
	for i := t.starts[0]; i < len(src); {
		switch byteClass[src[i]] {
		case plainByte:
			i++
			continue
		case controlByte:
			t.controls = true
			if src[i] != '\r' {
				i++
				continue
			}
		case highByte:
			t.nonASCII = true
			if breakLen(src, i) == 0 {
				lineASCII = false
				i++
				continue
			}
		}
		n := breakLen(src, i)
		t.ends = append(t.ends, i)
		t.ascii = append(t.ascii, lineASCII)
		lineASCII = true
		i += n
		t.starts = append(t.starts, i)
	}
	t.ends = append(t.ends, len(src))
	t.ascii = append(t.ascii, lineASCII)
	return t
}

// Byte classes for newLineTable: a line feed, a control character other
// than it (a carriage return breaks a line too), a byte of a multi-byte
// character (which may be a Unicode line break), or any other.
const (
	plainByte = iota
	lineFeed
	controlByte
	highByte
)

var byteClass = func() (c [256]uint8) {
	for b := range 256 {
		switch {
		case b == '\n':
			c[b] = lineFeed
		case b < 0x20 || b == 0x7F:
			c[b] = controlByte
		case b >= utf8.RuneSelf:
			c[b] = highByte
		}
	}
	return c
}()

func hasBOM(src []byte) bool {
	return len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF
}

// breakLen is the length of the line break at src[i], or 0.
func breakLen(src []byte, i int) int {
	switch c := src[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(src) && src[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2 && i+1 < len(src) && src[i+1] == 0x85:
		return 2
	case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
		return 3
	}
	return 0
}

// lines is the number of lines.
func (t *lineTable) lines() int { return len(t.starts) }

// lineOf is the 0-based line index of byte offset off.
func (t *lineTable) lineOf(off int) int {
	return sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
}

// offset converts a 1-based line and code-point column to a byte offset,
// clamped to the line's content.
func (t *lineTable) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(t.starts) {
		return len(t.src)
	}
	i, end := t.starts[line-1], t.ends[line-1]
	if t.ascii[line-1] {
		return min(i+max(col-1, 0), end)
	}
	c := 1
	if t.cur.Line == line && t.cur.Column <= col && t.cur.Byte >= i {
		i, c = t.cur.Byte, t.cur.Column
	}
	from := i
	for ; c < col && i < end; c++ {
		_, size := utf8.DecodeRune(t.src[i:end])
		i += size
	}
	t.walked += i - from
	t.cur = model.Pos{Line: line, Column: c, Byte: i}
	return i
}

// pos converts a byte offset to a position.
func (t *lineTable) pos(off int) model.Pos {
	off = max(0, min(off, len(t.src)))
	li := max(t.lineOf(off), 0)
	start := t.starts[li]
	if off < start { // inside the BOM
		off = start
	}
	if t.ascii[li] {
		return model.Pos{Line: li + 1, Column: 1 + off - start, Byte: off}
	}
	from, col := start, 1
	if t.cur.Line == li+1 && t.cur.Byte <= off && t.cur.Byte >= start {
		from, col = t.cur.Byte, t.cur.Column
	}
	p := model.Pos{Line: li + 1, Column: col + utf8.RuneCount(t.src[from:off]), Byte: off}
	t.walked += off - from
	t.cur = p
	return p
}

// rng is the range of src[from:to].
func (t *lineTable) rng(from, to int) model.Range {
	if to < from {
		to = from
	}
	return model.Range{Filename: t.file, Start: t.pos(from), End: t.pos(to)}
}

// lineText is the content of 0-based line li without its line break.
func (t *lineTable) lineText(li int) []byte {
	return t.src[t.starts[li]:t.ends[li]]
}
