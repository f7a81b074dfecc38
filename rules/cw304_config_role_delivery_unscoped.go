package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW304.md
var docCW304 string

// ConfigRoleDeliveryUnscoped reports recorder-role delivery permissions
// (s3:PutObject, s3:GetBucketAcl, kms:GenerateDataKey, sns:Publish) granted
// on every resource, or on buckets, keys and topics that are not the
// delivery channel's.
var ConfigRoleDeliveryUnscoped = &analyzer.Rule{
	ID:        "CW304",
	Name:      "config-role-delivery-unscoped",
	Title:     "AWS Config recorder role delivery permissions not scoped",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"iam", "least-privilege", "aws-config"},
	Precision: "high",
	Doc:       docCW304,
	Run:       runConfigRoleDeliveryUnscoped,
}

// deliveryService is one kind of delivery resource.
type deliveryService struct {
	noun    string   // "bucket"
	actions []string // delivery actions of the service
	// name extracts the resource name from a known ARN element; "" when
	// the element is not such an ARN.
	name func(arn string) string
	// targets are the delivery resources: known names and entity addresses.
	names, addrs map[string]bool
	// entities are the addresses of every entity of that kind in the unit.
	entities map[string]bool
	// allKnown is set when every delivery resource's name is known, so
	// that a different literal name is provably another resource.
	allKnown bool
}

func runConfigRoleDeliveryUnscoped(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	u := pass.Unit
	var recorderRoles []configRole
	for _, cr := range configRoles(u) {
		if cr.Kind == recorderRole {
			recorderRoles = append(recorderRoles, cr)
		}
	}
	if len(recorderRoles) == 0 {
		return nil
	}
	services := deliveryServices(u)
	for _, cr := range recorderRoles {
		for _, p := range rolePolicies(cr.Role) {
			if p.Unknown {
				continue
			}
			for _, s := range p.Statements {
				if s.Unknown || !s.IsAllow() || s.Action == nil {
					continue
				}
				if _, broad := overbroadStatement(vs, p, s); broad {
					continue // CW301 reports it
				}
				for _, svc := range services {
					action := ""
					for _, a := range svc.actions {
						if policycheck.AllowsAction(s, a) == policycheck.Yes {
							action = a
							break
						}
					}
					if action == "" {
						continue
					}
					for _, e := range s.Resource {
						what := svc.judge(e)
						if what == "" {
							continue
						}
						loc := policycheck.Locate(p, s, "Resource")
						pass.Report(analyzer.Finding{
							Range:    elemRange(e, s.ResourceRange, s.Range),
							Message:  roleSubject(cr) + ": " + crPolicySubject(p) + " allows " + action + " on " + what + ", not only the delivery " + svc.noun,
							Resource: loc.Resource,
							Property: loc.Property,
							CDKPath:  loc.CDKPath,
						})
					}
				}
			}
		}
	}
	return nil
}

// judge says what a resource element grants beyond the delivery resource:
// "every resource", "every bucket", `bucket "other"`; "" when it is the
// delivery resource or cannot be told.
func (svc *deliveryService) judge(e *model.Elem) string {
	if !e.Known {
		if e.Ref != nil && svc.entities[e.Ref.Target] && !svc.addrs[e.Ref.Target] && len(svc.addrs) > 0 {
			return svc.noun + " " + quote(e.Ref.Target)
		}
		return ""
	}
	text := strings.TrimSpace(e.Text)
	if text == "*" {
		return "every resource (\"*\")"
	}
	name := svc.name(text)
	switch {
	case name == "":
		return ""
	case strings.Trim(name, "*?") == "":
		return "every " + svc.noun + " (" + quote(text) + ")"
	case strings.ContainsAny(name, "*?"):
		return ""
	case svc.allKnown && len(svc.names) > 0 && !svc.names[name]:
		return svc.noun + " " + quote(name)
	}
	return ""
}

// deliveryServices collects the delivery bucket, key and topic of every
// delivery channel of the unit.
func deliveryServices(u *model.Unit) []*deliveryService {
	bucket := &deliveryService{noun: "bucket", actions: []string{"s3:PutObject", "s3:GetBucketAcl"}, name: s3BucketOfARN}
	key := &deliveryService{noun: "key", actions: []string{"kms:GenerateDataKey"}, name: kmsKeyOfARN}
	topic := &deliveryService{noun: "topic", actions: []string{"sns:Publish"}, name: snsTopicOfARN}
	for _, svc := range []*deliveryService{bucket, key, topic} {
		svc.names, svc.addrs, svc.entities, svc.allKnown = map[string]bool{}, map[string]bool{}, map[string]bool{}, true
	}
	for _, b := range u.Entities.Buckets {
		bucket.entities[b.Address] = true
	}
	for _, k := range u.Entities.Keys {
		key.entities[k.Address] = true
	}
	for _, t := range u.Entities.Topics {
		topic.entities[t.Address] = true
	}
	note := func(svc *deliveryService, v *model.Value, addr string, nameOf func(string) string) {
		if addr != "" {
			svc.addrs[addr] = true
		}
		if v == nil {
			return
		}
		s, ok := v.AsString()
		if !ok || v.Kind != model.String {
			svc.allKnown = false
			return
		}
		if n := nameOf(s); n != "" {
			svc.names[n] = true
		} else {
			svc.names[s] = true
		}
	}
	for _, ch := range u.Entities.DeliveryChannels {
		addr := ""
		nameV := ch.BucketName
		if ch.Bucket != nil {
			addr = ch.Bucket.Address
			if !ch.Bucket.Name.Absent() {
				nameV = ch.Bucket.Name
			}
			if s, ok := nameV.AsString(); !ok || s == "" {
				nameV = ch.BucketName
			}
		}
		note(bucket, nameV.V(), addr, s3BucketOfARN)
		if !ch.KMSKeyARN.Absent() {
			addr := ""
			if ch.Key != nil {
				addr = ch.Key.Address
			}
			note(key, ch.KMSKeyARN.V(), addr, kmsKeyOfARN)
		}
		if !ch.TopicARN.Absent() {
			addr := ""
			if ch.Topic != nil {
				addr = ch.Topic.Address
				if !ch.Topic.KMSKeyID.Absent() {
					note(key, ch.Topic.KMSKeyID.V(), "", kmsKeyOfARN)
					if ref := ch.Topic.KMSKeyID.Ref; ref != nil {
						key.addrs[ref.Target] = true
					}
				}
			}
			note(topic, ch.TopicARN.V(), addr, snsTopicOfARN)
		}
	}
	// A key is named by id, alias or either ARN: a different literal
	// is not provably another key.
	key.allKnown = false
	return []*deliveryService{bucket, key, topic}
}

// s3BucketOfARN returns the bucket of an S3 ARN ("arn:aws:s3:::b/key" -> "b").
func s3BucketOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "s3" {
		return ""
	}
	b, _, _ := strings.Cut(parts[5], "/")
	return b
}

// kmsKeyOfARN returns the key id or alias name of a KMS ARN
// ("arn:aws:kms:r:a:key/1234" -> "1234").
func kmsKeyOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "kms" {
		return ""
	}
	if _, id, ok := strings.Cut(parts[5], "/"); ok {
		return id
	}
	return parts[5]
}

// snsTopicOfARN returns the topic name of an SNS ARN.
func snsTopicOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "sns" {
		return ""
	}
	return parts[5]
}
