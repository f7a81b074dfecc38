package fix

import (
	"bytes"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// formatHCL lays HCL source out as `terraform fmt` does, changing only the
// spaces between the tokens of a line: each line is indented two spaces
// per bracket it is nested in, tokens are separated by one space or none
// by what they are, and the = of consecutive one-line arguments and their
// trailing comments are aligned. Line breaks, the text inside strings and
// heredocs, and comments are kept as written.
//
// It replaces hclwrite.Format, whose package links go-cmp, and with it
// 180 KB of allocations and two Unicode patterns compiled at every start.
// TestFormatHCL holds it to hclwrite's output.
func formatHCL(src []byte) []byte {
	raw, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	toks := make([]fmtToken, len(raw))
	end := 0
	for i, t := range raw {
		toks[i] = fmtToken{typ: t.Type, text: t.Bytes, spaces: t.Range.Start.Byte - end, width: tokenWidth(t)}
		end = t.Range.End.Byte
	}
	lines := fmtLines(toks)
	indent(lines)
	space(lines)
	align(lines)
	var out bytes.Buffer
	for _, t := range toks {
		for range t.spaces {
			out.WriteByte(' ')
		}
		out.Write(t.text)
	}
	return out.Bytes()
}

// fmtToken is a token and the spaces to write before it.
type fmtToken struct {
	typ    hclsyntax.TokenType
	text   []byte
	spaces int
	width  int // in columns (characters as the editor shows them)
}

// tokenWidth is a one-line token's width in columns: the lexer counts
// columns in grapheme clusters, as terraform fmt aligns.
func tokenWidth(t hclsyntax.Token) int {
	if t.Range.Start.Line == t.Range.End.Line {
		return t.Range.End.Column - t.Range.Start.Column
	}
	return utf8.RuneCount(t.Bytes)
}

// fmtLine is one line of tokens in up to three cells: the lead, then from
// the = of a one-line argument on (assign), then a trailing comment.
type fmtLine struct {
	lead, assign, comment []*fmtToken
}

// endsLine reports whether t ends a line: a newline, or a # or // comment,
// which holds the newline that ends it.
func endsLine(t *fmtToken) bool {
	return t.typ == hclsyntax.TokenNewline ||
		t.typ == hclsyntax.TokenComment && bytes.HasSuffix(t.text, []byte("\n"))
}

// nesting is how many brackets t opens (1) or closes (-1); ${ and %{ are
// brackets closed by }.
func nesting(t *fmtToken) int {
	switch t.typ {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
		hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		return 1
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
		return -1
	}
	return 0
}

// netNesting sums the nesting of ts up to a heredoc's opening, whose
// text is not laid out.
func netNesting(ts []*fmtToken) int {
	n := 0
	for _, t := range ts {
		n += nesting(t)
		if t.typ == hclsyntax.TokenOHeredoc {
			break
		}
	}
	return n
}

// fmtLines splits the tokens into lines (the end of input belongs to
// none), then the cells of each line. A heredoc's text is no newline
// token, so it stays in the line that opens it.
func fmtLines(toks []fmtToken) []fmtLine {
	var lines []fmtLine
	var cur []*fmtToken
	for i := range toks {
		t := &toks[i]
		if t.typ == hclsyntax.TokenEOF {
			break
		}
		cur = append(cur, t)
		if endsLine(t) {
			lines = append(lines, fmtLine{lead: cur})
			cur = nil
		}
	}
	if len(cur) > 0 {
		lines = append(lines, fmtLine{lead: cur})
	}
	for i := range lines {
		l := &lines[i]
		if n := len(l.lead); n > 1 && l.lead[n-1].typ == hclsyntax.TokenComment {
			l.lead, l.comment = l.lead[:n-1], l.lead[n-1:]
		}
		// An argument whose value is whole on this line: its = and value
		// are the assign cell. One that opens brackets it closes on later
		// lines is no cell, and is not aligned.
		for j, t := range l.lead {
			if j > 0 && t.typ == hclsyntax.TokenEqual {
				if netNesting(l.lead[j:]) == 0 {
					l.lead, l.assign = l.lead[:j], l.lead[j:]
				}
				break
			}
		}
	}
	return lines
}

// indent sets each line's indentation: two spaces for each level of
// brackets left open by the lines before. A line that opens several
// brackets is one level; a line that closes brackets closes the levels
// they opened, and is itself at the level that is left.
func indent(lines []fmtLine) {
	var levels []int // brackets opened by each open level
	for i := range lines {
		l := &lines[i]
		first := l.lead[0]
		if first.typ == hclsyntax.TokenNewline {
			first.spaces = 0 // a blank line has no spaces
			continue
		}
		net := netNesting(l.lead) + netNesting(l.assign)
		if net > 0 {
			first.spaces = 2 * len(levels)
			levels = append(levels, net)
			continue
		}
		for closed := -net; closed > 0 && len(levels) > 0; {
			top := &levels[len(levels)-1]
			if closed < *top {
				*top -= closed
				break
			}
			closed -= *top
			levels = levels[:len(levels)-1]
		}
		first.spaces = 2 * len(levels)
	}
}

// space sets the spaces between the tokens of each cell; the first of the
// assign cell gets one (align may move it).
func space(lines []fmtLine) {
	for _, l := range lines {
		spaceCell(l.lead)
		if len(l.assign) > 0 {
			l.assign[0].spaces = 1
			spaceCell(l.assign)
		}
	}
}

func spaceCell(ts []*fmtToken) {
	for i := 0; i+1 < len(ts); i++ {
		var before *fmtToken
		if i > 0 {
			before = ts[i-1]
		}
		if spaced(before, ts[i], ts[i+1]) {
			ts[i+1].spaces = 1
		} else {
			ts[i+1].spaces = 0
		}
	}
}

// spaced reports whether a space separates t from next; before is the
// token before t (nil at the start of the line).
func spaced(before, t, next *fmtToken) bool {
	switch {
	case next.typ == hclsyntax.TokenNewline:
		return false
	case t.typ == hclsyntax.TokenIdent && next.typ == hclsyntax.TokenOParen: // f(
		return false
	case t.typ == hclsyntax.TokenIdent && next.typ == hclsyntax.TokenDoubleColon,
		t.typ == hclsyntax.TokenDoubleColon && next.typ == hclsyntax.TokenIdent: // provider::p::f
		return false
	case t.typ == hclsyntax.TokenDot || next.typ == hclsyntax.TokenDot: // a.b
		return false
	case next.typ == hclsyntax.TokenComma || next.typ == hclsyntax.TokenEllipsis:
		return false
	case t.typ == hclsyntax.TokenComma:
		return true
	case opensText(t.typ) || closesText(next.typ):
		// Inside a string or heredoc every byte is the author's.
		return false
	case t.typ == hclsyntax.TokenIdent && string(t.text) == "in" && before != nil && before.typ == hclsyntax.TokenIdent:
		return true // for x in [a, b], not in[a, b]
	case next.typ == hclsyntax.TokenOBrack &&
		(t.typ == hclsyntax.TokenIdent || t.typ == hclsyntax.TokenNumberLit || nesting(t) < 0): // a[0], f(x)[0]
		return false
	case t.typ == hclsyntax.TokenBang: // !a
		return false
	case t.typ == hclsyntax.TokenMinus:
		return !negation(before)
	case t.typ == hclsyntax.TokenOBrace && next.typ == hclsyntax.TokenCBrace: // {}
		return false
	case t.typ == hclsyntax.TokenOBrace || next.typ == hclsyntax.TokenCBrace: // { a = 1 }
		return true
	case (t.typ == hclsyntax.TokenTemplateInterp || t.typ == hclsyntax.TokenTemplateControl) && next.typ == hclsyntax.TokenOBrace,
		t.typ == hclsyntax.TokenCBrace && next.typ == hclsyntax.TokenTemplateSeqEnd: // ${ {a = 1} }
		return true
	case t.typ == hclsyntax.TokenTemplateSeqEnd &&
		(next.typ == hclsyntax.TokenTemplateInterp || next.typ == hclsyntax.TokenTemplateControl): // }${
		return false
	case nesting(t) > 0 || nesting(next) < 0: // (a), [a]
		return false
	}
	return true
}

// opensText reports whether a token of type typ is a string's or
// heredoc's opening or literal text: nothing is spaced after it.
func opensText(typ hclsyntax.TokenType) bool {
	switch typ {
	case hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc, hclsyntax.TokenQuotedLit, hclsyntax.TokenStringLit:
		return true
	}
	return false
}

// closesText reports whether a token of type typ is a string's or
// heredoc's literal text or end: nothing is spaced before it.
func closesText(typ hclsyntax.TokenType) bool {
	switch typ {
	case hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc, hclsyntax.TokenQuotedLit, hclsyntax.TokenStringLit:
		return true
	}
	return false
}

// negation reports whether a minus after before is a sign (-1) rather
// than a subtraction: nothing before it ends an operand.
func negation(before *fmtToken) bool {
	if before == nil {
		return true
	}
	switch before.typ {
	case hclsyntax.TokenOParen, hclsyntax.TokenOBrace, hclsyntax.TokenOBrack,
		hclsyntax.TokenEqual, hclsyntax.TokenColon, hclsyntax.TokenComma, hclsyntax.TokenQuestion,
		hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent,
		hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
		hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq, hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenBang:
		return true
	}
	return false
}

// columns is the width of a cell, spaces before its tokens included.
func columns(ts []*fmtToken) int {
	n := 0
	for _, t := range ts {
		n += t.spaces + t.width
	}
	return n
}

// align lines up the = of consecutive lines that have an assign cell,
// then the comments of consecutive lines that end in one, one space
// after the widest.
func align(lines []fmtLine) {
	alignRuns(lines, func(l fmtLine) []*fmtToken { return l.assign }, func(l fmtLine) int { return columns(l.lead) })
	alignRuns(lines, func(l fmtLine) []*fmtToken { return l.comment }, func(l fmtLine) int { return columns(l.lead) + columns(l.assign) })
}

// alignRuns aligns cell across each run of consecutive lines that have
// it, after what precedes it on the line (width).
func alignRuns(lines []fmtLine, cell func(fmtLine) []*fmtToken, width func(fmtLine) int) {
	for start := 0; start < len(lines); {
		if cell(lines[start]) == nil {
			start++
			continue
		}
		end, widest := start, 0
		for ; end < len(lines) && cell(lines[end]) != nil; end++ {
			widest = max(widest, width(lines[end]))
		}
		for _, l := range lines[start:end] {
			cell(l)[0].spaces = widest - width(l) + 1
		}
		start = end
	}
}
