package fix

import (
	"reflect"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// at is the range of the n-th occurrence (0-based) of text in src.
func at(t *testing.T, file, src, text string, n int) model.Range {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(src[off+1:], text)
		if j < 0 {
			t.Fatalf("%q not found %d times", text, n+1)
		}
		off += 1 + j
	}
	return model.Range{Filename: file, Start: model.Pos{Line: 1, Column: 1, Byte: off}, End: model.Pos{Line: 1, Column: 1, Byte: off + len(text)}}
}

func finding(changes ...analyzer.Change) *analyzer.Finding {
	return &analyzer.Finding{RuleID: "CW000", Fix: &analyzer.Fix{Description: "test", Changes: changes}}
}

func run(t *testing.T, file, src string, fs ...*analyzer.Finding) string {
	t.Helper()
	byFile, failed := Edits(fs, func(string) []byte { return []byte(src) })
	if len(failed) > 0 {
		t.Fatalf("failed: %v", failed)
	}
	return string(Apply([]byte(src), byFile[file]))
}

func TestYAMLBlockKeepsCommentsAndIndent(t *testing.T) {
	src := "Resources:\n    B:   # the bucket\n        Type: AWS::S3::Bucket\n        Properties:\n            BucketName: 'x' # quoted\n\n    # next\n    C:\n        Type: AWS::SNS::Topic\n"
	f1 := finding(analyzer.Change{Anchor: at(t, "t.yaml", src, "Properties", 0), Path: []string{"VersioningConfiguration", "Status"}, Value: "Enabled"})
	f2 := finding(analyzer.Change{Anchor: at(t, "t.yaml", src, "Properties", 0), Path: []string{"PublicAccessBlockConfiguration", "BlockPublicAcls"}, Value: true})
	got := run(t, "t.yaml", src, f1, f2)
	want := "Resources:\n    B:   # the bucket\n        Type: AWS::S3::Bucket\n        Properties:\n            BucketName: 'x' # quoted\n" +
		"            VersioningConfiguration:\n                Status: Enabled\n            PublicAccessBlockConfiguration:\n                BlockPublicAcls: true\n" +
		"\n    # next\n    C:\n        Type: AWS::SNS::Topic\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestYAMLFlowStaysFlow(t *testing.T) {
	src := "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: x}\n"
	f := finding(analyzer.Change{Anchor: at(t, "t.yaml", src, "Properties", 0), Path: []string{"VersioningConfiguration", "Status"}, Value: "Enabled"})
	if got, want := run(t, "t.yaml", src, f), "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: x, VersioningConfiguration: {Status: Enabled}}\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestJSONKeepsIndentation(t *testing.T) {
	src := "{\n\t\"Resources\": {\n\t\t\"B\": {\"Type\": \"AWS::S3::Bucket\"},\n\t\t\"K\": {\n\t\t\t\"Type\": \"AWS::KMS::Key\"\n\t\t}\n\t}\n}\n"
	one := finding(analyzer.Change{Anchor: at(t, "t.json", src, `"B"`, 0), Path: []string{"Properties", "VersioningConfiguration", "Status"}, Value: "Enabled"})
	two := finding(analyzer.Change{Anchor: at(t, "t.json", src, `"K"`, 0), Path: []string{"Properties", "EnableKeyRotation"}, Value: true})
	got := run(t, "t.json", src, one, two)
	want := "{\n\t\"Resources\": {\n\t\t\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"VersioningConfiguration\": {\"Status\": \"Enabled\"}}},\n" +
		"\t\t\"K\": {\n\t\t\t\"Type\": \"AWS::KMS::Key\",\n\t\t\t\"Properties\": {\n\t\t\t\t\"EnableKeyRotation\": true\n\t\t\t}\n\t\t}\n\t}\n}\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestHCLSetReplaceAndBlockFormatted(t *testing.T) {
	src := "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = \"b\"\n  versioning_configuration {\n    status = \"Suspended\" # keep\n  }\n}\n"
	set := finding(analyzer.Change{Anchor: at(t, "m.tf", src, `resource "aws_kms_key"`, 0), Path: []string{"enable_key_rotation"}, Value: true})
	repl := finding(analyzer.Change{Replace: at(t, "m.tf", src, `"Suspended"`, 0), Value: "Enabled"})
	add1 := finding(analyzer.Change{Anchor: at(t, "m.tf", src, `resource "aws_kms_key"`, 0),
		Block: &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_x", "k"}, Body: analyzer.FixObject{{Key: "a", Value: 1}}}})
	add2 := finding(analyzer.Change{Anchor: at(t, "m.tf", src, `resource "aws_kms_key"`, 0),
		Block: &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_x", "k"}, Body: analyzer.FixObject{{Key: "b", Value: analyzer.FixExpr{HCL: "aws_kms_key.k.arn"}}}}})
	got := run(t, "m.tf", src, set, repl, add1, add2)
	want := "resource \"aws_kms_key\" \"k\" {\n  description         = \"x\"\n  enable_key_rotation = true\n}\n\nresource \"aws_x\" \"k\" {\n  a = 1\n  b = aws_kms_key.k.arn\n}\n\n" +
		"resource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = \"b\"\n  versioning_configuration {\n    status = \"Enabled\" # keep\n  }\n}\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReplaceLeavesReferences(t *testing.T) {
	src := "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = var.rotate\n}\n"
	f := finding(analyzer.Change{Replace: at(t, "m.tf", src, "var.rotate", 0), Value: true})
	byFile, failed := Edits([]*analyzer.Finding{f}, func(string) []byte { return []byte(src) })
	if len(byFile) != 0 || len(failed) != 1 {
		t.Errorf("a reference was replaced: %v %v", byFile, failed)
	}
	ysrc := "R:\n  Properties:\n    EnableKeyRotation: !Ref Rotate\n"
	f = finding(analyzer.Change{Replace: at(t, "t.yaml", ysrc, "!Ref Rotate", 0), Value: true})
	if byFile, _ := Edits([]*analyzer.Finding{f}, func(string) []byte { return []byte(ysrc) }); len(byFile) != 0 {
		t.Errorf("an intrinsic was replaced: %v", byFile)
	}
}

func TestNormalizeDropsDuplicatesAndOverlaps(t *testing.T) {
	es := normalize([]Edit{{Start: 5, End: 9, Text: "b"}, {Start: 0, End: 2, Text: "a"}, {Start: 5, End: 9, Text: "b"}, {Start: 6, End: 7, Text: "c"}, {Start: 9, End: 9, Text: "d"}})
	want := []Edit{{Start: 0, End: 2, Text: "a"}, {Start: 5, End: 9, Text: "b"}, {Start: 9, End: 9, Text: "d"}}
	if len(es) != len(want) {
		t.Fatalf("got %v", es)
	}
	for i := range want {
		if es[i] != want[i] {
			t.Errorf("edit %d: got %v, want %v", i, es[i], want[i])
		}
	}
}

func TestDiff(t *testing.T) {
	src := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm"
	edits := []Edit{{Start: 2, End: 3, Text: "B"}, {Start: 24, End: 25, Text: "M\nN"}}
	got := Diff("x.txt", []byte(src), edits)
	want := "--- a/x.txt\n+++ b/x.txt\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -10,4 +10,5 @@\n j\n k\n l\n-m\n\\ No newline at end of file\n+M\n+N\n\\ No newline at end of file\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A statement added to a policy (CW106) and a condition added to that
// policy's last statement (CW201/CW202) merge in one file, in either
// order: the condition inside the statement, the new statement after it.
func TestAppendStatementMergesWithCondition(t *testing.T) {
	deny := analyzer.FixObject{{Key: "Sid", Value: "Deny"}, {Key: "Effect", Value: "Deny"}}
	cond := analyzer.FixObject{{Key: "StringEquals", Value: analyzer.FixObject{{Key: "aws:SourceAccount", Value: "111122223333"}}}}
	for _, tc := range []struct {
		file, src, list, stmt, want string
	}{
		{"t.yaml",
			"P:\n  Statement:\n    - Sid: A\n      Effect: Allow\n  # end\nQ: 1\n",
			"- Sid", "Sid: A",
			"P:\n  Statement:\n    - Sid: A\n      Effect: Allow\n      Condition:\n        StringEquals:\n          aws:SourceAccount: \"111122223333\"\n    - Sid: Deny\n      Effect: Deny\n  # end\nQ: 1\n"},
		{"t.yaml",
			"P:\n  Statement:\n  - Sid: A\n    Effect: Allow\n  Version: x\n",
			"- Sid", "Sid: A",
			"P:\n  Statement:\n  - Sid: A\n    Effect: Allow\n    Condition:\n      StringEquals:\n        aws:SourceAccount: \"111122223333\"\n  - Sid: Deny\n    Effect: Deny\n  Version: x\n"},
		{"t.json",
			"{\"Statement\": [\n    {\n      \"Sid\": \"A\"\n    }\n  ]\n}\n",
			"[", "{\n      \"Sid\"",
			"{\"Statement\": [\n    {\n      \"Sid\": \"A\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"aws:SourceAccount\": \"111122223333\"\n        }\n      }\n    },\n    {\n      \"Sid\": \"Deny\",\n      \"Effect\": \"Deny\"\n    }\n  ]\n}\n"},
		{"m.tf",
			"resource \"aws_s3_bucket_policy\" \"p\" {\n  policy = jsonencode({\n    Statement = [\n      {\n        Sid = \"A\" # the first\n      },\n    ]\n  })\n}\n",
			"[", "{\n        Sid",
			"resource \"aws_s3_bucket_policy\" \"p\" {\n  policy = jsonencode({\n    Statement = [\n      {\n        Sid = \"A\" # the first\n        Condition = {\n          StringEquals = {\n            \"aws:SourceAccount\" = \"111122223333\"\n          }\n        }\n      },\n      {\n        Sid    = \"Deny\"\n        Effect = \"Deny\"\n      },\n    ]\n  })\n}\n"},
		{"m.tf",
			"resource \"aws_s3_bucket_policy\" \"p\" {\n  policy = <<EOT\n{\n  \"Statement\": [\n    {\n      \"Sid\": \"A\"\n    }\n  ]\n}\nEOT\n}\n",
			"[", "{\n      \"Sid\"",
			"resource \"aws_s3_bucket_policy\" \"p\" {\n  policy = <<EOT\n{\n  \"Statement\": [\n    {\n      \"Sid\": \"A\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"aws:SourceAccount\": \"111122223333\"\n        }\n      }\n    },\n    {\n      \"Sid\": \"Deny\",\n      \"Effect\": \"Deny\"\n    }\n  ]\n}\nEOT\n}\n"},
	} {
		add := finding(analyzer.Change{Anchor: at(t, tc.file, tc.src, tc.list, 0), AtValue: true, Append: true, Value: deny})
		scope := finding(analyzer.Change{Anchor: at(t, tc.file, tc.src, tc.stmt, 0), AtValue: true, Path: []string{"Condition"}, Value: cond})
		for _, order := range [][]*analyzer.Finding{{add, scope}, {scope, add}} {
			if got := run(t, tc.file, tc.src, order...); got != tc.want {
				t.Errorf("%s: got\n%s\nwant\n%s", tc.file, got, tc.want)
			}
		}
	}
}

// A statement block added to an aws_iam_policy_document, lists and
// nested blocks included; a quoted policy string is left alone.
func TestAppendStatementBlock(t *testing.T) {
	src := "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    sid = \"A\"\n  }\n}\n"
	f := finding(analyzer.Change{Anchor: at(t, "m.tf", src, "data", 0), Append: true, Path: []string{"statement"}, Value: analyzer.FixObject{
		{Key: "actions", Value: []analyzer.FixValue{"s3:*"}},
		{Key: "resources", Value: []analyzer.FixValue{analyzer.FixExpr{HCL: "aws_s3_bucket.b.arn"}, analyzer.FixExpr{HCL: `"${aws_s3_bucket.b.arn}/*"`}}},
		{Key: "principals", Value: analyzer.FixObject{{Key: "type", Value: "*"}}},
	}})
	want := "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    sid = \"A\"\n  }\n\n  statement {\n    actions   = [\"s3:*\"]\n    resources = [aws_s3_bucket.b.arn, \"${aws_s3_bucket.b.arn}/*\"]\n    principals {\n      type = \"*\"\n    }\n  }\n}\n"
	if got := run(t, "m.tf", src, f); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	quoted := "resource \"aws_s3_bucket_policy\" \"p\" {\n  policy = \"{\\\"Statement\\\": [{\\\"Sid\\\": \\\"A\\\"}]}\"\n}\n"
	f = finding(analyzer.Change{Anchor: at(t, "m.tf", quoted, "[", 0), AtValue: true, Append: true, Value: analyzer.FixObject{{Key: "Sid", Value: "B"}}})
	if byFile, failed := Edits([]*analyzer.Finding{f}, func(string) []byte { return []byte(quoted) }); len(byFile) != 0 || len(failed) != 1 {
		t.Errorf("a list inside a quoted string was edited: %v", byFile)
	}
}

// A template resource added after another one, in YAML and JSON, after
// keys added to that resource at the same place.
func TestAfterMember(t *testing.T) {
	res := analyzer.FixObject{{Key: "Type", Value: "AWS::S3::BucketPolicy"}}
	ysrc := "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  C:\n    Type: AWS::SNS::Topic\n"
	after := finding(analyzer.Change{Anchor: at(t, "t.yaml", ysrc, "B", 0), After: true, Path: []string{"BPolicy"}, Value: res})
	set := finding(analyzer.Change{Anchor: at(t, "t.yaml", ysrc, "B", 0), Path: []string{"Properties", "X"}, Value: true})
	want := "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: true\n  BPolicy:\n    Type: AWS::S3::BucketPolicy\n  C:\n    Type: AWS::SNS::Topic\n"
	for _, order := range [][]*analyzer.Finding{{after, set}, {set, after}} {
		if got := run(t, "t.yaml", ysrc, order...); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	}
	jsrc := "{\n  \"Resources\": {\n    \"B\": {\n      \"Type\": \"AWS::S3::Bucket\"\n    }\n  }\n}\n"
	after = finding(analyzer.Change{Anchor: at(t, "t.json", jsrc, `"B"`, 0), After: true, Path: []string{"BPolicy"}, Value: res})
	jwant := "{\n  \"Resources\": {\n    \"B\": {\n      \"Type\": \"AWS::S3::Bucket\"\n    },\n    \"BPolicy\": {\n      \"Type\": \"AWS::S3::BucketPolicy\"\n    }\n  }\n}\n"
	if got := run(t, "t.json", jsrc, after); got != jwant {
		t.Errorf("got\n%s\nwant\n%s", got, jwant)
	}
}

// TestUnderIntrinsic: a value of a key or an item of a plain list is a
// place a fix may edit; an argument of an intrinsic function is not.
func TestUnderIntrinsic(t *testing.T) {
	for src, want := range map[string]bool{
		"Statement:\n  - @Effect: Allow\n":                          false,
		"Statement:\n- @Effect: Allow\n":                            false,
		"Condition:\n  # why\n  @Bool: {}\n":                        false,
		"Condition: # why\n  @Bool: {}\n":                           false,
		"Statement: [@{Effect: Allow}]\n":                           false,
		`{"Statement": [{"Effect": "Deny"}, @{"Effect": "Allow"}]}`: false,
		`{"Condition": @{"Bool": {}}}`:                              false,
		"Condition: !If [C, @{}, {}]\n":                             true,
		"Condition:\n  Fn::If:\n    - C\n    - @{}\n":               true,
		"Condition: !If\n  - C\n  - @Bool: {}\n":                    true,
		`{"Condition": {"Fn::If": ["C", @{"Bool": {}}, {}]}}`:       true,
		"@Effect: Allow\n":                                          true,
	} {
		at := strings.Index(src, "@")
		b := []byte(strings.Replace(src, "@", "", 1))
		if got := underIntrinsic(b, at); got != want {
			t.Errorf("underIntrinsic(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestInString: a document given as JSON text in a string token is not
// edited as if it were the file's own structure.
func TestInString(t *testing.T) {
	for _, c := range []struct {
		src  string
		syn  syntax
		want bool
	}{
		{`{"P": "{\"Statement\": [@{\"Effect\": \"Allow\"}]}"}`, jsonSyntax, true},
		{`{"P": {"Statement": [@{"Effect": "Allow"}]}, "Q": "a\"b"}`, jsonSyntax, false},
		{"P: '{\"Statement\": [@{\"Effect\": \"Allow\"}]}'\n", yamlSyntax, true},
		{"P: \"{\\\"Statement\\\": [@{}]}\"\n", yamlSyntax, true},
		{"P: {\"Statement\": [@{\"Effect\": \"Allow\"}]} # it's\n", yamlSyntax, false},
		{"P: |\n  {\n    \"Statement\": [\n      @{\"Effect\": \"Allow\"}\n    ]\n  }\n", yamlSyntax, true},
		{"P: !Sub |-\n  {\n    \"Statement\": [\n      @{}\n    ]\n  }\n", yamlSyntax, true},
		{"P:\n  Statement:\n    - @Effect: Allow\n", yamlSyntax, false},
		{"p = \"{\\\"Statement\\\": [@{}]}\"\n", hclSyntax, true},
		{"p = <<EOF\n{\"Statement\": [\n  @{\"Effect\": \"Allow\"}\n]}\nEOF\n", hclSyntax, false},
		{"p = jsonencode({ S = [@{ E = \"A\" }] })\n", hclSyntax, false},
	} {
		at := strings.Index(c.src, "@")
		b := []byte(strings.Replace(c.src, "@", "", 1))
		if got := inString(b, at, c.syn); got != c.want {
			t.Errorf("inString(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

// No edit goes to a module terraform init installed, nor adds a block
// whose name a module file already declares (one with no instance, count
// = 0, is not in the model).
func TestNoEditOfDownloadedModuleOrTakenName(t *testing.T) {
	src := "resource \"aws_s3_bucket\" \"b\" {\n}\n"
	f := finding(analyzer.Change{Anchor: at(t, ".terraform/modules/m/main.tf", src, "resource", 0), Path: []string{"x"}, Value: true})
	if byFile, failed := Edits([]*analyzer.Finding{f}, func(string) []byte { return []byte(src) }); len(byFile) != 0 || len(failed) != 1 {
		t.Errorf("a downloaded module was edited: %v", byFile)
	}
	other := "resource \"aws_s3_bucket_versioning\" \"b\" {\n  count = 0\n}\n"
	read := func(name string) []byte {
		if name == "versioning.tf" {
			return []byte(other)
		}
		return []byte(src)
	}
	add := func(free ...string) *analyzer.Finding {
		return finding(analyzer.Change{Anchor: at(t, "main.tf", src, "resource", 0),
			Block: &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_s3_bucket_versioning", "b"}, Free: free}})
	}
	if byFile, failed := Edits([]*analyzer.Finding{add("main.tf", "versioning.tf")}, read); len(byFile) != 0 || len(failed) != 1 {
		t.Errorf("a block was added whose name is taken: %v", byFile)
	}
	if byFile, failed := Edits([]*analyzer.Finding{add("main.tf")}, read); len(byFile) != 1 || len(failed) != 0 {
		t.Errorf("a free name was refused: %v %v", byFile, failed)
	}
}

// A fix is written whole or not at all: a finding whose change fails in
// one file keeps no edit in another (the data source its condition would
// have read, added for nothing), whichever file comes first; another
// finding's edits in that file stay as they are alone.
func TestFixSpanningFilesAllOrNothing(t *testing.T) {
	a := "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n"
	b := "resource \"aws_sqs_queue_policy\" \"q\" {\n  queue_url = aws_sqs_queue.q.id\n  policy    = var.policy\n}\n"
	read := func(name string) []byte {
		if name == "a.tf" {
			return []byte(a)
		}
		return []byte(b)
	}
	declare := analyzer.Change{Anchor: at(t, "a.tf", a, `resource "aws_sqs_queue" "q"`, 0),
		Block: &analyzer.FixBlock{Type: "data", Labels: []string{"aws_caller_identity", "current"}, Free: []string{"a.tf", "b.tf"}}}
	condition := analyzer.Change{Replace: at(t, "b.tf", b, "var.policy", 0), Value: "x"} // a reference: not replaced
	other := finding(analyzer.Change{Anchor: at(t, "a.tf", a, `resource "aws_sqs_queue" "q"`, 0), Path: []string{"sqs_managed_sse_enabled"}, Value: true})
	alone, failed := Edits([]*analyzer.Finding{other}, read)
	if len(alone["a.tf"]) == 0 || len(failed) != 0 {
		t.Fatalf("the other fix alone: %v, failed %v", alone, failed)
	}
	for _, two := range []*analyzer.Finding{finding(declare, condition), finding(condition, declare)} {
		byFile, failed := Edits([]*analyzer.Finding{two}, read)
		if len(byFile) != 0 || len(failed) != 1 {
			t.Errorf("changes %v: edits %v, failed %d; want none, 1", two.Fix.Changes, byFile, len(failed))
		}
		byFile, failed = Edits([]*analyzer.Finding{two, other}, read)
		if !reflect.DeepEqual(byFile, alone) || len(failed) != 1 || failed[0] != two {
			t.Errorf("with another fix: edits %v, failed %v; want %v, the two-file fix", byFile, failed, alone)
		}
	}
}
