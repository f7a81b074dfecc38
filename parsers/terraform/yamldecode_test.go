package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// yamlCases are documents and what Terraform 1.11's yamldecode gives for
// them (as JSON), or "error" when it refuses them. Each was checked with
// `terraform console`; TestYAMLDecodeAgreesWithTerraform checks them all
// again where terraform is installed.
var yamlCases = []struct{ src, want string }{
	{"a: 1", `{"a":1}`},
	{"- yes\n- no\n- on\n- off\n- y\n- n\n- True\n- FALSE\n- ~\n- null\n- Null\n- \n- 0x1F\n- 0o17\n- 017\n- 1e3\n- 1_000\n- +5\n- '5'\n- \"true\"\n- 2001-12-14t21:59:43.10-05:00\n- 2002-12-14\n- !!binary aGVsbG8=\n- !!str 5\n- !!int \"7\"\n- 12345678901234567890\n- 0.1\n- 0b101\n- 1:20\n- .5\n- 1.\n- tRue",
		`[true,false,true,false,true,false,true,false,null,null,null,null,31,15,17,1000,"1_000",5,"5","true","2001-12-14T21:59:43-05:00","2002-12-14T00:00:00Z","aGVsbG8=","5","7",12345678901234567890,0.1,"0b101","1:20",0.5,1,"tRue"]`},
	{"- 0777\n- 0x_1\n- 1__0\n- 0.1e+5\n- 6.8523015e+5\n- 685.230_15e+03\n- -0x1F\n- 0o\n- 0x\n- +0o7\n- -1_0\n- NULL\n- TRUE\n- 3.0\n- 1E3\n- 0X1F\n- 0O17\n- 1e\n- 1.5e3.2\n- +\n- 0x1g\n- 0o8\n- 0xFFFFFFFFFFFFFFFF\n- +.5\n- -.5\n- ..5\n- .\n- .e3\n- 1e3_0\n- 0x1F_\n- 1e+\n- +1e5\n- 0017\n- -017\n- 08\n- 09.5\n- -inf\n- +Inf\n- inf",
		`[777,"0x_1","1__0",10000,685230.15,"685.230_15e+03","-0x1F","0o","0x","+0o7","-1_0",null,true,3,1000,"0X1F","0O17","1e","1.5e3.2","+","0x1g","0o8",18446744073709551615,0.5,-0.5,"..5",".",".e3","1e3_0","0x1F_","1e+",100000,17,-17,8,9.5,"-inf","+Inf","inf"]`},
	{"- !!float '1.5'\n- !!int 0x10\n- !!str ~\n- !!bool 'true'\n- !!null 5\n- !!null 'x'\n- !!timestamp '2001-12-14'\n- !!binary 'aGVsbG8='\n- !!float 1\n- !!bool yes\n- !!null x\n- !!int 1.5\n- !!int 0b101\n- !!int 1_000\n- !!int 0o17\n- !!float 0x10\n- !<tag:yaml.org,2002:str> 5\n- !!str\n- !!int\n- !!binary ''\n- !!timestamp 2001-12-14T21:59:43.10-05:00",
		`["1.5",16,"~","true",5,null,"2001-12-14","aGVsbG8=",1,true,null,1.5,5,1000,15,16,"5","",null,"","2001-12-14T21:59:43-05:00"]`},
	{"- 2001-12-14 21:59:43.10\n- 2001-12-14t21:59:43Z\n- 2001-13-14\n- 20011-12-14\n- 2001-12-14T25:00:00Z\n- 2001-12-14 21:59:43.10 -5\n- 2001-1-2\n- 2001-12-14T21:59:43.123456Z",
		`["2001-12-14T21:59:43Z","2001-12-14T21:59:43Z","2001-13-14","20011-12-14","2001-12-14T25:00:00Z","2001-12-14 21:59:43.10 -5","2001-01-02T00:00:00Z","2001-12-14T21:59:43Z"]`},
	{"a: &x [1, 2]\nb: *x", `{"a":[1,2],"b":[1,2]}`},
	{"<<: {a: 1}\nb: 2", `{"a":1,"b":2}`},
	{"{a: 1, a: 2}", `{"a":2}`},
	{"a: 1\n<<: {a: 2}", `{"a":2}`},
	{"a: &m {x: 1}\nb:\n  <<: *m\n  y: 2", `{"a":{"x":1},"b":{"true":2,"x":1}}`},
	{"'<<': {a: 1}", `{"a":1}`},
	{"- <<\n- !!str <<", `["\u003c\u003c","\u003c\u003c"]`},
	{"1: a\n1.5: b\ntrue: c\n2001-12-14: d\n'': e\n!!str ~: f\n1e3: g", `{"":"e","1":"a","1.5":"b","1000":"g","2001-12-14T00:00:00Z":"d","true":"c","~":"f"}`},
	{"a: |\n  line1\n  line2\nb: >-\n  7\nc: |-\n  true\nkey: >\n  folded\n  text\n", `{"a":"line1\nline2\n","b":"7","c":"true","key":"folded text\n"}`},
	{"[1, [2, {a: [3]}]]", `[1,[2,{"a":[3]}]]`},
	{"~", `null`},
	{"--- a\n...", `"a"`},
	{"x: 1\n...\n", `{"x":1}`},
	{"[]", `[]`},
	{"{}", `{}`},
	{"a:", `{"a":null}`},
	{"? a\n? b\n: c", `{"a":null,"b":"c"}`},
	{"{a: 1, b}", `{"a":1,"b":null}`},
	{"a: &x 1\nb: &x 2\nc: *x", `{"a":1,"b":2,"c":2}`},
	{"!!map\n? !!str a\n: !!seq [!!int 1]", `{"a":[1]}`},
	{"- \"a\\\n  b\"\n- 'it''s'\n- \"\\u00e9\\x41\"\n- a\n  b\n-   c   ", `["ab","it's","éA","a b","c"]`},
	{"- 1000000000000000000000000000000.5\n- 9007199254740993\n- 0.30000000000000004\n- 100000000000000000000000000000", `[1000000000000000000000000000000.5,9007199254740993,0.30000000000000004,100000000000000000000000000000]`},
	{"%TAG ! tag:example.com,2000:\n---\na: 1", `{"a":1}`},
	{"", "error"},
	{"# only a comment", "error"},
	{"- .nan", "error"},
	{"? [1, 2]\n: v", "error"},
	{"~: b", "error"},
	{"---\na: 1\n---\nb: 2", "error"},
	{"a: 1\n---\n", "error"},
	{"a: !foo bar", "error"},
	{"a: b: c", "error"},
	{"!!set {a, b}", "error"},
	{"a: *nope", "error"},
	{"a: &x [*x]", "error"},
	{"<<: [{a: 1}]", "error"},
	{"<<: 5", "error"},
	{"<<: ~", "error"},
	{"- !!int abc", "error"},
	{"- !!bool abc", "error"},
	{"- !!float abc", "error"},
	{"- !!binary aGVsbG8", "error"},
	{"- !!merge x", "error"},
	{"- 0x1FFFFFFFFFFFFFFFF", "error"},
	{"- !!float .nan", "error"},
	{"- !!int +", "error"},
	{"- !!int |\n  5\n- x", "error"},
	{"[a, b]: c", "error"},
	{"&a a: b\n*a : c", "error"},
	{"!!timestamp 2001-12-14 21:59:43.10 -5", "error"},
	// The non-specific tag "!", which yaml.v3 drops, and directives.
	{"%YAML 1.1\n---\na: 1\n", `{"a":1}`},
	{"%YAML 1.1 # c\n---\na: &x !!str 5\nb: \"! y\"\nc: z ! w # ! q\nd: 'it''s ! x'\né: é ! é\nf: [!!str 1, ' ! ']", `{"a":"5","b":"! y","c":"z ! w","d":"it's ! x","f":["1"," ! "],"é":"é ! é"}`},
	{"! a", "error"},
	{"- ! a\n- !  b", "error"},
	{"a: ! [1]", "error"},
	{"a: !", "error"},
	{"! {a: 1}", "error"},
	{"a: !<!> x", "error"},
	{"! a: b", "error"},
	{"&x ! a", "error"},
	{"[! a, b]", "error"},
	{"!\n- x", "error"},
	{"? ! a\n: b", "error"},
	{"x: [a, !, b]", "error"},
	{"é: é\nb: ! x", "error"},
	{"%YAML 1.2\n---\na: 1", "error"},
	{"%YAML 1.0\n---\na: 1", "error"},
	{"%FOO bar\n---\na: 1", "error"},
	{"%YAML 1.1\na: 1", "error"},
}

