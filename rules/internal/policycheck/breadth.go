package policycheck

import (
	"strings"

	"github.com/configward/configward/parsers/model"
)

// WildcardAction reports whether an action element grants a whole service
// or everything: "*" and "*:*" give service "*", "s3:*" (any case) gives
// "s3". Partial wildcards such as "s3:Get*" are not.
func WildcardAction(text string) (service string, ok bool) {
	t := strings.TrimSpace(text)
	if t == "*" || t == "*:*" {
		return "*", true
	}
	svc, name, found := strings.Cut(t, ":")
	if !found || svc == "" || strings.ContainsAny(svc, "*?") {
		return "", false
	}
	if strings.Trim(name, "*") == "" && name != "" {
		return strings.ToLower(svc), true
	}
	return "", false
}

// AllResources reports whether a known Resource element of s is "*".
func AllResources(s *model.Statement) bool {
	return anyKnown(s.Resource, func(t string) bool { return t == "*" })
}

// AllOfType reports whether a resource element names every resource a
// permission could apply to: "*", or an ARN of service svc whose account
// and resource name are wildcards ("arn:aws:iam::*:role/*",
// "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:*").
// The account may be fixed: the account's own resources are all of them.
func AllOfType(text, svc string) bool {
	t := strings.TrimSpace(text)
	if t == "*" {
		return true
	}
	// The six fields of an ARN as substrings of t (strings.SplitN would
	// allocate a slice for each of a policy's resources).
	var parts [6]string
	rest := t
	for i := range 5 {
		field, after, ok := strings.Cut(rest, ":")
		if !ok {
			return false
		}
		parts[i], rest = field, after
	}
	parts[5] = rest
	if !strings.EqualFold(parts[0], "arn") {
		return false
	}
	if !Glob(parts[2], svc) && parts[2] != svc {
		return false
	}
	if strings.EqualFold(parts[4], "aws") {
		return false // AWS managed policies: no customer can change them
	}
	res := parts[5]
	if onlyWildcards(res) {
		return true
	}
	// "role/*", "user/*", "policy/*": a type with any path and name.
	if i := strings.IndexByte(res, '/'); i > 0 && onlyWildcards(res[i+1:]) {
		return true
	}
	return false
}

// PrivilegeEscalation lists the IAM actions that let a principal grant
// itself (or a principal it controls) more permissions when allowed on
// every user, group, role or policy. Source: the IAM User Guide's warnings
// on these actions ("Permissions required to access IAM resources",
// "Managing IAM policies" versions) and the public privilege-escalation
// research summarized in configward's rules.md (CW310).
var PrivilegeEscalation = []struct {
	Action, How string
}{
	{"iam:CreatePolicyVersion", "can rewrite a managed policy it holds and make the new version the default"},
	{"iam:SetDefaultPolicyVersion", "can switch a managed policy it holds to a broader version"},
	{"iam:AttachUserPolicy", "can attach any managed policy, AdministratorAccess included, to a user"},
	{"iam:AttachGroupPolicy", "can attach any managed policy to a group it belongs to"},
	{"iam:AttachRolePolicy", "can attach any managed policy to a role it can use"},
	{"iam:PutUserPolicy", "can write an inline policy granting anything to a user"},
	{"iam:PutGroupPolicy", "can write an inline policy granting anything to a group"},
	{"iam:PutRolePolicy", "can write an inline policy granting anything to a role"},
	{"iam:AddUserToGroup", "can add a user to any group, the administrators' included"},
	{"iam:CreateAccessKey", "can create access keys for other users"},
	{"iam:CreateLoginProfile", "can set a console password for other users"},
	{"iam:UpdateLoginProfile", "can change other users' console passwords"},
	{"iam:UpdateAssumeRolePolicy", "can change any role's trust policy to let itself assume it"},
}

