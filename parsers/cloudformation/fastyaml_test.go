package cloudformation

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// sameAsYAMLv3 reads src with the fast reader and, when it accepts it, with
// yaml.v3, and fails unless both give the same tree with the same ranges.
// It reports whether the fast reader accepted src.
func sameAsYAMLv3(t *testing.T, src []byte) bool {
	t.Helper()
	fast, verbatim, ok := readFastYAML(newLineTable("f.yaml", src))
	if !ok {
		return false
	}
	slow, r, d := parseYAMLv3(newLineTable("f.yaml", src))
	switch {
	case d != nil:
		t.Fatalf("fast reader accepts what yaml.v3 rejects (%s):\n%s", d.Summary, src)
	case len(r.diags) > 0:
		t.Fatalf("fast reader accepts what yaml.v3 reports (%s):\n%s", r.diags[0].Summary, src)
	case !reflect.DeepEqual(verbatim, r.verbatim):
		t.Fatalf("fast reader and yaml.v3 see different block scalar lines (%v, %v) in\n%s", verbatim, r.verbatim, src)
	case !reflect.DeepEqual(fast, slow):
		t.Fatalf("fast reader and yaml.v3 differ on\n%s\nfast: %s\nyaml: %s", src, dumpRanges(fast), dumpRanges(slow))
	}
	return true
}

// dumpRanges renders a tree with every range, for failure messages.
func dumpRanges(v *model.Value) string {
	if v == nil {
		return "<nil>"
	}
	rng := func(r model.Range) string {
		return strings.Join([]string{strconv.Itoa(r.Start.Line), strconv.Itoa(r.Start.Column), strconv.Itoa(r.Start.Byte), "-", strconv.Itoa(r.End.Line), strconv.Itoa(r.End.Column), strconv.Itoa(r.End.Byte)}, ":")
	}
	var b strings.Builder
	b.WriteString(v.Kind.String() + "@" + rng(v.Range))
	switch v.Kind {
	case model.Object:
		b.WriteString("{")
		for _, f := range v.Fields {
			b.WriteString(f.Key + "@" + rng(f.KeyRange) + "=" + dumpRanges(f.Value) + ",")
		}
		b.WriteString("}")
	case model.List:
		b.WriteString("[")
		for _, it := range v.Items {
			b.WriteString(dumpRanges(it) + ",")
		}
		b.WriteString("]")
	default:
		b.WriteString("(" + v.Str + ")")
	}
	return b.String()
}

