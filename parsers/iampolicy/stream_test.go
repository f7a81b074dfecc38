package iampolicy

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// asTreeDocs are policy files whose statements ParseFile reads as the
// parser reads them, or must not: misspelled and repeated Statement
// members, a Statement object, statements that are not objects, elements
// in the wrong case, Version after Statement, trust and resource policies,
// documents broken after their first statements, CLI output.
var asTreeDocs = []string{
	`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`,
	`{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}], "Version": "2012-10-17"}`,
	`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "action": "STS:TagSession"}]}`,
	`{"statement": [{"effect": "allow", "Action": "s3:*", "Resource": "*", "Sid": 7, "Extra": 1}], "Id": "x", "Other": [1, 2]}`,
	`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}], "statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`,
	`{"Statement": [{"Effect": "Allow", "Action": "s3:*"}], "Statement": []}`,
	`{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`,
	`{"Statement": [], "Version": "2012-10-17"}`,
	`{"Statement": ["x", 1, null, [], {"Effect": "Allow", "Action": {"a": 1}, "Resource": [1, true, null]}]}`,
	`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": ["1", 2]}, "Bool": "x"}}, {"Effect": "Allow", "Action": "s3:*", "Effect": "Deny", "Resource": "*"}]}`,
	`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "Deny", "Action": `,
	`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]} x`,
	`{"Role": {"RoleName": "r", "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "x"}, "Action": "sts:AssumeRole"}]}}}`,
	`{"Policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}"}`,
	`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}], "Policy": "{\"Statement\": []}"}`,
	`[{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]`,
	`{"Statement": "nothing", "Version": "2012-10-17"}`,
}

// TestParseFileAsTree: reading a raw policy's statements as the parser
// reads them, each statement's tree dropped before the next, gives the
// unit the whole tree gives (policies, their kinds, statements, elements,
// ranges, diagnostics in order), for the documents above and every JSON
// file of the repository.
func TestParseFileAsTree(t *testing.T) {
	type doc struct{ name, src string }
	var docs []doc
	for i, src := range asTreeDocs {
		docs = append(docs, doc{"doc" + string(rune('a'+i)) + ".json", src})
	}
	docs = append(docs, doc{"lists.json", string(resourceLists(300))})
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == ".git" {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			docs = append(docs, doc{path, string(src)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	policies := 0
	for _, d := range docs {
		got, gotOK := ParseFile(d.name, []byte(d.src))
		want, wantOK := parseFileTree(d.name, []byte(d.src))
		if gotOK != wantOK || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ParseFile gives %v %+v, the whole tree %v %+v", d.name, gotOK, got, wantOK, want)
			continue
		}
		if got != nil {
			policies += len(got.Policies)
		}
	}
	t.Logf("%d files, %d policies read alike", len(docs), policies)
	if policies < 60 {
		t.Errorf("only %d policies read: the comparison covers too little", policies)
	}
}

// TestAllocLongPolicy bounds what a policy file of many statements costs
// to read: each statement's tree is dropped for the next, so the parser's
// values and fields (176 and 88 bytes each, over 1,000 bytes a statement
// of three elements) are paid for one statement, not for all. 2,350 bytes
// a statement from the whole tree, 1,285 now: the model's statement (896
// bytes), its two elements (272), its text and the object's slice of
// fields.
func TestAllocLongPolicy(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	const n = 2000
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket` + strings.Repeat("x", i%10) + `/k"}`)
	}
	b.WriteString("]}")
	src := []byte(b.String())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	u, ok := ParseFile("p.json", src)
	runtime.ReadMemStats(&after)
	if !ok || len(u.Policies) != 1 || len(u.Policies[0].Statements) != n {
		t.Fatalf("parse: ok %v", ok)
	}
	perStmt := float64(after.TotalAlloc-before.TotalAlloc) / n
	t.Logf("%.0f bytes allocated a statement", perStmt)
	if perStmt > 1400 {
		t.Errorf("%.0f bytes allocated a statement, want at most 1,400", perStmt)
	}
}
