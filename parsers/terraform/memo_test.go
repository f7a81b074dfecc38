package terraform

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/model"
)

// memoModule is a module whose values all follow from its inputs: a
// count, locals and an attribute built by functions and a conditional.
const memoModule = `variable "name" {}
variable "create" { default = true }
variable "tags" { default = { team = "a" } }
locals {
  enabled = var.create && length(var.name) > 0
  tags    = merge(var.tags, { Name = var.name })
}
resource "aws_s3_bucket" "this" {
  count  = local.enabled ? 1 : 0
  bucket = format("%s-%s", var.name, "data")
  tags   = local.tags
}
`

// evaluations returns the evaluations the module in dir has kept.
func evaluations(c *Cache, dir string) int {
	m := c.modules[dir].m.Load()
	return int(m.memo.evaluated.Load())
}

func bucketOf(u *model.Unit, addr string) string {
	for _, r := range u.Resources {
		if r.Address == addr {
			return model.Dump(&model.Unit{Resources: []*model.Resource{r}})
		}
	}
	return ""
}

// TestMemoEvaluatesOnceForEqualInputs: examples calling a module with the
// same inputs evaluate its expressions once for all of them; an example
// with another name evaluates again only what depends on the name, and
// gets its own values.
func TestMemoEvaluatesOnceForEqualInputs(t *testing.T) {
	mfs := fstest.MapFS{"mod/main.tf": {Data: []byte(memoModule)}}
	call := func(name string) []byte {
		return []byte(fmt.Sprintf("module \"b\" {\n  source = \"../../\"\n  name   = %q\n}\n", name))
	}
	for i := range 12 {
		mfs[fmt.Sprintf("mod/examples/e%d/main.tf", i)] = &fstest.MapFile{Data: call("same")}
	}
	mfs["mod/examples/other/main.tf"] = &fstest.MapFile{Data: call("other")}
	cache := NewCache()
	var first int
	for i := range 12 {
		u := ParseModule(mfs, fmt.Sprintf("mod/examples/e%d", i), Options{Cache: cache})
		b := bucketOf(u, "module.b.aws_s3_bucket.this[0]")
		if !strings.Contains(b, `"same-data"`) || !strings.Contains(b, `"same"`) || !strings.Contains(b, `"a"`) {
			t.Fatalf("e%d: bucket not evaluated from its inputs:\n%s", i, b)
		}
		n := evaluations(cache, "mod")
		if i == 0 {
			first = n
		} else if n != first {
			t.Errorf("e%d: the module's expressions evaluated %d times in all, want %d as for the first example", i, n, first)
		}
	}
	if first == 0 {
		t.Fatalf("the first example evaluated %d of the module's expressions; the memo is not in use", first)
	}
	u := ParseModule(mfs, "mod/examples/other", Options{Cache: cache})
	if b := bucketOf(u, "module.b.aws_s3_bucket.this[0]"); !strings.Contains(b, `"other-data"`) || strings.Contains(b, `"same`) {
		t.Errorf("another name got another example's values:\n%s", b)
	}
	if n := evaluations(cache, "mod"); n == first || n >= 2*first {
		t.Errorf("another name: %d evaluations after %d; want only those depending on the name again", n, first)
	}
}

// TestMemoKeepsFilesApart: file() reads relative to each unit's root
// module, so the same expression of a shared module gives each unit its
// own file, and each unit lists the file it read.
func TestMemoKeepsFilesApart(t *testing.T) {
	mfs := fstest.MapFS{
		"mod/main.tf": {Data: []byte(`resource "aws_iam_policy" "p" { policy = file("policy.json") }` + "\n")},
	}
	for _, e := range []string{"a", "b"} {
		mfs["mod/examples/"+e+"/main.tf"] = &fstest.MapFile{Data: []byte("module \"m\" { source = \"../../\" }\n")}
		mfs["mod/examples/"+e+"/policy.json"] = &fstest.MapFile{Data: []byte(`{"Sid": "from-` + e + `"}`)}
	}
	cache := NewCache()
	for _, e := range []string{"a", "b", "a"} {
		u := ParseModule(mfs, "mod/examples/"+e, Options{Cache: cache})
		p := bucketOf(u, "module.m.aws_iam_policy.p")
		if !strings.Contains(p, "from-"+e) {
			t.Errorf("%s: policy is not its own file:\n%s", e, p)
		}
		if !slices.Contains(u.Files, "mod/examples/"+e+"/policy.json") {
			t.Errorf("%s: files %v miss the policy it read", e, u.Files)
		}
	}
}

// TestMemoReportsProblemsInEveryUnit: a problem met evaluating a shared
// module's expression is reported by every unit, also those that take the
// value evaluated by another.
func TestMemoReportsProblemsInEveryUnit(t *testing.T) {
	mfs := fstest.MapFS{
		"mod/main.tf": {Data: []byte("locals {\n  xs = range(100000000)\n}\nresource \"aws_s3_bucket\" \"b\" { bucket = length(local.xs) }\n")},
	}
	for _, e := range []string{"a", "b"} {
		mfs["mod/examples/"+e+"/main.tf"] = &fstest.MapFile{Data: []byte("module \"m\" { source = \"../../\" }\n")}
	}
	cache := NewCache()
	for _, e := range []string{"a", "b"} {
		u := ParseModule(mfs, "mod/examples/"+e, Options{Cache: cache})
		found := false
		for _, d := range u.Diagnostics {
			found = found || (d.Summary == tooLargeSummary && d.Range.Filename == "mod/main.tf" && d.Range.Start.Line == 2)
		}
		if !found {
			t.Errorf("%s: the range() at mod/main.tf:2 is not reported: %v", e, u.Diagnostics)
		}
	}
	if evaluations(cache, "mod") == 0 {
		t.Error("nothing was kept; the second unit did not recall")
	}
}

