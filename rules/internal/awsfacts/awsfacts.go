// Package awsfacts holds the AWS facts the rules share, as data with the
// source of each entry: which service principals can be scoped with
// aws:SourceAccount / aws:SourceArn, which cannot, and how service principals
// and role paths are spelled.
package awsfacts

import "strings"

// ConfigPrincipal is the AWS Config service principal ("Config SPN").
const ConfigPrincipal = "config.amazonaws.com"

// Fact is one entry of a principal table: the service principal and the AWS
// page (or, for known breakage, the public report) that says so.
type Fact struct {
	Principal string
	Source    string
}

// TrustScopable lists the service principals whose own documentation shows
// aws:SourceAccount / aws:SourceArn in the trust policy of a role the
// service assumes. Only these are reported by CW201: AWS publishes no
// complete list of services that set the keys when assuming a role, and a
// condition on a service that does not set them breaks the role.
var TrustScopable = []Fact{
	{"config.amazonaws.com", "https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html"},
	{"ssm.amazonaws.com", "https://docs.aws.amazon.com/systems-manager/latest/userguide/cross-service-confused-deputy-prevention.html"},
	{"states.amazonaws.com", "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html"},
	{"personalize.amazonaws.com", "https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html"},
	{"codebuild.amazonaws.com", "https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html"},
}

