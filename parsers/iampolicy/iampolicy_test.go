package iampolicy

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const testdataDir = "../../testdata/parsers/iampolicy"

// TestGolden parses every file under testdata/parsers/iampolicy and compares
// model.Dump of the unit with x.json.golden ("not a policy" when ParseFile
// declines the file).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdataDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			u, ok := ParseFile(name, src)
			got := "not a policy\n"
			if ok {
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
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run with -update and read the diff)\ngot:\n%s", golden, got)
			}
		})
	}
}

func parse(t *testing.T, src string) *model.Value {
	t.Helper()
	v, diags := jsonvalue.Parse("p.json", []byte(src))
	if v == nil {
		t.Fatalf("bad test JSON: %v", diags)
	}
	return v
}

func fromJSON(t *testing.T, src string) (*model.Policy, []model.Diagnostic) {
	t.Helper()
	return FromValue(parse(t, src), model.IdentityPolicy, nil, "")
}

func errorsOf(diags []model.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == model.DiagError {
			out = append(out, d.Summary)
		}
	}
	return out
}

func TestFromValueNil(t *testing.T) {
	if p, d := FromValue(nil, model.TrustPolicy, nil, ""); p != nil || d != nil {
		t.Errorf("nil doc: got %v, %v", p, d)
	}
	if p, _ := FromValue(model.NewNull(model.Range{}), model.TrustPolicy, nil, ""); p != nil {
		t.Errorf("null doc: got %v", p)
	}
}

func TestFromValueUnknown(t *testing.T) {
	doc := model.NewUnknown("!GetAtt X.Policy", model.Range{Filename: "t.yaml", Start: model.Pos{Line: 3, Column: 5}})
	p, diags := FromValue(doc, model.TrustPolicy, nil, "AssumeRolePolicyDocument")
	if p == nil || !p.Unknown || len(diags) != 0 || p.Range != doc.Range || p.Kind != model.TrustPolicy || p.Property != "AssumeRolePolicyDocument" {
		t.Fatalf("got %+v %v", p, diags)
	}

	// An unknown statement inside a known list.
	obj := &model.Value{Kind: model.Object, Fields: []*model.Field{{Key: "Statement", Value: &model.Value{Kind: model.List, Items: []*model.Value{
		model.NewUnknown("Fn::If", model.Range{}),
	}}}}}
	p, diags = FromValue(obj, model.IdentityPolicy, nil, "")
	if len(diags) != 0 || len(p.Statements) != 1 || !p.Statements[0].Unknown || p.Unknown {
		t.Fatalf("unknown statement: %+v %v", p, diags)
	}
	// An unknown Statement element makes the document unknown.
	obj.Fields[0].Value = model.NewUnknown("var.statements", model.Range{})
	if p, _ = FromValue(obj, model.IdentityPolicy, nil, ""); !p.Unknown {
		t.Fatal("unknown Statement: policy not unknown")
	}
}

func TestStatementShapes(t *testing.T) {
	// Statement as object vs list; Action etc. as string vs list.
	p, diags := fromJSON(t, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)
	if len(errorsOf(diags)) != 0 || len(p.Statements) != 1 {
		t.Fatalf("object statement: %+v %v", p, diags)
	}
	s := p.Statements[0]
	if !s.IsAllow() || len(s.Action) != 1 || s.Action[0].Text != "s3:GetObject" || !s.Action[0].Known || len(s.Resource) != 1 {
		t.Errorf("object statement: %+v", s)
	}
	if s.NotAction != nil || s.NotResource != nil || s.Principal != nil {
		t.Errorf("absent elements must be nil: %+v", s)
	}
	if s.ActionRange.Start.Column != 35 {
		t.Errorf("ActionRange %v: want the key's range", s.ActionRange)
	}

	p, _ = fromJSON(t, `{"Statement": [{"Sid": "a", "Effect": "Deny", "NotAction": ["s3:*", "kms:*"], "NotResource": []}]}`)
	s = p.Statements[0]
	if s.Sid != "a" || !s.IsDeny() || len(s.NotAction) != 2 || s.NotResource == nil || len(s.NotResource) != 0 {
		t.Errorf("list statement: %+v", s)
	}
	p, _ = fromJSON(t, `{"Statement": []}`)
	if p.Statements == nil || len(p.Statements) != 0 || p.Unknown {
		t.Errorf("empty statement list: %+v", p)
	}
}

