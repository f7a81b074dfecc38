package cloudformation

import (
	"strings"

	"github.com/configward/configward/parsers/model"
)

// settings reads, once the entity of r exists, the settings the rules
// compare across formats: a bucket's encryption, versioning, public access
// block, ownership, ACL and lifecycle rules; a trail's logging state and S3
// data events; KMS aliases; SNS-to-SQS subscriptions; bucket policies whose
// bucket is not in the template.
func (a *adapter) settings(r *model.Resource) {
	e := &a.u.Entities
	p := r.Prop
	switch r.Type {
	case "AWS::S3::Bucket":
		if b := a.buckets[r.Name]; b != nil {
			a.bucketSettings(b)
		}
	case "AWS::S3::BucketPolicy":
		a.later(func() {
			if a.bucket(p("Bucket")) == nil {
				e.UnlinkedBucketPolicies = append(e.UnlinkedBucketPolicies, r)
			}
		})
	case "AWS::CloudTrail::Trail":
		for _, t := range e.Trails {
			if t.Resource == r {
				t.IsLogging = p("IsLogging")
				t.S3DataEvents = s3DataEvents(p("EventSelectors"), p("AdvancedEventSelectors"))
			}
		}
	case "AWS::KMS::Alias":
		al := &model.KeyAlias{Resource: r, Name: p("AliasName")}
		e.KeyAliases = append(e.KeyAliases, al)
		a.later(func() { al.Key = a.key(p("TargetKeyId")) })
	case "AWS::SNS::Topic":
		for _, s := range p("Subscription").Elements() {
			a.subscribe(model.NewUnknown("!Ref "+r.Name, r.DefRange), r.Name, s.Get("Protocol"), s.Get("Endpoint"))
		}
	case "AWS::SNS::Subscription":
		a.subscribe(p("TopicArn"), "", p("Protocol"), p("Endpoint"))
	}
}

// subscribe links an SQS subscription of a topic to its queue. topicID,
// when set, is the logical id of the topic itself.
func (a *adapter) subscribe(topicRef *model.Value, topicID string, protocol, endpoint *model.Value) {
	if proto, ok := protocol.AsString(); !ok || !strings.EqualFold(proto, "sqs") {
		return
	}
	a.later(func() {
		t := a.topics[topicID]
		if t == nil {
			t = a.topic(topicRef)
		}
		if q := a.queue(endpoint); q != nil && t != nil {
			q.Topics = append(q.Topics, t)
		}
	})
}

// firstItem is the first element of a list, the value itself when it is
// not a list (an unknown), nil when absent or empty.
func firstItem(v *model.Value) *model.Value {
	if v == nil {
		return nil
	}
	if v.Kind == model.List {
		if len(v.Items) == 0 {
			return nil
		}
		return v.Items[0]
	}
	return v
}

func (a *adapter) bucketSettings(b *model.Bucket) {
	p := b.Prop
	byDefault := firstItem(p("BucketEncryption").Get("ServerSideEncryptionConfiguration")).Get("ServerSideEncryptionByDefault")
	b.SSEAlgorithm, b.SSEKeyID = byDefault.Get("SSEAlgorithm"), byDefault.Get("KMSMasterKeyID")
	a.later(func() { b.SSEKey = a.key(b.SSEKeyID) })
	b.VersioningStatus = p("VersioningConfiguration").Get("Status")
	if pab := p("PublicAccessBlockConfiguration"); pab != nil {
		b.AccessBlock = &model.AccessBlock{Resource: b.Resource, Body: pab,
			BlockPublicACLs: pab.Get("BlockPublicAcls"), IgnorePublicACLs: pab.Get("IgnorePublicAcls"),
			BlockPublicPolicy: pab.Get("BlockPublicPolicy"), RestrictPublicBuckets: pab.Get("RestrictPublicBuckets")}
	}
	b.ObjectOwnership = firstItem(p("OwnershipControls").Get("Rules")).Get("ObjectOwnership")
	b.ACL = p("AccessControl")
	rules := p("LifecycleConfiguration").Get("Rules")
	if rules.IsUnknown() {
		b.LifecycleUnknown = true
		return
	}
	for _, it := range rules.Elements() {
		if it.IsUnknown() {
			b.LifecycleUnknown = true
			continue
		}
		lr := &model.LifecycleRule{Value: it, Status: it.Get("Status"), Prefix: it.Get("Prefix"),
			ExpirationDays: it.Get("ExpirationInDays")}
		for _, k := range []string{"TagFilters", "ObjectSizeGreaterThan", "ObjectSizeLessThan"} {
			if v := it.Get(k); v != nil && lr.Narrowed == nil {
				lr.Narrowed = v
			}
		}
		b.LifecycleRules = append(b.LifecycleRules, lr)
	}
}

// s3DataEvents lists the S3 object ARN prefixes whose data events a trail's
// selectors log (see model.Trail.S3DataEvents).
func s3DataEvents(basic, advanced *model.Value) []*model.Value {
	var out []*model.Value
	for _, sel := range basic.Elements() {
		if sel.IsUnknown() {
			out = append(out, sel)
			continue
		}
		for _, dr := range sel.Get("DataResources").Elements() {
			typ := dr.Get("Type")
			if t, ok := typ.AsString(); ok && t != "AWS::S3::Object" {
				continue
			}
			if typ.IsUnknown() || dr.IsUnknown() {
				out = append(out, dr)
				continue
			}
			out = append(out, dr.Get("Values").Elements()...)
		}
	}
	for _, sel := range advanced.Elements() {
		out = append(out, advancedS3(sel, "FieldSelectors", "Field", "Equals", "StartsWith")...)
	}
	return out
}

// advancedS3 reads one advanced event selector in the spelling given:
// when it selects AWS::S3::Object data events, the ARN prefixes it limits
// them to ("arn:aws:s3" when none), and an unknown value for any test it
// cannot follow (NotStartsWith, EndsWith, an unknown field).
func advancedS3(sel *model.Value, fieldsKey, fieldKey, equalsKey, startsKey string) []*model.Value {
	if sel.IsUnknown() {
		return []*model.Value{sel}
	}
	fields := sel.Get(fieldsKey)
	if fields.IsUnknown() {
		return []*model.Value{fields}
	}
	isS3 := false
	var arns []*model.Value
	for _, f := range fields.Elements() {
		name, ok := f.Get(fieldKey).AsString()
		if !ok {
			return []*model.Value{model.NewUnknown("unknown field selector", f.Range)}
		}
		switch name {
		case "resources.type":
			for _, v := range f.Get(equalsKey).Elements() {
				if s, ok := v.AsString(); !ok || s == "AWS::S3::Object" {
					isS3 = true
				}
			}
		case "resources.ARN":
			for _, fl := range f.Fields {
				switch fl.Key {
				case equalsKey, startsKey:
					arns = append(arns, fl.Value.Elements()...)
				case fieldKey:
				default:
					arns = append(arns, model.NewUnknown("ARN selector "+fl.Key, fl.KeyRange))
				}
			}
		}
	}
	if !isS3 {
		return nil
	}
	if len(arns) == 0 {
		return []*model.Value{model.NewString("arn:aws:s3", sel.Range)}
	}
	return arns
}
