package fixes

import (
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// Statement is a policy statement a fix adds. Resources are values or
// expressions (a bucket's ARN, see ARN).
type Statement struct {
	Sid        string
	Effect     string
	Everyone   bool // Principal "*"
	Actions    []string
	Resources  []analyzer.FixValue
	Conditions []Condition
}

// Condition is one key of one operator block.
type Condition struct {
	Operator, Key string
	Values        []string
}

// document is the statement as a policy document writes it (JSON,
// YAML, jsonencode).
func (s Statement) document() analyzer.FixObject {
	obj := analyzer.FixObject{{Key: "Sid", Value: s.Sid}, {Key: "Effect", Value: s.Effect}}
	if s.Everyone {
		obj = append(obj, analyzer.FixMember{Key: "Principal", Value: "*"})
	}
	obj = append(obj, analyzer.FixMember{Key: "Action", Value: oneOrList(strs(s.Actions))})
	obj = append(obj, analyzer.FixMember{Key: "Resource", Value: oneOrList(s.Resources)})
	if len(s.Conditions) > 0 {
		var ops analyzer.FixObject
		for _, c := range s.Conditions {
			ops = merge(ops, c.Operator, analyzer.FixObject{{Key: c.Key, Value: oneOrList(strs(c.Values))}})
		}
		obj = append(obj, analyzer.FixMember{Key: "Condition", Value: ops})
	}
	return obj
}

// block is the statement as a statement block of an
// aws_iam_policy_document writes it.
func (s Statement) block() analyzer.FixObject {
	obj := analyzer.FixObject{
		{Key: "sid", Value: s.Sid},
		{Key: "effect", Value: s.Effect},
		{Key: "actions", Value: strs(s.Actions)},
		{Key: "resources", Value: s.Resources},
	}
	if s.Everyone {
		obj = append(obj, analyzer.FixMember{Key: "principals", Value: analyzer.FixObject{
			{Key: "type", Value: "*"}, {Key: "identifiers", Value: []analyzer.FixValue{"*"}}}})
	}
	for _, c := range s.Conditions {
		obj = append(obj, analyzer.FixMember{Key: "condition", Value: analyzer.FixObject{
			{Key: "test", Value: c.Operator}, {Key: "variable", Value: c.Key}, {Key: "values", Value: strs(c.Values)}}})
	}
	return obj
}

// merge adds the members of sub under key op of obj.
func merge(obj analyzer.FixObject, op string, sub analyzer.FixObject) analyzer.FixObject {
	for i := range obj {
		if obj[i].Key == op {
			obj[i].Value = append(obj[i].Value.(analyzer.FixObject), sub...)
			return obj
		}
	}
	return append(obj, analyzer.FixMember{Key: op, Value: sub})
}

func strs(ss []string) []analyzer.FixValue {
	out := make([]analyzer.FixValue, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func oneOrList(vs []analyzer.FixValue) analyzer.FixValue {
	if len(vs) == 1 {
		return vs[0]
	}
	return vs
}

// ARN is the ARN of a resource of the unit, and of its objects or
// children (suffix "/*"), as a policy in the format of that unit refers to
// it: !GetAtt and !Sub in a template, the arn attribute in Terraform (a
// JSON string with interpolation in a heredoc). For a resource of several
// instances it is the reference a block with as many instances makes
// (x[count.index], each.value: see self); only such a block may hold it.
func ARN(u *model.Unit, r *model.Resource, suffix string) (analyzer.FixValue, bool) {
	if r == nil || r.Name == "" {
		return nil, false
	}
	switch u.Format {
	case model.CloudFormation:
		if suffix == "" {
			return analyzer.FixExpr{YAML: "!GetAtt " + r.Name + ".Arn", JSON: `{"Fn::GetAtt": [` + strconv.Quote(r.Name) + `, "Arn"]}`}, true
		}
		sub := "${" + r.Name + ".Arn}" + suffix
		return analyzer.FixExpr{YAML: "!Sub " + strconv.Quote(sub), JSON: `{"Fn::Sub": ` + strconv.Quote(sub) + `}`}, true
	case model.Terraform:
		ref, _, ok := self(r)
		if !ok {
			return nil, false
		}
		ref += ".arn"
		if suffix == "" {
			return analyzer.FixExpr{HCL: ref, JSON: strconv.Quote("${" + ref + "}")}, true
		}
		s := strconv.Quote("${" + ref + "}" + suffix)
		return analyzer.FixExpr{HCL: s, JSON: s}, true
	}
	return nil, false
}

// AddStatement is the fix that adds st to pol where the policy is written:
// at the end of its Statement list (a template's mapping or JSON, a
// Terraform jsonencode or heredoc), or as a statement block of the
// aws_iam_policy_document the policy renders. The Sid is made unique in
// the policy. It is nil where the policy cannot be edited for this owner
// alone: a document read from a string or another file, shared with
// another policy, or written outside the owner's block.
func AddStatement(u *model.Unit, pol *model.Policy, desc string, st Statement) *analyzer.Fix {
	if pol == nil || pol.Unknown || pol.Owner == nil || pol.Owner.Body == nil || pol.Range.IsZero() || Instanced(pol.Owner) {
		return nil
	}
	st.Sid = uniqueSid(pol, st.Sid)
	if doc := policyDocument(u, pol); doc != nil {
		return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: doc.DefRange, Append: true, Path: []string{"statement"}, Value: st.block()}}}
	}
	list, own := pol.StatementsRange, pol.Owner.Body.Range
	if list.IsZero() || list == pol.Range || list.Filename != own.Filename ||
		list.Start.Byte < own.Start.Byte || list.End.Byte > own.End.Byte ||
		u.Format == model.Terraform && strings.HasSuffix(list.Filename, ".json") {
		return nil
	}
	for _, p := range u.Policies {
		if p != pol && p.StatementsRange == list {
			return nil // one document of several policies
		}
	}
	if u.Format == model.CloudFormation && insideString(pol.Owner.Body, list) {
		return nil // JSON in a string: its quoting is not the file's syntax
	}
	return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: list, AtValue: true, Append: true, Value: st.document()}}}
}

