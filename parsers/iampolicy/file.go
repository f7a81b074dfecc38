package iampolicy

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// ParseFile reads a raw policy file or AWS CLI output. ok is false when the
// file is not a policy at all (the checker then skips it silently).
//
// A raw policy is a JSON object with a Statement element; it is classified by
// shape: a trust policy when a statement has a Principal and an sts: action,
// a resource policy when a statement has a Principal, an identity policy
// otherwise. AWS CLI output of `aws iam get-role`, `get-role-policy`,
// `get-user-policy`, `get-group-policy`, `get-policy-version`,
// `get-account-authorization-details`, and the resource policies returned as
// JSON strings by `aws s3api get-bucket-policy`, `aws kms get-key-policy`,
// `aws lambda get-policy`, `aws sns get-topic-attributes` and
// `aws sqs get-queue-attributes` are read too; its policies are named
// after their role, user, group or policy (Policy.Name, "role/ConfigRole").
//
// A raw policy's statements are read into the model as the JSON parser
// reads them, each statement's tree dropped for the next (see
// statementReader); the result is the same as from the whole tree.
func ParseFile(path string, src []byte) (unit *model.Unit, ok bool) {
	sr := &statementReader{}
	v, diags := jsonvalue.ParseEach(path, src, sr.each)
	switch {
	case v == nil || len(sr.statements) == 0:
		return readFile(path, src, v, diags, nil) // the tree is whole
	case !sr.whole(v):
		// The statements read are not the policy's (its Statement
		// spelled twice): the whole tree is needed.
		v, diags = jsonvalue.Parse(path, src)
		return readFile(path, src, v, diags, nil)
	}
	return readFile(path, src, v, diags, sr)
}

// parseFileTree is ParseFile from the document's whole tree (for the tests).
func parseFileTree(path string, src []byte) (*model.Unit, bool) {
	v, diags := jsonvalue.Parse(path, src)
	return readFile(path, src, v, diags, nil)
}

// readFile is ParseFile from the document's tree v and its diagnostics; sr
// holds its statements when they were read as it was parsed.
func readFile(path string, src []byte, v *model.Value, diags []model.Diagnostic, sr *statementReader) (*model.Unit, bool) {
	u := &model.Unit{Format: model.IAMPolicy, Path: path, Files: []string{path}}
	if v == nil {
		if bytes.Contains(src, []byte(`"Statement"`)) {
			u.Diagnostics = diags
			return u, true
		}
		return nil, false
	}
	f := &fileReader{unit: u}
	switch {
	case sr != nil:
		f.add(sr.policy(v))
	case isRawPolicy(v):
		p, ds := FromValue(v, Classify(v), nil, "")
		f.add(p, ds)
	case f.cli(v):
	default:
		return nil, false
	}
	u.Diagnostics = append(diags, u.Diagnostics...)
	model.SortDiagnostics(u.Diagnostics)
	return u, true
}

type fileReader struct {
	unit *model.Unit
}

func (f *fileReader) add(p *model.Policy, diags []model.Diagnostic) {
	if p != nil {
		f.unit.Policies = append(f.unit.Policies, p)
	}
	f.unit.Diagnostics = append(f.unit.Diagnostics, diags...)
}

// isRawPolicy reports whether v looks like a policy document: an object whose
// Statement is an object or a list, or one with both Version and Statement.
func isRawPolicy(v *model.Value) bool {
	if v.Kind != model.Object {
		return false
	}
	st := v.GetFold("Statement")
	if st == nil {
		return false
	}
	if st.Kind == model.Object || st.Kind == model.List {
		return true
	}
	return v.GetFold("Version") != nil
}

// Classify returns the kind of a raw policy document by its shape: trust when
// a statement has a Principal (or NotPrincipal) and an sts: action
// (sts:AssumeRole, sts:AssumeRoleWithSAML, ...), resource when a statement
// has a Principal, identity otherwise.
func Classify(doc *model.Value) model.PolicyKind {
	var c classifier
	if doc != nil && doc.Kind == model.Object {
		for _, st := range doc.GetFold("Statement").Elements() {
			c.statement(st)
		}
	}
	return c.kind
}

// classifier is Classify one statement at a time.
type classifier struct {
	kind model.PolicyKind // IdentityPolicy until a statement says otherwise
}

