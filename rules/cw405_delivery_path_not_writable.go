package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW405.md
var docCW405 string

// DeliveryPathNotWritable reports delivery channels whose bucket, key or
// topic does not let the principal that delivers write: the AWS Config
// service principal when the recorder uses the service-linked role, the
// recorder's role otherwise.
var DeliveryPathNotWritable = &analyzer.Rule{
	ID:        "CW405",
	Name:      "delivery-path-not-writable",
	Title:     "AWS Config delivery path not writable by the deliverer",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "logging"},
	Precision: "medium",
	Doc:       docCW405,
	Run:       runDeliveryPathNotWritable,
}

// deliverer is the principal that writes for AWS Config.
type deliverer struct {
	spn  bool        // the Config service principal (service-linked role)
	role *model.Role // a customer recorder role
}

func (d deliverer) String() string {
	if d.spn {
		return "the AWS Config service principal (the recorder uses the service-linked role)"
	}
	return "the recorder's role " + quote(d.role.Address)
}

func runDeliveryPathNotWritable(pass *analyzer.Pass) error {
	u := pass.Unit
	if len(u.Entities.Recorders) == 0 {
		return nil
	}
	d, ok := unitDeliverer(u.Entities.Recorders[0])
	if !ok {
		return nil
	}
	for _, ch := range u.Entities.DeliveryChannels {
		if b := ch.Bucket; b != nil {
			checkBucketWritable(pass, ch, b, d)
		}
		if k := ch.Key; k != nil && k.Policy != nil && !k.Policy.Unknown {
			checkKeyWritable(pass, ch, k, d)
		}
		if t := ch.Topic; t != nil && len(t.Policies) > 0 {
			checkTopicWritable(pass, ch, t, d)
		}
	}
	return nil
}

// unitDeliverer decides who delivers for a recorder: its service-linked
// role means the service principal (research edge case 21).
func unitDeliverer(rec *model.Recorder) (deliverer, bool) {
	if text, ok := crTextOrGlob(rec.RoleARN.V()); ok && awsfacts.IsConfigServiceLinkedRoleARN(text) {
		return deliverer{spn: true}, true
	}
	if r := rec.Role; r != nil {
		if isServiceLinked(r) {
			return deliverer{spn: true}, true
		}
		return deliverer{role: r}, true
	}
	return deliverer{}, false
}

func checkBucketWritable(pass *analyzer.Pass, ch *model.DeliveryChannel, b *model.Bucket, d deliverer) {
	subject := "delivery channel " + quote(ch.Address) + " delivers as " + d.String()
	if d.spn {
		if len(b.Policies) == 0 {
			pass.Report(analyzer.Finding{
				Range:    b.DefRange,
				Message:  subject + ", but its bucket " + quote(b.Address) + " has no bucket policy that lets " + awsfacts.ConfigPrincipal + " write",
				Resource: b.Address,
				CDKPath:  b.CDKPath,
			})
			return
		}
		for _, action := range []string{"s3:PutObject", "s3:GetBucketAcl"} {
			if deliveryAllows(b.Policies, action, configPrincipalMatch) == policycheck.No {
				crReportPolicy(pass, b.Policies[0], subject+", but the bucket policy does not allow "+awsfacts.ConfigPrincipal+" "+action)
			}
		}
		return
	}
	if roleAllows(d.role, "s3:PutObject") != policycheck.No {
		return
	}
	if deliveryAllows(b.Policies, "s3:PutObject", func(pr *model.Principal) policycheck.Tri {
		return triOr(configPrincipalMatch(pr), rolePrincipalMatch(d.role, true)(pr))
	}) != policycheck.No {
		return
	}
	pass.Report(analyzer.Finding{
		Range:    d.role.DefRange,
		Message:  subject + ", but neither that role's policies nor the bucket policy of " + quote(b.Address) + " allow it s3:PutObject",
		Resource: d.role.Address,
		CDKPath:  d.role.CDKPath,
	})
}

