package cloudformation

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/configward/configward/parsers/model"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

const testdataDir = "../../testdata/parsers/cloudformation"

func testdataFiles(t testing.TB) []string {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml", "*.json", "*.template"} {
		m, err := filepath.Glob(filepath.Join(testdataDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	return files
}

// TestGolden parses every testdata file and compares model.Dump of the unit
// with <file>.golden.
func TestGolden(t *testing.T) {
	for _, file := range testdataFiles(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := "not cloudformation\n"
			if u, ok := Parse(name, src, Options{ReadFile: dirReader(testdataDir)}); ok {
				got = model.Dump(u)
			}
			golden := file + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./parsers/cloudformation -update)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run with -update and read the diff):\n%s", golden, got)
			}
		})
	}
}

// dirReader is Options.ReadFile over a directory.
func dirReader(dir string) func(string) ([]byte, error) {
	fsys := os.DirFS(dir)
	return func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
}

func mustParse(t *testing.T, src string, opts Options) *model.Unit {
	t.Helper()
	u, ok := Parse("t.yaml", []byte(src), opts)
	if !ok {
		t.Fatalf("not recognized as CloudFormation")
	}
	return u
}

type span struct{ sl, sc, el, ec int }

func spanOf(r model.Range) span { return span{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column} }

// TestRanges checks a few ranges by hand, byte offsets included.
func TestRanges(t *testing.T) {
	src := "AWSTemplateFormatVersion: '2010-09-09'\r\n" + // line 1
		"Resources:\r\n" + // 2
		"  Bücket: # é\r\n" + // 3
		"    Type: AWS::S3::Bucket\r\n" + // 4
		"    Properties:\r\n" + // 5
		"      {é: 1, BucketName: !Ref Name, Tags: [a, 'b']}\r\n" + // 6
		"Parameters:\r\n" + // 7
		"  Name: {Type: String, Default: \"x\"}\r\n" // 8
	u := mustParse(t, src, Options{})
	if len(u.Resources) != 1 {
		t.Fatalf("resources: %v", u.Resources)
	}
	r := u.Resources[0]
	if got, want := spanOf(r.DefRange), (span{3, 3, 3, 9}); got != want {
		t.Errorf("logical id range = %v, want %v", got, want)
	}
	// "Bücket" starts after the 2 spaces of line 3.
	if r.DefRange.Start.Byte != strings.Index(src, "Bücket") || r.DefRange.End.Byte != strings.Index(src, ": # é") {
		t.Errorf("logical id bytes = %d..%d", r.DefRange.Start.Byte, r.DefRange.End.Byte)
	}
	f := r.Body.Field("BucketName")
	if got, want := spanOf(f.KeyRange), (span{6, 14, 6, 24}); got != want {
		t.Errorf("BucketName key = %v, want %v", got, want)
	}
	if f.KeyRange.Start.Byte != strings.Index(src, "BucketName") {
		t.Errorf("BucketName byte = %d", f.KeyRange.Start.Byte)
	}
	// The value is the parameter's default, at the range of `!Ref Name`.
	if got, want := spanOf(f.Value.Range), (span{6, 26, 6, 35}); got != want || f.Value.Str != "x" {
		t.Errorf("BucketName value = %q %v, want %v", f.Value.Str, got, want)
	}
	tags := r.Body.Get("Tags")
	if got, want := spanOf(tags.Range), (span{6, 43, 6, 51}); got != want {
		t.Errorf("Tags = %v, want %v", got, want)
	}
	if got, want := spanOf(tags.Items[1].Range), (span{6, 47, 6, 50}); got != want {
		t.Errorf("'b' = %v, want %v", got, want)
	}
	if got, want := spanOf(r.Body.Range), (span{6, 7, 6, 52}); got != want {
		t.Errorf("Properties = %v, want %v", got, want)
	}
}

