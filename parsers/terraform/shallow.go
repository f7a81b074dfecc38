package terraform

import (
	"bytes"
	"unicode/utf8"
)

// shallowDepth bounds the nesting that shallow accepts, well under
// maxNesting: a margin on top of its exactness.
const shallowDepth = maxNesting / 4

// shallow reports whether a native file certainly passes tokensTooDeep,
// without lexing it: its brackets, quotes and template sequences nest at
// most shallowDepth deep and it has fewer operator characters than
// maxOperators. It follows hclsyntax's lexer (scan_tokens.rl) for a common
// subset of the syntax: brackets, comments, quoted templates with escapes,
// heredocs with ASCII markers, interpolation and directive sequences (with
// `~` strip markers). On anything else (an unterminated block comment, text
// that is not UTF-8, a lone CR in a heredoc, where the lexer may stop early)
// it gives up and reports false, and the caller lexes the file as before.
// Its depth is tested against the lexer's in shallow_test.go (FuzzShallow).
func shallow(src []byte) bool {
	n := scanNesting(src)
	return n.ok && n.depth <= shallowDepth && n.ops <= maxOperators
}

// nesting is what scanNesting learns of a native file.
type nesting struct {
	depth int  // the deepest nesting of opening tokens
	ops   int  // an upper bound of the operators in one expression
	over  int  // the offset of the first opening token past maxNesting, or -1
	ok    bool // false when the file uses syntax scanNesting does not follow
	// cuts are offsets just after a line break at the top level (outside
	// any bracket, string or heredoc), at least cutEvery bytes apart: the
	// file can be parsed piece by piece there.
	cuts []int
	// lexCuts are top-level line breaks at least lexEvery bytes apart,
	// where a file too small to have cuts is lexed in pieces (its syntax
	// kept whole).
	lexCuts []int
	// locals are the top-level locals blocks cut inside, at line breaks
	// directly in their bodies, as cuts are made: one large locals block
	// is parsed in pieces too.
	locals []localsCut
}

// localsCut is a top-level block whose header is `locals {` alone on its
// line: the word at src[start:start+6], its body src[body:close] cut at
// cuts, its closing brace at src[close].
type localsCut struct {
	start, body, close int
	cuts               []int
}

// cutEvery is the size of the pieces a large native file is parsed in.
var cutEvery = 64 << 10

// lexEvery is the size of the pieces a smaller native file is lexed in.
// hcl lexes a whole file into one slice of tokens, grown by append: past
// a few hundred tokens each growth is by a quarter, so the slices made
// for a file of n tokens add up to some five times n tokens (96 bytes
// each), all copied and cleared. Lexed in pieces of a few thousand
// bytes, each piece's slice grows less far: on the nine repositories of
// issue 15 the Terraform files' parse allocates 138 MB, not 154 MB.
var lexEvery = 4 << 10

// scanDepth returns the deepest nesting of opening tokens (brackets,
// braces, parentheses, quotes, template sequences) that tokensTooDeep
// would see in the tokens of src, and false when src uses syntax it does
// not follow.
func scanDepth(src []byte) (int, bool) {
	n := scanNesting(src)
	return n.depth, n.ok
}

