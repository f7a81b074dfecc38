package report

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonWriter writes JSON as encoding/json's Encoder with SetIndent("",
// "  ") and SetEscapeHTML(false) does (an empty object or array on one
// line, every member or element on a line of its own), without reflection:
// the first use of encoding/json on a type builds its encoder for the
// whole graph of types it reaches, a cost every run of configward paid for
// its reports. The SARIF and JSON writers call it field by field.
type jsonWriter struct {
	w   io.Writer
	buf []byte
	// open holds, for each object or array being written, how many
	// members or elements it has so far.
	open []int
	// err is the first write error, or a value the writer cannot write.
	err error
	// flushes counts the times buf was written out.
	flushes int
}

func newJSONWriter(w io.Writer) *jsonWriter {
	return &jsonWriter{w: w, buf: make([]byte, 0, 32<<10)}
}

// finish ends the document with a newline, as an Encoder does, and writes
// out what the buffer holds.
func (e *jsonWriter) finish() error {
	e.buf = append(e.buf, '\n')
	e.flush()
	return e.err
}

func (e *jsonWriter) flush() {
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
	e.flushes++
}

func (e *jsonWriter) begin(c byte) {
	e.room(1)
	e.buf = append(e.buf, c)
	e.open = append(e.open, 0)
}

func (e *jsonWriter) end(c byte) {
	n := e.open[len(e.open)-1]
	e.open = e.open[:len(e.open)-1]
	e.room(2*len(e.open) + 2)
	if n > 0 {
		e.newline()
	}
	e.buf = append(e.buf, c)
}

// next starts a member or an element of the innermost object or array.
func (e *jsonWriter) next() {
	e.room(2*len(e.open) + 64) // the indent, a key
	last := len(e.open) - 1
	if e.open[last] > 0 {
		e.buf = append(e.buf, ',')
	}
	e.open[last]++
	e.newline()
}

func (e *jsonWriter) newline() {
	e.buf = append(e.buf, '\n')
	for n := 2 * len(e.open); n > 0; {
		k := min(n, len(indentSpaces))
		e.buf = append(e.buf, indentSpaces[:k]...)
		n -= k
	}
}

// key starts a member whose name needs no escaping.
func (e *jsonWriter) key(k string) {
	e.next()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, `": `...)
}

func (e *jsonWriter) null() { e.raw("null") }

func (e *jsonWriter) int(n int) {
	e.room(20)
	e.buf = strconv.AppendInt(e.buf, int64(n), 10)
}

func (e *jsonWriter) uint(n uint) {
	e.room(20)
	e.buf = strconv.AppendUint(e.buf, uint64(n), 10)
}

func (e *jsonWriter) bool(v bool) {
	e.room(5)
	e.buf = strconv.AppendBool(e.buf, v)
}

// room makes room for n more bytes in the buffer, writing it out when
// it has not.
func (e *jsonWriter) room(n int) {
	if len(e.buf)+n > cap(e.buf) {
		e.flush()
	}
}

// raw appends text written as it is, straight to the writer when it
// would not fit in the buffer (a rule's doc, a long message).
func (e *jsonWriter) raw(text string) {
	e.room(len(text))
	if len(text) > cap(e.buf) {
		if e.err == nil {
			_, e.err = io.WriteString(e.w, text)
		}
		return
	}
	e.buf = append(e.buf, text...)
}

// string writes s quoted as encoding/json does without HTML escaping:
// '"', '\\' and control characters escaped (\b \f \n \r \t by name),
// invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func (e *jsonWriter) string(s string) {
	e.raw(`"`)
	e.stringBody(s)
	e.raw(`"`)
}

// stringBody writes s escaped as string does, without the quotes.
func (e *jsonWriter) stringBody(s string) {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		i = plainFrom(s, i)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			e.raw(s[start:i])
			e.room(6)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\b':
				e.buf = append(e.buf, '\\', 'b')
			case '\f':
				e.buf = append(e.buf, '\\', 'f')
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			e.raw(s[start:i])
			e.raw(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			e.raw(s[start:i])
			e.room(6)
			e.buf = append(e.buf, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	e.raw(s[start:])
}

// plainFrom returns the index of the first byte of s from i on that is
// not plain ASCII text (a control, '"', '\\', a multi-byte character's),
// or len(s); eight bytes at a time while none is. Bit tricks: a
// byte of x-0x20 borrows (sets its top bit) iff it was under 0x20, one of
// t-1 iff t's was zero; exact while no byte has its top bit set, which is
// checked too.
func plainFrom(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		t := s[i : i+8]
		x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		quote, backslash := x^(ones*'"'), x^(ones*'\\')
		special := (x - ones*0x20) | (quote-ones)&^quote | (backslash-ones)&^backslash
		if (x|special)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			break
		}
	}
	return i
}

func (e *jsonWriter) stringMember(k, v string) {
	e.key(k)
	e.string(v)
}

func (e *jsonWriter) intMember(k string, n int) {
	e.key(k)
	e.int(n)
}

func (e *jsonWriter) optString(k string, s *string) {
	if s != nil {
		e.key(k)
		e.string(*s)
	}
}

func (e *jsonWriter) optInt(k string, n *int) {
	if n != nil {
		e.key(k)
		e.int(*n)
	}
}

func (e *jsonWriter) optUint(k string, n *uint) {
	if n != nil {
		e.key(k)
		e.uint(*n)
	}
}

// array writes the member k: null for a nil slice, as encoding/json writes
// a slice without omitempty.
func array[T any](e *jsonWriter, k string, xs []T, elem func(T)) {
	e.key(k)
	if xs == nil {
		e.null()
		return
	}
	e.begin('[')
	for _, x := range xs {
		e.next()
		elem(x)
	}
	e.end(']')
}

// optArray writes the member k unless xs is empty (omitempty).
func optArray[T any](e *jsonWriter, k string, xs []T, elem func(T)) {
	if len(xs) > 0 {
		array(e, k, xs, elem)
	}
}

const indentSpaces = "                                                                "
