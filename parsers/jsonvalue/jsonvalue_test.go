package jsonvalue

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

func TestRangesAndValues(t *testing.T) {
	src := "{\n\t\"a\": [1, \"é\",\r\n  true],\r\"b\": {\"c\": null}\n}"
	v, diags := Parse("f.json", []byte(src))
	if len(diags) != 0 {
		t.Fatalf("diags: %v", diags)
	}
	a := v.Field("a")
	if a.KeyRange.Start != (model.Pos{Line: 2, Column: 2, Byte: 3}) || a.KeyRange.End.Column != 5 {
		t.Errorf("key a range = %+v", a.KeyRange)
	}
	s := a.Value.Items[1]
	if s.Str != "é" || s.Range.Start.Column != 11 || s.Range.End.Column != 14 {
		t.Errorf("string = %q %+v", s.Str, s.Range)
	}
	if tr := a.Value.Items[2]; tr.Range.Start.Line != 3 || tr.Range.Start.Column != 3 {
		t.Errorf("true at %+v", tr.Range)
	}
	if c := v.Path("b", "c"); c == nil || c.Kind != model.Null || c.Range.Start.Line != 4 {
		t.Errorf("b.c = %+v (lone CR must end a line)", c)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		src, want string
		line, col int
	}{
		{`{"a": 1,}`, "expected a string key", 1, 9},
		{"{\n \"a\" 1}", "expected ':'", 2, 6},
		{`[1 2]`, "expected ',' or ']'", 1, 4},
		{``, "empty", 1, 1},
		{`{"a": "x`, "unterminated string", 1, 7},
		{`01`, "malformed number", 1, 1},
		{strings.Repeat("[", 1000), "nesting deeper", 1, 513},
	} {
		v, diags := Parse("f.json", []byte(tc.src))
		if v != nil || len(diags) != 1 {
			t.Errorf("%q: got %v, %v", tc.src, v, diags)
			continue
		}
		d := diags[0]
		if !strings.Contains(d.Summary, tc.want) || d.Range.Start.Line != tc.line || d.Range.Start.Column != tc.col {
			t.Errorf("%q: got %q at %d:%d, want %q at %d:%d", tc.src, d.Summary, d.Range.Start.Line, d.Range.Start.Column, tc.want, tc.line, tc.col)
		}
	}
}

func TestDuplicateKeyAndBOM(t *testing.T) {
	v, diags := Parse("f.json", []byte("\xEF\xBB\xBF{\"a\":1,\n\"a\":2}"))
	if v == nil || len(diags) != 1 || !strings.Contains(diags[0].Summary, `duplicate key "a"`) || diags[0].Range.Start.Line != 2 {
		t.Fatalf("got %v %v", v, diags)
	}
	if got := v.Get("a").Str; got != "2" {
		t.Errorf("last duplicate wins: %s", got)
	}
	if v.Range.Start.Column != 1 {
		t.Errorf("BOM must not take a column: %+v", v.Range)
	}
}

// TestDuplicateKeysInLargeObject: past smallObject keys, duplicates are
// found through a map; either way each names the line of the key's last
// occurrence before it.
func TestDuplicateKeysInLargeObject(t *testing.T) {
	for _, n := range []int{3, smallObject + 5} {
		var b strings.Builder
		b.WriteString("{\"d\": 0")
		for i := range n {
			b.WriteString(",\n\"k" + strconv.Itoa(i) + "\": 1")
		}
		b.WriteString(",\n\"d\": 1,\n\"k1\": 2,\n\"d\": 2}")
		v, diags := Parse("f.json", []byte(b.String()))
		if v == nil || len(diags) != 3 {
			t.Fatalf("%d keys: got %v %v", n, v, diags)
		}
		want := []string{
			`duplicate key "d" (first at line 1)`,
			`duplicate key "k1" (first at line 3)`,
			fmt.Sprintf(`duplicate key "d" (first at line %d)`, n+2),
		}
		for i, d := range diags {
			if d.Summary != want[i] || d.Range.Start.Line != n+2+i {
				t.Errorf("%d keys: diagnostic %d = %q at line %d, want %q at line %d", n, i, d.Summary, d.Range.Start.Line, want[i], n+2+i)
			}
		}
		if got := v.Get("d").Str; got != "2" || len(v.Fields) != n+4 {
			t.Errorf("%d keys: d = %s, %d fields", n, got, len(v.Fields))
		}
	}
}

func TestParseAtAndEscapes(t *testing.T) {
	v, _ := ParseAt("main.tf", []byte(`{"k": "a\u00e9\ud83d\ude00\n"}`), model.Pos{Line: 10, Column: 5, Byte: 100})
	f := v.Field("k")
	if f.Value.Str != "aé😀\n" || f.KeyRange.Start != (model.Pos{Line: 10, Column: 6, Byte: 101}) {
		t.Errorf("got %q at %+v", f.Value.Str, f.KeyRange)
	}
}

// FuzzParse: never a panic; on success every node's range is ordered and
// inside the input.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{`{}`, `[1, "a", true, null]`, `{"a": {"b": [1.5e3, -0]}}`, "\xEF\xBB\xBF{\"k\":\r\"v\"}", `"\ud83d\ude00"`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		v, _ := Parse("f.json", src)
		v.Walk(func(n *model.Value) bool {
			r := n.Range
			if r.Start.Byte > r.End.Byte || r.End.Byte > len(src) || r.Start.Line < 1 || r.Start.Column < 1 {
				t.Fatalf("bad range %+v for %s in %q", r, n.Kind, src)
			}
			return true
		})
	})
}

// TestStringsFromBlocks: string values cut from shared blocks keep their
// own text, whatever their lengths (past a block's size too), escapes
// and order.
func TestStringsFromBlocks(t *testing.T) {
	var want []string
	var b strings.Builder
	b.WriteString("[")
	for i := range 600 {
		s := fmt.Sprintf("s%d-", i) + strings.Repeat(string(rune('a'+i%26)), (i*37)%300)
		switch i % 7 {
		case 0:
			s = ""
		case 3:
			s += strings.Repeat("z", 5000) // larger than a block
		case 5:
			s += "\n" // escaped: read through the builder
		}
		want = append(want, s)
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(s))
	}
	b.WriteString("]")
	v, diags := Parse("f.json", []byte(b.String()))
	if v == nil || len(diags) != 0 || len(v.Items) != len(want) {
		t.Fatalf("parse: %v %v", v, diags)
	}
	for i, it := range v.Items {
		if it.Str != want[i] {
			t.Fatalf("item %d = %.40q, want %.40q", i, it.Str, want[i])
		}
	}
}
