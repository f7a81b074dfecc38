package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// policyAttr is an attribute that holds a policy document.
type policyAttr struct {
	attr string
	kind model.PolicyKind
}

// policyAttrs lists the policy-bearing attributes by resource type. The
// inline_policy blocks of aws_iam_role are handled apart.
var policyAttrs = map[string][]policyAttr{
	"aws_iam_role":         {{"assume_role_policy", model.TrustPolicy}},
	"aws_iam_policy":       {{"policy", model.IdentityPolicy}},
	"aws_iam_role_policy":  {{"policy", model.IdentityPolicy}},
	"aws_iam_user_policy":  {{"policy", model.IdentityPolicy}},
	"aws_iam_group_policy": {{"policy", model.IdentityPolicy}},
	"aws_s3_bucket_policy": {{"policy", model.ResourcePolicy}},
	"aws_s3_bucket":        {{"policy", model.ResourcePolicy}},
	"aws_kms_key":          {{"policy", model.ResourcePolicy}},
	"aws_kms_key_policy":   {{"policy", model.ResourcePolicy}},
	"aws_sns_topic_policy": {{"policy", model.ResourcePolicy}},
	"aws_sns_topic":        {{"policy", model.ResourcePolicy}},
	"aws_sqs_queue_policy": {{"policy", model.ResourcePolicy}},
	"aws_sqs_queue":        {{"policy", model.ResourcePolicy}},
	"aws_vpc_endpoint":     {{"policy", model.EndpointPolicy}},
	// IAM Identity Center: the inline policy of a permission set.
	"aws_ssoadmin_permission_set_inline_policy": {{"inline_policy", model.IdentityPolicy}},

	// Set by a separate resource in Terraform only.
	"aws_vpc_endpoint_policy": {{"policy", model.EndpointPolicy}},
}

// extractPolicies normalizes every policy attached to a policy-bearing
// attribute, in resource order.
func (w *walker) extractPolicies() []*model.Policy {
	var out []*model.Policy
	saved := w.scope
	defer func() { w.scope = saved }()
	for _, r := range w.resources {
		w.scope = r.scope
		for _, pa := range policyAttrs[r.res.Type] {
			f := r.res.Body.Field(pa.attr)
			if f == nil || f.Value.Kind == model.Null {
				continue
			}
			var e hcl.Expression
			if r.blk.Syntax != nil {
				if a := r.blk.Syntax.Body.Attributes[pa.attr]; a != nil {
					e = a.Expr
				}
			}
			out = append(out, w.policy(r.res, pa.attr, pa.kind, e, f.Value))
		}
		if r.res.Type == "aws_iam_role" {
			out = append(out, w.inlinePolicies(r)...)
		}
	}
	return out
}

// inlinePolicies reads the policy of each inline_policy block of a role.
func (w *walker) inlinePolicies(r *resource) []*model.Policy {
	blocks := r.res.Body.Get("inline_policy")
	if blocks == nil || blocks.Kind != model.List {
		return nil
	}
	var exprs []hcl.Expression
	if r.blk.Syntax != nil {
		for _, b := range r.blk.Syntax.Body.Blocks {
			if b.Type == "inline_policy" {
				var e hcl.Expression
				if a := b.Body.Attributes["policy"]; a != nil {
					e = a.Expr
				}
				exprs = append(exprs, e)
			}
		}
	}
	var out []*model.Policy
	for i, b := range blocks.Items {
		v := b.Get("policy")
		if v == nil || v.Kind == model.Null {
			continue
		}
		var e hcl.Expression
		if i < len(exprs) {
			e = exprs[i]
		}
		out = append(out, w.policy(r.res, fmt.Sprintf("inline_policy[%d].policy", i), model.IdentityPolicy, e, v))
	}
	return out
}

func (w *walker) policy(owner *model.Resource, prop string, kind model.PolicyKind, e hcl.Expression, walked *model.Value) *model.Policy {
	doc := w.policyDoc(e, walked, 0)
	p, diags := iampolicy.FromValue(doc, kind, owner, prop)
	w.cfg.diags = append(w.cfg.diags, diags...)
	if w.policyIndex[owner] == nil {
		w.policyIndex[owner] = map[string]*model.Policy{}
	}
	w.policyIndex[owner][prop] = p
	return p
}

