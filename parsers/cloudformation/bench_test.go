package cloudformation

import (
	"fmt"
	"github.com/configward/configward/parsers/model"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// bigTemplate is a YAML template of at least size bytes: buckets with
// policies, roles with trust and inline policies, conditions, parameters,
// Sub/Join/If/FindInMap and references between the resources.
func bigTemplate(size int) []byte {
	var b strings.Builder
	b.WriteString(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
Mappings:
  Sizes: {prod: {Days: 365}, dev: {Days: 7}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  InEU: !Equals [!Ref "AWS::Region", eu-west-1]
Resources:
`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `  Bucket%[1]d:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      BucketName: !Sub "logs-${Env}-%[1]d-${AWS::AccountId}"
      LifecycleConfiguration:
        Rules:
          - {Status: Enabled, ExpirationInDays: !FindInMap [Sizes, !Ref Env, Days]}
      Tags:
        - {Key: region, Value: !If [InEU, eu, other]}
        - {Key: name, Value: !Join ["-", [bucket, "%[1]d", !Ref Env]]}
  Policy%[1]d:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket%[1]d
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: config.amazonaws.com}
            Action: [s3:PutObject, s3:GetBucketAcl]
            Resource: [!GetAtt Bucket%[1]d.Arn, !Sub "${Bucket%[1]d.Arn}/AWSLogs/*"]
            Condition: {StringEquals: {"aws:SourceAccount": !Ref "AWS::AccountId"}}
  Role%[1]d:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
      Policies:
        - PolicyName: write
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: "s3:*", Resource: !Sub "arn:${AWS::Partition}:s3:::logs-%[1]d/*"}
`, i)
	}
	return []byte(b.String())
}

func BenchmarkParse1MB(b *testing.B) {
	src := bigTemplate(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		u, ok := Parse("big.yaml", src, Options{})
		if !ok || len(u.Resources) == 0 {
			b.Fatal("not parsed")
		}
	}
}

// cdkAssembly is a cloud assembly of n stacks, each the checked-in CDK
// stack with its nested stack asset under its own names.
func cdkAssembly(b *testing.B, n int) (fstest.MapFS, []string) {
	parent, err := os.ReadFile(filepath.Join(cdkDir, "ConfigStack.template.json"))
	if err != nil {
		b.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(cdkDir, "*.nested.template.json"))
	if len(matches) != 1 {
		b.Fatalf("nested templates: %v", matches)
	}
	child, err := os.ReadFile(matches[0])
	if err != nil {
		b.Fatal(err)
	}
	childName := filepath.Base(matches[0])
	fsys := fstest.MapFS{}
	var stacks []string
	for i := range n {
		stack := fmt.Sprintf("Stack%02d", i)
		nested := stack + "-" + childName
		p := strings.ReplaceAll(string(parent), "ConfigStack/", stack+"/")
		p = strings.ReplaceAll(p, childName, nested)
		fsys[stack+".template.json"] = &fstest.MapFile{Data: []byte(p)}
		fsys[nested] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(child), "ConfigStack/", stack+"/"))}
		stacks = append(stacks, stack+".template.json")
	}
	return fsys, stacks
}

func BenchmarkCDKAssembly20Stacks(b *testing.B) {
	fsys, stacks := cdkAssembly(b, 20)
	read := func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
	var total int64
	for _, f := range fsys {
		total += int64(len(f.Data))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, name := range stacks {
			u, ok := Parse(name, fsys[name].Data, Options{ReadFile: read})
			if !ok || len(u.Files) != 2 || len(u.Diagnostics) != 0 {
				b.Fatalf("%s: %v", name, u)
			}
		}
	}
}

// BenchmarkReadYAML reads the 1 MB template into a value tree, with the
// direct reader and with yaml.v3, to show what the direct reader saves.
func BenchmarkReadYAML(b *testing.B) {
	src := bigTemplate(1 << 20)
	for _, reader := range []struct {
		name string
		read func(*lineTable) *model.Value
	}{
		{"direct", func(t *lineTable) *model.Value { v, _, _ := readFastYAML(t); return v }},
		{"yaml.v3", func(t *lineTable) *model.Value { v, _, _ := parseYAMLv3(t); return v }},
	} {
		b.Run(reader.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if reader.read(newLineTable("big.yaml", src)) == nil {
					b.Fatal("not read")
				}
			}
		})
	}
}