func TestShortTagRanges(t *testing.T) {
	src := "AWSTemplateFormatVersion: '2010-09-09'\n" +
		"Resources:\n" +
		"  R:\n" +
		"    Type: Custom::R\n" +
		"    Properties:\n" +
		"      A: !GetAtt Fn.Arn\n" +
		"      B: !Sub\n" +
		"        - '${X}'\n" +
		"        - X: !Ref AWS::Region\n"
	var yr *yamlReader
	root, yr, d := parseYAML(newLineTable("t.yaml", []byte(src)))
	if d != nil || len(yr.diags) != 0 {
		t.Fatalf("diags: %v %v", d, yr.diags)
	}
	props := root.Path("Resources", "R", "Properties")
	a := props.Get("A")
	fa := a.Field("Fn::GetAtt")
	if fa == nil {
		t.Fatalf("A = %+v", a)
	}
	if got, want := spanOf(a.Range), (span{6, 10, 6, 24}); got != want {
		t.Errorf("!GetAtt object = %v, want %v", got, want)
	}
	if got, want := spanOf(fa.KeyRange), (span{6, 10, 6, 17}); got != want {
		t.Errorf("!GetAtt tag = %v, want %v", got, want)
	}
	parts := fa.Value.Items
	if len(parts) != 2 || parts[0].Str != "Fn" || parts[1].Str != "Arn" {
		t.Fatalf("parts = %+v", parts)
	}
	if got, want := spanOf(parts[1].Range), (span{6, 21, 6, 24}); got != want {
		t.Errorf("Arn = %v, want %v", got, want)
	}
	b := props.Get("B")
	if got, want := spanOf(b.Range), (span{7, 10, 9, 30}); got != want {
		t.Errorf("!Sub object = %v, want %v", got, want)
	}
	if got, want := spanOf(b.Get("Fn::Sub").Range), (span{8, 9, 9, 30}); got != want {
		t.Errorf("!Sub list = %v, want %v", got, want)
	}
}

func TestNotCloudFormation(t *testing.T) {
	for _, src := range []string{
		"",
		"# only a comment\n",
		"name: ci\non: push\njobs: {}\n",
		`{"name": "x", "dependencies": {}}`,
		"[1, 2]",
		"Resources:\n  X:\n    Type: plain\n",
		"Resources: [1]\n",
		"just a string",
		"{\"Resources\": ",
		"key: [unclosed\n",
		"\xff\xfe\x00",
	} {
		if u, ok := Parse("f.yaml", []byte(src), Options{}); ok {
			t.Errorf("%q: recognized as CloudFormation: %s", src, model.Dump(u))
		}
	}
}

func TestSyntaxErrorLines(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		want      string
	}{
		{"t.yaml", "AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: AWS::S3::Bucket\n   B: 1\n", 5, 4, "invalid YAML"},
		{"t.yaml", "AWSTemplateFormatVersion: x\nResources:\n  A: [1,\n", 3, 3, "invalid YAML"},
		{"t.yaml", "AWSTemplateFormatVersion: x\nA: *nope\n", 2, 4, "unknown anchor"},
		{"t.yaml", "AWSTemplateFormatVersion: x\nResources:\n\tA: 1\n", 3, 1, "invalid YAML"},
		{"t.json", "{\"AWSTemplateFormatVersion\": \"x\",\n\"Resources\": {\n}}}", 3, 3, "invalid JSON"},
		{"t.template", "{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}\n", 2, 1, "invalid JSON"},
	} {
		u, ok := Parse(tc.name, []byte(tc.src), Options{})
		if !ok || len(u.Diagnostics) != 1 {
			t.Errorf("%q: ok=%v diags=%v", tc.src, ok, u)
			continue
		}
		d := u.Diagnostics[0]
		if !strings.Contains(d.Summary, tc.want) || d.Range.Start.Line != tc.line || d.Range.Start.Column != tc.col {
			t.Errorf("%q: got %q at %d:%d, want %q at %d:%d", tc.src, d.Summary, d.Range.Start.Line, d.Range.Start.Column, tc.want, tc.line, tc.col)
		}
	}
}

