package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	"go.yaml.in/yaml/v3"
)

// deepYAML writes a document nested d collections deep in one of the
// styles yamlNestedPast reads, and the JSON of its value.
var deepYAML = []struct {
	name string
	doc  func(d int) (src, json string)
}{
	{"flow sequences", func(d int) (string, string) {
		return nest("[", "x", "]", d), nest("[", `"x"`, "]", d)
	}},
	{"flow mappings", func(d int) (string, string) {
		return nest("{a: ", "x", "}", d), nest(`{"a":`, `"x"`, "}", d)
	}},
	{"compact sequences", func(d int) (string, string) {
		return strings.Repeat("- ", d) + "x", nest("[", `"x"`, "]", d)
	}},
	{"indented mappings", func(d int) (string, string) {
		var b strings.Builder
		for i := range d {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		b.WriteString(strings.Repeat(" ", d) + "x\n")
		return b.String(), nest(`{"k":`, `"x"`, "}", d)
	}},
	{"indented sequences", func(d int) (string, string) {
		var b strings.Builder
		for i := range d {
			b.WriteString(strings.Repeat(" ", i) + "-\n")
		}
		b.WriteString(strings.Repeat(" ", d) + "x\n")
		return b.String(), nest("[", `"x"`, "]", d)
	}},
	{"entries of mappings", func(d int) (string, string) {
		var b strings.Builder
		for i := range d / 2 {
			b.WriteString(strings.Repeat("  ", 2*i) + "- k:\n")
		}
		b.WriteString(strings.Repeat("  ", d) + "x\n")
		return b.String(), nest(`[{"k":`, `"x"`, "}]", d/2)
	}},
	{"flow in block", func(d int) (string, string) {
		var b strings.Builder
		for i := range d / 2 {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		b.WriteString(strings.Repeat(" ", d/2) + nest("[", "'#]'", "]", d-d/2) + " # ]]\n")
		return b.String(), nest(`{"k":`, nest("[", `"#]"`, "]", d-d/2), "}", d/2)
	}},
}

func nest(open, mid, close string, n int) string {
	return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
}

// TestYAMLNestedPast: a document two levels past maxNesting, in every
// style, is refused from its text, before yaml.v3 reads it; at maxNesting
// it is decoded (TestYAMLDecodeAgreesWithTerraform shows terraform decodes
// each to the same value). "compact sequences" is the hostile case
// yamldecode-nested.
func TestYAMLNestedPast(t *testing.T) {
	for _, s := range deepYAML {
		src, _ := s.doc(maxNesting + 2)
		if !yamlNestedPast(src, maxNesting) {
			t.Errorf("%s: %d levels not refused", s.name, maxNesting+2)
		}
		if _, err := yamlDecodeForTest(cty.StringVal(src)); err == nil || !strings.Contains(err.Error(), "Too deeply nested") {
			t.Errorf("%s: %v, want Too deeply nested", s.name, err)
		}
		src, want := s.doc(maxNesting)
		if yamlNestedPast(src, maxNesting) {
			t.Errorf("%s: %d levels refused", s.name, maxNesting)
		}
		v, err := yamlDecodeForTest(cty.StringVal(src))
		if err != nil {
			t.Errorf("%s: %d levels: %v", s.name, maxNesting, err)
			continue
		}
		if got, _ := ctyjson.Marshal(v, v.Type()); string(got) != want {
			t.Errorf("%s: %d levels decode to\n%s\nwant\n%s", s.name, maxNesting, got, want)
		}
	}
}

// yamlDepth is the nesting yaml.v3 reads in src, ok false when it refuses
// the document.
func yamlDepth(src string) (int, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil || len(doc.Content) == 0 {
		return 0, false
	}
	m := yamlMeasure{shapes: map[*yaml.Node]yamlShape{}, active: map[*yaml.Node]bool{}}
	shape, err := m.measure(doc.Content[0], 0)
	return shape.depth, err == nil
}

// checkNestedPast: whenever yamlNestedPast refuses src at some limit,
// yaml.v3 refuses it or reads it nested past that limit (the scan is a
// lower bound); it returns the limits refused.
func checkNestedPast(t *testing.T, name, src string) int {
	t.Helper()
	depth, ok := yamlDepth(src)
	refused := 0
	for limit := range 12 {
		if yamlNestedPast(src, limit) {
			refused++
			if ok && depth <= limit {
				t.Errorf("%s: refused at limit %d, but yaml.v3 reads it %d deep:\n%s", name, limit, depth, src)
				return refused
			}
		}
	}
	return refused
}

// TestYAMLNestedPastLowerBound holds yamlNestedPast to yaml.v3 at small
// limits over yamlCases, every YAML file of testdata, and documents that
// put brackets and indicators where they are text (quoted, in comments,
// in block and plain scalars).
func TestYAMLNestedPastLowerBound(t *testing.T) {
	docs := map[string]string{}
	for i, c := range yamlCases {
		docs[filepathName("case", i)] = c.src
	}
	for i, src := range nestingTraps {
		docs[filepathName("trap", i)] = src
	}
	root := filepath.Join("..", "..", "testdata")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			if b, err := os.ReadFile(p); err == nil {
				docs[p] = string(b)
			}
		}
		return nil
	})
	refused, read := 0, 0
	for name, src := range docs {
		if n := checkNestedPast(t, name, src); n > 0 {
			refused += n
			read++
		}
	}
	if len(docs) < 200 || read < len(docs)/3 {
		t.Errorf("%d documents, %d read past a limit: the scan gives up too often", len(docs), read)
	}
	t.Logf("%d documents, %d refused at some limit (%d refusals), none wrongly", len(docs), read, refused)
}

func filepathName(kind string, i int) string { return kind + "-" + strconv.Itoa(i) }

// nestingTraps put brackets, dashes and colons where they are text.
var nestingTraps = []string{
	"a: '[[[['\nb: \"{{[[\\\"[[\"\nc: [ '[[', \"]]\", x ]",
	"a: |\n  [[[[\n  - - - -\n  k: [\nb: >\n  {{{{\n",
	"- a: |\n    - - - [\n  b: [1]\n",
	"a: x [[[ # [[[\nb: - - -\nc: it's [[\n",
	"a: b\n  - c\n  - d\n",
	"- x\n  - y\n  - - z\n",
	"[a'b, [c], 'd[[', \"e]]\"]",
	"{a: [b, {c: d}], 'e': [[f]]}",
	"[it's, '[[[[', \"[[\", x]",
	"a: [1,\n  [2,\n   [3, '[[[[\n']]]\n",
	"? - - [\n: x",
	"- |\n  - - - -\n- |2\n   [[[[\n",
	"a:\n- b\n- - c\n- - - d\nf: g\n",
	"-\n -\n  -\n   - x\n",
	"a: &x [[1]]\nb: !!seq [[2]]\nc: *x\n",
	"\"a\": [[1]]\n'b': {c: [d]}\n",
	"- k: [x] # [[\n  l: {y: [z]}\n",
	"a: \"multi\n  [[[[ line\"\nb: [[x]]\n",
	"a: 'x''[[' \nb: [[ 'y'']]' ]]\n",
	"{\"a\":[[1]],\"b\":{\"c\":[2]}}",
	"k: -[[x]]\nl: [x]:y\n",
	"- - - - - - - - - - - - - x\n",
	"a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g: [[[[[[x]]]]]]\n",
	"[[[[[[[[[[[[[[x]]]]]]]]]]]]]]",
	"a: [[[\nb: ]]]",
	"- [\n  - a\n  ]\n",
	"a:\n  - b\n  c: d\n",
}