// scanNesting follows src as scanDepth describes; it stops at the first
// opening token deeper than maxNesting, which the lexer would see too (so
// a file too deep is reported without lexing it). Operators are counted
// per expression as tokensTooDeep counts them, each byte that can start
// one as one: a newline at the top or directly inside a brace ends an
// expression.
func scanNesting(src []byte) nesting {
	if !utf8.Valid(src) {
		return nesting{over: -1}
	}
	const (
		inMain = iota
		inString
		inHeredoc
	)
	// modes is the lexer's call stack: a string or heredoc is entered from
	// the main mode and returns to it; a template sequence is entered from
	// a string or heredoc and returns to it at the closing brace of its own
	// brace level.
	modes := []uint8{inMain}
	var docs []heredoc
	braces := 0
	var retBraces []int
	depth, maxDepth := 0, 0
	ops, maxOps, over := 0, 0, -1
	var cuts []int
	last, lastLex := 0, 0
	var lexCuts []int
	// lineStart is where the last top-level line starts; cur is the
	// top-level locals block being read, nil outside one.
	lineStart := 0
	var cur *localsCut
	var locals []localsCut
	// braceAt[d] is set when the opening token at depth d+1 is a brace.
	var braceAt []bool
	openKind := func(i int, brace bool) {
		depth++
		maxDepth = max(maxDepth, depth)
		braceAt = append(braceAt, brace)
		if depth > maxNesting && over < 0 {
			over = i
		}
	}
	closeOne := func() {
		if depth > 0 {
			depth--
			braceAt = braceAt[:depth]
		}
	}
	// enterSequence opens a template sequence (${ or %{, with a `~` strip
	// marker or not: one token) at src[i] and returns its last offset.
	enterSequence := func(i int) int {
		openKind(i, false)
		braces++
		retBraces = append(retBraces, braces)
		modes = append(modes, inMain)
		if i+2 < len(src) && src[i+2] == '~' {
			return i + 2
		}
		return i + 1
	}
	for i := 0; i < len(src) && over < 0; i++ {
		// The bytes no mode acts on (names, numbers, blanks, most of a
		// string's text) are skipped at once.
		mode := modes[len(modes)-1]
		stops := &mainStops
		switch mode {
		case inString:
			stops = &stringStops
		case inHeredoc:
			stops = &heredocStops
		}
		for i < len(src) && !stops[src[i]] {
			i++
		}
		if i == len(src) {
			break
		}
		c := src[i]
		if mode == inHeredoc {
			// The lexer reads a heredoc as literals split at template
			// sequences; a literal that ends a line closes the heredoc when
			// it is the marker and nothing came before it on its line.
			doc := &docs[len(docs)-1]
			switch {
			case c == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
				return nesting{over: -1} // the lexer stops at a lone CR in a heredoc
			case c == '\n':
				match, unsure := doc.isMarker(src[doc.literal:i])
				if unsure {
					return nesting{over: -1}
				}
				if doc.lineStart && match {
					closeOne() // TokenCHeredoc
					docs = docs[:len(docs)-1]
					modes = modes[:len(modes)-1]
					i-- // the newline is the main mode's
					continue
				}
				doc.lineStart, doc.literal = true, i+1
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				doc.lineStart = false
				i = enterSequence(i)
			case (c == '$' || c == '%') && i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
				i += 2 // $${ or %%{: literal text
			}
			continue
		}
		if mode == inString {
			switch c {
			case '\\':
				if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
					i++ // an escape: the next character is literal
				}
			case '"':
				closeOne() // TokenCQuote
				modes = modes[:len(modes)-1]
			case '$', '%':
				switch {
				case i+1 < len(src) && src[i+1] == '{':
					// TokenTemplateInterp or TokenTemplateControl.
					i = enterSequence(i)
				case i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
					i += 2 // $${ or %%{: literal text
				}
			}
			continue
		}
		switch c {
		case '#':
			i = lineEnd(src, i) - 1 // the newline is read next
			continue
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				i = lineEnd(src, i) - 1
				continue
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return nesting{over: -1} // lexed as operators, not a comment
				}
				i += 2 + end + 1
				continue
			}
		case '"':
			openKind(i, false) // TokenOQuote
			modes = append(modes, inString)
		case '[', '(':
			openKind(i, false)
		case ']', ')':
			closeOne()
		case '{':
			if depth == 0 {
				cur = nil
				if at, ok := localsHeader(src[lineStart:i]); ok {
					cur = &localsCut{start: lineStart + at, body: i + 1}
				}
			}
			openKind(i, true) // TokenOBrace
			braces++
		case '}':
			closeOne() // TokenCBrace or TokenTemplateSeqEnd
			if depth == 0 && cur != nil {
				if len(cur.cuts) > 0 {
					cur.close = i
					locals = append(locals, *cur)
				}
				cur = nil
			}
			if n := len(retBraces); n > 0 && retBraces[n-1] == braces {
				retBraces = retBraces[:n-1]
				if len(modes) > 1 {
					modes = modes[:len(modes)-1]
					if modes[len(modes)-1] == inHeredoc {
						docs[len(docs)-1].literal = i + 1
					}
				}
			}
			braces--
		case '<':
			if i+1 < len(src) && src[i+1] == '<' {
				marker, next, ok := heredocStart(src, i)
				if !ok {
					return nesting{over: -1} // an operator, or a heredoc this does not follow
				}
				openKind(i, false) // TokenOHeredoc
				docs = append(docs, heredoc{marker: marker, lineStart: true, literal: next})
				modes = append(modes, inHeredoc)
				i = next - 1
			}
		case '~':
			// A strip marker: "~}" is one token that closes as "}" does,
			// which the next byte does here; a lone "~" opens nothing.
		case '\n':
			if depth == 0 || braceAt[depth-1] {
				ops = 0
			}
			if depth == 0 {
				lineStart = i + 1
			}
			if (depth == 0 || depth == 1 && cur != nil) && i+1-last >= cutEvery && i+1 < len(src) {
				if depth == 0 {
					cuts = append(cuts, i+1)
				} else {
					cur.cuts = append(cur.cuts, i+1)
				}
				last = i + 1
			}
			if depth == 0 && i+1-lastLex >= lexEvery && i+1 < len(src) {
				lexCuts = append(lexCuts, i+1)
				lastLex = i + 1
			}
		}
		switch c {
		case '+', '-', '*', '/', '%', '!', '&', '|', '=', '<', '>', '?':
			ops++
			maxOps = max(maxOps, ops)
		}
	}
	return nesting{depth: maxDepth, ops: maxOps, over: over, ok: true, cuts: cuts, lexCuts: lexCuts, locals: locals}
}