func TestParamsOverride(t *testing.T) {
	src := "AWSTemplateFormatVersion: x\n" +
		"Parameters:\n  Env: {Type: String, Default: dev}\n  Ids: {Type: 'List<String>'}\n" +
		"Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n" +
		"Resources:\n" +
		"  Prod:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n    Properties: {TopicName: !Sub '${Env}-t', Ids: !Ref Ids}\n"
	u := mustParse(t, src, Options{})
	if len(u.Resources) != 0 {
		t.Errorf("with the default the resource is left out: %v", u.Resources)
	}
	u = mustParse(t, src, Options{Params: map[string]string{"Env": "prod", "Ids": "a,b"}})
	if len(u.Resources) != 1 {
		t.Fatalf("resources: %v", u.Resources)
	}
	if s, _ := u.Resources[0].Prop("TopicName").AsString(); s != "prod-t" {
		t.Errorf("TopicName = %q", s)
	}
	if ids := u.Resources[0].Prop("Ids"); ids.Kind != model.List || len(ids.Items) != 2 || ids.Items[1].Str != "b" {
		t.Errorf("Ids = %+v", ids)
	}
}

func TestAliasBombIsFast(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdataDir, "alias_bomb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The expansion bound stops it: the diagnostic says the bound was met.
	u, ok := Parse("bomb.yaml", src, Options{})
	if !ok || len(u.Diagnostics) != 1 || !strings.Contains(u.Diagnostics[0].Summary, "alias expansion too large") {
		t.Fatalf("ok=%v unit=%v", ok, u)
	}
	// A self-referencing anchor neither hangs nor panics.
	u, ok = Parse("loop.yaml", []byte("AWSTemplateFormatVersion: x\nResources: &r\n  A: {Type: Custom::A, Properties: {Self: *r}}\n"), Options{})
	if !ok {
		t.Fatal("not recognized")
	}
	_ = u
}

func TestCommentStart(t *testing.T) {
	for _, tc := range []struct {
		line string
		want int
	}{
		{"# x", 0},
		{"  # x", 2},
		{"a: b # x", 5},
		{"a: b#c", -1},
		{`a: "b # c"`, -1},
		{`a: "b \" # c" # d`, 14},
		{`a: 'it''s # x' # y`, 15},
		{`a: it's # x`, 8},
		{`- 'q' # x`, 6},
	} {
		if got := commentStart([]byte(tc.line)); got != tc.want {
			t.Errorf("commentStart(%q) = %d, want %d", tc.line, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, file := range testdataFiles(f) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		type result struct {
			u  *model.Unit
			ok bool
		}
		done := make(chan result, 1)
		go func() {
			u, ok := Parse("f.yaml", src, Options{})
			done <- result{u, ok}
		}()
		var u *model.Unit
		select {
		case r := <-done:
			if !r.ok {
				return
			}
			u = r.u
		case <-time.After(5 * time.Second):
			t.Fatalf("Parse takes more than 5s on %q", src)
		}
		for _, d := range u.Diagnostics {
			if d.Range.Start.Line < 1 || strings.HasPrefix(d.Summary, "internal error") {
				t.Errorf("bad diagnostic: %+v", d)
			}
		}
		model.Dump(u)
	})
}

// render writes a value tree compactly, for structure assertions.
func render(v *model.Value) string {
	if v == nil {
		return "<nil>"
	}
	switch v.Kind {
	case model.Object:
		parts := make([]string, len(v.Fields))
		for i, f := range v.Fields {
			parts[i] = f.Key + ":" + render(f.Value)
		}
		return "{" + strings.Join(parts, ",") + "}"
	case model.List:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = render(it)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case model.String:
		return v.Str
	case model.Null:
		return "null"
	}
	return v.Kind.String() + "(" + v.Str + ")"
}

// TestShortTagsLongForm checks the rewrite of every short-form tag, nested,
// before evaluation.
func TestShortTagsLongForm(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdataDir, "tags.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	root, yr, d := parseYAML(newLineTable("tags.yaml", src))
	if d != nil || len(yr.diags) != 0 {
		t.Fatalf("diags: %v %v", d, yr.diags)
	}
	for _, tc := range []struct{ path, want string }{
		{"Conditions.IsProd", "{Fn::Equals:[{Ref:Env},prod]}"},
		{"Conditions.NotProd", "{Fn::Not:[{Condition:IsProd}]}"},
		{"Conditions.Both", "{Fn::And:[{Condition:IsProd},{Fn::Or:[{Condition:NotProd},{Fn::Equals:[a,a]}]}]}"},
		{"Resources.Thing.Properties.ServiceToken", "{Fn::GetAtt:[Fn,Arn]}"},
		{"Resources.Thing.Properties.ListAtt", "{Fn::GetAtt:[Fn,Arn]}"},
		{"Resources.Thing.Properties.Sub", "{Fn::Sub:arn:${AWS::Partition}:s3:::${Bucket}/*}"},
		{"Resources.Thing.Properties.SubList", "{Fn::Sub:[${A}-${B},{A:{Ref:AWS::Region},B:{Fn::Select:[number(0),{Fn::Split:[,,{Fn::Join:[,,[x,{Fn::ImportValue:Shared}]]}]}]}}]}"},
		{"Resources.Thing.Properties.Map", "{Fn::FindInMap:[M,{Ref:AWS::Region},{Fn::Base64:key}]}"},
		{"Resources.Thing.Properties.Cidr", "{Fn::Cidr:[{Fn::GetAtt:[Vpc,CidrBlock]},number(6),number(5)]}"},
		{"Resources.Thing.Properties.AZs", "{Fn::GetAZs:}"},
		{"Resources.Thing.Properties.Branch", "{Fn::If:[Both,{Fn::Transform:{Name:X,Parameters:{}}},{Condition:Other}]}"},
		{"Resources.Thing.Properties.Nested", "{Fn::Join:[,[{Fn::Sub:${AWS::StackName}},{Ref:Env}]]}"},
		{"Resources.Thing.Properties.Quoted", "{Ref:Env}"},
	} {
		if got := render(root.Path(strings.Split(tc.path, ".")...)); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.path, got, tc.want)
		}
	}
}

