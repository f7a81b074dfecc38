package terraform

import (
	"strings"

	"github.com/configward/configward/parsers/internal/trails"
	"github.com/configward/configward/parsers/model"
)

// settings reads, once the entity of r exists, the settings the rules
// compare across formats (see model.Bucket, model.Trail, model.KeyAlias):
// from the legacy inline blocks of aws_s3_bucket here, from the split
// aws_s3_bucket_* resources in linkSettings, which run later and win.
func (a *adapter) settings(r *model.Resource) {
	p := r.Prop
	switch r.Type {
	case "aws_s3_bucket":
		if b := a.buckets[r.Address]; b != nil {
			a.inlineBucketSettings(b)
		}
	case "aws_cloudtrail":
		for _, t := range a.e.Trails {
			if t.Resource == r {
				t.IsLogging = p("enable_logging")
				t.S3DataEvents = trails.S3DataEvents(p("event_selector"), p("advanced_event_selector"), trails.Terraform)
			}
		}
	case "aws_kms_key":
		if k := a.keys[r.Address]; k != nil {
			k.CustomKeyStore = p("custom_key_store_id")
		}
	case "data.aws_kms_alias":
		a.e.KeyAliases = append(a.e.KeyAliases, &model.KeyAlias{Resource: r, Name: p("name")})
	case "data.aws_kms_key":
		a.e.KeyAliases = append(a.e.KeyAliases, &model.KeyAlias{Resource: r, Name: p("key_id")})
	case "aws_config_retention_configuration":
		a.e.Retentions = append(a.e.Retentions, &model.RetentionConfig{Resource: r, Days: p("retention_period_in_days")})
	case "aws_s3_account_public_access_block":
		a.e.AccountAccessBlocks = append(a.e.AccountAccessBlocks, accessBlock(r, r.Body))
	case "aws_s3_bucket_acl", "aws_sns_topic_subscription", "aws_vpc_endpoint_policy":
		a.linkedLast = append(a.linkedLast, r)
	}
}

// linkSettings reads the split resources that configure another one, once
// every target exists.
func (a *adapter) linkSettings(r *model.Resource) {
	p := r.Prop
	switch r.Type {
	case "aws_s3_bucket_server_side_encryption_configuration":
		if b := a.findBucket(p("bucket")); b != nil {
			b.SSEAlgorithm, b.SSEKeyID = sseByDefault(r.Body)
		}
	case "aws_s3_bucket_versioning":
		if b := a.findBucket(p("bucket")); b != nil {
			b.VersioningStatus = model.First(p("versioning_configuration")).Get("status")
		}
	case "aws_s3_bucket_public_access_block":
		if b := a.findBucket(p("bucket")); b != nil {
			b.AccessBlock = accessBlock(r, r.Body)
		}
	case "aws_s3_bucket_ownership_controls":
		if b := a.findBucket(p("bucket")); b != nil {
			b.ObjectOwnership = model.First(p("rule")).Get("object_ownership")
		}
	case "aws_s3_bucket_acl":
		if b := a.findBucket(p("bucket")); b != nil {
			if acl := p("acl"); acl != nil {
				b.ACL = acl
			} else if acp := p("access_control_policy"); acp != nil {
				b.ACL = acp
			}
		}
	case "aws_s3_bucket_lifecycle_configuration":
		if b := a.findBucket(p("bucket")); b != nil {
			b.LifecycleRules, b.LifecycleUnknown = nil, false
			rules := p("rule")
			if rules.IsUnknown() {
				b.LifecycleUnknown = true
				return
			}
			for _, it := range rules.Elements() {
				if it.IsUnknown() {
					b.LifecycleUnknown = true
					continue
				}
				lr := &model.LifecycleRule{Value: it, Status: it.Get("status"), Prefix: it.Get("prefix"),
					ExpirationDays: model.First(it.Get("expiration")).Get("days")}
				if f := model.First(it.Get("filter")); f != nil {
					and := model.First(f.Get("and"))
					for _, v := range []*model.Value{f.Get("prefix"), and.Get("prefix")} {
						if v != nil {
							lr.Prefix = v
						}
					}
					for _, v := range []*model.Value{f.Get("tag"), f.Get("object_size_greater_than"), f.Get("object_size_less_than"),
						and.Get("tags"), and.Get("object_size_greater_than"), and.Get("object_size_less_than")} {
						if v != nil && lr.Narrowed == nil {
							lr.Narrowed = v
						}
					}
					if f.IsUnknown() {
						lr.Prefix = f
					}
				}
				b.LifecycleRules = append(b.LifecycleRules, lr)
			}
		}
	case "aws_s3_bucket_policy":
		if a.findBucket(p("bucket")) == nil {
			a.e.UnlinkedBucketPolicies = append(a.e.UnlinkedBucketPolicies, r)
		}
	case "aws_kms_alias":
		a.e.KeyAliases = append(a.e.KeyAliases, &model.KeyAlias{Resource: r, Name: p("name"), Key: a.findKey(p("target_key_id"))})
	case "aws_sns_topic_subscription":
		if proto, ok := p("protocol").AsString(); !ok || !strings.EqualFold(proto, "sqs") {
			return
		}
		t := a.findTopic(p("topic_arn"))
		if q := a.queueByARN(p("endpoint")); q != nil && t != nil {
			q.Topics = append(q.Topics, t)
		}
	case "aws_vpc_endpoint_policy":
		for _, ep := range a.e.VPCEndpoints {
			if ep.Address == target(p("vpc_endpoint_id")) && target(p("vpc_endpoint_id")) != "" {
				if pol := a.policy(r, "policy"); pol != nil {
					ep.Policy = pol
				}
			}
		}
	}
}