func TestPrincipalForms(t *testing.T) {
	tests := []struct {
		name, principal string
		want            []string // "Type=Value", "?" for unknown
		errs            int
	}{
		{"star", `"*"`, []string{"*=*"}, 0},
		{"aws star", `{"AWS": "*"}`, []string{"AWS=*"}, 0},
		{"aws list", `{"AWS": ["111122223333", "arn:aws:iam::111122223333:root"]}`, []string{"AWS=111122223333", "AWS=arn:aws:iam::111122223333:root"}, 0},
		{"aws number", `{"AWS": 111122223333}`, []string{"AWS=111122223333"}, 0},
		{"service", `{"Service": "config.amazonaws.com"}`, []string{"Service=config.amazonaws.com"}, 0},
		{"service list", `{"Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com"]}`, []string{"Service=cloudtrail.amazonaws.com", "Service=config.amazonaws.com"}, 0},
		{"federated", `{"Federated": "arn:aws:iam::1:saml-provider/x"}`, []string{"Federated=arn:aws:iam::1:saml-provider/x"}, 0},
		{"canonical", `{"CanonicalUser": "abc"}`, []string{"CanonicalUser=abc"}, 0},
		{"mixed", `{"AWS": "1", "Service": "s.amazonaws.com"}`, []string{"AWS=1", "Service=s.amazonaws.com"}, 0},
		{"lower-case type", `{"service": "x.amazonaws.com"}`, []string{"service=x.amazonaws.com"}, 0},
		{"bad string", `"everyone"`, []string{"?"}, 1},
		{"bad type key", `{"Person": "bob"}`, []string{"Person=bob"}, 1},
		{"list", `["*"]`, []string{"?"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := fromJSON(t, `{"Statement": {"Effect": "Allow", "Principal": `+tt.principal+`, "Action": "s3:GetObject"}}`)
			s := p.Statements[0]
			var got []string
			for _, pr := range s.Principal {
				if !pr.Value.Known {
					got = append(got, "?")
					continue
				}
				got = append(got, pr.Type+"="+pr.Value.Text)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("principals %v, want %v", got, tt.want)
			}
			if n := len(errorsOf(diags)); n != tt.errs {
				t.Errorf("%d errors, want %d: %v", n, tt.errs, diags)
			}
			if s.PrincipalRange.IsZero() {
				t.Error("PrincipalRange not set")
			}
		})
	}

	p, _ := fromJSON(t, `{"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::1:role/A"}, "Action": "*"}}`)
	s := p.Statements[0]
	if s.Principal != nil || len(s.NotPrincipal) != 1 || s.NotPrincipal[0].Value.Text != "arn:aws:iam::1:role/A" {
		t.Errorf("NotPrincipal: %+v", s)
	}
	if !s.NotPrincipal[0].Value.Known || s.PrincipalRange.IsZero() {
		t.Errorf("NotPrincipal range or value: %+v", s.NotPrincipal[0])
	}
}

func TestPrincipalWildcardHelpers(t *testing.T) {
	p, _ := fromJSON(t, `{"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "a:b"},
		{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "a:b"},
		{"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "a:b"}]}`)
	if !p.Statements[0].Principal[0].IsWildcard() || !p.Statements[1].Principal[0].IsWildcard() {
		t.Error("wildcard principal not recognized")
	}
	if pr := p.Statements[2].Principal[0]; pr.IsWildcard() || !pr.IsService() {
		t.Error("service principal misread")
	}
}

