package checker

import (
	"bufio"
	"io"
	"io/fs"
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

// readLines reads name's lines 1 to last (with the last one's line end),
// stopping there; lines end at LF, CRLF or a lone CR, as the parsers count
// them. It refuses a link, a file that is not regular and one over limit
// bytes, also one that grew past the limit after its size was checked. A
// UTF-16 file is read whole (under the limit) to be decoded.
func readLines(fsys fs.FS, name string, limit int64, last int) []byte {
	if info, err := fs.Lstat(fsys, name); err != nil || !info.Mode().IsRegular() {
		return nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() > limit {
		return nil
	}
	br := bufio.NewReader(io.LimitReader(f, limit+1))
	if bom, _ := br.Peek(2); len(bom) == 2 && (bom[0] == 0xFF && bom[1] == 0xFE || bom[0] == 0xFE && bom[1] == 0xFF) {
		all, err := io.ReadAll(br)
		if err != nil || int64(len(all)) > limit {
			return nil
		}
		return cutLines(utf8Text(all), last)
	}
	var out []byte
	for lines := 0; lines < last; {
		b, err := br.ReadByte()
		if err != nil {
			break // the file ends before line last
		}
		out = append(out, b)
		switch b {
		case '\n':
			lines++
		case '\r':
			if next, err := br.ReadByte(); err == nil {
				if next == '\n' {
					out = append(out, next)
				} else {
					br.UnreadByte()
				}
			}
			lines++
		}
	}
	if int64(len(out)) > limit {
		return nil
	}
	return out
}

// cutLines is src through the end of its line last.
func cutLines(src []byte, last int) []byte {
	for i, lines := 0, 0; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			lines++
		case '\n':
			lines++
		}
		if lines == last {
			return src[:i+1]
		}
	}
	return src
}
