package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

// knownEmpty reports whether v is absent, null or a known empty string: a
// setting left out.
func knownEmpty(x model.Valued) bool {
	v := x.V()
	if v.IsNull() {
		return true
	}
	s, ok := v.AsString()
	return ok && v.Kind == model.String && strings.TrimSpace(s) == ""
}

// deliveryBucket returns, for a bucket on an AWS Config delivery path, the
// raised severity and the reason to append to the message; for any other
// bucket the rule's default and "".
func deliveryBucket(b *model.Bucket, raised analyzer.Severity) (analyzer.Severity, string) {
	if ch := configpath.DeliveryBucket(b); ch != nil {
		return raised, " (" + configpath.Because("delivery bucket", ch) + ")"
	}
	return analyzer.None, ""
}

// reportOn reports a finding about resource r.
func reportOn(pass *analyzer.Pass, r *model.Resource, rng model.Range, sev analyzer.Severity, prop, msg string) {
	pass.Report(analyzer.Finding{
		Range:    rng,
		Severity: sev,
		Message:  msg,
		Resource: r.Address,
		CDKPath:  r.CDKPath,
		Property: prop,
	})
}

// s3Resource returns the resource part of an S3 ARN ("bucket/key" of
// arn:aws:s3:::bucket/key, in any partition) and whether s is one.
func s3Resource(s string) (string, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return "", false
	}
	i := strings.Index(s, ":s3:::")
	if i < 0 {
		return "", false
	}
	return s[i+len(":s3:::"):], true
}

// isBucketARNRef reports whether an unknown value is a reference to the
// ARN of bucket b (!GetAtt B.Arn, aws_s3_bucket.b.arn).
func isBucketARNRef(ref *model.Ref, b *model.Bucket) bool {
	return ref != nil && ref.Target == b.Address && strings.EqualFold(ref.Attr, "arn")
}
