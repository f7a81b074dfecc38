package cloudformation

import (
	"strings"

	"github.com/configward/configward/parsers/internal/trails"
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
				t.S3DataEvents = trails.S3DataEvents(p("EventSelectors"), p("AdvancedEventSelectors"), trails.CloudFormation)
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

func (a *adapter) bucketSettings(b *model.Bucket) {
	p := b.Prop
	byDefault := model.First(p("BucketEncryption").Get("ServerSideEncryptionConfiguration")).Get("ServerSideEncryptionByDefault")
	b.SSEAlgorithm, b.SSEKeyID = byDefault.Get("SSEAlgorithm"), byDefault.Get("KMSMasterKeyID")
	a.later(func() { b.SSEKey = a.key(b.SSEKeyID) })
	b.VersioningStatus = p("VersioningConfiguration").Get("Status")
	if pab := p("PublicAccessBlockConfiguration"); pab != nil {
		b.AccessBlock = &model.AccessBlock{Resource: b.Resource, Body: pab,
			BlockPublicACLs: pab.Get("BlockPublicAcls"), IgnorePublicACLs: pab.Get("IgnorePublicAcls"),
			BlockPublicPolicy: pab.Get("BlockPublicPolicy"), RestrictPublicBuckets: pab.Get("RestrictPublicBuckets")}
	}
	b.ObjectOwnership = model.First(p("OwnershipControls").Get("Rules")).Get("ObjectOwnership")
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
