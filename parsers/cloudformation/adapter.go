package cloudformation

import (
	"fmt"
	"strings"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/internal/trails"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/link"
	"github.com/configward/configward/parsers/model"
)

// adapter builds the typed entities and policy documents of a unit from
// its resources: the properties from the entity tables (model.Tables),
// the policies and lists here. The linker (parsers/link) then connects
// them.
type adapter struct {
	u *model.Unit
	// atts are the resources that configure an entity they name.
	atts []*link.Attachment
	// sources are the unit's template files, for JSON strings read with
	// exact positions (strpos.go).
	sources map[string]*sourceFile
}

// adapt builds the entities of u; sources (optional) are its templates.
func adapt(u *model.Unit, sources ...map[string]*sourceFile) {
	a := &adapter{u: u}
	if len(sources) > 0 {
		a.sources = sources[0]
	}
	for _, r := range u.Resources {
		a.resource(r)
	}
	link.Unit(u, a.atts)
}

// attach records that r configures the entity of kind that target names.
func (a *adapter) attach(r *model.Resource, kind string, target *model.Value, apply func(any)) *link.Attachment {
	at := &link.Attachment{Via: r, Kind: kind, Target: target, Apply: apply}
	a.atts = append(a.atts, at)
	return at
}

func (a *adapter) resource(r *model.Resource) {
	e := &a.u.Entities
	p := r.Prop
	var ent any
	if t := model.TableFor(model.CloudFormation, r.Type); t != nil {
		ent = t.Build(r, model.CloudFormation, false, e)
	}
	switch x := ent.(type) {
	case *model.Recorder:
		// CloudFormation starts a recorder once a delivery channel exists.
		x.StartedWithChannel = true
	case *model.Aggregator:
		for _, src := range x.AccountSources.Elements() {
			x.Sources = append(x.Sources, a.aggregationSource(r, src, false))
		}
		if org := x.OrganizationSources.V(); org != nil {
			x.Sources = append(x.Sources, a.aggregationSource(r, org, true))
		}
	case *model.Bucket:
		a.lifecycle(x, r)
	case *model.Key:
		x.Policy = a.policy(r, p("KeyPolicy"), model.ResourcePolicy, "KeyPolicy")
	case *model.Role:
		x.ServiceLinked = r.Type == "AWS::IAM::ServiceLinkedRole"
		if !x.ServiceLinked {
			x.Trust = a.policy(r, p("AssumeRolePolicyDocument"), model.TrustPolicy, "AssumeRolePolicyDocument")
			x.InlinePolicies = a.inlinePolicies(r)
			x.ManagedPolicyARNs = p("ManagedPolicyArns").Elements()
			for i, arn := range x.ManagedPolicyARNs {
				at := &model.PolicyAttachment{ARN: arn, Via: r, Property: fmt.Sprintf("managed_policy_arns[%d]", i), Range: arn.Range}
				x.Attachments = append(x.Attachments, at)
				a.attach(r, model.ManagedPolicyTable.Kind, arn, func(e any) {
					at.Policy = e.(*model.ManagedPolicy)
					addPolicy(x, at.Policy.Policy)
				})
			}
		}
	case *model.ManagedPolicy:
		x.Roles = p("Roles").Elements()
		x.Policy = a.policy(r, p("PolicyDocument"), model.IdentityPolicy, "PolicyDocument")
		for i, ref := range x.Roles {
			i, ref := i, ref
			a.attach(r, model.RoleTable.Kind, ref, func(e any) {
				role := e.(*model.Role)
				addPolicy(role, x.Policy)
				role.Attachments = append(role.Attachments, &model.PolicyAttachment{Via: r,
					Property: fmt.Sprintf("roles[%d]", i), Range: ref.Range, Policy: x})
			})
		}
	case *model.LambdaFunction:
		// A SAM function without a Role runs as the role SAM creates for
		// it (sam.go), "<Function>Role".
		if r.Type == samFunction && x.RoleARN.Absent() && r.Body.IsKnown() {
			v := unknown("!GetAtt "+r.Name+"Role.Arn", r.DefRange)
			v.Ref = &model.Ref{Target: r.Address + "Role", Attr: "Arn"}
			x.RoleARN.Value = v
		}
	case *model.VPCEndpoint:
		x.Policy = a.policy(r, p("PolicyDocument"), model.EndpointPolicy, "PolicyDocument")
	case *model.Trail:
		trails.Selectors(x, p("EventSelectors"), p("AdvancedEventSelectors"), trails.CloudFormation)
		x.S3DataEvents = trails.S3DataEvents(p("EventSelectors"), p("AdvancedEventSelectors"), trails.CloudFormation)
	case *model.EventRule:
		x.Pattern = a.jsonDoc(p("EventPattern"))
		switch t := p("Targets"); {
		case t.IsUnknown():
			x.TargetsUnknown = true
		default:
			x.Targets = t.Elements()
		}
	case *model.Topic:
		for _, s := range p("Subscription").Elements() {
			a.subscribe(r, model.NewUnknown("!Ref "+r.Name, r.DefRange), x, s.Get("Protocol"), s.Get("Endpoint"))
		}
	}
	switch r.Type {
	case "AWS::S3::BucketPolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		at := a.attach(r, model.BucketTable.Kind, p("Bucket"), func(e any) {
			if b := e.(*model.Bucket); pol != nil {
				b.Policies = append(b.Policies, pol)
				b.PolicyResources = append(b.PolicyResources, r)
			}
		})
		at.NotFound = func() { e.UnlinkedBucketPolicies = append(e.UnlinkedBucketPolicies, r) }
	case "AWS::SNS::TopicPolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		for _, ref := range p("Topics").Elements() {
			a.attach(r, model.TopicTable.Kind, ref, func(e any) {
				if t := e.(*model.Topic); pol != nil {
					t.Policies = append(t.Policies, pol)
				}
			})
		}
	case "AWS::SNS::TopicInlinePolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		a.attach(r, model.TopicTable.Kind, p("TopicArn"), func(e any) {
			if t := e.(*model.Topic); pol != nil {
				t.Policies = append(t.Policies, pol)
			}
		})
	case "AWS::SNS::Subscription":
		a.subscribe(r, p("TopicArn"), nil, p("Protocol"), p("Endpoint"))
	case "AWS::SQS::QueuePolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		for _, ref := range p("Queues").Elements() {
			a.attach(r, model.QueueTable.Kind, ref, func(e any) {
				if q := e.(*model.Queue); pol != nil {
					q.Policies = append(q.Policies, pol)
				}
			})
		}
	case "AWS::IAM::RolePolicy":
		pol := a.policy(r, p("PolicyDocument"), model.IdentityPolicy, "PolicyDocument")
		a.attach(r, model.RoleTable.Kind, p("RoleName"), func(e any) { addPolicy(e.(*model.Role), pol) })
	case "AWS::SSO::PermissionSet":
		// IAM Identity Center: the inline policy of the roles the
		// permission set creates in each assigned account.
		a.policy(r, p("InlinePolicy"), model.IdentityPolicy, "InlinePolicy")
	case "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
		a.policy(r, p("PolicyDocument"), model.IdentityPolicy, "PolicyDocument")
	case "AWS::IAM::User", "AWS::IAM::Group":
		a.inlinePolicies(r)
	}
}

