package terraform

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/configward/configward/parsers/model"
)

// toRange converts an hcl range; hcl and the model agree on the meaning of
// every field.
func toRange(r hcl.Range) model.Range {
	return model.Range{
		Filename: r.Filename,
		Start:    model.Pos{Line: r.Start.Line, Column: r.Start.Column, Byte: r.Start.Byte},
		End:      model.Pos{Line: r.End.Line, Column: r.End.Column, Byte: r.End.Byte},
	}
}

// source is one file of the module with an index of its line starts, to
// turn byte offsets back into positions.
type source struct {
	name  string
	src   []byte
	lines []int // byte offset of the start of each line
}

func newSource(name string, src []byte) *source {
	// Line breaks are LF, CRLF or a lone CR. Counted first, the line
	// starts are one slice of their size, not one grown line by line;
	// a file without a CR (nearly all) is read break to break.
	crs := bytes.Count(src, []byte("\r"))
	lines := make([]int, 1, 1+bytes.Count(src, []byte("\n"))+crs)
	if crs == 0 {
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			lines = append(lines, i)
		}
		return &source{name: name, src: src, lines: lines}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			lines = append(lines, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			lines = append(lines, i+1)
		}
	}
	return &source{name: name, src: src, lines: lines}
}

// pos returns the position of byte offset off (clamped to the file).
func (s *source) pos(off int) model.Pos {
	off = max(0, min(off, len(s.src)))
	line := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	col := utf8.RuneCount(s.src[s.lines[line]:off]) + 1
	return model.Pos{Line: line + 1, Column: col, Byte: off}
}

// text returns the source text of r.
func (s *source) text(r hcl.Range) string {
	if s == nil || r.Start.Byte < 0 || r.End.Byte > len(s.src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return string(s.src[r.Start.Byte:r.End.Byte])
}

// reason is shorten(s.text(r)) without copying the whole expression
// first: an unknown value's Reason keeps some 60 characters of what may
// be a long expression.
func (s *source) reason(r hcl.Range) string {
	if s == nil || r.Start.Byte < 0 || r.End.Byte > len(s.src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return shortenBytes(s.src[r.Start.Byte:r.End.Byte])
}

// reasonLimit bounds the expression text kept in an unknown value's Reason.
const reasonLimit = 60

// shorten collapses white space and cuts text to about reasonLimit
// characters, for Reason strings.
func shorten(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= reasonLimit {
		return text
	}
	r := []rune(text)
	return string(r[:reasonLimit-3]) + "..."
}

// shortenBytes is shorten(string(b)), copying only what it keeps: the
// words of b (as strings.Fields splits them) one space apart, cut to
// reasonLimit-3 runes and "..." when they are more than reasonLimit
// runes, invalid UTF-8 then written as []rune writes it.
func shortenBytes(b []byte) string {
	out := make([]byte, 0, min(len(b), 4*reasonLimit))
	runes, cut, invalid := 0, 0, false
	space := false
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space = len(out) > 0
			i += size
			continue
		}
		if space {
			out, runes, space = append(out, ' '), runes+1, false
			if runes == reasonLimit-3 {
				cut = len(out)
			}
		}
		if runes < reasonLimit-3 && r == utf8.RuneError && size == 1 {
			invalid = true
		}
		out, runes = append(out, b[i:i+size]...), runes+1
		if runes == reasonLimit-3 {
			cut = len(out)
		}
		if runes > reasonLimit {
			if invalid {
				return string([]rune(string(out[:cut]))) + "..."
			}
			return string(out[:cut]) + "..."
		}
		i += size
	}
	return string(out)
}