func (c *classifier) statement(st *model.Value) {
	if c.kind == model.TrustPolicy || st.Kind != model.Object {
		return
	}
	if st.GetFold("Principal") == nil && st.GetFold("NotPrincipal") == nil {
		return
	}
	c.kind = model.ResourcePolicy
	for _, a := range st.GetFold("Action").Elements() {
		if s, ok := a.AsString(); ok && strings.HasPrefix(strings.ToLower(s), "sts:") {
			c.kind = model.TrustPolicy
			return
		}
	}
}

// statementReader reads a raw policy file's statements as the JSON parser
// reads them (jsonvalue.ParseEach): each statement of the Statement list
// is classified and read into the model, and its tree dropped, so that
// the parser's nodes of one statement serve the next. A policy of 36,000
// resource ARNs in three statements kept a tree of 8.4 MB beside the model
// it was read into (184 bytes an ARN, more than the model's 136).
type statementReader struct {
	r          reader // the statements' diagnostics
	class      classifier
	statements []*model.Statement
}

func (sr *statementReader) each(key string, index int, st *model.Value) bool {
	if !strings.EqualFold(key, "Statement") {
		return true
	}
	sr.class.statement(st)
	sr.statements = append(sr.statements, sr.r.statement(index, st))
	return false
}

// whole reports whether the statements read are all the policy's: doc is
// an object with one Statement member, spelled in any case (as reader.field
// and GetFold find it), and it is the list they were read from.
func (sr *statementReader) whole(doc *model.Value) bool {
	if doc.Kind != model.Object {
		return false
	}
	var st *model.Field
	for _, f := range doc.Fields {
		if strings.EqualFold(f.Key, "Statement") {
			if st != nil {
				return false
			}
			st = f
		}
	}
	return st != nil && st.Value.Kind == model.List
}

// policy is FromValue(doc, Classify(doc), nil, "") for the document whose
// statements sr read.
func (sr *statementReader) policy(doc *model.Value) (*model.Policy, []model.Diagnostic) {
	r := &reader{read: sr}
	p := &model.Policy{Kind: sr.class.kind, Path: model.PolicyPath(""), Range: doc.Range}
	r.document(p, doc)
	return p, r.diags
}

// cli reads the AWS CLI output shapes; it returns false when v is none of
// them.
func (f *fileReader) cli(v *model.Value) bool {
	if v.Kind != model.Object {
		return false
	}
	found := false
	// aws iam get-role / create-role
	if role := v.Get("Role"); role != nil && role.Kind == model.Object && role.Get("AssumeRolePolicyDocument") != nil {
		found = true
		name := entityName("role", role, "RoleName")
		f.policy(role.Get("AssumeRolePolicyDocument"), model.TrustPolicy, name, "Role.AssumeRolePolicyDocument")
	}
	// aws iam get-role-policy / get-user-policy / get-group-policy
	if doc := v.Get("PolicyDocument"); doc != nil {
		for _, k := range []struct{ key, prefix string }{{"RoleName", "role"}, {"UserName", "user"}, {"GroupName", "group"}} {
			if v.Get(k.key) != nil {
				found = true
				f.policy(doc, model.IdentityPolicy, entityName(k.prefix, v, k.key), inlineProperty("", v))
				break
			}
		}
	}
	// aws iam get-policy-version
	if pv := v.Get("PolicyVersion"); pv != nil && pv.Kind == model.Object && pv.Get("Document") != nil {
		found = true
		f.policy(pv.Get("Document"), model.IdentityPolicy, "", "PolicyVersion.Document")
	}
	// aws s3api get-bucket-policy, aws kms get-key-policy, aws lambda
	// get-policy ({"Policy": "<JSON>"}) and aws sns / sqs
	// get-*-attributes ({"Attributes": {"Policy": "<JSON>"}}): resource
	// policies as JSON strings.
	for _, holder := range []*model.Value{v, v.Get("Attributes")} {
		if doc := policyString(holder.Get("Policy")); doc != nil {
			found = true
			prop := "Policy"
			if holder != v {
				prop = "Attributes.Policy"
			}
			p, diags := FromValue(doc, model.ResourcePolicy, nil, prop)
			if p != nil && !p.Unknown {
				p.Kind = classifyPolicy(p)
			}
			f.add(p, diags)
		}
	}
	// aws iam get-account-authorization-details
	lists := []string{"RoleDetailList", "UserDetailList", "GroupDetailList", "Policies"}
	for _, l := range lists {
		if lv := v.Get(l); lv != nil && lv.Kind == model.List {
			found = true
		}
	}
	if !found {
		return false
	}
	for _, role := range objects(v.Get("RoleDetailList")) {
		name := entityName("role", role, "RoleName")
		f.policy(role.Get("AssumeRolePolicyDocument"), model.TrustPolicy, name, "AssumeRolePolicyDocument")
		for _, ip := range objects(role.Get("RolePolicyList")) {
			f.policy(ip.Get("PolicyDocument"), model.IdentityPolicy, name, inlineProperty("RolePolicyList", ip))
		}
	}
	for _, user := range objects(v.Get("UserDetailList")) {
		name := entityName("user", user, "UserName")
		for _, ip := range objects(user.Get("UserPolicyList")) {
			f.policy(ip.Get("PolicyDocument"), model.IdentityPolicy, name, inlineProperty("UserPolicyList", ip))
		}
	}
	for _, group := range objects(v.Get("GroupDetailList")) {
		name := entityName("group", group, "GroupName")
		for _, ip := range objects(group.Get("GroupPolicyList")) {
			f.policy(ip.Get("PolicyDocument"), model.IdentityPolicy, name, inlineProperty("GroupPolicyList", ip))
		}
	}
	for _, pol := range objects(v.Get("Policies")) {
		// AWS managed policies are not the account's to fix.
		if arn, _ := pol.Get("Arn").AsString(); strings.Contains(arn, ":iam::aws:policy/") {
			continue
		}
		name := entityName("policy", pol, "PolicyName")
		for _, ver := range objects(pol.Get("PolicyVersionList")) {
			if def, ok := ver.Get("IsDefaultVersion").AsBool(); !ok || !def {
				continue
			}
			id, _ := ver.Get("VersionId").AsString()
			f.policy(ver.Get("Document"), model.IdentityPolicy, name, fmt.Sprintf("PolicyVersionList[%s].Document", id))
		}
	}
	return true
}