// TestSameValueAgreesWithRawEquals: sameValue answers as RawEquals on
// every pair of a set of values that differ in one place each: a nested
// attribute's value or type, an attribute's name, null, unknown and marked
// values, lists, tuples and maps of objects, of strings and of bools.
func TestSameValueAgreesWithRawEquals(t *testing.T) {
	obj := func(kv ...any) cty.Value {
		m := map[string]cty.Value{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(cty.Value)
		}
		return cty.ObjectVal(m)
	}
	s, n := cty.StringVal, cty.NumberIntVal
	base := obj("name", s("a"), "tags", obj("team", s("x")), "n", n(1))
	vals := []cty.Value{
		base,
		obj("name", s("a"), "tags", obj("team", s("x")), "n", n(1)), // equal, made apart
		obj("name", s("a"), "tags", obj("team", s("y")), "n", n(1)),
		obj("name", s("a"), "tags", obj("team", n(1)), "n", n(1)),
		obj("name", s("a"), "tags", obj("teem", s("x")), "n", n(1)),
		obj("name", s("a"), "tags", cty.MapVal(map[string]cty.Value{"team": s("x")}), "n", n(1)),
		obj("name", s("a"), "tags", cty.NullVal(cty.Object(map[string]cty.Type{"team": cty.String})), "n", n(1)),
		obj("name", s("a"), "tags", cty.UnknownVal(cty.Object(map[string]cty.Type{"team": cty.String})), "n", n(1)),
		obj("name", s("a"), "tags", obj("team", s("x").Mark(sensitiveMark)), "n", n(1)),
		obj("name", s("a"), "tags", obj("team", s("x")), "n", s("1")),
		obj("name", s("a"), "tags", obj("team", s("x"))),
		obj("name", s("a"), "tags", obj("team", s("x")), "n", n(1), "m", n(1)),
		base.Mark(sensitiveMark),
		cty.NullVal(base.Type()),
		cty.UnknownVal(base.Type()),
		cty.DynamicVal,
		cty.EmptyObjectVal,
		cty.ListVal([]cty.Value{base, base}),
		cty.ListVal([]cty.Value{base, obj("name", s("a"), "tags", obj("team", s("y")), "n", n(1))}),
		cty.TupleVal([]cty.Value{base, s("a")}),
		cty.MapVal(map[string]cty.Value{"k": base}),
		s("a"), n(1), cty.True, cty.NullVal(cty.String),
		s("a"), s("b"), s("a").Mark(sensitiveMark), cty.UnknownVal(cty.String),
		cty.True, cty.False, cty.BoolVal(true), cty.UnknownVal(cty.Bool), cty.NullVal(cty.Bool),
		cty.ListVal([]cty.Value{s("a"), s("b")}),
		cty.ListVal([]cty.Value{s("a"), s("b")}), // equal, made apart
		cty.ListVal([]cty.Value{s("a"), s("c")}),
		cty.ListVal([]cty.Value{s("a")}),
		cty.ListVal([]cty.Value{s("a"), s("b").Mark(sensitiveMark)}),
		cty.ListVal([]cty.Value{s("a"), cty.UnknownVal(cty.String)}),
		cty.ListValEmpty(cty.String), cty.ListValEmpty(cty.Number),
		cty.SetVal([]cty.Value{s("a"), s("b")}),
		cty.TupleVal([]cty.Value{s("a"), s("b")}),
		cty.TupleVal([]cty.Value{s("a"), s("b")}), // equal, made apart
		cty.TupleVal([]cty.Value{s("a"), n(1)}),
		cty.TupleVal([]cty.Value{s("a"), s("b"), s("c")}),
		cty.TupleVal([]cty.Value{s("a"), cty.NullVal(cty.String)}),
		cty.EmptyTupleVal,
		cty.MapVal(map[string]cty.Value{"k": s("a"), "l": s("b")}),
		cty.MapVal(map[string]cty.Value{"k": s("a"), "l": s("b")}), // equal, made apart
		cty.MapVal(map[string]cty.Value{"k": s("a"), "m": s("b")}),
		cty.MapVal(map[string]cty.Value{"k": s("a"), "l": s("c")}),
		cty.MapVal(map[string]cty.Value{"k": s("a")}),
		cty.MapVal(map[string]cty.Value{"k": cty.True, "l": cty.False}),
		cty.MapVal(map[string]cty.Value{"k": s("a"), "l": s("b")}).Mark(sensitiveMark),
		cty.MapValEmpty(cty.String), cty.MapValEmpty(cty.Bool),
		cty.ListVal([]cty.Value{cty.MapVal(map[string]cty.Value{"k": cty.True})}),
		cty.ListVal([]cty.Value{cty.MapVal(map[string]cty.Value{"k": cty.False})}),
		obj("on", cty.True, "names", cty.ListVal([]cty.Value{s("a")})),
		obj("on", cty.False, "names", cty.ListVal([]cty.Value{s("a")})),
		obj("on", cty.True, "names", cty.TupleVal([]cty.Value{s("a")})),
	}
	for i, a := range vals {
		for j, b := range vals {
			if got, want := sameValue(a, b), a.RawEquals(b); got != want {
				t.Errorf("values %d and %d: sameValue %v, RawEquals %v\n%#v\n%#v", i, j, got, want, a, b)
			}
		}
	}
}