func checkKeyWritable(pass *analyzer.Pass, ch *model.DeliveryChannel, k *model.Key, d deliverer) {
	subject := "delivery channel " + quote(ch.Address) + " delivers as " + d.String()
	const action = "kms:GenerateDataKey"
	if d.spn {
		if deliveryAllows([]*model.Policy{k.Policy}, action, configPrincipalMatch) == policycheck.No {
			crReportPolicy(pass, k.Policy, subject+", but the policy of key "+quote(k.Address)+" does not allow "+awsfacts.ConfigPrincipal+" "+action)
		}
		return
	}
	direct := deliveryAllows([]*model.Policy{k.Policy}, action, func(pr *model.Principal) policycheck.Tri {
		return triOr(configPrincipalMatch(pr), rolePrincipalMatch(d.role, false)(pr))
	})
	if direct != policycheck.No {
		return
	}
	delegated := deliveryAllows([]*model.Policy{k.Policy}, action, accountPrincipalMatch)
	switch {
	case delegated == policycheck.No:
		crReportPolicy(pass, k.Policy, subject+", but the policy of key "+quote(k.Address)+" lets neither that role nor its account use the key")
	case delegated == policycheck.Yes && roleAllows(d.role, action) == policycheck.No:
		pass.Report(analyzer.Finding{
			Range:    d.role.DefRange,
			Message:  subject + ", but that role's policies do not allow " + action + " on key " + quote(k.Address),
			Resource: d.role.Address,
			CDKPath:  d.role.CDKPath,
		})
	}
}

func checkTopicWritable(pass *analyzer.Pass, ch *model.DeliveryChannel, t *model.Topic, d deliverer) {
	subject := "delivery channel " + quote(ch.Address) + " notifies as " + d.String()
	const action = "sns:Publish"
	if d.spn {
		// Same-account, a topic policy naming the service-linked role
		// itself also works (research edge case 22).
		if deliveryAllows(t.Policies, action, func(pr *model.Principal) policycheck.Tri {
			if strings.EqualFold(pr.Type, "AWS") && pr.Value != nil && strings.Contains(pr.Value.Text+pr.Value.Glob, "/"+awsfacts.ConfigServiceLinkedRoleName) {
				return policycheck.Yes
			}
			return configPrincipalMatch(pr)
		}) == policycheck.No {
			crReportPolicy(pass, t.Policies[0], subject+", but the topic policy of "+quote(t.Address)+" does not allow "+awsfacts.ConfigPrincipal+" "+action)
		}
		return
	}
	if roleAllows(d.role, action) != policycheck.No {
		return
	}
	if deliveryAllows(t.Policies, action, func(pr *model.Principal) policycheck.Tri {
		return triOr(configPrincipalMatch(pr), rolePrincipalMatch(d.role, true)(pr))
	}) != policycheck.No {
		return
	}
	pass.Report(analyzer.Finding{
		Range:    d.role.DefRange,
		Message:  subject + ", but neither that role's policies nor the topic policy of " + quote(t.Address) + " allow it " + action,
		Resource: d.role.Address,
		CDKPath:  d.role.CDKPath,
	})
}

// crReportPolicy reports at the property that holds a policy.
func crReportPolicy(pass *analyzer.Pass, p *model.Policy, msg string) {
	f := analyzer.Finding{Range: p.At(), Message: msg, Property: p.Path}
	if p.Owner != nil {
		f.Resource, f.CDKPath = p.Owner.Address, p.Owner.CDKPath
	}
	pass.Report(f)
}

// deliveryAllows says whether an Allow statement of the policies grants action
// to a principal that match accepts. The core says what a statement still
// grants once the same policy's unconditional Denies are subtracted.
// Conditions are not judged (other rules do); unknown parts give Unknown.
func deliveryAllows(ps []*model.Policy, action string, match func(*model.Principal) policycheck.Tri) policycheck.Tri {
	res := policycheck.No
	for _, p := range ps {
		if p.Unknown {
			res = policycheck.Unknown
			continue
		}
		v := policyeval.NewView(p)
		for _, s := range p.Statements {
			if s.Unknown || !s.EffectKnown {
				res = policycheck.Unknown
				continue
			}
			if !s.IsAllow() {
				continue
			}
			a := checkTri(v.Grants(s, action))
			if a == policycheck.No {
				continue
			}
			if s.NotPrincipal != nil {
				res = policycheck.Unknown
				continue
			}
			for _, pr := range s.Principal {
				m := match(pr)
				if m == policycheck.Yes && a == policycheck.Yes {
					return policycheck.Yes
				}
				if m != policycheck.No {
					res = policycheck.Unknown
				}
			}
		}
	}
	return res
}

func triOr(a, b policycheck.Tri) policycheck.Tri {
	if a == policycheck.Yes || b == policycheck.Yes {
		return policycheck.Yes
	}
	if a == policycheck.Unknown || b == policycheck.Unknown {
		return policycheck.Unknown
	}
	return policycheck.No
}

