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
// interpolation and directive sequences. On anything else (a heredoc, a
// `~` strip marker, an unterminated block comment, text that is not UTF-8,
// where the lexer may stop early) it gives up and
// reports false, and the caller lexes the file as before. Its depth is
// tested against the lexer's in shallow_test.go.
func shallow(src []byte) bool {
	depth, ok := scanDepth(src)
	return ok && depth <= shallowDepth && countOperatorBytes(src) <= maxOperators
}

// countOperatorBytes counts the bytes that can start an operator token:
// an upper bound of the operators in any one expression.
func countOperatorBytes(src []byte) int {
	n := 0
	for _, c := range src {
		switch c {
		case '+', '-', '*', '/', '%', '!', '&', '|', '=', '<', '>', '?':
			n++
		}
	}
	return n
}

// scanDepth returns the deepest nesting of opening tokens (brackets,
// braces, parentheses, quotes, template sequences) that tokensTooDeep
// would see in the tokens of src, and false when src uses syntax it does
// not follow.
func scanDepth(src []byte) (int, bool) {
	if !utf8.Valid(src) {
		return 0, false
	}
	const (
		inMain = iota
		inString
	)
	// modes is the lexer's call stack: a string is entered from the main
	// mode and returns to it; a template sequence is entered from a string
	// and returns to it at the closing brace of its own brace level.
	modes := []uint8{inMain}
	braces := 0
	var retBraces []int
	depth, maxDepth := 0, 0
	open := func() {
		depth++
		maxDepth = max(maxDepth, depth)
	}
	closeOne := func() {
		if depth > 0 {
			depth--
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if modes[len(modes)-1] == inString {
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
					open()
					i++
					if i+1 < len(src) && src[i+1] == '~' {
						return 0, false
					}
					braces++
					retBraces = append(retBraces, braces)
					modes = append(modes, inMain)
				case i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
					i += 2 // $${ or %%{: literal text
				}
			}
			continue
		}
		switch c {
		case '#':
			i = lineEnd(src, i)
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				i = lineEnd(src, i)
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return 0, false // lexed as operators, not a comment
				}
				i += 2 + end + 1
			}
		case '"':
			open() // TokenOQuote
			modes = append(modes, inString)
		case '[', '(':
			open()
		case ']', ')':
			closeOne()
		case '{':
			open() // TokenOBrace
			braces++
		case '}':
			closeOne() // TokenCBrace or TokenTemplateSeqEnd
			if n := len(retBraces); n > 0 && retBraces[n-1] == braces {
				retBraces = retBraces[:n-1]
				if len(modes) > 1 {
					modes = modes[:len(modes)-1]
				}
			}
			braces--
		case '<':
			if i+1 < len(src) && src[i+1] == '<' {
				return 0, false // a heredoc, maybe
			}
		case '~':
			return 0, false // a strip marker, maybe
		}
	}
	return maxDepth, true
}

// lineEnd is the index of the newline ending the line comment at i, or the
// last index of src.
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src) - 1
}