func TestConditions(t *testing.T) {
	p, diags := fromJSON(t, `{"Statement": {"Effect": "Allow", "Action": "a:b", "Condition": {
		"StringEquals": {"AWS:SourceAccount": "111122223333", "s3:x-amz-acl": ["bucket-owner-full-control"]},
		"ArnLikeIfExists": {"aws:SourceArn": ["arn:aws:config:*:1:*", "arn:aws:config:*:2:*"]},
		"ForAllValues:StringLike": {"aws:TagKeys": "env*"},
		"forAnyValue:StringEqualsIgnoreCaseIfExists": {"aws:PrincipalTag/x": "y"},
		"NumericLessThan": {"s3:TlsVersion": 1.2},
		"Bool": {"aws:SecureTransport": false},
		"Null": {"aws:SourceVpce": "true"},
		"StringEquals:Bad": {"k": "v"}
	}}}`)
	if e := errorsOf(diags); len(e) != 0 {
		t.Fatalf("errors: %v", e)
	}
	type want struct {
		op, base, set string
		ifExists      bool
		key, folded   string
		values        string
		numeric       bool
	}
	wants := []want{
		{"StringEquals", "stringequals", "", false, "AWS:SourceAccount", "aws:sourceaccount", "111122223333", false},
		{"StringEquals", "stringequals", "", false, "s3:x-amz-acl", "s3:x-amz-acl", "bucket-owner-full-control", false},
		{"ArnLikeIfExists", "arnlike", "", true, "aws:SourceArn", "aws:sourcearn", "arn:aws:config:*:1:* arn:aws:config:*:2:*", false},
		{"ForAllValues:StringLike", "stringlike", "forallvalues", false, "aws:TagKeys", "aws:tagkeys", "env*", false},
		{"forAnyValue:StringEqualsIgnoreCaseIfExists", "stringequalsignorecase", "foranyvalue", true, "aws:PrincipalTag/x", "aws:principaltag/x", "y", false},
		{"NumericLessThan", "numericlessthan", "", false, "s3:TlsVersion", "s3:tlsversion", "1.2", true},
		{"Bool", "bool", "", false, "aws:SecureTransport", "aws:securetransport", "false", false},
		{"Null", "null", "", false, "aws:SourceVpce", "aws:sourcevpce", "true", false},
		{"StringEquals:Bad", "stringequals:bad", "", false, "k", "k", "v", false},
	}
	cs := p.Statements[0].Conditions
	if len(cs) != len(wants) {
		t.Fatalf("%d conditions, want %d", len(cs), len(wants))
	}
	for i, w := range wants {
		c := cs[i]
		var vals []string
		num := false
		for _, v := range c.Values {
			vals = append(vals, v.Text)
			num = num || v.Numeric
		}
		got := want{c.Operator, c.Base, c.SetOp, c.IfExists, c.Key, c.KeyFolded, strings.Join(vals, " "), num}
		if got != w {
			t.Errorf("condition %d:\n got %+v\nwant %+v", i, got, w)
		}
		if c.KeyRange.IsZero() || c.Unknown {
			t.Errorf("condition %d: range %v unknown %v", i, c.KeyRange, c.Unknown)
		}
	}
	if p.Statements[0].ConditionRange.IsZero() {
		t.Error("ConditionRange not set")
	}
}

func TestParseOperator(t *testing.T) {
	tests := []struct {
		op, set, base string
		ifExists      bool
	}{
		{"StringEquals", "", "stringequals", false},
		{"StringEqualsIfExists", "", "stringequals", true},
		{"ForAllValues:ArnLike", "forallvalues", "arnlike", false},
		{"FORANYVALUE:StringLikeIFEXISTS", "foranyvalue", "stringlike", true},
		{"IfExists", "", "ifexists", false},
		{"Null", "", "null", false},
	}
	for _, tt := range tests {
		set, base, ie := ParseOperator(tt.op)
		if set != tt.set || base != tt.base || ie != tt.ifExists {
			t.Errorf("ParseOperator(%q) = %q %q %v", tt.op, set, base, ie)
		}
	}
}