// PassRoleCompute lists the actions that start code or a service under a
// role passed with iam:PassRole, with the service principal that role must
// trust: with PassRole on every role, they run as any such role.
var PassRoleCompute = []struct {
	Action, Principal string
}{
	{"lambda:CreateFunction", "lambda.amazonaws.com"},
	{"lambda:UpdateFunctionConfiguration", "lambda.amazonaws.com"},
	{"ec2:RunInstances", "ec2.amazonaws.com"},
	{"ecs:RunTask", "ecs-tasks.amazonaws.com"},
	{"ecs:RegisterTaskDefinition", "ecs-tasks.amazonaws.com"},
	{"cloudformation:CreateStack", "cloudformation.amazonaws.com"},
	{"cloudformation:UpdateStack", "cloudformation.amazonaws.com"},
	{"glue:CreateDevEndpoint", "glue.amazonaws.com"},
	{"glue:CreateJob", "glue.amazonaws.com"},
	{"codebuild:CreateProject", "codebuild.amazonaws.com"},
	{"codebuild:UpdateProject", "codebuild.amazonaws.com"},
	{"datapipeline:CreatePipeline", "datapipeline.amazonaws.com"},
	{"sagemaker:CreateNotebookInstance", "sagemaker.amazonaws.com"},
	{"sagemaker:CreateTrainingJob", "sagemaker.amazonaws.com"},
	{"sagemaker:CreateProcessingJob", "sagemaker.amazonaws.com"},
	{"states:CreateStateMachine", "states.amazonaws.com"},
}

// PassRoleScope is what a statement that allows iam:PassRole lets pass.
type PassRoleScope struct {
	// AllRoles is set when its resources include every role.
	AllRoles bool
	// Services are the values of an iam:PassedToService condition (nil
	// when there is none); Restricted is set when that or another
	// condition (iam:AssociatedResourceArn, an unknown one) limits where
	// the role may go.
	Services   []string
	Restricted bool
}

// PassRole describes the iam:PassRole grant of an Allow statement; ok is
// false when the statement does not (or may not) allow iam:PassRole.
func PassRole(s *model.Statement) (scope PassRoleScope, ok bool) {
	if !s.IsAllow() || AllowsAction(s, "iam:PassRole") != Yes {
		return scope, false
	}
	switch {
	case s.NotResource != nil:
		scope.AllRoles = !hasUnknown(s.NotResource)
	default:
		for _, r := range s.Resource {
			if r.Known && AllOfType(r.Text, "iam") {
				scope.AllRoles = true
			}
		}
	}
	for _, c := range s.Conditions {
		switch {
		case c.Unknown || c.KeyFolded == "":
			scope.Restricted = true
		case c.KeyFolded == "iam:passedtoservice" && positiveOps[c.Base] && c.SetOp != "forallvalues":
			for _, v := range c.Values {
				if !v.Known {
					scope.Restricted = true
					continue
				}
				if onlyWildcards(v.Text) {
					continue
				}
				scope.Services = append(scope.Services, v.Text)
				scope.Restricted = true
			}
		case c.KeyFolded == "iam:associatedresourcearn" && positiveOps[c.Base] && !anyKnownWildcardOnly(c.Values):
			scope.Restricted = true
		}
	}
	return scope, true
}

func anyKnownWildcardOnly(vs []*model.Elem) bool {
	for _, v := range vs {
		if v.Known && onlyWildcards(v.Text) {
			return true
		}
	}
	return false
}

// PassedTo reports whether a PassRole scope lets a role go to service
// principal p: no PassedToService condition, or one whose values match it.
func (sc PassRoleScope) PassedTo(p string) bool {
	if sc.Services == nil {
		return !sc.Restricted
	}
	for _, v := range sc.Services {
		if Glob(v, p) {
			return true
		}
	}
	return false
}

// IsAccountID reports whether s is a 12-digit AWS account id.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ARNParts splits an ARN into partition, service, region, account and
// resource; ok is false when s is not ARN-shaped.
func ARNParts(s string) (partition, service, region, account, resource string, ok bool) {
	parts := strings.SplitN(strings.TrimSpace(s), ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return "", "", "", "", "", false
	}
	return parts[1], parts[2], parts[3], parts[4], parts[5], true
}

// HasVariable reports whether a value holds a policy variable or an
// unresolved template piece ("${aws:username}", "${AWS::AccountId}").
func HasVariable(s string) bool { return strings.Contains(s, "${") }
