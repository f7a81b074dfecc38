package cloudformation

import (
	"fmt"
	"strings"

	"github.com/configward/configward/parsers/model"
)

// SAM (Transform: AWS::Serverless-2016-10-31). The transform runs at deploy
// time; what it does to the resources the rules reason about is modelled
// here: Globals.Function is merged into every AWS::Serverless::Function,
// and a function without a Role gets the execution role SAM creates,
// "<Function>Role", with its trust policy and the function's Policies
// (managed policy names and ARNs, inline documents, and SAM policy
// templates, which stay unknown under their name).

const samFunction = "AWS::Serverless::Function"

// samGlobals returns the template's Globals.Function section, or nil.
func samGlobals(root *model.Value) *model.Value {
	g := root.Get("Globals").Get("Function")
	if g == nil || g.Kind != model.Object || isIntrinsic(g) {
		return nil
	}
	return g
}

// mergeGlobals merges the Globals.Function section g into a function's
// Properties p, both unevaluated, as SAM does: the function's scalars win,
// maps are merged key by key, and lists are added to (the global items
// first). Every merged node keeps the range where it is written.
func mergeGlobals(g, p *model.Value) *model.Value {
	if g == nil {
		return p
	}
	if p == nil {
		return g
	}
	if p.Kind != model.Object || isIntrinsic(p) || g.Kind != model.Object || isIntrinsic(g) {
		return p
	}
	out := &model.Value{Kind: model.Object, Range: p.Range}
	for _, gf := range g.Fields {
		if p.Field(gf.Key) == nil {
			out.Fields = append(out.Fields, gf)
		}
	}
	for _, pf := range p.Fields {
		v := pf.Value
		if gf := g.Field(pf.Key); gf != nil {
			switch gv := gf.Value; {
			case gv.Kind == model.Object && v.Kind == model.Object:
				v = mergeGlobals(gv, v)
			case gv.Kind == model.List && v.Kind == model.List:
				l := &model.Value{Kind: model.List, Range: v.Range}
				l.Items = append(append(l.Items, gv.Items...), v.Items...)
				v = l
			}
		}
		out.Fields = append(out.Fields, &model.Field{Key: pf.Key, KeyRange: pf.KeyRange, Value: v})
	}
	return out
}

// samRole is the execution role SAM creates for a function that names no
// Role, as an AWS::IAM::Role resource the adapter reads like any other; nil
// when the function has a Role (or its properties cannot be known).
func samRole(fn *model.Resource) *model.Resource {
	if fn.Body.IsUnknown() || fn.Body.Field("Role") != nil {
		return nil
	}
	at := fn.DefRange
	body := &model.Value{Kind: model.Object, Range: at}
	add := func(key string, keyRng model.Range, v *model.Value) {
		body.Fields = append(body.Fields, &model.Field{Key: key, KeyRange: keyRng, Value: v})
	}
	if f := fn.Body.Field("AssumeRolePolicyDocument"); f != nil {
		add("AssumeRolePolicyDocument", f.KeyRange, f.Value)
	} else {
		add("AssumeRolePolicyDocument", at, lambdaTrust(at))
	}
	managed := &model.Value{Kind: model.List, Range: at}
	managed.Items = append(managed.Items, awsManaged("service-role/AWSLambdaBasicExecutionRole", at))
	if s, _ := fn.Body.Get("Tracing").AsString(); s == "Active" {
		managed.Items = append(managed.Items, awsManaged("AWSXrayWriteOnlyAccess", fn.Body.KeyRangeOf("Tracing")))
	}
	inline := &model.Value{Kind: model.List, Range: at}
	if f := fn.Body.Field("Policies"); f != nil {
		managed.Range, inline.Range = f.Value.Range, f.Value.Range
		for i, it := range f.Value.Elements() {
			switch {
			case it.Kind == model.String:
				if strings.HasPrefix(it.Str, "arn:") {
					managed.Items = append(managed.Items, it)
				} else {
					managed.Items = append(managed.Items, awsManaged(it.Str, it.Range))
				}
			case it.Kind == model.Unknown:
				// A Ref to a managed policy, or a whole list that cannot
				// be known: both a managed ARN and an inline document
				// that stay unknown.
				managed.Items = append(managed.Items, it)
				if f.Value.Kind == model.Unknown {
					inline.Items = append(inline.Items, samPolicy(fmt.Sprintf("%sRolePolicy%d", fn.Name, i), it, it.Range))
				}
			case it.Kind == model.Object && it.Field("Statement") != nil:
				inline.Items = append(inline.Items, samPolicy(fmt.Sprintf("%sRolePolicy%d", fn.Name, i), it, it.Range))
			case it.Kind == model.Object && len(it.Fields) == 1:
				// A SAM policy template: named, its statements unknown.
				tf := it.Fields[0]
				doc := unknown("SAM policy template "+tf.Key, it.Range)
				inline.Items = append(inline.Items, samPolicy(tf.Key, doc, tf.KeyRange))
			default:
				inline.Items = append(inline.Items, samPolicy(fmt.Sprintf("%sRolePolicy%d", fn.Name, i), unknown("SAM policy", it.Range), it.Range))
			}
		}
	}
	add("ManagedPolicyArns", at, managed)
	if len(inline.Items) > 0 {
		add("Policies", fn.Body.KeyRangeOf("Policies"), inline)
	}
	if f := fn.Body.Field("PermissionsBoundary"); f != nil {
		add("PermissionsBoundary", f.KeyRange, f.Value)
	}
	return &model.Resource{Type: "AWS::IAM::Role", Name: fn.Name + "Role", Address: fn.Address + "Role",
		DefRange: fn.DefRange, Body: body, CDKPath: fn.CDKPath}
}

// samPolicy is one entry of a role's Policies list.
func samPolicy(name string, doc *model.Value, rng model.Range) *model.Value {
	return &model.Value{Kind: model.Object, Range: doc.Range, Fields: []*model.Field{
		{Key: "PolicyName", KeyRange: rng, Value: model.NewString(name, rng)},
		{Key: "PolicyDocument", KeyRange: rng, Value: doc},
	}}
}

// awsManaged is the ARN of an AWS managed policy, whose partition is
// unknown: arn:${AWS::Partition}:iam::aws:policy/NAME.
func awsManaged(name string, rng model.Range) *model.Value {
	u := unknown("AWS managed policy "+shorten(name), rng)
	u.Glob = "arn:*:iam::aws:policy/" + strings.TrimPrefix(name, "/")
	return u
}

// lambdaTrust is the trust policy SAM gives an execution role.
func lambdaTrust(at model.Range) *model.Value {
	str := func(s string) *model.Value { return model.NewString(s, at) }
	obj := func(kv ...any) *model.Value {
		o := &model.Value{Kind: model.Object, Range: at}
		for i := 0; i+1 < len(kv); i += 2 {
			o.Fields = append(o.Fields, &model.Field{Key: kv[i].(string), KeyRange: at, Value: kv[i+1].(*model.Value)})
		}
		return o
	}
	list := func(items ...*model.Value) *model.Value {
		return &model.Value{Kind: model.List, Range: at, Items: items}
	}
	return obj("Version", str("2012-10-17"), "Statement", list(obj(
		"Effect", str("Allow"),
		"Principal", obj("Service", list(str("lambda.amazonaws.com"))),
		"Action", list(str("sts:AssumeRole")),
	)))
}