// policyDoc returns the document an attribute holds: a walked object
// (jsonencode, a rendered aws_iam_policy_document), a JSON string template
// read with the range of every node, a JSON string from elsewhere (every
// node then points at the attribute value), or an unknown value.
func (w *walker) policyDoc(e hcl.Expression, walked *model.Value, depth int) *model.Value {
	switch x := e.(type) {
	case *hclsyntax.ParenthesesExpr:
		return w.policyDoc(x.Expression, nil, depth)
	case *hclsyntax.TemplateWrapExpr:
		return w.policyDoc(x.Wrapped, nil, depth)
	case *hclsyntax.TemplateExpr:
		if doc := w.templateJSON(x); doc != nil {
			return doc
		}
		return model.NewUnknown("policy that is not valid JSON", rangeOf(x))
	case *hclsyntax.ScopeTraversalExpr:
		if names := traversalNames(x.Traversal); len(names) == 2 && len(x.Traversal) == 2 && names[0] == "local" && depth < 8 {
			if a := w.ev.localAttrs[names[1]]; a != nil {
				expr, done := w.ev.cfg.localSyntax(a.Expr)
				defer done()
				return w.policyDoc(expr, nil, depth+1)
			}
		}
	case *hclsyntax.FunctionCallExpr:
		if doc := w.policyFile(x); doc != nil {
			return doc
		}
	}
	if walked == nil {
		walked = w.expr(e)
	}
	if walked.Kind != model.String {
		return walked
	}
	doc, diags := jsonvalue.Parse(walked.Range.Filename, []byte(walked.Str))
	if doc == nil {
		for _, d := range diags {
			w.m.diag(walked.Range, "policy is not valid JSON", d.Summary)
		}
		return model.NewUnknown("policy that is not valid JSON", walked.Range)
	}
	// The string did not come from a template here: every node points at
	// the value that produced it.
	doc.Walk(func(v *model.Value) bool {
		v.Range = walked.Range
		v.Sensitive = v.Sensitive || walked.Sensitive
		for _, f := range v.Fields {
			f.KeyRange = walked.Range
		}
		return true
	})
	return doc
}

// policyFile reads the document of file("x.json") or
// templatefile("x.json.tpl", {...}) with the range of every node in that
// file; nil when the call is something else or its path is not known.
func (w *walker) policyFile(call *hclsyntax.FunctionCallExpr) *model.Value {
	if call.ExpandFinal || len(call.Args) == 0 || (call.Name != "file" && call.Name != "templatefile") ||
		(call.Name == "file" && len(call.Args) != 1) || (call.Name == "templatefile" && len(call.Args) != 2) {
		return nil
	}
	pv, _ := w.eval(call.Args[0]).Unmark()
	if !pv.IsKnown() || pv.IsNull() || pv.Type() != cty.String {
		return nil
	}
	rel, ok := w.cfg.resolvePath(pv.AsString())
	if !ok {
		return nil // the evaluation reports it
	}
	// The function's own evaluation reports a file it cannot read; read
	// it here without a second report.
	mark := len(w.cfg.diags)
	src, ok := w.cfg.readFile(rel, rangeOf(call))
	if !ok {
		w.cfg.diags = w.cfg.diags[:mark]
		return nil
	}
	if call.Name == "file" {
		doc, diags := jsonvalue.Parse(rel, src)
		w.cfg.diags = append(w.cfg.diags, diags...)
		if doc == nil {
			return model.NewUnknown("policy that is not valid JSON", rangeOf(call))
		}
		return doc
	}
	vars, _ := w.eval(call.Args[1]).Unmark()
	te, ctx, ok := w.cfg.parseTemplateFile(rel, src, vars)
	if !ok {
		return nil
	}
	tx, isTemplate := te.(*hclsyntax.TemplateExpr)
	if !isTemplate {
		return nil
	}
	return w.templateJSONWith(tx, func(e hcl.Expression) cty.Value {
		v, diags := e.Value(ctx)
		if diags.HasErrors() {
			return cty.DynamicVal
		}
		return v
	})
}
