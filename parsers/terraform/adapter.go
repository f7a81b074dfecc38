package terraform

import (
	"strconv"
	"strings"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/internal/trails"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// adapter builds the typed entities from the resources and links them.
// Links follow a reference (the Ref target of an unknown value, such as
// aws_s3_bucket.b.id) or a literal name or ARN.
//
// Single nested blocks (recording_group, versioning, source...) are given
// as their first object. Settings that live in a split resource
// (aws_s3_bucket_versioning...) are given as that resource's whole body,
// which wins over the bucket's inline block.
type adapter struct {
	e        model.Entities
	policies map[*model.Resource]map[string]*model.Policy

	buckets    map[string]*model.Bucket
	topics     map[string]*model.Topic
	queues     map[string]*model.Queue
	keys       map[string]*model.Key
	roles      map[string]*model.Role
	recorders  map[string]*model.Recorder
	mpolicies  map[string]*model.ManagedPolicy
	funcs      map[string]*model.LambdaFunction
	events     map[string]*model.EventRule
	linkedLast []*model.Resource
}

func adapt(resources []*model.Resource, policies map[*model.Resource]map[string]*model.Policy) model.Entities {
	a := &adapter{
		policies:  policies,
		buckets:   map[string]*model.Bucket{},
		topics:    map[string]*model.Topic{},
		queues:    map[string]*model.Queue{},
		keys:      map[string]*model.Key{},
		roles:     map[string]*model.Role{},
		recorders: map[string]*model.Recorder{},
		mpolicies: map[string]*model.ManagedPolicy{},
		funcs:     map[string]*model.LambdaFunction{},
		events:    map[string]*model.EventRule{},
	}
	for _, r := range resources {
		a.entity(r)
	}
	// Resources that attach to another one, once every target exists.
	for _, r := range a.linkedLast {
		a.link(r)
	}
	a.linkDelivery()
	// The documents of the AWS managed policies the roles attach.
	for _, role := range a.e.Roles {
		role.ManagedPolicies = iampolicy.ManagedPolicies(role.ManagedPolicyARNs)
	}
	a.finishSettings()
	return a.e
}

func (a *adapter) policy(r *model.Resource, prop string) *model.Policy {
	return a.policies[r][prop]
}

func (a *adapter) entity(r *model.Resource) {
	p := r.Prop
	defer a.settings(r) // settings.go, once the entity below exists
	switch r.Type {
	case "aws_config_configuration_recorder":
		rec := &model.Recorder{Resource: r, RoleARN: p("role_arn"), RecordingGroup: model.First(p("recording_group"))}
		if g := rec.RecordingGroup; g != nil {
			rec.AllSupported, rec.IncludeGlobal = g.Get("all_supported"), g.Get("include_global_resource_types")
			rec.ResourceTypes = g.Get("resource_types")
			rec.Strategy = model.First(g.Get("recording_strategy")).Get("use_only")
			rec.ExcludedTypes = model.First(g.Get("exclusion_by_resource_types")).Get("resource_types")
		}
		a.e.Recorders = append(a.e.Recorders, rec)
		a.recorders[r.Address] = rec
	case "aws_config_delivery_channel":
		a.e.DeliveryChannels = append(a.e.DeliveryChannels, &model.DeliveryChannel{
			Resource: r, BucketName: p("s3_bucket_name"), KeyPrefix: p("s3_key_prefix"),
			KMSKeyARN: p("s3_kms_key_arn"), TopicARN: p("sns_topic_arn"),
		})
	case "aws_config_config_rule":
		rule := &model.ConfigRule{Resource: r, InputParameters: p("input_parameters")}
		if src := model.First(p("source")); src.IsUnknown() {
			rule.Owner, rule.SourceID = src, src
		} else {
			rule.Owner, rule.SourceID = src.Get("owner"), src.Get("source_identifier")
		}
		a.e.ConfigRules = append(a.e.ConfigRules, rule)
	case "aws_config_configuration_aggregator":
		agg := &model.Aggregator{
			Resource: r, AccountSources: model.First(p("account_aggregation_source")),
			OrganizationSources: model.First(p("organization_aggregation_source")),
		}
		for _, src := range []*model.Value{agg.AccountSources, agg.OrganizationSources} {
			if src != nil {
				agg.Sources = append(agg.Sources, &model.AggregationSource{Value: src, Organization: src == agg.OrganizationSources,
					AllRegions: src.Get("all_regions"), Regions: src.Get("regions"), AllRegionsKey: "all_regions", RegionsKey: "regions"})
			}
		}
		agg.OrgRoleARN = agg.OrganizationSources.Get("role_arn")
		a.e.Aggregators = append(a.e.Aggregators, agg)
	case "aws_config_aggregate_authorization":
		region := p("region")
		if region == nil {
			region = p("authorized_aws_region")
		}
		a.e.AggregationAuthorizations = append(a.e.AggregationAuthorizations, &model.AggregationAuthorization{Resource: r, AccountID: p("account_id"), Region: region})
	case "aws_config_conformance_pack":
		a.e.ConformancePacks = append(a.e.ConformancePacks, &model.ConformancePack{Resource: r, DeliveryBucket: p("delivery_s3_bucket")})
	case "aws_config_remediation_configuration":
		rem := &model.Remediation{
			Resource: r, Automatic: p("automatic"), MaxAttempts: p("maximum_automatic_attempts"),
			RetrySecs: p("retry_attempt_seconds"), Parameters: p("parameter"),
		}
		for _, prm := range rem.Parameters.Elements() {
			if name, ok := prm.Get("name").AsString(); (ok && name == "AutomationAssumeRole") || prm.IsUnknown() {
				rem.AutomationRoleARN = prm.Get("static_value")
				if rem.AutomationRoleARN == nil {
					rem.AutomationRoleARN = model.First(prm.Get("static_values"))
				}
			}
		}
		a.e.Remediations = append(a.e.Remediations, rem)
	case "aws_s3_bucket":
		b := &model.Bucket{
			Resource: r, Name: p("bucket"),
			Encryption: model.First(p("server_side_encryption_configuration")),
			Versioning: model.First(p("versioning")), Logging: model.First(p("logging")),
			Lifecycle: p("lifecycle_rule"), ObjectLock: model.First(p("object_lock_configuration")),
		}
		b.ObjectLockRetention = lockRetention(b.ObjectLock)
		if pol := a.policy(r, "policy"); pol != nil {
			b.Policies = append(b.Policies, pol)
			b.PolicyResources = append(b.PolicyResources, r)
		}
		a.e.Buckets = append(a.e.Buckets, b)
		a.buckets[r.Address] = b
	case "aws_sns_topic":
		t := &model.Topic{Resource: r, Name: p("name"), KMSKeyID: p("kms_master_key_id")}
		if pol := a.policy(r, "policy"); pol != nil {
			t.Policies = append(t.Policies, pol)
		}
		a.e.Topics = append(a.e.Topics, t)
		a.topics[r.Address] = t
	case "aws_sqs_queue":
		q := &model.Queue{Resource: r, Name: p("name"), KMSKeyID: p("kms_master_key_id"), SQSManaged: p("sqs_managed_sse_enabled")}
		if pol := a.policy(r, "policy"); pol != nil {
			q.Policies = append(q.Policies, pol)
		}
		a.e.Queues = append(a.e.Queues, q)
		a.queues[r.Address] = q
	case "aws_kms_key", "aws_kms_external_key":
		k := &model.Key{Resource: r, Rotation: p("enable_key_rotation"), Spec: p("customer_master_key_spec"), Policy: a.policy(r, "policy")}
		if k.Spec == nil {
			k.Spec = p("key_spec")
		}
		if r.Type == "aws_kms_external_key" {
			k.Origin = model.NewString("EXTERNAL", r.DefRange)
		}
		a.e.Keys = append(a.e.Keys, k)
		a.keys[r.Address] = k
	case "aws_iam_role":
		role := &model.Role{Resource: r, Name: p("name"), Path: p("path"), Trust: a.policy(r, "assume_role_policy")}
		for i := range p("inline_policy").Elements() {
			if pol := a.policy(r, "inline_policy["+strconv.Itoa(i)+"].policy"); pol != nil {
				role.InlinePolicies = append(role.InlinePolicies, pol)
			}
		}
		if arns := p("managed_policy_arns"); arns != nil && arns.Kind != model.Null {
			role.ManagedPolicyARNs = append(role.ManagedPolicyARNs, arns.Elements()...)
			for i, arn := range arns.Elements() {
				role.Attachments = append(role.Attachments, &model.PolicyAttachment{ARN: arn, Via: r,
					Property: "managed_policy_arns[" + strconv.Itoa(i) + "]", Range: arn.Range})
			}
		}
		a.e.Roles = append(a.e.Roles, role)
		a.roles[r.Address] = role
	case "aws_iam_service_linked_role":
		role := &model.Role{Resource: r, ServiceLinked: true}
		a.e.Roles = append(a.e.Roles, role)
		a.roles[r.Address] = role
	case "aws_iam_policy":
		mp := &model.ManagedPolicy{Resource: r, Policy: a.policy(r, "policy")}
		a.e.ManagedPolicies = append(a.e.ManagedPolicies, mp)
		a.mpolicies[r.Address] = mp
	case "aws_lambda_function":
		fn := &model.LambdaFunction{Resource: r, Name: p("function_name"), RoleARN: p("role")}
		a.e.LambdaFunctions = append(a.e.LambdaFunctions, fn)
		a.funcs[r.Address] = fn
	case "aws_cloudwatch_event_rule":
		rule := &model.EventRule{Resource: r, Pattern: jsonDoc(p("event_pattern")), State: p("state"), IsEnabled: p("is_enabled")}
		a.e.EventRules = append(a.e.EventRules, rule)
		a.events[r.Address] = rule
	case "aws_cloudwatch_log_metric_filter":
		a.e.MetricFilters = append(a.e.MetricFilters, &model.MetricFilter{Resource: r, Pattern: p("pattern"), LogGroup: p("log_group_name")})
	case "aws_lambda_permission":
		a.e.LambdaPermissions = append(a.e.LambdaPermissions, &model.LambdaPermission{
			Resource: r, Action: p("action"), Principal: p("principal"),
			SourceAccount: p("source_account"), SourceArn: p("source_arn"),
			OrgID: p("principal_org_id"), Function: p("function_name"),
		})
	case "aws_vpc_endpoint":
		a.e.VPCEndpoints = append(a.e.VPCEndpoints, &model.VPCEndpoint{
			Resource: r, ServiceName: p("service_name"), Type: p("vpc_endpoint_type"),
			PrivateDNS: p("private_dns_enabled"), Policy: a.policy(r, "policy"),
		})
	case "aws_cloudtrail":
		sel := p("event_selector")
		if sel == nil {
			sel = p("advanced_event_selector")
		}
		trail := &model.Trail{
			Resource: r, MultiRegion: p("is_multi_region_trail"),
			LogValidation: p("enable_log_file_validation"), KMSKeyID: p("kms_key_id"), EventSelectors: sel,
		}
		trails.Selectors(trail, p("event_selector"), p("advanced_event_selector"), trails.Terraform)
		a.e.Trails = append(a.e.Trails, trail)
	case "aws_cloudwatch_log_group":
		a.e.LogGroups = append(a.e.LogGroups, &model.LogGroup{Resource: r, KMSKeyID: p("kms_key_id")})
	case "aws_config_configuration_recorder_status",
		"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
		"aws_s3_bucket_public_access_block", "aws_s3_bucket_policy", "aws_s3_bucket_logging",
		"aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_object_lock_configuration",
		"aws_s3_bucket_ownership_controls", "aws_sns_topic_policy", "aws_sqs_queue_policy",
		"aws_kms_key_policy", "aws_kms_alias", "aws_iam_role_policy",
		"aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_cloudwatch_event_target":
		a.linkedLast = append(a.linkedLast, r)
	}
}

// link attaches a resource that configures another one.
func (a *adapter) link(r *model.Resource) {
	p := r.Prop
	defer a.linkSettings(r) // settings.go
	switch r.Type {
	case "aws_config_configuration_recorder_status":
		if rec := a.findRecorder(p("name")); rec != nil {
			rec.Status, rec.IsEnabled = r, p("is_enabled")
		}
	case "aws_s3_bucket_server_side_encryption_configuration":
		if b := a.findBucket(p("bucket")); b != nil {
			b.Encryption = r.Body
		}
	case "aws_s3_bucket_versioning":
		if b := a.findBucket(p("bucket")); b != nil {
			b.Versioning = r.Body
		}
	case "aws_s3_bucket_public_access_block":
		if b := a.findBucket(p("bucket")); b != nil {
			b.PublicAccessBlock = r.Body
		}
	case "aws_s3_bucket_logging":
		if b := a.findBucket(p("bucket")); b != nil {
			b.Logging = r.Body
		}
	case "aws_s3_bucket_lifecycle_configuration":
		if b := a.findBucket(p("bucket")); b != nil {
			b.Lifecycle = r.Body
		}
	case "aws_s3_bucket_object_lock_configuration":
		if b := a.findBucket(p("bucket")); b != nil {
			b.ObjectLock = r.Body
			b.ObjectLockRetention = lockRetention(r.Body)
		}
	case "aws_s3_bucket_ownership_controls":
		if b := a.findBucket(p("bucket")); b != nil {
			b.Ownership = r.Body
		}
	case "aws_s3_bucket_policy":
		if b := a.findBucket(p("bucket")); b != nil {
			if pol := a.policy(r, "policy"); pol != nil {
				b.Policies = append(b.Policies, pol)
				b.PolicyResources = append(b.PolicyResources, r)
			}
		}
	case "aws_sns_topic_policy":
		if t := a.findTopic(p("arn")); t != nil {
			if pol := a.policy(r, "policy"); pol != nil {
				t.Policies = append(t.Policies, pol)
			}
		}
	case "aws_sqs_queue_policy":
		if q := a.findQueue(p("queue_url")); q != nil {
			if pol := a.policy(r, "policy"); pol != nil {
				q.Policies = append(q.Policies, pol)
			}
		}
	case "aws_kms_key_policy":
		if k := a.findKey(p("key_id")); k != nil {
			if pol := a.policy(r, "policy"); pol != nil {
				k.Policy = pol
			}
		}
	case "aws_kms_alias":
		if k := a.findKey(p("target_key_id")); k != nil {
			if name, ok := p("name").AsString(); ok {
				k.Aliases = append(k.Aliases, name)
			}
		}
	case "aws_iam_role_policy":
		if role := a.findRole(p("role")); role != nil {
			if pol := a.policy(r, "policy"); pol != nil {
				role.InlinePolicies = append(role.InlinePolicies, pol)
			}
		}
	case "aws_iam_role_policy_attachment":
		a.attach(p("role"), p("policy_arn"))
		a.attachment(r, p("role"), p("policy_arn"))
	case "aws_iam_policy_attachment":
		for _, role := range p("roles").Elements() {
			a.attach(role, p("policy_arn"))
			a.attachment(r, role, p("policy_arn"))
		}
	case "aws_cloudwatch_event_target":
		rule := a.events[target(p("rule"))]
		if name, ok := known(p("rule")); ok && rule == nil {
			for _, er := range a.e.EventRules {
				if sameName(er.Prop("name"), name) {
					rule = er
				}
			}
		}
		switch _, ok := known(p("rule")); {
		case rule != nil:
			rule.Targets = append(rule.Targets, p("arn"))
		case !ok:
			// A target for a rule we cannot tell: any rule may have it.
			for _, er := range a.e.EventRules {
				er.TargetsUnknown = true
			}
		}
	}
}

// attachment records on a role where a managed policy is attached, so
// findings can point at the attaching resource.
func (a *adapter) attachment(r *model.Resource, roleRef, arn *model.Value) {
	role := a.findRole(roleRef)
	if role == nil || arn == nil {
		return
	}
	at := &model.PolicyAttachment{ARN: arn, Via: r, Property: "policy_arn", Range: r.PropRange("policy_arn")}
	if arn.Ref != nil {
		at.Policy = a.mpolicies[arn.Ref.Target]
	}
	role.Attachments = append(role.Attachments, at)
}

// lockRetention returns rule.default_retention of an Object Lock
// configuration (inline block or split resource body).
func lockRetention(lock *model.Value) *model.Value {
	if lock == nil {
		return nil
	}
	return model.First(model.First(lock.Get("rule")).Get("default_retention"))
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

// attach records a managed policy attached to a role, on both sides.
func (a *adapter) attach(roleRef, arn *model.Value) {
	if arn == nil {
		return
	}
	if role := a.findRole(roleRef); role != nil {
		role.ManagedPolicyARNs = append(role.ManagedPolicyARNs, arn)
	}
	if arn.Ref != nil {
		if mp := a.mpolicies[arn.Ref.Target]; mp != nil && roleRef != nil {
			mp.Roles = append(mp.Roles, roleRef)
		}
	}
}

// linkDelivery links delivery channels and recorders to what they name.
func (a *adapter) linkDelivery() {
	for _, ch := range a.e.DeliveryChannels {
		ch.Bucket = a.findBucket(ch.BucketName)
		if ch.Bucket != nil {
			ch.Bucket.DeliveryChannels = append(ch.Bucket.DeliveryChannels, ch)
		}
		ch.Topic = a.findTopic(ch.TopicARN)
		ch.Key = a.findKey(ch.KMSKeyARN)
	}
	for _, rec := range a.e.Recorders {
		rec.Role = a.findRole(rec.RoleARN)
	}
	for _, agg := range a.e.Aggregators {
		agg.OrgRole = a.findRole(agg.OrgRoleARN)
	}
	for _, rem := range a.e.Remediations {
		rem.AutomationRole = a.findRole(rem.AutomationRoleARN)
	}
	for _, pack := range a.e.ConformancePacks {
		pack.Bucket = a.findBucket(pack.DeliveryBucket)
	}
	for _, fn := range a.e.LambdaFunctions {
		fn.Role = a.findRole(fn.RoleARN)
	}
	for _, perm := range a.e.LambdaPermissions {
		perm.Target = a.findFunction(perm.Function)
	}
	for _, rule := range a.e.ConfigRules {
		rule.Function = a.findFunction(rule.SourceID)
	}
}

// findFunction follows a reference to a function, its name or its ARN
// (arn:aws:lambda:region:acct:function:name[:qualifier]).
func (a *adapter) findFunction(v *model.Value) *model.LambdaFunction {
	if f := a.funcs[target(v)]; f != nil {
		return f
	}
	s, ok := known(v)
	if !ok {
		return nil
	}
	if i := strings.Index(s, ":function:"); i >= 0 {
		s, _, _ = strings.Cut(s[i+len(":function:"):], ":")
	}
	for _, f := range a.e.LambdaFunctions {
		if sameName(f.Name, s) {
			return f
		}
	}
	return nil
}

// target returns the address an unknown value refers to, "" otherwise.
func target(v *model.Value) string {
	if v.IsUnknown() && v.Ref != nil {
		return v.Ref.Target
	}
	return ""
}

func known(v *model.Value) (string, bool) {
	if v == nil || v.Kind != model.String {
		return "", false
	}
	return v.Str, v.Str != ""
}

func sameName(v *model.Value, name string) bool {
	s, ok := known(v)
	return ok && s == name
}

func (a *adapter) findBucket(v *model.Value) *model.Bucket {
	if b := a.buckets[target(v)]; b != nil {
		return b
	}
	name, ok := known(v)
	if !ok {
		return nil
	}
	name = strings.TrimPrefix(name, "arn:aws:s3:::")
	for _, b := range a.e.Buckets {
		if sameName(b.Name, name) {
			return b
		}
	}
	return nil
}

func (a *adapter) findTopic(v *model.Value) *model.Topic {
	if t := a.topics[target(v)]; t != nil {
		return t
	}
	arn, ok := known(v)
	if !ok {
		return nil
	}
	name := arn[strings.LastIndexByte(arn, ':')+1:]
	for _, t := range a.e.Topics {
		if sameName(t.Name, name) {
			return t
		}
	}
	return nil
}

func (a *adapter) findQueue(v *model.Value) *model.Queue {
	if q := a.queues[target(v)]; q != nil {
		return q
	}
	url, ok := known(v)
	if !ok {
		return nil
	}
	name := url[strings.LastIndexByte(url, '/')+1:]
	for _, q := range a.e.Queues {
		if sameName(q.Name, name) {
			return q
		}
	}
	return nil
}

// findKey follows a reference to a key or to one of its aliases, or a
// literal alias name or alias ARN.
func (a *adapter) findKey(v *model.Value) *model.Key {
	if k := a.keys[target(v)]; k != nil {
		return k
	}
	s, ok := known(v)
	if !ok {
		return nil
	}
	if i := strings.Index(s, ":alias/"); i >= 0 {
		s = s[i+1:]
	}
	for _, k := range a.e.Keys {
		for _, al := range k.Aliases {
			if al == s {
				return k
			}
		}
	}
	return nil
}

// findRole follows a reference to a role or service-linked role, a role
// name, or a role ARN (arn:aws:iam::111122223333:role/path/name).
func (a *adapter) findRole(v *model.Value) *model.Role {
	if r := a.roles[target(v)]; r != nil {
		return r
	}
	s, ok := known(v)
	if !ok {
		return nil
	}
	if strings.HasPrefix(s, "arn:") {
		if !strings.Contains(s, ":role/") {
			return nil
		}
		s = s[strings.LastIndexByte(s, '/')+1:]
	}
	for _, r := range a.e.Roles {
		if sameName(r.Name, s) {
			return r
		}
	}
	return nil
}

func (a *adapter) findRecorder(v *model.Value) *model.Recorder {
	if r := a.recorders[target(v)]; r != nil {
		return r
	}
	s, ok := known(v)
	if !ok {
		return nil
	}
	for _, r := range a.e.Recorders {
		name, has := known(r.Prop("name"))
		if !has && r.Prop("name") == nil {
			name, has = "default", true // the provider's default name
		}
		if has && name == s {
			return r
		}
	}
	return nil
}
