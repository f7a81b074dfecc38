package terraform

import (
	"strconv"
	"strings"

	"github.com/configward/configward/parsers/internal/trails"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/link"
	"github.com/configward/configward/parsers/model"
)

// adapter builds the typed entities from the resources: the properties
// from the entity tables (model.Tables), split resources included, the
// policies and lists here. The linker (parsers/link) then connects them.
type adapter struct {
	u        *model.Unit
	plan     bool
	policies map[*model.Resource]map[string]*model.Policy
	atts     []*link.Attachment
}

// adapt builds and links the entities of u; plan tells that its resources
// come from a plan JSON.
func adapt(u *model.Unit, policies map[*model.Resource]map[string]*model.Policy, plan bool) {
	a := &adapter{u: u, plan: plan, policies: policies}
	for _, r := range u.Resources {
		a.entity(r)
	}
	// The split resources first: a setting they hold is in place before a
	// policy or alias attaches.
	a.atts = append(link.PartAttachments(u, plan), a.atts...)
	link.Unit(u, a.atts)
}

// bodyRead reports whether anything reads the body of a resource of type
// typ beyond its type and address: the entity tables, the split parts
// that configure an entity, the attachers, the policy-bearing attributes
// and the policy documents (which the rules' fixes also read). Every other
// body only masks sensitive values in messages (SkimBodies).
func bodyRead(typ string) bool {
	if attachers[typ] != nil || policyAttrs[typ] != nil || typ == "data.aws_iam_policy_document" ||
		model.TableFor(model.Terraform, typ) != nil {
		return true
	}
	for _, t := range model.Tables {
		if t.PartAttr(typ) != "" {
			return true
		}
	}
	return false
}

func (a *adapter) policy(r *model.Resource, prop string) *model.Policy {
	return a.policies[r][prop]
}

// attach records that r configures the entity of kind that target names.
func (a *adapter) attach(r *model.Resource, kind string, target *model.Value, apply func(any)) *link.Attachment {
	at := &link.Attachment{Via: r, Kind: kind, Target: target, Apply: apply}
	a.atts = append(a.atts, at)
	return at
}

func (a *adapter) entity(r *model.Resource) {
	e := &a.u.Entities
	p := r.Prop
	var ent any
	if t := model.TableFor(model.Terraform, r.Type); t != nil {
		ent = t.Build(r, model.Terraform, a.plan, e)
	}
	switch x := ent.(type) {
	case *model.Aggregator:
		for _, src := range []*model.Property{x.AccountSources, x.OrganizationSources} {
			if v := model.First(src.V()); v != nil {
				s := &model.AggregationSource{Value: v, Organization: src == x.OrganizationSources}
				model.AggregationSourceTable.FillFrom(s, r, v, model.Terraform, a.plan, "")
				x.Sources = append(x.Sources, s)
			}
		}
	case *model.Remediation:
		// The AutomationAssumeRole parameter block.
		for _, prm := range x.Parameters.Elements() {
			if name, ok := prm.Get("name").AsString(); (ok && name == "AutomationAssumeRole") || prm.IsUnknown() {
				for _, k := range []string{"static_values", "static_value"} {
					if f := prm.Field(k); f != nil {
						x.AutomationRoleARN.Value, x.AutomationRoleARN.KeyRange = model.First(f.Value), f.KeyRange
					}
				}
				if prm.IsUnknown() {
					x.AutomationRoleARN.Value = prm
				}
			}
		}
	case *model.Bucket:
		if pol := a.policy(r, "policy"); pol != nil {
			x.Policies = append(x.Policies, pol)
			x.PolicyResources = append(x.PolicyResources, r)
		}
		a.lifecycle(x, r, p("lifecycle_rule"), "")
	case *model.Topic:
		if pol := a.policy(r, "policy"); pol != nil {
			x.Policies = append(x.Policies, pol)
		}
	case *model.Queue:
		if pol := a.policy(r, "policy"); pol != nil {
			x.Policies = append(x.Policies, pol)
		}
	case *model.Key:
		x.Policy = a.policy(r, "policy")
		if r.Type == "aws_kms_external_key" {
			x.Origin.Value = model.NewString("EXTERNAL", r.DefRange)
		}
	case *model.Role:
		x.ServiceLinked = r.Type == "aws_iam_service_linked_role"
		x.Trust = a.policy(r, "assume_role_policy")
		for i := range p("inline_policy").Elements() {
			if pol := a.policy(r, "inline_policy["+strconv.Itoa(i)+"].policy"); pol != nil {
				x.InlinePolicies = append(x.InlinePolicies, pol)
			}
		}
		if arns := p("managed_policy_arns"); arns != nil && arns.Kind != model.Null {
			x.ManagedPolicyARNs = append(x.ManagedPolicyARNs, arns.Elements()...)
			for i, arn := range arns.Elements() {
				x.Attachments = append(x.Attachments, &model.PolicyAttachment{ARN: arn, Via: r,
					Property: "managed_policy_arns[" + strconv.Itoa(i) + "]", Range: arn.Range})
			}
		}
	case *model.ManagedPolicy:
		x.Policy = a.policy(r, "policy")
	case *model.EventRule:
		x.Pattern = jsonDoc(p("event_pattern"))
	case *model.VPCEndpoint:
		x.Policy = a.policy(r, "policy")
	case *model.Trail:
		trails.Selectors(x, p("event_selector"), p("advanced_event_selector"), trails.Terraform)
		x.S3DataEvents = trails.S3DataEvents(p("event_selector"), p("advanced_event_selector"), trails.Terraform)
	}
	a.attachments(r)
}