func yamlDecodeForTest(src cty.Value) (cty.Value, error) {
	return yamlDecodeFunc(&config{budget: unitBudget}).Call([]cty.Value{src})
}

// TestYAMLDecode: each document of yamlCases decodes to what Terraform
// gives, or is refused; infinities (which JSON cannot spell) and an
// unknown or sensitive argument are checked apart.
func TestYAMLDecode(t *testing.T) {
	for _, c := range yamlCases {
		v, err := yamlDecodeForTest(cty.StringVal(c.src))
		if c.want == "error" {
			if err == nil {
				t.Errorf("yamldecode(%q) = %#v, want an error", c.src, v)
			}
			continue
		}
		if err != nil {
			t.Errorf("yamldecode(%q): %v", c.src, err)
			continue
		}
		got, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("yamldecode(%q)\n got %s\nwant %s", c.src, got, c.want)
		}
	}
	v, err := yamlDecodeForTest(cty.StringVal("- .inf\n- -.Inf\n- +.INF"))
	if err != nil || !v.RawEquals(cty.TupleVal([]cty.Value{cty.PositiveInfinity, cty.NegativeInfinity, cty.PositiveInfinity})) {
		t.Errorf("infinities: %#v, %v", v, err)
	}
	if v, err := yamlDecodeForTest(cty.UnknownVal(cty.String)); err != nil || v.IsKnown() {
		t.Errorf("unknown argument: %#v, %v; want an unknown value", v, err)
	}
	v, err = yamlDecodeForTest(cty.StringVal("a: 1").Mark("sensitive"))
	if err != nil || !v.HasMark("sensitive") {
		t.Errorf("sensitive argument: %#v, %v; want a sensitive value", v, err)
	}
}

