package cloudformation

import (
	"fmt"
	"strings"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/internal/trails"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// adapter builds the typed entities and policy documents of a unit from
// its resources, and links them through Ref/GetAtt targets and literal
// names or ARNs.
type adapter struct {
	u       *model.Unit
	buckets map[string]*model.Bucket
	topics  map[string]*model.Topic
	queues  map[string]*model.Queue
	keys    map[string]*model.Key
	roles   map[string]*model.Role
	managed map[string]*model.ManagedPolicy
	funcs   map[string]*model.LambdaFunction
	// links run once every entity exists.
	links []func()
	// sources are the unit's template files, for JSON strings read with
	// exact positions (strpos.go).
	sources map[string]*sourceFile
}

// adapt builds the entities of u; sources (optional) are its templates.
func adapt(u *model.Unit, sources ...map[string]*sourceFile) {
	a := &adapter{
		u:       u,
		buckets: map[string]*model.Bucket{},
		topics:  map[string]*model.Topic{},
		queues:  map[string]*model.Queue{},
		keys:    map[string]*model.Key{},
		roles:   map[string]*model.Role{},
		managed: map[string]*model.ManagedPolicy{},
		funcs:   map[string]*model.LambdaFunction{},
	}
	if len(sources) > 0 {
		a.sources = sources[0]
	}
	for _, r := range u.Resources {
		a.resource(r)
	}
	for _, link := range a.links {
		link()
	}
}

func (a *adapter) later(f func()) { a.links = append(a.links, f) }

func (a *adapter) resource(r *model.Resource) {
	e := &a.u.Entities
	p := r.Prop
	defer a.settings(r) // settings.go, once the entity below exists
	switch r.Type {
	case "AWS::Config::ConfigurationRecorder":
		rec := &model.Recorder{Resource: r, RoleARN: p("RoleARN"), RecordingGroup: p("RecordingGroup"),
			StartedWithChannel: true}
		if g := rec.RecordingGroup; g != nil {
			rec.AllSupported, rec.IncludeGlobal = g.Get("AllSupported"), g.Get("IncludeGlobalResourceTypes")
			rec.ResourceTypes, rec.Strategy = g.Get("ResourceTypes"), g.Path("RecordingStrategy", "UseOnly")
			rec.ExcludedTypes = g.Path("ExclusionByResourceTypes", "ResourceTypes")
		}
		e.Recorders = append(e.Recorders, rec)
		a.later(func() { rec.Role = a.role(rec.RoleARN) })
	case "AWS::Config::DeliveryChannel":
		dc := &model.DeliveryChannel{Resource: r, BucketName: p("S3BucketName"), KeyPrefix: p("S3KeyPrefix"),
			KMSKeyARN: p("S3KmsKeyArn"), TopicARN: p("SnsTopicARN")}
		e.DeliveryChannels = append(e.DeliveryChannels, dc)
		a.later(func() {
			dc.Bucket, dc.Topic, dc.Key = a.bucket(dc.BucketName), a.topic(dc.TopicARN), a.key(dc.KMSKeyARN)
			if dc.Bucket != nil {
				dc.Bucket.DeliveryChannels = append(dc.Bucket.DeliveryChannels, dc)
			}
		})
	case "AWS::Config::ConfigRule":
		rule := &model.ConfigRule{Resource: r, Owner: p("Source", "Owner"),
			SourceID: p("Source", "SourceIdentifier"), InputParameters: p("InputParameters")}
		e.ConfigRules = append(e.ConfigRules, rule)
		a.later(func() { rule.Function = a.function(rule.SourceID) })
	case "AWS::Config::ConfigurationAggregator":
		agg := &model.Aggregator{Resource: r,
			AccountSources: p("AccountAggregationSources"), OrganizationSources: p("OrganizationAggregationSource")}
		for _, src := range agg.AccountSources.Elements() {
			agg.Sources = append(agg.Sources, &model.AggregationSource{Value: src, AllRegions: src.Get("AllAwsRegions"),
				Regions: src.Get("AwsRegions"), AllRegionsKey: "AllAwsRegions", RegionsKey: "AwsRegions"})
		}
		if org := agg.OrganizationSources; org != nil {
			agg.Sources = append(agg.Sources, &model.AggregationSource{Value: org, Organization: true,
				AllRegions: org.Get("AllAwsRegions"), Regions: org.Get("AwsRegions"), AllRegionsKey: "AllAwsRegions", RegionsKey: "AwsRegions"})
			agg.OrgRoleARN = org.Get("RoleArn")
		}
		e.Aggregators = append(e.Aggregators, agg)
		a.later(func() { agg.OrgRole = a.role(agg.OrgRoleARN) })
	case "AWS::Config::AggregationAuthorization":
		e.AggregationAuthorizations = append(e.AggregationAuthorizations, &model.AggregationAuthorization{Resource: r,
			AccountID: p("AuthorizedAccountId"), Region: p("AuthorizedAwsRegion")})
	case "AWS::Config::ConformancePack":
		pack := &model.ConformancePack{Resource: r, DeliveryBucket: p("DeliveryS3Bucket")}
		e.ConformancePacks = append(e.ConformancePacks, pack)
		a.later(func() { pack.Bucket = a.bucket(pack.DeliveryBucket) })
	case "AWS::Config::RemediationConfiguration":
		rem := &model.Remediation{Resource: r, Automatic: p("Automatic"),
			MaxAttempts: p("MaximumAutomaticAttempts"), RetrySecs: p("RetryAttemptSeconds"), Parameters: p("Parameters")}
		if v := rem.Parameters.Path("AutomationAssumeRole", "StaticValue", "Values"); v != nil {
			if v.Kind == model.List {
				if len(v.Items) > 0 {
					rem.AutomationRoleARN = v.Items[0]
				}
			} else {
				rem.AutomationRoleARN = v
			}
		}
		e.Remediations = append(e.Remediations, rem)
		a.later(func() { rem.AutomationRole = a.role(rem.AutomationRoleARN) })
	case "AWS::S3::Bucket":
		b := &model.Bucket{Resource: r, Name: p("BucketName"), Encryption: p("BucketEncryption"),
			Versioning: p("VersioningConfiguration"), PublicAccessBlock: p("PublicAccessBlockConfiguration"),
			Logging: p("LoggingConfiguration"), Lifecycle: p("LifecycleConfiguration"),
			ObjectLock: p("ObjectLockConfiguration"), Ownership: p("OwnershipControls")}
		b.ObjectLockRetention = p("ObjectLockConfiguration", "Rule", "DefaultRetention")
		e.Buckets = append(e.Buckets, b)
		a.buckets[r.Address] = b
	case "AWS::S3::BucketPolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		a.later(func() {
			if b := a.bucket(p("Bucket")); b != nil && pol != nil {
				b.Policies = append(b.Policies, pol)
				b.PolicyResources = append(b.PolicyResources, r)
			}
		})
	case "AWS::SNS::Topic":
		t := &model.Topic{Resource: r, Name: p("TopicName"), KMSKeyID: p("KmsMasterKeyId")}
		e.Topics = append(e.Topics, t)
		a.topics[r.Address] = t
	case "AWS::SNS::TopicPolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		a.later(func() {
			for _, ref := range p("Topics").Elements() {
				if t := a.topic(ref); t != nil && pol != nil {
					t.Policies = append(t.Policies, pol)
				}
			}
		})
	case "AWS::SNS::TopicInlinePolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		a.later(func() {
			if t := a.topic(p("TopicArn")); t != nil && pol != nil {
				t.Policies = append(t.Policies, pol)
			}
		})
	case "AWS::SQS::Queue":
		q := &model.Queue{Resource: r, Name: p("QueueName"), KMSKeyID: p("KmsMasterKeyId"), SQSManaged: p("SqsManagedSseEnabled")}
		e.Queues = append(e.Queues, q)
		a.queues[r.Address] = q
	case "AWS::SQS::QueuePolicy":
		pol := a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		a.later(func() {
			for _, ref := range p("Queues").Elements() {
				if q := a.queue(ref); q != nil && pol != nil {
					q.Policies = append(q.Policies, pol)
				}
			}
		})
	case "AWS::KMS::Key":
		k := &model.Key{Resource: r, Rotation: p("EnableKeyRotation"), Spec: p("KeySpec"), Origin: p("Origin")}
		k.Policy = a.policy(r, p("KeyPolicy"), model.ResourcePolicy, "KeyPolicy")
		e.Keys = append(e.Keys, k)
		a.keys[r.Address] = k
	case "AWS::KMS::Alias":
		// Aliases are linked first, so that the other links can find keys by alias.
		a.links = append([]func(){func() {
			name, ok := p("AliasName").AsString()
			if k := a.keys[refTarget(p("TargetKeyId"))]; k != nil && ok {
				k.Aliases = append(k.Aliases, name)
			}
		}}, a.links...)
	case "AWS::IAM::Role", "AWS::IAM::ServiceLinkedRole":
		role := &model.Role{Resource: r, ServiceLinked: r.Type == "AWS::IAM::ServiceLinkedRole"}
		if !role.ServiceLinked {
			role.Name, role.Path = p("RoleName"), p("Path")
			role.Trust = a.policy(r, p("AssumeRolePolicyDocument"), model.TrustPolicy, "AssumeRolePolicyDocument")
			role.InlinePolicies = a.inlinePolicies(r)
			role.ManagedPolicyARNs = p("ManagedPolicyArns").Elements()
			for i, arn := range role.ManagedPolicyARNs {
				role.Attachments = append(role.Attachments, &model.PolicyAttachment{ARN: arn, Via: r,
					Property: fmt.Sprintf("ManagedPolicyArns[%d]", i), Range: arn.Range})
			}
		}
		e.Roles = append(e.Roles, role)
		a.roles[r.Address] = role
		a.later(func() {
			for _, at := range role.Attachments {
				if mp := a.managed[refTarget(at.ARN)]; mp != nil {
					at.Policy = mp
					addPolicy(role, mp.Policy)
				}
			}
			// The documents of the AWS managed policies it attaches.
			role.ManagedPolicies = iampolicy.ManagedPolicies(role.ManagedPolicyARNs)
		})
	case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
		mp := &model.ManagedPolicy{Resource: r, Roles: p("Roles").Elements()}
		mp.Policy = a.policy(r, p("PolicyDocument"), model.IdentityPolicy, "PolicyDocument")
		e.ManagedPolicies = append(e.ManagedPolicies, mp)
		a.managed[r.Address] = mp
		a.later(func() {
			for i, ref := range mp.Roles {
				if role := a.role(ref); role != nil {
					addPolicy(role, mp.Policy)
					role.Attachments = append(role.Attachments, &model.PolicyAttachment{Via: r,
						Property: fmt.Sprintf("Roles[%d]", i), Range: ref.Range, Policy: mp})
				}
			}
		})
	case "AWS::IAM::RolePolicy":
		pol := a.policy(r, p("PolicyDocument"), model.IdentityPolicy, "PolicyDocument")
		a.later(func() {
			if role := a.role(p("RoleName")); role != nil {
				addPolicy(role, pol)
			}
		})
	case "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
		a.policy(r, p("PolicyDocument"), model.IdentityPolicy, "PolicyDocument")
	case "AWS::IAM::User", "AWS::IAM::Group":
		a.inlinePolicies(r)
	case "AWS::Lambda::Function":
		fn := &model.LambdaFunction{Resource: r, Name: p("FunctionName"), RoleARN: p("Role")}
		e.LambdaFunctions = append(e.LambdaFunctions, fn)
		a.funcs[r.Address] = fn
		a.later(func() { fn.Role = a.role(fn.RoleARN) })
	case samFunction:
		// A function without a Role runs as the role SAM creates for it
		// (sam.go), "<Function>Role".
		fn := &model.LambdaFunction{Resource: r, Name: p("FunctionName"), RoleARN: p("Role")}
		if fn.RoleARN == nil && r.Body.IsKnown() {
			fn.RoleARN = unknown("!GetAtt "+r.Name+"Role.Arn", r.DefRange)
			fn.RoleARN.Ref = &model.Ref{Target: r.Address + "Role", Attr: "Arn"}
		}
		e.LambdaFunctions = append(e.LambdaFunctions, fn)
		a.funcs[r.Address] = fn
		a.later(func() { fn.Role = a.role(fn.RoleARN) })
	case "AWS::Lambda::Permission":
		perm := &model.LambdaPermission{Resource: r, Action: p("Action"),
			Principal: p("Principal"), SourceAccount: p("SourceAccount"), SourceArn: p("SourceArn"),
			OrgID: p("PrincipalOrgID"), Function: p("FunctionName")}
		e.LambdaPermissions = append(e.LambdaPermissions, perm)
		a.later(func() { perm.Target = a.function(perm.Function) })
	case "AWS::EC2::VPCEndpoint":
		ep := &model.VPCEndpoint{Resource: r, ServiceName: p("ServiceName"), Type: p("VpcEndpointType"), PrivateDNS: p("PrivateDnsEnabled")}
		ep.Policy = a.policy(r, p("PolicyDocument"), model.ResourcePolicy, "PolicyDocument")
		e.VPCEndpoints = append(e.VPCEndpoints, ep)
	case "AWS::CloudTrail::Trail":
		trail := &model.Trail{Resource: r, MultiRegion: p("IsMultiRegionTrail"),
			LogValidation: p("EnableLogFileValidation"), KMSKeyID: p("KMSKeyId"), EventSelectors: p("EventSelectors")}
		trails.Selectors(trail, p("EventSelectors"), p("AdvancedEventSelectors"), trails.CloudFormation)
		e.Trails = append(e.Trails, trail)
	case "AWS::Events::Rule":
		rule := &model.EventRule{Resource: r, Pattern: a.jsonDoc(p("EventPattern")), State: p("State")}
		switch t := p("Targets"); {
		case t.IsUnknown():
			rule.TargetsUnknown = true
		default:
			rule.Targets = t.Elements()
		}
		e.EventRules = append(e.EventRules, rule)
	case "AWS::Logs::MetricFilter":
		e.MetricFilters = append(e.MetricFilters, &model.MetricFilter{Resource: r, Pattern: p("FilterPattern"), LogGroup: p("LogGroupName")})
	case "AWS::Logs::LogGroup":
		e.LogGroups = append(e.LogGroups, &model.LogGroup{Resource: r, KMSKeyID: p("KmsKeyId")})
	}
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