// finishSettings links what needs every alias: the key a bucket's default
// encryption names.
func (a *adapter) finishSettings() {
	for _, b := range a.e.Buckets {
		b.SSEKey = a.findKey(b.SSEKeyID)
	}
}

// queueByARN follows a reference to a queue or a literal queue ARN or URL.
func (a *adapter) queueByARN(v *model.Value) *model.Queue {
	if q := a.queues[target(v)]; q != nil {
		return q
	}
	s, ok := known(v)
	if !ok {
		return nil
	}
	name := s[strings.LastIndexAny(s, "/:")+1:]
	for _, q := range a.e.Queues {
		if sameName(q.Name, name) {
			return q
		}
	}
	return nil
}

func (a *adapter) inlineBucketSettings(b *model.Bucket) {
	p := b.Prop
	if enc := model.First(p("server_side_encryption_configuration")); enc != nil {
		b.SSEAlgorithm, b.SSEKeyID = sseByDefault(enc)
	}
	if v := model.First(p("versioning")); v != nil {
		switch en := v.Get("enabled"); {
		case en == nil:
			b.VersioningStatus = model.NewString("Suspended", v.Range)
		case en.IsUnknown():
			b.VersioningStatus = en
		default:
			if on, ok := en.AsBool(); ok && on {
				b.VersioningStatus = model.NewString("Enabled", en.Range)
			} else if ok {
				b.VersioningStatus = model.NewString("Suspended", en.Range)
			}
		}
	}
	if acl := p("acl"); acl != nil {
		b.ACL = acl
	} else if g := p("grant"); g != nil {
		b.ACL = g
	}
	rules := p("lifecycle_rule")
	if rules.IsUnknown() {
		b.LifecycleUnknown = true
		return
	}
	for _, it := range rules.Elements() {
		if it.IsUnknown() {
			b.LifecycleUnknown = true
			continue
		}
		lr := &model.LifecycleRule{Value: it, Prefix: it.Get("prefix"), Narrowed: it.Get("tags"),
			ExpirationDays: model.First(it.Get("expiration")).Get("days")}
		switch en := it.Get("enabled"); {
		case en.IsUnknown():
			lr.Status = en
		default:
			if on, ok := en.AsBool(); ok && on {
				lr.Status = model.NewString("Enabled", en.Range)
			} else if ok {
				lr.Status = model.NewString("Disabled", en.Range)
			}
		}
		b.LifecycleRules = append(b.LifecycleRules, lr)
	}
}

// sseByDefault reads rule.apply_server_side_encryption_by_default of an
// encryption configuration (split resource body or legacy inline block).
func sseByDefault(enc *model.Value) (alg, key *model.Value) {
	def := model.First(model.First(enc.Get("rule")).Get("apply_server_side_encryption_by_default"))
	return def.Get("sse_algorithm"), def.Get("kms_master_key_id")
}

func accessBlock(r *model.Resource, body *model.Value) *model.AccessBlock {
	return &model.AccessBlock{Resource: r, Body: body,
		BlockPublicACLs: body.Get("block_public_acls"), IgnorePublicACLs: body.Get("ignore_public_acls"),
		BlockPublicPolicy: body.Get("block_public_policy"), RestrictPublicBuckets: body.Get("restrict_public_buckets")}
}