// attachments records what a resource that configures another one does
// once the linker finds that one.
func (a *adapter) attachments(r *model.Resource) {
	if attach := attachers[r.Type]; attach != nil {
		attach(a, r)
	}
}

// attachers are the resource types that configure another resource, each
// with what it records.
var attachers = map[string]func(a *adapter, r *model.Resource){
	"aws_config_configuration_recorder_status": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.RecorderTable.Kind, p("name"), func(x any) { x.(*model.Recorder).Status = r })
	},
	"aws_s3_bucket_lifecycle_configuration": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.BucketTable.Kind, p("bucket"), func(x any) {
			b := x.(*model.Bucket)
			b.LifecycleRules, b.LifecycleUnknown = nil, false
			a.lifecycle(b, r, p("rule"), r.Type)
		}).Unknown = func(x any) {
			if b := x.(*model.Bucket); len(b.LifecycleRules) == 0 {
				b.LifecycleUnknown = true
			}
		}
	},
	"aws_s3_bucket_policy": func(a *adapter, r *model.Resource) {
		e := &a.u.Entities
		p := r.Prop
		at := a.attach(r, model.BucketTable.Kind, p("bucket"), func(x any) {
			if pol := a.policy(r, "policy"); pol != nil {
				b := x.(*model.Bucket)
				b.Policies = append(b.Policies, pol)
				b.PolicyResources = append(b.PolicyResources, r)
			}
		})
		at.NotFound = func() { e.UnlinkedBucketPolicies = append(e.UnlinkedBucketPolicies, r) }
	},
	"aws_sns_topic_policy": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.TopicTable.Kind, p("arn"), func(x any) {
			if pol := a.policy(r, "policy"); pol != nil {
				t := x.(*model.Topic)
				t.Policies = append(t.Policies, pol)
			}
		})
	},
	"aws_sqs_queue_policy": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.QueueTable.Kind, p("queue_url"), func(x any) {
			if pol := a.policy(r, "policy"); pol != nil {
				q := x.(*model.Queue)
				q.Policies = append(q.Policies, pol)
			}
		})
	},
	"aws_kms_key_policy": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.KeyTable.Kind, p("key_id"), func(x any) {
			if pol := a.policy(r, "policy"); pol != nil {
				x.(*model.Key).Policy = pol
			}
		})
	},
	"aws_vpc_endpoint_policy": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.VPCEndpointTable.Kind, p("vpc_endpoint_id"), func(x any) {
			if pol := a.policy(r, "policy"); pol != nil {
				x.(*model.VPCEndpoint).Policy = pol
			}
		})
	},
	"aws_iam_role_policy": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.RoleTable.Kind, p("role"), func(x any) {
			if pol := a.policy(r, "policy"); pol != nil {
				role := x.(*model.Role)
				role.InlinePolicies = append(role.InlinePolicies, pol)
			}
		})
	},
	"aws_iam_role_policy_attachment": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attachPolicy(r, p("role"), p("policy_arn"))
	},
	"aws_iam_policy_attachment": func(a *adapter, r *model.Resource) {
		p := r.Prop
		for _, role := range p("roles").Elements() {
			a.attachPolicy(r, role, p("policy_arn"))
		}
	},
	"aws_cloudwatch_event_target": func(a *adapter, r *model.Resource) {
		p := r.Prop
		a.attach(r, model.EventRuleTable.Kind, p("rule"), func(x any) {
			rule := x.(*model.EventRule)
			rule.Targets = append(rule.Targets, p("arn"))
		}).Unknown = func(x any) {
			// A target for a rule we cannot tell: any rule may have it.
			x.(*model.EventRule).TargetsUnknown = true
		}
	},
	"aws_sns_topic_subscription": func(a *adapter, r *model.Resource) {
		p := r.Prop
		if proto, ok := p("protocol").AsString(); !ok || !strings.EqualFold(proto, "sqs") {
			return
		}
		a.attach(r, model.QueueTable.Kind, p("endpoint"), func(x any) {
			if t, res := link.Resolve(a.u, model.TopicTable.Kind, p("topic_arn")); res == link.One {
				q := x.(*model.Queue)
				q.Topics = append(q.Topics, t.(*model.Topic))
			}
		})
	},
}