// TestYAMLDecodeAgreesWithTerraform runs terraform itself (offline, no
// provider) over yamlCases: each output is [yamldecode(file)], its type
// and value as `terraform output -json` gives them; a refused document is
// can(...) == false.
func TestYAMLDecodeAgreesWithTerraform(t *testing.T) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not installed: yamldecode not compared with it")
	}
	dir := t.TempDir()
	var main strings.Builder
	for i, c := range yamlCases {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%d.yaml", i)), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if c.want == "error" {
			fmt.Fprintf(&main, "output \"c%d\" {\n  value = can(yamldecode(file(\"c%d.yaml\")))\n}\n", i, i)
		} else {
			fmt.Fprintf(&main, "output \"c%d\" {\n  value = [yamldecode(file(\"c%d.yaml\"))]\n}\n", i, i)
		}
	}
	// The documents nested maxNesting deep are compared through
	// jsonencode (terraform takes over ten seconds to print one).
	for i, s := range deepYAML {
		src, want := s.doc(maxNesting)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%d.yaml", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%d.json", i)), []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&main, "output \"d%d\" {\n  value = jsonencode(yamldecode(file(\"d%d.yaml\"))) == file(\"d%d.json\")\n}\n", i, i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	var out []byte
	for _, args := range [][]string{{"init", "-input=false"}, {"apply", "-auto-approve", "-input=false"}, {"output", "-json"}} {
		cmd := exec.Command(tf, args...)
		cmd.Dir, cmd.Env = dir, env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if out, err = cmd.Output(); err != nil {
			t.Fatalf("terraform %s: %v\n%s%s", args[0], err, out, stderr.String())
		}
	}
	var outputs map[string]struct {
		Type  json.RawMessage `json:"type"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(out, &outputs); err != nil {
		t.Fatal(err)
	}
	compact := func(b []byte) string {
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	for i, c := range yamlCases {
		o, ok := outputs[fmt.Sprintf("c%d", i)]
		if !ok {
			t.Errorf("%q: no output from terraform", c.src)
			continue
		}
		v, err := yamlDecodeForTest(cty.StringVal(c.src))
		if c.want == "error" {
			if got := compact(o.Value); got != "false" || err == nil {
				t.Errorf("%q: terraform can() = %s, configward error %v", c.src, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: terraform decodes it, configward: %v", c.src, err)
			continue
		}
		w := cty.TupleVal([]cty.Value{v})
		ty, _ := ctyjson.MarshalType(w.Type())
		val, _ := ctyjson.Marshal(w, w.Type())
		if compact(o.Type) != string(ty) || compact(o.Value) != string(val) {
			t.Errorf("%q:\nterraform  %s %s\nconfigward %s %s", c.src, compact(o.Type), compact(o.Value), ty, val)
		}
	}
	for i, s := range deepYAML {
		if o := outputs[fmt.Sprintf("d%d", i)]; compact(o.Value) != "true" {
			t.Errorf("%s nested %d deep: terraform decodes it otherwise (%s)", s.name, maxNesting, o.Value)
		}
	}
	t.Logf("%d documents (and %d nested %d deep) decode as terraform %s decodes them", len(yamlCases), len(deepYAML), maxNesting, strings.TrimSpace(string(mustVersion(tf))))
}

func mustVersion(tf string) []byte {
	out, _ := exec.Command(tf, "version").Output()
	first, _, _ := bytes.Cut(out, []byte("\n"))
	return first
}