// configPrincipalMatch accepts the Config service principal and everyone.
// An unknown AWS principal whose known text shows it is an ARN (a root
// ARN built with !Sub) is not everyone.
func configPrincipalMatch(pr *model.Principal) policycheck.Tri {
	if pr.IsWildcard() {
		return policycheck.Yes
	}
	v := pr.Value
	switch {
	case v == nil:
		return policycheck.Unknown
	case pr.IsService():
		if !v.Known {
			return policycheck.Unknown
		}
		return tri(awsfacts.IsConfigPrincipal(v.Text))
	case strings.EqualFold(pr.Type, "AWS") && !v.Known:
		if isARNGlob(v) {
			return policycheck.No
		}
		return policycheck.Unknown
	}
	return policycheck.No
}

// isARNGlob reports whether an unknown principal is an ARN with unknown
// parts ("arn:*:iam::*:root"), so neither everyone nor a service.
func isARNGlob(e *model.Elem) bool {
	return strings.HasPrefix(e.Glob, "arn:") && strings.Trim(e.Glob, "*") != ""
}

// rolePrincipalMatch accepts everyone and the role itself (by reference or
// ARN); with account set, also the account (root or id), which in a
// same-account bucket or topic policy lets the role's own policies decide.
func rolePrincipalMatch(r *model.Role, account bool) func(*model.Principal) policycheck.Tri {
	return func(pr *model.Principal) policycheck.Tri {
		if pr.IsWildcard() {
			return policycheck.Yes
		}
		if !strings.EqualFold(pr.Type, "AWS") || pr.Value == nil {
			return policycheck.No
		}
		v := pr.Value
		if !v.Known {
			switch {
			case v.Ref != nil && v.Ref.Target == r.Address:
				return policycheck.Yes
			case account && isARNGlob(v) && strings.HasSuffix(v.Glob, ":root"):
				return policycheck.Yes
			}
			return policycheck.Unknown
		}
		if name, ok := r.Name.AsString(); ok && name != "" && strings.HasSuffix(v.Text, "/"+name) {
			return policycheck.Yes
		}
		if account && accountPrincipalMatch(pr) == policycheck.Yes {
			return policycheck.Yes
		}
		return policycheck.No
	}
}

// accountPrincipalMatch accepts an account principal: a 12-digit id or an
// account root ARN.
func accountPrincipalMatch(pr *model.Principal) policycheck.Tri {
	if !strings.EqualFold(pr.Type, "AWS") || pr.Value == nil {
		return policycheck.No
	}
	t := pr.Value.Text
	if !pr.Value.Known {
		if !isARNGlob(pr.Value) {
			return policycheck.Unknown
		}
		t = pr.Value.Glob
	}
	if strings.HasSuffix(t, ":root") || (len(t) == 12 && strings.Trim(t, "0123456789") == "") {
		return policycheck.Yes
	}
	return policycheck.No
}

// roleAllows says whether a role's identity policies allow action. An
// attached AWS managed policy is judged by its embedded document; one
// configward does not embed may allow it.
func roleAllows(r *model.Role, action string) policycheck.Tri {
	res := policycheck.No
	policies := rolePolicies(r)
	for _, at := range r.Attachments {
		mp, aws, known := attachmentPolicy(at)
		switch doc := embeddedManaged(r, mp); {
		case !known || aws && doc == nil:
			res = policycheck.Unknown
		case aws:
			policies = append(policies, doc)
		}
	}
	return triOr(res, policiesAllow(policies, action))
}

// policiesAllow says whether an Allow statement of the policies grants
// action (on some resource: resources are not judged here) once the same
// policy's unconditional Denies are subtracted.
func policiesAllow(policies []*model.Policy, action string) policycheck.Tri {
	res := policycheck.No
	for _, p := range policies {
		if p.Unknown {
			res = policycheck.Unknown
			continue
		}
		v := policyeval.NewView(p)
		for _, s := range p.Statements {
			if s.Unknown || !s.EffectKnown {
				res = policycheck.Unknown
				continue
			}
			if !s.IsAllow() {
				continue
			}
			switch checkTri(v.Grants(s, action)) {
			case policycheck.Yes:
				return policycheck.Yes
			case policycheck.Unknown:
				res = policycheck.Unknown
			}
		}
	}
	return res
}

// checkTri carries an answer of the core over to policycheck's Tri.
func checkTri(t policyeval.Tri) policycheck.Tri {
	switch t {
	case policyeval.Yes:
		return policycheck.Yes
	case policyeval.Unknown:
		return policycheck.Unknown
	}
	return policycheck.No
}