// attachPolicy records a managed policy attached to a role, on both sides,
// with where it is attached so findings can point at the attaching
// resource.
func (a *adapter) attachPolicy(r *model.Resource, roleRef, arn *model.Value) {
	if arn == nil {
		return
	}
	a.attach(r, model.RoleTable.Kind, roleRef, func(x any) {
		role := x.(*model.Role)
		role.ManagedPolicyARNs = append(role.ManagedPolicyARNs, arn)
		at := &model.PolicyAttachment{ARN: arn, Via: r, Property: "policy_arn", Range: r.PropRange("policy_arn")}
		role.Attachments = append(role.Attachments, at)
		if mp, res := link.Resolve(a.u, model.ManagedPolicyTable.Kind, arn); res == link.One && arn.Ref != nil {
			at.Policy = mp.(*model.ManagedPolicy)
		}
	})
	if roleRef != nil {
		a.attach(r, model.ManagedPolicyTable.Kind, arn, func(x any) {
			if arn.Ref != nil {
				mp := x.(*model.ManagedPolicy)
				mp.Roles = append(mp.Roles, roleRef)
			}
		})
	}
}

// lifecycle reads the lifecycle rules of a bucket: its legacy
// lifecycle_rule blocks (partType empty), or the rule blocks of an
// aws_s3_bucket_lifecycle_configuration.
func (a *adapter) lifecycle(b *model.Bucket, r *model.Resource, rules *model.Value, partType string) {
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
		model.LifecycleRuleTable.FillFrom(lr, r, it, model.Terraform, a.plan, partType)
		if f := model.First(it.Get("filter")); f.IsUnknown() {
			lr.Prefix.Value = f
		}
		b.LifecycleRules = append(b.LifecycleRules, lr)
	}
}

// jsonDoc returns a JSON document attribute as a value tree: a walked
// jsonencode object as is, a JSON string read, every node pointing at the
// attribute value.
func jsonDoc(v *model.Value) *model.Value {
	if v == nil || v.Kind != model.String {
		return v
	}
	doc, _ := jsonvalue.Parse(v.Range.Filename, []byte(v.Str))
	if doc == nil {
		return model.NewUnknown("document that is not valid JSON", v.Range)
	}
	doc.Walk(func(n *model.Value) bool {
		n.Range = v.Range
		for _, f := range n.Fields {
			f.KeyRange = v.Range
		}
		return true
	})
	return doc
}
