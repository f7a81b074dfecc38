package cloudformation

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// refLineTable is the line table as it was made before newLineTable found
// the breaks, ASCII lines and control characters in one pass: a byte at a
// time through breakLen, then each line again for ASCII.
func refLineTable(src []byte) (starts, ends []int, ascii []bool) {
	starts = []int{0}
	if hasBOM(src) {
		starts[0] = 3
	}
	for i := 0; i < len(src); {
		n := breakLen(src, i)
		if n == 0 {
			i++
			continue
		}
		ends = append(ends, i)
		i += n
		starts = append(starts, i)
	}
	ends = append(ends, len(src))
	for i := range starts {
		ascii = append(ascii, isASCIIText(src[starts[i]:ends[i]]))
	}
	return starts, ends, ascii
}

func isASCIIText(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// refFastChars is fastChars as it was, over the whole text.
func refFastChars(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7F {
				return false
			}
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

func sameLineTable(t *testing.T, src []byte) {
	t.Helper()
	lt := newLineTable("f.yaml", src)
	starts, ends, ascii := refLineTable(src)
	if !reflect.DeepEqual(lt.starts, starts) || !reflect.DeepEqual(lt.ends, ends) || !reflect.DeepEqual(lt.ascii, ascii) {
		t.Fatalf("line table of %q:\nstarts %v ends %v ascii %v\nwant   %v ends %v ascii %v", src, lt.starts, lt.ends, lt.ascii, starts, ends, ascii)
	}
	if got, want := fastChars(lt), refFastChars(src); got != want {
		t.Fatalf("fastChars(%q) = %v, want %v", src, got, want)
	}
}

// TestLineTableCases: the one-pass table and fastChars agree with the
// byte-at-a-time ones on every kind of line break and character.
func TestLineTableCases(t *testing.T) {
	for _, src := range []string{
		"", "a", "a\n", "\n\n", "a: b\nc: d\n", "a\r\nb\rc\n", "\r", "\r\n", "a\r",
		"a\u0085b\u2028c\u2029d", "\xc2", "\xe2\x80", "é\nb\n", "a é\r\nü", "\xEF\xBB\xBF", "\xEF\xBB\xBFa: b\n",
		"\xEF\xBB\xBFé\n", "a\tb\n", "a\x7fb", "a\x00b", "\xff\n", "\xed\xa0\x80", "\xef\xbf\xbe", "a\u00a0b\n",
		"x\xc2\x85", "\xc3\xc2\x85y", "\xe2\x80\xa8\n\xe2\x80\xa9",
	} {
		sameLineTable(t, []byte(src))
	}
}

func FuzzLineTable(f *testing.F) {
	for _, s := range []string{"a: b\r\nc\u2028d\u0085e\n", "\xEF\xBB\xBFé\tb\x7f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { sameLineTable(t, src) })
}
