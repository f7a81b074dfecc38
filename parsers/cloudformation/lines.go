package cloudformation

import (
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
}

func newLineTable(file string, src []byte) *lineTable {
	t := &lineTable{file: file, src: src, starts: []int{0}}
	if hasBOM(src) {
		t.starts[0] = 3
	}
	for i := 0; i < len(src); {
		n := breakLen(src, i)
		if n == 0 {
			i++
			continue
		}
		t.ends = append(t.ends, i)
		i += n
		t.starts = append(t.starts, i)
	}
	t.ends = append(t.ends, len(src))
	t.ascii = make([]bool, len(t.starts))
	for i := range t.starts {
		t.ascii[i] = isASCII(src[t.starts[i]:t.ends[i]])
	}
	return t
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

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