// aggregationSource reads one aggregation source.
func (a *adapter) aggregationSource(r *model.Resource, src *model.Value, org bool) *model.AggregationSource {
	s := &model.AggregationSource{Value: src, Organization: org}
	model.AggregationSourceTable.FillFrom(s, r, src, model.CloudFormation, false, "")
	return s
}

// lifecycle reads a bucket's lifecycle rules.
func (a *adapter) lifecycle(b *model.Bucket, r *model.Resource) {
	rules := b.Lifecycle.V()
	if rules.IsUnknown() {
		b.LifecycleUnknown = true
		return
	}
	for _, it := range rules.Elements() {
		if it.IsUnknown() {
			b.LifecycleUnknown = true
			continue
		}
		lr := &model.LifecycleRule{Rule: &model.Property{Value: it, Path: "lifecycle.rule", Holder: r}}
		model.LifecycleRuleTable.FillFrom(lr, r, it, model.CloudFormation, false, "")
		for _, k := range []string{"ObjectSizeGreaterThan", "ObjectSizeLessThan"} {
			if f := it.Field(k); f != nil && lr.Narrowed.Absent() {
				lr.Narrowed.Value, lr.Narrowed.KeyRange = f.Value, f.KeyRange
			}
		}
		b.LifecycleRules = append(b.LifecycleRules, lr)
	}
}