// TrustExempt lists service principals that are never reported for an
// unscoped trust policy: compute principals that assume a role for code the
// customer runs, where AWS documents no source keys (the catalog's spare
// list: ec2, lambda, ecs-tasks and the like), and services where adding the
// keys was reported to break the role. It documents the decision; CW201
// reports only TrustScopable principals in any case.
var TrustExempt = []Fact{
	{"ec2.amazonaws.com", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html (instance profiles; no source keys documented); prowler-cloud/prowler#2810"},
	{"lambda.amazonaws.com", "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html (execution role trust shown without conditions); prowler-cloud/prowler#2792"},
	{"edgelambda.amazonaws.com", "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html (replicated execution role, no source keys documented)"},
	{"ecs-tasks.amazonaws.com", "configward rules.md CW201 spare list (task roles are compute identities)"},
	{"ecs.amazonaws.com", "configward rules.md CW201 spare list"},
	{"eks.amazonaws.com", "https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html (cluster role trust shown without conditions)"},
	{"eks-fargate-pods.amazonaws.com", "https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html"},
	{"pods.eks.amazonaws.com", "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html"},
	{"batch.amazonaws.com", "compute service; no source keys documented"},
	{"cloudtrail.amazonaws.com", "prowler-cloud/prowler#4714 (CloudTrail to CloudWatch Logs delivery role stopped working with the keys)"},
	{"elastictranscoder.amazonaws.com", "prowler-cloud/prowler#4714 (pipeline role stopped working with the keys)"},
	{"apigateway.amazonaws.com", "prowler-cloud/prowler#2810 (reported false positive)"},
	{"glue.amazonaws.com", "prowler-cloud/prowler#2810 (reported false positive)"},
	{"backup.amazonaws.com", "prowler-cloud/prowler#2810 (reported false positive)"},
}

// ResourceExempt lists service principals that resource policies grant
// without aws:SourceAccount / aws:SourceArn for a documented reason; CW202
// skips them.
var ResourceExempt = []Fact{
	// CloudWatch Logs is granted KMS key use with the
	// kms:EncryptionContext:aws:logs:arn condition instead of the source keys.
	{"logs.amazonaws.com", "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"},
}

// ResourceScopable lists service principals whose documentation shows the
// source keys in the resource policies (bucket, key, topic, queue, function)
// that grant them access. CW202 reports every service principal that is not
// exempt, following the IAM guide's general advice; this list backs the
// recommendation for the common ones.
var ResourceScopable = []Fact{
	{"config.amazonaws.com", "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html"},
	{"cloudtrail.amazonaws.com", "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html"},
	{"delivery.logs.amazonaws.com", "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html"},
	{"logging.s3.amazonaws.com", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"},
	{"s3.amazonaws.com", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html"},
	{"sns.amazonaws.com", "https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html"},
	{"events.amazonaws.com", "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html"},
	{"ssm.amazonaws.com", "https://docs.aws.amazon.com/systems-manager/latest/userguide/cross-service-confused-deputy-prevention.html"},
}

// regionalService reads the older regional spelling of a service
// principal ("states.us-east-1.amazonaws.com", "logs.eu-west-1.amazonaws.com",
// with ".cn" in China) and returns the service ("states"). It is written
// out rather than a pattern: a pattern compiled for the first principal
// of a scan cost more page faults than the scan's matching.
func regionalService(p string) (string, bool) {
	rest, ok := strings.CutSuffix(p, ".amazonaws.com")
	if !ok {
		rest, ok = strings.CutSuffix(p, ".amazonaws.com.cn")
	}
	dot := strings.LastIndexByte(rest, '.')
	if !ok || dot < 0 || !isRegion(rest[dot+1:]) {
		return "", false
	}
	service := rest[:dot]
	for _, label := range strings.Split(service, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", false
		}
	}
	return service, true
}

// isRegion reports whether s is spelled like a region: two letters, a
// partition marker (gov, iso...) or none, a direction and one digit
// ("us-east-1", "us-gov-west-1", "us-isob-east-1").
func isRegion(s string) bool {
	parts := strings.Split(s, "-")
	letters := func(s string) bool { return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") == "" }
	n := len(parts)
	if n < 3 || n > 4 || len(parts[0]) != 2 || !letters(parts[0]) || !letters(parts[n-2]) ||
		len(parts[n-1]) != 1 || parts[n-1][0] < '0' || parts[n-1][0] > '9' {
		return false
	}
	return n == 3 || parts[1] == "gov" || strings.HasPrefix(parts[1], "iso") && (parts[1] == "iso" || letters(parts[1][3:]))
}

// NormalizePrincipal returns a service principal in its global spelling:
// the region is dropped from a regional principal and the China suffix
// ".amazonaws.com.cn" becomes ".amazonaws.com". Case is kept: service
// principals are case-sensitive (research edge case 2), so
// "Config.amazonaws.com" names no service.
func NormalizePrincipal(p string) string {
	p = strings.TrimSpace(p)
	if service, ok := regionalService(p); ok {
		return service + ".amazonaws.com"
	}
	return strings.TrimSuffix(p, ".cn")
}

// IsServicePrincipal reports whether p is spelled like an AWS service
// principal ("config.amazonaws.com").
func IsServicePrincipal(p string) bool {
	return strings.HasSuffix(NormalizePrincipal(p), ".amazonaws.com") && !strings.ContainsAny(p, "*?:/")
}

// IsConfigPrincipal reports whether p is the AWS Config service principal.
func IsConfigPrincipal(p string) bool { return NormalizePrincipal(p) == ConfigPrincipal }

func lookup(list []Fact, p string) (Fact, bool) {
	n := NormalizePrincipal(p)
	for _, f := range list {
		if f.Principal == n {
			return f, true
		}
	}
	return Fact{}, false
}

// TrustScopableFact returns the entry of TrustScopable for p.
func TrustScopableFact(p string) (Fact, bool) { return lookup(TrustScopable, p) }

// IsTrustExempt reports whether p is a principal whose trust is never
// reported (see TrustExempt).
func IsTrustExempt(p string) bool {
	_, ok := lookup(TrustExempt, p)
	return ok
}

// IsResourceExempt reports whether p is a principal that resource policies
// legitimately grant without the source keys (see ResourceExempt).
func IsResourceExempt(p string) bool {
	_, ok := lookup(ResourceExempt, p)
	return ok
}

// IsResourceScopable reports whether p is one of ResourceScopable.
func IsResourceScopable(p string) bool {
	_, ok := lookup(ResourceScopable, p)
	return ok
}

// IsServiceLinkedRolePath reports whether an IAM path or ARN names a
// service-linked role ("/aws-service-role/config.amazonaws.com/").
func IsServiceLinkedRolePath(s string) bool {
	return strings.Contains(s, "aws-service-role/")
}

// SecurityCriticalTypes are the AWS Config resource types whose changes
// matter most to an investigation (rules.md CW402); a type pattern ending
// in "::*" covers a service.
var SecurityCriticalTypes = []string{
	"AWS::IAM::*", "AWS::EC2::SecurityGroup", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::CloudTrail::Trail",
}

// GlobalIAMTypes are the global AWS Config resource types that a
// recording group's IncludeGlobalResourceTypes covers.
var GlobalIAMTypes = map[string]bool{
	"AWS::IAM::User": true, "AWS::IAM::Group": true, "AWS::IAM::Role": true, "AWS::IAM::Policy": true,
}

// ScopedServiceWildcards lists services whose every action is one narrow
// capability that AWS itself grants whole, so "<service>:*" grants nothing
// beyond what the AWS managed policy for that purpose does. CW307 spares
// them (rules/docs/CW307.md).
var ScopedServiceWildcards = []Fact{
	// AWSSupportAccess is {"Action": "support:*", "Resource": "*"}; the
	// CIS AWS Foundations Benchmark asks for a role that holds it.
	{"support", "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html"},
	// The Systems Manager agent's message channels: every action of these
	// services is in AmazonSSMManagedInstanceCore.
	{"ec2messages", "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html"},
	{"ssmmessages", "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html"},
}

// IsScopedServiceWildcard reports whether "<service>:*" is one of
// ScopedServiceWildcards (service lower-case).
func IsScopedServiceWildcard(service string) bool {
	for _, f := range ScopedServiceWildcards {
		if f.Principal == service {
			return true
		}
	}
	return false
}