// TestFastYAMLCases pins what the fast reader takes and what it leaves to
// yaml.v3, and that what it takes reads the same as with yaml.v3.
func TestFastYAMLCases(t *testing.T) {
	taken := []string{
		"a: 1\n",
		"---\na: b\n",
		"--- # start\na: b\n",
		"# head\n\na: b # tail\n\n# end\n",
		"a:\n  b: c\n  d:\n    - e\n    - f: g\n      h: i\n",
		"a:\n- x\n- y\nb: z\n",
		"a:\n  - - x\n    - y\n",
		"a: [x, 'y', \"z\", [1, 2], {k: v}]\n",
		"a: {k: v, \"q\": w, 'r':  s ,}\n",
		"a: []\nb: {}\nc: [ ]\n",
		"a: !Ref X\nb: !GetAtt R.Arn\nc: !GetAtt [R, Arn]\nd: !Sub \"${A}-x\"\n",
		"a: !If\n  - C\n  - !Ref A\n  - !Ref AWS::NoValue\n",
		"a: !Join ['', [x, !Ref Y]]\n",
		"a: [!Ref X, !GetAtt Y.Z, !Sub 'q']\n",
		"a: !Sub\n  - '${X}'\n  - X: !Ref Y\n",
		"a: !Equals [!Ref Env, prod]\n",
		"n: 1\nf: 1.5\ne: 1e3\nh: 0x1F\no: 0o17\nu: 1_000\nneg: -2\nnan: .nan\ninf: -.inf\n",
		"t: true\nf: False\nn: null\nz: ~\nd: 2010-09-09\nts: 2001-12-14t21:59:43.10-05:00\ny: yes\n",
		"a: it's # x\nb: a#b\nc: x:y\nd: arn:aws:s3:::b/*\ne: -x\n",
		"\"quoted key\": 1\n'single': 2\n",
		"a: \"esc \\\" \\\\ \\n \\t \\u00e9\"\nb: 'it''s'\n",
		"a:\n  plain value\nb: 2\n",
		"a:\nb:\n  c:\nd:\n- x\n",
		"- a\n-\n- - b\n  - c\n- d: e\n  f: g\n",
		"a: é\nb: \"ü\"\nc: [ä, ö]\n",
		"a: x   \nb: y # c\n",
		"Key: !Ref\n  X\n",
		"just a scalar\n",
		"a: 'x' # c\nb: [a] # c\n",
		"a: {b: [c, {d: e}]}\n",
		"a: b c  d\n",
		"a:\n  # comment between\n  b: c\n",
		"a: 1\n\n\nb: 2\n",
		"- !Ref X\n- !If [C, a, b]\n",
		"a: {x: !Ref y}\n",
		"Null: 1\ntrue: 2\n123: 3\n",
		"a: |\n  line one\n    more # not a comment\n\n  three\nb: 1\n",
		"a: |-\n  x\n  y\n\n\nb: >\n  folded\n  text\n\n  para\n   indented\n  end\n",
		"a: |+\n  keep\n\n\n",
		"a: >-\n  x\n  y",
		"- !Sub |\n  #!/bin/bash\n  echo ${X}\n- |\n    deeper\n",
		"Code:\n  ZipFile: |\n    def handler(e, c):\n        return 1\n  Runtime: python3.12\n",
		"a: |\n  x\n     \n  y\n",
		"a: >\n  x\n   \n  y\n",
		// An intrinsic tag without content: an empty string.
		"AvailabilityZones: !GetAZs\nLaunchTemplate: x\n",
		"a: !Select\n  - 0\n  - !GetAZs\nb: 1\n",
		"a:\n- !GetAZs # all\n\n# c\nb: 1\n",
		"a:\n  b: !GetAZs   \nc: 1\n",
		"a: !Ref\n",
		"a: !GetAZs",
		"- !GetAZs\n",
		"a: !GetAtt\nb: !Sub\n",
	}
	for _, src := range taken {
		if !sameAsYAMLv3(t, []byte(src)) {
			t.Errorf("fast reader gives up on\n%s", src)
		}
	}
	left := []string{
		"",
		"a: &x 1\nb: *x\n",
		"a: |2\n  text\n",
		"a: |\n\n  text\n",
		"a: |\n",
		"a: [x, |\n  y]\n",
		"a: plain\n  continued\n",
		"a: 'quoted\n  continued'\n",
		"a: [x,\n  y]\n",
		"? a\n: b\n",
		"%YAML 1.2\n---\na: b\n",
		"a: b\n---\nc: d\n",
		"a: b\n...\n",
		"a:\tb\n",
		"a: b\r\nc: d\r\n",
		"\xEF\xBB\xBFa: b\n",
		"a: !Custom x\n",
		"a: !!str 1\n",
		"a: 1\na: 2\n",
		"<<: {a: b}\n",
		"a: \"\\x41\"\n",
		"a: b: c\n",
		"a:\n  b: 1\n c: 2\n",
		"a: {b}\n",
		"a: [b: c]\n",
		"a: \x85b\n",
		"a: b\u2028c\n",
		// Found by FuzzFastYAML.
		"0:0000: !Equals !Ref 00",
		"a: !If\n  !If 00\n",
		"a: !Join\n- ''\n- [x]\n",
		"- !GetAZs\n- x\n",
		"!GetAZs\n",
		"|\n0",
		" |\n 0",
		"|\n \u2000",
	}
	var many strings.Builder
	for i := range 40 {
		many.WriteString("k" + strconv.Itoa(i) + ": v\n")
	}
	left = append(left, many.String()+"k3: again\n", "a: {"+strings.Repeat("b: c, ", 20)+"}\n")
	for _, src := range left {
		if sameAsYAMLv3(t, []byte(src)) {
			t.Errorf("fast reader takes what it should leave to yaml.v3:\n%q", src)
		}
	}
}

// TestFastYAMLOnTestdata reads every YAML file of the repository's test data
// both ways, and checks that the fast reader takes most templates.
func TestFastYAMLOnTestdata(t *testing.T) {
	var files, taken int
	err := filepath.WalkDir("../../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(path)
		if d.IsDir() || ext != ".yaml" && ext != ".yml" && ext != ".template" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(src), "Resources:") {
			return nil
		}
		files++
		t.Run(path, func(t *testing.T) {
			if sameAsYAMLv3(t, src) {
				taken++
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fast reader took %d of %d templates", taken, files)
	if files == 0 || taken*10 < files*7 {
		t.Errorf("fast reader took only %d of %d templates", taken, files)
	}
}

func FuzzFastYAML(f *testing.F) {
	for _, file := range testdataFiles(f) {
		if src, err := os.ReadFile(file); err == nil && !strings.HasSuffix(file, ".json") {
			f.Add(src)
		}
	}
	f.Add([]byte("a: [x, {k: !Ref v}]\nb:\n- !If [c, 1, '2']\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsYAMLv3(t, src)
	})
}