// policyDocument is the aws_iam_policy_document that pol renders, when
// only pol uses it, it is in pol's module, is one instance and merges no
// override document; nil otherwise.
func policyDocument(u *model.Unit, pol *model.Policy) *model.Resource {
	if u.Format != model.Terraform {
		return nil
	}
	var doc *model.Resource
	for _, r := range u.Resources {
		if r.Type == "data.aws_iam_policy_document" && r.Body != nil && r.Body.Range == pol.Range {
			doc = r
			break
		}
	}
	if doc == nil || strings.Contains(doc.Address, "[") || !sameModule(doc, pol.Owner) ||
		doc.Body.Field("override_json") != nil || doc.Body.Field("override_policy_documents") != nil {
		return nil
	}
	for _, p := range u.Policies {
		if p != pol && p.Range == pol.Range {
			return nil
		}
	}
	return doc
}

// sameModule reports whether two resources are in one module instance.
func sameModule(a, b *model.Resource) bool {
	if len(a.Calls) != len(b.Calls) {
		return false
	}
	for i := range a.Calls {
		if a.Calls[i].Address != b.Calls[i].Address {
			return false
		}
	}
	return true
}

// uniqueSid is sid, or sid with a number when pol has a statement by that
// name.
func uniqueSid(pol *model.Policy, sid string) string {
	taken := map[string]bool{}
	for _, s := range pol.Statements {
		taken[s.Sid] = true
	}
	name := sid
	for i := 2; taken[name]; i++ {
		name = sid + strconv.Itoa(i)
	}
	return name
}

// NewBucketPolicy is the fix that gives bucket b, which has no policy in
// the set, one holding st: an aws_s3_bucket_policy after the bucket in
// Terraform (named as the bucket, with as many instances), an
// AWS::S3::BucketPolicy after it in a template (named after it). It is nil
// when the name is taken.
func NewBucketPolicy(u *model.Unit, b *model.Resource, desc string, st Statement) *analyzer.Fix {
	if b == nil || b.DefRange.IsZero() || b.Name == "" {
		return nil
	}
	doc := analyzer.FixObject{{Key: "Version", Value: "2012-10-17"}, {Key: "Statement", Value: []analyzer.FixValue{st.document()}}}
	switch u.Format {
	case model.Terraform:
		if strings.HasSuffix(b.DefRange.Filename, ".json") {
			return nil
		}
		for _, r := range u.Resources {
			if r.Type == "aws_s3_bucket_policy" && r.Name == b.Name && sameModule(r, b) {
				return nil
			}
		}
		ref, meta, ok := self(b)
		if !ok {
			return nil
		}
		body := append(meta,
			analyzer.FixMember{Key: "bucket", Value: analyzer.FixExpr{HCL: ref + ".id"}},
			analyzer.FixMember{Key: "policy", Value: analyzer.FixCall{Name: "jsonencode", Args: []analyzer.FixValue{doc}}},
		)
		return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: b.DefRange,
			Block: &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_s3_bucket_policy", b.Name}, Body: body, Free: moduleFiles(u, b)}}}}
	case model.CloudFormation:
		if len(b.Calls) > 0 || macros(u) {
			return nil
		}
		// A logical id is alphanumeric (the bucket's may not be: cfn-lint
		// E3001).
		stem := strings.Map(func(r rune) rune {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, b.Name) + "Policy"
		name := stem
		for i := 2; logicalID(u, name); i++ {
			name = stem + strconv.Itoa(i)
		}
		res := analyzer.FixObject{
			{Key: "Type", Value: "AWS::S3::BucketPolicy"},
			{Key: "Properties", Value: analyzer.FixObject{
				{Key: "Bucket", Value: analyzer.FixExpr{YAML: "!Ref " + b.Name, JSON: `{"Ref": ` + strconv.Quote(b.Name) + `}`}},
				{Key: "PolicyDocument", Value: doc},
			}},
		}
		return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: b.DefRange, After: true, Path: []string{name}, Value: res}}}
	}
	return nil
}

// logicalID reports whether a template resource is named name.
func logicalID(u *model.Unit, name string) bool {
	for _, r := range u.Resources {
		if r.Name == name {
			return true
		}
	}
	return false
}

// insideString reports whether r is inside a string value of v (a policy
// written as a JSON string, whose inner positions the parser maps).
func insideString(v *model.Value, r model.Range) bool {
	found := false
	v.Walk(func(n *model.Value) bool {
		if n.Kind == model.String && n.Range.Start.Byte <= r.Start.Byte && r.End.Byte <= n.Range.End.Byte {
			found = true
		}
		return !found
	})
	return found
}

// macros reports whether a template names a transform other than SAM's
// and AWS::LanguageExtensions: a macro may rename or copy resources (the
// Count macro makes Bucket1, Bucket2), so a new resource naming one by
// logical id may name nothing.
func macros(u *model.Unit) bool {
	for _, t := range u.Transforms {
		if t != "AWS::Serverless-2016-10-31" && t != "AWS::LanguageExtensions" {
			return true
		}
	}
	return false
}