// TestLongLinesAreLinear guards the position conversions: on a long
// one-line flow collection with non-ASCII text, the bytes they decode grow
// with the line's length, not its square (counted, not timed).
func TestLongLinesAreLinear(t *testing.T) {
	longLine := func(n int) string {
		return "AWSTemplateFormatVersion: x\nResources: {A: {Type: Custom::X, Properties: {L: [" + strings.Repeat("é, 'ü', x, ", n) + "end]}}}\n"
	}
	walked := func(n int) int {
		lt := newLineTable("long.yaml", []byte(longLine(n)))
		if v, _, d := parseYAML(lt); v == nil || d != nil {
			t.Fatalf("%d items: not parsed (%v)", n, d)
		}
		return lt.walked
	}
	small, large := walked(5_000), walked(20_000)
	if small == 0 || large > 6*small {
		t.Errorf("decoded %d bytes for 5,000 items and %d for 20,000: not linear", small, large)
	}

	items := strings.Repeat("é, 'ü', x, ", 50_000)
	src := longLine(50_000)
	u := mustParse(t, src, Options{})
	l := u.Resources[0].Prop("L")
	last := l.Items[len(l.Items)-1]
	if want := 51 + len([]rune(items)); last.Range.Start.Column != want || last.Range.Start.Byte != strings.Index(src, "end]") {
		t.Errorf("last item at %+v, want column %d", last.Range.Start, want)
	}
}

func TestBOMAndLoneCR(t *testing.T) {
	src := "\xEF\xBB\xBFAWSTemplateFormatVersion: x\rResources:\r  Bé: {Type: Custom::A}\r"
	u := mustParse(t, src, Options{})
	r := u.Resources[0]
	if got, want := spanOf(r.DefRange), (span{3, 3, 3, 5}); got != want || r.DefRange.Start.Byte != strings.Index(src, "Bé") {
		t.Errorf("DefRange = %v byte %d, want %v", got, r.DefRange.Start.Byte, want)
	}
	u = mustParse(t, "\xEF\xBB\xBFAWSTemplateFormatVersion: x\n# configward:ignore CW101 why\nResources: {}\n", Options{})
	if len(u.Suppressions) != 1 || u.Suppressions[0].Range.Start.Line != 2 || u.Suppressions[0].Lines[1] != 3 {
		t.Errorf("suppressions = %+v", u.Suppressions)
	}
}