// refTarget is the logical id an unknown value refers to, or "".
func refTarget(v *model.Value) string {
	if v != nil && v.Kind == model.Unknown && v.Ref != nil {
		return v.Ref.Target
	}
	return ""
}

// find resolves a reference to one of the entities in byID: by Ref/GetAtt
// target, or by a literal name or ARN that literal accepts.
func find[T any](v *model.Value, byID map[string]T, literal func(T, string) bool) T {
	var zero T
	if v == nil {
		return zero
	}
	if t := refTarget(v); t != "" {
		return byID[t]
	}
	s, ok := v.AsString()
	if !ok || s == "" {
		return zero
	}
	var match T
	n := 0
	for _, ent := range byID {
		if literal(ent, s) {
			match, n = ent, n+1
		}
	}
	if n != 1 {
		return zero // none, or ambiguous
	}
	return match
}

// nameIs reports whether s is name, or an ARN or URL ending in sep+name.
func nameIs(nameV *model.Value, s string, seps ...string) bool {
	name, ok := nameV.AsString()
	if !ok || name == "" {
		return false
	}
	if s == name {
		return true
	}
	for _, sep := range seps {
		if strings.HasSuffix(s, sep+name) {
			return true
		}
	}
	return false
}

func (a *adapter) bucket(v *model.Value) *model.Bucket {
	return find(v, a.buckets, func(b *model.Bucket, s string) bool { return nameIs(b.Name, s, ":::") })
}