// The bytes scanNesting acts on in each mode: in the main mode the ones
// that open, close or comment, line breaks and the operators it counts;
// in a string escapes, its end and template sequences; in a heredoc line
// ends and template sequences.
var (
	mainStops    = byteSet("#/\"[](){}<~\n+-*%!&|=>?")
	stringStops  = byteSet(`\"$%`)
	heredocStops = byteSet("\r\n$%")
)

func byteSet(s string) (set [256]bool) {
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return set
}

// localsHeader reports whether a line up to an opening brace is the
// header of a locals block, blanks around the word only, and where the
// word starts.
func localsHeader(line []byte) (int, bool) {
	at := 0
	for at < len(line) && (line[at] == ' ' || line[at] == '\t') {
		at++
	}
	rest := line[at:]
	if !bytes.HasPrefix(rest, []byte("locals")) {
		return 0, false
	}
	for _, c := range rest[len("locals"):] {
		if c != ' ' && c != '\t' {
			return 0, false
		}
	}
	return at, true
}

// heredoc is an open heredoc: its marker, whether nothing came before the
// current literal on its line, and where that literal starts.
type heredoc struct {
	marker    []byte
	lineStart bool
	literal   int
}

// isMarker says whether a literal ending a line is the heredoc's marker,
// as the lexer compares them: trimmed of white space. unsure is set for a
// literal with other than ASCII that holds the marker, which Unicode white
// space might surround.
func (h *heredoc) isMarker(lit []byte) (match, unsure bool) {
	for _, c := range lit {
		if c >= utf8.RuneSelf {
			return false, bytes.Contains(lit, h.marker)
		}
	}
	return bytes.Equal(bytes.Trim(lit, " \t\r\v\f"), h.marker), false
}

// heredocStart reads "<<" or "<<-", an ASCII identifier and a line break at
// src[i], and returns the identifier and the offset after the break.
func heredocStart(src []byte, i int) ([]byte, int, bool) {
	j := i + 2
	if j < len(src) && src[j] == '-' {
		j++
	}
	start := j
	for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' ||
		j > start && (src[j] == '-' || src[j] >= '0' && src[j] <= '9')) {
		j++
	}
	if j == start || j < len(src) && src[j] >= utf8.RuneSelf {
		return nil, 0, false
	}
	if j < len(src) && src[j] == '\r' {
		j++
	}
	if j >= len(src) || src[j] != '\n' {
		return nil, 0, false
	}
	return src[start:j], j + 1, true
}

// lineEnd is the index of the newline ending the line comment at i, or
// len(src).
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}