// TestEscapedKeysAreStillRead: a template that spells its keys with escapes
// is read, not skipped by the fast check for non-templates.
func TestEscapedKeysAreStillRead(t *testing.T) {
	for name, src := range map[string]string{
		"t.json": `{"Re\u0073ources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		"t.yaml": "\"Re\\x73ources\":\n  B:\n    Type: AWS::S3::Bucket\n",
	} {
		u, ok := Parse(name, []byte(src), Options{})
		if !ok || len(u.Resources) != 1 {
			t.Errorf("%s: ok=%v unit=%+v", name, ok, u)
		}
	}
	if _, ok := Parse("p.json", []byte(`{"Version": "2012-10-17", "Statement": []}`), Options{}); ok {
		t.Error("a policy is not a template")
	}
}

// A template written for rain: every directive's output is unknown, the
// Rain::Module resource is left out, the rest is read, nothing is an error
// and one note per file says so.
func TestRainDirectives(t *testing.T) {
	for name, src := range map[string]string{
		"rain.yaml": "Resources:\n  Net:\n    Type: !Rain::Module ./vpc.yml\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        ZipFile: !Rain::Embed handler.py\n      Layers: [!Rain::S3 layer/]\n  Bucket:\n    Type: AWS::S3::Bucket\n",
		"rain.json": `{"Resources": {"Net": {"Type": {"Rain::Module": "./vpc.yml"}}, "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": {"Rain::Embed": "handler.py"}}}}, "Bucket": {"Type": "AWS::S3::Bucket"}}}`,
	} {
		u, ok := Parse(name, []byte(src), Options{})
		if !ok {
			t.Fatalf("%s: not read as a template", name)
		}
		for _, d := range u.Diagnostics {
			t.Errorf("%s: diagnostic %s", name, d.Summary)
		}
		if len(u.Notes) != 1 || !strings.Contains(u.Notes[0].Summary, "rain pkg") {
			t.Errorf("%s: want one note about rain pkg, got %v", name, u.Notes)
		}
		var types []string
		for _, r := range u.Resources {
			types = append(types, r.Type)
		}
		if strings.Join(types, ",") != "AWS::Lambda::Function,AWS::S3::Bucket" {
			t.Errorf("%s: resources %v, want the function and the bucket", name, types)
		}
		code := u.Resources[0].Body.Path("Code", "ZipFile")
		if code == nil || code.Kind != model.Unknown {
			t.Errorf("%s: a Rain::Embed value must be unknown, got %v", name, code)
		}
	}
}

// YAML merge keys join the merged mapping's fields (explicit keys win), and
// every template document of a multi-document file is read.
func TestMergeKeysAndDocuments(t *testing.T) {
	src := "AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  Base: &base\n    BucketName: base\n    VersioningConfiguration: {Status: Enabled}\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      <<: *base\n      BucketName: logs\n---\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
	u, ok := Parse("multi.yaml", []byte(src), Options{})
	if !ok {
		t.Fatal("not read as a template")
	}
	for _, d := range u.Diagnostics {
		t.Errorf("diagnostic %s", d.Summary)
	}
	var names []string
	for _, r := range u.Resources {
		names = append(names, r.Type)
	}
	if strings.Join(names, ",") != "AWS::S3::Bucket,AWS::SQS::Queue" {
		t.Fatalf("resources %v, want the bucket and the queue of the second document", names)
	}
	b := u.Resources[0].Body
	if s, _ := b.Get("BucketName").AsString(); s != "logs" {
		t.Errorf("BucketName %q: the explicit key must win over the merged one", s)
	}
	if s, _ := b.Path("VersioningConfiguration", "Status").AsString(); s != "Enabled" {
		t.Errorf("merged VersioningConfiguration missing: %v", b.Get("VersioningConfiguration"))
	}
}