func (a *adapter) topic(v *model.Value) *model.Topic {
	return find(v, a.topics, func(t *model.Topic, s string) bool {
		return strings.HasPrefix(s, "arn:") && nameIs(t.Name, s, ":")
	})
}

func (a *adapter) queue(v *model.Value) *model.Queue {
	return find(v, a.queues, func(q *model.Queue, s string) bool { return nameIs(q.Name, s, "/", ":") })
}

func (a *adapter) role(v *model.Value) *model.Role {
	return find(v, a.roles, func(r *model.Role, s string) bool { return nameIs(r.Name, s, "/") })
}

// function follows a reference to a function, its name, or its ARN
// (arn:aws:lambda:region:acct:function:name[:qualifier]).
func (a *adapter) function(v *model.Value) *model.LambdaFunction {
	return find(v, a.funcs, func(f *model.LambdaFunction, s string) bool {
		if i := strings.Index(s, ":function:"); i >= 0 {
			s = s[i+len(":function:"):]
			s, _, _ = strings.Cut(s, ":")
		}
		return nameIs(f.Name, s)
	})
}

func (a *adapter) key(v *model.Value) *model.Key {
	return find(v, a.keys, func(k *model.Key, s string) bool {
		for _, alias := range k.Aliases {
			if s == alias || strings.HasSuffix(s, ":"+alias) {
				return true
			}
		}
		return false
	})
}