func TestUnknownParts(t *testing.T) {
	r := func(line int) model.Range {
		return model.Range{Filename: "t.yaml", Start: model.Pos{Line: line, Column: 1}}
	}
	acct := &model.Value{Kind: model.Unknown, Reason: "!Ref AWS::AccountId", Hint: model.ThisAccount, Range: r(9)}
	arn := &model.Value{Kind: model.Unknown, Reason: "!GetAtt Bucket.Arn", Ref: &model.Ref{Target: "Bucket", Attr: "Arn"}, Range: r(8)}
	obj := func(fields ...*model.Field) *model.Value { return &model.Value{Kind: model.Object, Fields: fields} }
	fld := func(k string, v *model.Value) *model.Field { return &model.Field{Key: k, KeyRange: r(2), Value: v} }
	str := func(s string) *model.Value { return model.NewString(s, r(3)) }
	doc := obj(fld("Statement", &model.Value{Kind: model.List, Items: []*model.Value{obj(
		fld("Effect", model.NewUnknown("Fn::If", r(4))),
		fld("Principal", obj(fld("Service", model.NewUnknown("var.services", r(5))))),
		fld("Action", &model.Value{Kind: model.List, Items: []*model.Value{str("s3:PutObject"), model.NewUnknown("var.extra", r(6))}}),
		fld("Resource", arn),
		fld("Condition", obj(
			fld("StringEquals", obj(fld("aws:SourceAccount", acct))),
			fld("ArnLike", model.NewUnknown("local.cond", r(10))),
		)),
	)}}))
	p, diags := FromValue(doc, model.ResourcePolicy, nil, "policy")
	if len(errorsOf(diags)) != 0 {
		t.Fatalf("errors: %v", diags)
	}
	s := p.Statements[0]
	if s.EffectKnown || s.IsAllow() || s.IsDeny() {
		t.Error("unknown effect read as known")
	}
	if len(s.Principal) != 1 || s.Principal[0].Type != "Service" || s.Principal[0].Value.Known || s.Principal[0].Value.Range != r(5) {
		t.Errorf("unknown principal value: %+v", s.Principal[0])
	}
	if len(s.Action) != 2 || !s.Action[0].Known || s.Action[1].Known || s.Action[1].Reason != "var.extra" {
		t.Errorf("actions: %+v %+v", s.Action[0], s.Action[1])
	}
	if e := s.Resource[0]; e.Known || e.Ref == nil || e.Ref.Target != "Bucket" || e.Range != r(8) {
		t.Errorf("resource: %+v", e)
	}
	c := s.Conditions[0]
	if c.KeyFolded != "aws:sourceaccount" || len(c.Values) != 1 || c.Values[0].Known || c.Values[0].Hint != model.ThisAccount || !c.Unknown {
		t.Errorf("unknown condition value: %+v %+v", c, c.Values[0])
	}
	if c := s.Conditions[1]; !c.Unknown || c.Base != "arnlike" || c.Key != "" {
		t.Errorf("unknown operator block: %+v", c)
	}
	// A whole Condition that is unknown.
	doc = obj(fld("Statement", obj(fld("Effect", str("Allow")), fld("Action", str("a:b")), fld("Condition", model.NewUnknown("Fn::If", r(7))))))
	p, _ = FromValue(doc, model.IdentityPolicy, nil, "")
	if cs := p.Statements[0].Conditions; len(cs) != 1 || !cs[0].Unknown {
		t.Errorf("unknown Condition: %+v", cs)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
		unknown         bool
	}{
		{"not object", `["Statement"]`, "must be a JSON object", true},
		{"no statement", `{"Version": "2012-10-17"}`, "has no Statement", false},
		{"statement string", `{"Statement": "x"}`, "must be an object or a list", true},
		{"bad effect", `{"Statement": {"Effect": "Permit", "Action": "a:b"}}`, "Effect must be Allow or Deny", false},
		{"effect type", `{"Statement": {"Effect": true, "Action": "a:b"}}`, "Effect must be the string", false},
		{"no effect", `{"Statement": {"Action": "a:b"}}`, "no Effect", false},
		{"no action", `{"Statement": {"Effect": "Allow"}}`, "neither Action nor NotAction", false},
		{"both actions", `{"Statement": {"Effect": "Allow", "Action": "a:b", "NotAction": "c:d"}}`, "both Action and NotAction", false},
		{"action object", `{"Statement": {"Effect": "Allow", "Action": {"a": 1}}}`, "Action must be a string", false},
		{"condition list", `{"Statement": {"Effect": "Allow", "Action": "a:b", "Condition": []}}`, "Condition must be an object", false},
		{"condition op value", `{"Statement": {"Effect": "Allow", "Action": "a:b", "Condition": {"Bool": "x"}}}`, "must map to an object", false},
		{"condition nested", `{"Statement": {"Effect": "Allow", "Action": "a:b", "Condition": {"Bool": {"k": {"x": 1}}}}}`, "condition value", false},
		{"statement item", `{"Statement": [1]}`, "statement must be an object", false},
		{"string not json", `"not json"`, "must be a JSON object", true},
		{"string bad json", `"{\"Statement\": ["`, "not valid JSON", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := fromJSON(t, tt.src)
			errs := errorsOf(diags)
			if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), tt.want) {
				t.Errorf("errors %q, want one containing %q", errs, tt.want)
			}
			for _, d := range diags {
				if d.Range.IsZero() {
					t.Errorf("diagnostic without a range: %v", d)
				}
			}
			if p == nil || p.Unknown != tt.unknown {
				t.Errorf("policy %+v, want unknown=%v", p, tt.unknown)
			}
		})
	}
}

func TestElementCaseTolerance(t *testing.T) {
	p, diags := fromJSON(t, `{"statement": {"effect": "Allow", "action": "a:b", "resource": "*"}}`)
	if len(errorsOf(diags)) != 0 || len(p.Statements) != 1 || !p.Statements[0].IsAllow() || len(p.Statements[0].Action) != 1 {
		t.Fatalf("lower-case elements: %+v %v", p, diags)
	}
	if len(diags) == 0 {
		t.Error("want warnings for misspelled element names")
	}
}

