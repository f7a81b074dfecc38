package checker

import (
	"unicode/utf16"
	"unicode/utf8"
)

// utf8Text turns a UTF-16 file (recognised by its byte order mark) into
// UTF-8, so every parser and the report snippets see the same text: lines
// and code-point columns are unchanged by the conversion. Anything else is
// returned as it is; the parsers report invalid UTF-8 themselves.
func utf8Text(src []byte) []byte {
	if len(src) < 2 {
		return src
	}
	var order func(b []byte) uint16
	switch {
	case src[0] == 0xFF && src[1] == 0xFE:
		order = func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
	case src[0] == 0xFE && src[1] == 0xFF:
		order = func(b []byte) uint16 { return uint16(b[1]) | uint16(b[0])<<8 }
	default:
		return src
	}
	body := src[2:]
	units := make([]uint16, 0, len(body)/2)
	for i := 0; i+1 < len(body); i += 2 {
		units = append(units, order(body[i:i+2]))
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}
