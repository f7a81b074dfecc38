package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

// DeliveryBucketAccessNotLogged reports AWS Config delivery buckets whose
// access is recorded nowhere: no server access logging, and no CloudTrail
// trail of the scanned set logging their S3 data events.
var DeliveryBucketAccessNotLogged = &analyzer.Rule{
	ID:        "CW702",
	Name:      "delivery-bucket-access-not-logged",
	Title:     "AWS Config delivery bucket access is not logged",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "logging", "aws-config"},
	Precision: "high",
	Doc:       doc("CW702"),
	RunSet:    runDeliveryBucketAccessNotLogged,
}

func runDeliveryBucketAccessNotLogged(pass *analyzer.SetPass) error {
	var events []*model.Value
	for _, u := range pass.Units {
		for _, t := range u.Entities.Trails {
			if on, ok := t.IsLogging.AsBool(); ok && !on {
				continue
			}
			if t.IsLogging.IsUnknown() && len(t.S3DataEvents) > 0 {
				events = append(events, t.IsLogging)
				continue
			}
			events = append(events, t.S3DataEvents...)
		}
	}
	for _, u := range pass.Units {
		prop := propName(u.Format, "LoggingConfiguration", "aws_s3_bucket_logging")
		for _, b := range u.Entities.Buckets {
			ch := configpath.DeliveryBucket(b)
			if ch == nil || b.Logging != nil || dataEventsCover(events, b) {
				continue
			}
			pass.Report(u, analyzer.Finding{Range: b.DefRange, Resource: b.Address, CDKPath: b.CDKPath, Property: prop,
				Message: "bucket " + quote(b.Address) + " has no server access logging, and no CloudTrail trail in this set logs its S3 data events (" + configpath.Because("delivery bucket", ch) + ")"})
		}
	}
	return nil
}

// dataEventsCover reports whether some S3 data-event ARN prefix may cover
// objects of b: every bucket ("arn:aws:s3", "arn:aws:s3:::"), b's ARN, or
// anything unknown.
func dataEventsCover(events []*model.Value, b *model.Bucket) bool {
	name, nameKnown := b.Name.AsString()
	nameKnown = nameKnown && b.Name.Kind == model.String && name != ""
	for _, v := range events {
		s, ok := v.AsString()
		if !ok {
			if !v.IsNull() {
				return true // unknown: may name this bucket
			}
			continue
		}
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "arn:") && strings.HasSuffix(s, ":s3") {
			return true // every bucket of the partition
		}
		rest, ok := s3Resource(s)
		if !ok {
			continue
		}
		bucket, _, _ := strings.Cut(rest, "/")
		if bucket == "" || !nameKnown || bucket == name {
			return true
		}
	}
	return false
}