func TestStringDocument(t *testing.T) {
	rng := model.Range{Filename: "t.yaml", Start: model.Pos{Line: 4, Column: 7}, End: model.Pos{Line: 4, Column: 60}}
	for _, text := range []string{
		`{"Statement": {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"}}`,
		`%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22config.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%7D`,
	} {
		p, diags := FromValue(model.NewString(text, rng), model.TrustPolicy, nil, "AssumeRolePolicyDocument")
		if len(diags) != 0 || len(p.Statements) != 1 {
			t.Fatalf("string doc: %+v %v", p, diags)
		}
		s := p.Statements[0]
		if s.Range != rng || s.Principal[0].Value.Range != rng || s.ActionRange != rng || s.Principal[0].Value.Text != "config.amazonaws.com" {
			t.Errorf("string doc ranges or values: %+v", s)
		}
	}
}

func TestParseFileClassify(t *testing.T) {
	tests := []struct {
		name, src string
		ok        bool
		kinds     string
	}{
		{"identity", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, true, "identity"},
		{"trust", `{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`, true, "trust"},
		{"trust saml", `{"Statement": {"Effect": "Allow", "Principal": {"Federated": "x"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"]}}`, true, "trust"},
		{"resource", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`, true, "resource"},
		{"resource star action", `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "1"}, "Action": "*", "Resource": "*"}]}`, true, "resource"},
		{"version and string statement", `{"Version": "2012-10-17", "Statement": "x"}`, true, "identity"},
		{"string statement alone", `{"Statement": "x"}`, false, ""},
		{"package.json", `{"name": "x", "version": "1.0.0"}`, false, ""},
		{"array", `[1, 2]`, false, ""},
		{"broken with Statement", `{"Statement": [`, true, ""},
		{"broken without", `{"name": `, false, ""},
		{"get-role", `{"Role": {"RoleName": "R", "Path": "/", "AssumeRolePolicyDocument": {"Statement": []}}}`, true, "trust"},
		{"get-user-policy", `{"UserName": "u", "PolicyName": "p", "PolicyDocument": {"Statement": []}}`, true, "identity"},
		{"get-group-policy", `{"GroupName": "g", "PolicyName": "p", "PolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}`, true, "identity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := ParseFile("p.json", []byte(tt.src))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			var kinds []string
			for _, p := range u.Policies {
				kinds = append(kinds, p.Kind.String())
			}
			if strings.Join(kinds, " ") != tt.kinds {
				t.Errorf("kinds %q, want %q", kinds, tt.kinds)
			}
			if u.Format != model.IAMPolicy || u.Path != "p.json" || len(u.Files) != 1 || len(u.Resources) != 0 {
				t.Errorf("unit fields: %+v", u)
			}
			if tt.kinds == "" && len(u.Diagnostics) == 0 {
				t.Error("a broken file must carry a diagnostic")
			}
		})
	}
}

func TestParseFileNames(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdataDir, "cli_authorization_details.json"))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := ParseFile("auth.json", src)
	if !ok {
		t.Fatal("not read")
	}
	var got []string
	for _, p := range u.Policies {
		got = append(got, p.Kind.String()+" "+p.Name+" "+p.Property)
	}
	want := []string{
		"trust role/service-role/ConfigRole AssumeRolePolicyDocument",
		"identity role/service-role/ConfigRole RolePolicyList[Delivery].PolicyDocument",
		"identity user/alice UserPolicyList[Admin].PolicyDocument",
		"identity group/ops GroupPolicyList[Read].PolicyDocument",
		"identity policy/Custom PolicyVersionList[v2].Document",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("policies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzFromJSON checks that no input makes the reader panic, and that every
// diagnostic has a range.
func FuzzFromJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(testdataDir, "*.json"))
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`{"Statement": {"Effect": "Allow", "Principal": {"Service": []}, "Action": [], "Condition": {"": {"": []}}}}`))
	f.Add([]byte(`{"Role": {"AssumeRolePolicyDocument": "%7B%7D"}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		u, ok := ParseFile("f.json", src)
		if ok {
			for _, d := range u.Diagnostics {
				if d.Range.IsZero() {
					t.Fatalf("diagnostic without range: %+v", d)
				}
			}
			_ = model.Dump(u)
		}
		if v, _ := jsonvalue.Parse("f.json", src); v != nil && v.Kind != model.Null {
			for _, kind := range []model.PolicyKind{model.IdentityPolicy, model.TrustPolicy} {
				p, _ := FromValue(v, kind, nil, "")
				if p == nil {
					t.Fatal("nil policy for a non-nil document")
				}
			}
		}
	})
}