// subscribe links an SQS subscription of a topic to its queue. topic,
// when set, is the topic itself.
func (a *adapter) subscribe(r *model.Resource, topicRef *model.Value, topic *model.Topic, protocol, endpoint *model.Value) {
	if proto, ok := protocol.AsString(); !ok || !strings.EqualFold(proto, "sqs") {
		return
	}
	a.attach(r, model.QueueTable.Kind, endpoint, func(e any) {
		q := e.(*model.Queue)
		if topic != nil {
			q.Topics = append(q.Topics, topic)
			return
		}
		if t, res := link.Resolve(a.u, model.TopicTable.Kind, topicRef); res == link.One {
			q.Topics = append(q.Topics, t.(*model.Topic))
		}
	})
}

// jsonDoc returns a JSON document property as a value tree: an object as
// is, a JSON string read (at its position when written on one line).
func (a *adapter) jsonDoc(v *model.Value) *model.Value {
	if v == nil || v.Kind != model.String {
		return v
	}
	at := v.Range.Start
	if exactString(v) {
		at.Column++
		at.Byte++
	}
	doc, _ := jsonvalue.ParseAt(v.Range.Filename, []byte(v.Str), at)
	if doc == nil {
		return model.NewUnknown("document that is not valid JSON", v.Range)
	}
	if !exactString(v) {
		doc.Walk(func(n *model.Value) bool {
			n.Range = v.Range
			for _, f := range n.Fields {
				f.KeyRange = v.Range
			}
			return true
		})
	}
	return doc
}

// inlinePolicies reads Policies[].PolicyDocument of a role, user or group.
func (a *adapter) inlinePolicies(r *model.Resource) []*model.Policy {
	var out []*model.Policy
	for i, it := range r.Prop("Policies").Elements() {
		prop := fmt.Sprintf("Policies[%d].PolicyDocument", i)
		if pol := a.policy(r, it.Get("PolicyDocument"), model.IdentityPolicy, prop); pol != nil {
			out = append(out, pol)
		}
	}
	return out
}

// addPolicy adds a policy to a role's inline policies once.
func addPolicy(role *model.Role, pol *model.Policy) {
	if pol == nil {
		return
	}
	for _, have := range role.InlinePolicies {
		if have == pol {
			return
		}
	}
	role.InlinePolicies = append(role.InlinePolicies, pol)
}

// policy normalizes a policy document and adds it to the unit. A document
// written as a one-line JSON string without escapes is parsed where the
// string starts, so each element keeps its exact range; any other string
// goes to iampolicy as is, which gives its nodes the string's range.
func (a *adapter) policy(owner *model.Resource, doc *model.Value, kind model.PolicyKind, property string) (pol *model.Policy) {
	if doc == nil {
		return nil
	}
	if v, diags := exactDoc(a.sources[doc.Range.Filename], doc); v != nil {
		a.u.Diagnostics = append(a.u.Diagnostics, diags...)
		doc = v
	} else if doc.Kind == model.String && exactString(doc) {
		at := doc.Range.Start
		at.Column++
		at.Byte++
		if v, diags := jsonvalue.ParseAt(doc.Range.Filename, []byte(doc.Str), at); v != nil {
			a.u.Diagnostics = append(a.u.Diagnostics, diags...)
			doc = v
		}
	}
	defer func() {
		if r := recover(); r != nil {
			a.u.Diagnostics = append(a.u.Diagnostics, model.Diagnostic{
				Summary: fmt.Sprintf("internal error while reading the policy %s of %s: %v", property, owner.Address, r),
				Range:   doc.Range,
			})
			pol = nil
		}
	}()
	pol, diags := iampolicy.FromValue(doc, kind, owner, property)
	a.u.Diagnostics = append(a.u.Diagnostics, diags...)
	if pol != nil {
		a.u.Policies = append(a.u.Policies, pol)
	}
	return pol
}

// exactString reports whether a string value is written on one line as its
// content between two quotes, so that offsets in it map to the source.
func exactString(v *model.Value) bool {
	r := v.Range
	return r.Start.Line == r.End.Line && r.End.Byte-r.Start.Byte == len(v.Str)+2 &&
		strings.HasPrefix(strings.TrimSpace(v.Str), "{")
}