// policyString returns a JSON policy document held in a string value, or
// nil when v is not such a string.
func policyString(v *model.Value) *model.Value {
	if v == nil || v.Kind != model.String || !strings.Contains(v.Str, "Statement") {
		return nil
	}
	if t := strings.TrimSpace(v.Str); !strings.HasPrefix(t, "{") && !strings.HasPrefix(strings.ToLower(t), "%7b") {
		return nil
	}
	return v
}

// classifyPolicy is Classify for a normalized policy: trust when a
// statement with a principal allows an sts: action, resource when a
// statement has a principal, identity otherwise.
func classifyPolicy(p *model.Policy) model.PolicyKind {
	kind := model.IdentityPolicy
	for _, s := range p.Statements {
		if s.Principal == nil && s.NotPrincipal == nil {
			continue
		}
		kind = model.ResourcePolicy
		for _, a := range s.Action {
			if a.Known && strings.HasPrefix(strings.ToLower(a.Text), "sts:") {
				return model.TrustPolicy
			}
		}
	}
	return kind
}

func (f *fileReader) policy(doc *model.Value, kind model.PolicyKind, name, property string) {
	if doc == nil {
		return
	}
	p, diags := FromValue(doc, kind, nil, property)
	if p != nil {
		p.Name = name
	}
	f.add(p, diags)
}

func objects(v *model.Value) []*model.Value {
	var out []*model.Value
	if v == nil || v.Kind != model.List {
		return nil
	}
	for _, it := range v.Items {
		if it.Kind == model.Object {
			out = append(out, it)
		}
	}
	return out
}

// entityName names an IAM entity the way its ARN's resource part does:
// "role/ConfigRole", "role/service-role/ConfigRole",
// "role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig".
func entityName(prefix string, obj *model.Value, key string) string {
	name, _ := obj.Get(key).AsString()
	path, _ := obj.Get("Path").AsString()
	path = strings.Trim(path, "/")
	if path != "" {
		return prefix + "/" + path + "/" + name
	}
	return prefix + "/" + name
}

// inlineProperty is where an inline policy sits in CLI output, keyed by the
// policy name so that it survives reordering.
func inlineProperty(list string, obj *model.Value) string {
	name, _ := obj.Get("PolicyName").AsString()
	if list == "" {
		return "PolicyDocument"
	}
	return fmt.Sprintf("%s[%s].PolicyDocument", list, name)
}
