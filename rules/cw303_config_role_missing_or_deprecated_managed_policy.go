package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW303.md
var docCW303 string

// ConfigRoleManagedPolicy reports customer recorder roles without the
// AWS_ConfigRole managed policy (or equivalent read permissions), and those
// that still use the deprecated AWSConfigRole.
var ConfigRoleManagedPolicy = &analyzer.Rule{
	ID:        "CW303",
	Name:      "config-role-missing-or-deprecated-managed-policy",
	Title:     "AWS Config recorder role without AWS_ConfigRole",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"iam", "aws-config", "coverage"},
	Precision: "high",
	Doc:       docCW303,
	Run:       runConfigRoleManagedPolicy,
}

func runConfigRoleManagedPolicy(pass *analyzer.Pass) error {
	for _, cr := range configRoles(pass.Unit) {
		if cr.Kind != recorderRole {
			continue
		}
		role := cr.Role
		reads, unknown := false, false
		for _, at := range role.Attachments {
			mp, aws, known := attachmentPolicy(at)
			switch {
			case !known:
				unknown = true
			case aws && mp.Name == awsfacts.DeprecatedConfigRolePolicy:
				reads = true
				pass.Report(analyzer.Finding{
					Range:    crAttachmentRange(at, role),
					Message:  roleSubject(cr) + " uses the deprecated AWS managed policy AWSConfigRole; AWS_ConfigRole replaced it and gets the read permissions of new resource types",
					Resource: at.Via.Address,
					CDKPath:  at.Via.CDKPath,
					Property: at.Property,
				})
			case aws && mp.Name == awsfacts.ConfigRolePolicy:
				reads = true
			case aws:
				switch doc := embeddedManaged(role, mp); {
				case doc == nil:
					unknown = true // not embedded: it may read everything
				case readsEveryService(doc):
					reads = true
				}
			}
		}
		for _, p := range rolePolicies(role) {
			if p.Unknown {
				unknown = true
				continue
			}
			for _, s := range p.Statements {
				if s.Unknown {
					unknown = true
				} else if readsEverything(s) {
					reads = true
				}
			}
		}
		if reads || unknown {
			continue
		}
		pass.Report(wholeFinding(role.Resource, role.DefRange, "managed_policy_arns", analyzer.None,
			roleSubject(cr)+" has neither the AWS managed policy AWS_ConfigRole nor equivalent read permissions: AWS Config cannot read the resources it should record"))
	}
	return nil
}

// recordingReads are reads the recorder makes of services of every kind
// (compute, storage, functions, databases, messaging): an AWS managed
// policy whose document allows each reads what the recorder needs, as
// AWS_ConfigRole does. IAM is left out: PowerUserAccess reads everything
// else, and "cannot read the resources it should record" would overstate
// what it misses.
var recordingReads = []string{"ec2:DescribeInstances", "s3:GetBucketPolicy", "lambda:GetFunction", "rds:DescribeDBInstances", "sns:GetTopicAttributes"}

// readsEveryService reports whether a policy document allows every
// recording read on every resource.
func readsEveryService(p *model.Policy) bool {
	for _, a := range recordingReads {
		if policiesAllow([]*model.Policy{p}, a) != policycheck.Yes {
			return false
		}
	}
	return true
}

// readsEverything reports whether an Allow statement grants reads across
// every service on every resource: "*", "*:*" or a "*:Describe*"-style
// action.
func readsEverything(s *model.Statement) bool {
	if !s.IsAllow() || s.NotAction != nil || !crResourceAll(s) {
		return false
	}
	for _, e := range s.Action {
		if !e.Known {
			return true // may be anything
		}
		if strings.HasPrefix(strings.TrimSpace(e.Text), "*") {
			return true
		}
	}
	return false
}
