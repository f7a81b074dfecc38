package awsfacts

import "strings"

// AWS managed policies are named by the part of their ARN after
// "iam::aws:policy/", which is the same in every partition
// (arn:aws:, arn:aws-us-gov:, arn:aws-cn:; research edge case 40). The path
// before the name ("service-role/", "aws-service-role/", "job-function/")
// is kept apart.

// ManagedPolicy is the name and path of an AWS managed policy ARN.
type ManagedPolicy struct {
	// Path is the IAM path without slashes at the ends: "",
	// "service-role", "aws-service-role", "job-function".
	Path string
	Name string
}

// ParseManagedPolicyARN reads an AWS managed policy ARN, or a pattern of one
// whose unknown parts are "*" (a partition variable), as long as the part
// after "iam::aws:policy/" is literal. ok is false for customer managed
// policies and for anything else.
func ParseManagedPolicyARN(arn string) (ManagedPolicy, bool) {
	const marker = ":iam::aws:policy/"
	i := strings.Index(arn, marker)
	if i < 0 || !strings.HasPrefix(arn, "arn:") {
		return ManagedPolicy{}, false
	}
	rest := arn[i+len(marker):]
	if rest == "" || strings.ContainsAny(rest, "*?") {
		return ManagedPolicy{}, false
	}
	path, name := "", rest
	if j := strings.LastIndexByte(rest, '/'); j >= 0 {
		path, name = rest[:j], rest[j+1:]
	}
	if name == "" {
		return ManagedPolicy{}, false
	}
	return ManagedPolicy{Path: path, Name: name}, true
}

// IsServiceRolePolicy reports whether the policy may only be used by a
// service-linked role (path aws-service-role/): it cannot be attached to a
// customer role (research §3.9, edge case 23).
func (m ManagedPolicy) IsServiceRolePolicy() bool {
	return m.Path == "aws-service-role" || strings.HasPrefix(m.Path, "aws-service-role/")
}

// Breadth is how much an AWS managed policy grants, for a role AWS Config
// uses (research §3.10).
type Breadth uint8

const (
	// Narrow: nothing to report.
	Narrow Breadth = iota
	// ReadAll reads every service's data (ReadOnlyAccess).
	ReadAll
	// ServiceAdmin is full control of a service the role does not need.
	ServiceAdmin
	// AdminEquivalent is administrator access or a direct path to it.
	AdminEquivalent
)

// ManagedBreadth lists the AWS managed policies CW301 reports on Config
// roles, by name. Source: research/config-controls.md §3.10, from the AWS
// managed policy reference of each policy.
var ManagedBreadth = map[string]Breadth{
	"AdministratorAccess":                     AdminEquivalent,
	"AdministratorAccess-Amplify":             AdminEquivalent,
	"AdministratorAccess-AWSElasticBeanstalk": AdminEquivalent,
	"IAMFullAccess":                           AdminEquivalent,
	"PowerUserAccess":                         AdminEquivalent,
	"AmazonS3FullAccess":                      ServiceAdmin,
	"AWSKeyManagementServicePowerUser":        ServiceAdmin,
	"AmazonSNSFullAccess":                     ServiceAdmin,
	"AWSLambda_FullAccess":                    ServiceAdmin,
	"AmazonSSMFullAccess":                     ServiceAdmin,
	"AWSOrganizationsFullAccess":              ServiceAdmin,
	"AWSCloudTrail_FullAccess":                ServiceAdmin,
	"ReadOnlyAccess":                          ReadAll,
}

// Managed policies AWS Config's own pages name.
const (
	// ConfigRolePolicy is what a customer recorder role needs to read
	// resource configurations (iamrole-permissions.md).
	ConfigRolePolicy = "AWS_ConfigRole"
	// DeprecatedConfigRolePolicy was replaced by AWS_ConfigRole on
	// 2021-04-01 (security-iam-awsmanpol.md).
	DeprecatedConfigRolePolicy = "AWSConfigRole"
	// RulesExecutionPolicy is for custom-rule Lambda execution roles; it
	// grants config:Put* on *, too much for the recorder role.
	RulesExecutionPolicy = "AWSConfigRulesExecutionRole"
)

// ConfigServiceLinkedRoleName is the name of AWS Config's service-linked
// role; a hand-made customer role with that name is a look-alike.
const ConfigServiceLinkedRoleName = "AWSServiceRoleForConfig"

// IsConfigServiceLinkedRoleARN reports whether a role ARN (or its glob)
// names AWS Config's service-linked role:
// arn:aws:iam::<acct>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig.
func IsConfigServiceLinkedRoleARN(arn string) bool {
	return strings.Contains(arn, ":role/aws-service-role/config.amazonaws.com/")
}
