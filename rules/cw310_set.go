package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

// CW310's two paths beyond "IAM writes on every resource": changing compute
// that already runs under a role, and IAM writes whose resource pattern
// names a policy or role of the scanned set that the holder is attached to
// or can assume.

// ModifyCompute lists actions that change what existing compute runs, so
// the holder acts as the role that compute already has; on every resource
// of the type they need no iam:PassRole. Sources: the IAM User Guide and
// the service guides for each action, and the public privilege-escalation
// research summarized in configward's rules.md (CW310).
var ModifyCompute = []struct{ Action, How string }{
	{"lambda:UpdateFunctionCode", "can replace the code of existing functions and run it as their execution roles"},
	{"glue:UpdateDevEndpoint", "can add its SSH key to existing Glue development endpoints and use their roles"},
	{"cloudformation:UpdateStack", "can update existing stacks, which run with the service role they already have"},
	{"cloudformation:CreateChangeSet", "can change existing stacks, whose change sets run with the stacks' service roles"},
	{"ssm:SendCommand", "can run commands on managed instances as their instance roles"},
	{"ssm:StartSession", "can open a shell on managed instances and use their instance roles"},
	{"ec2-instance-connect:SendSSHPublicKey", "can log in to instances and use their instance roles"},
	{"sagemaker:CreatePresignedNotebookInstanceUrl", "can open existing notebook instances and use their roles"},
}

// allOfAnyType reports whether a resource element covers every resource of
// its type: "*" or an ARN whose resource name is a wildcard.
func allOfAnyType(text string) bool {
	if strings.TrimSpace(text) == "*" {
		return true
	}
	parts := strings.SplitN(strings.TrimSpace(text), ":", 6)
	return len(parts) == 6 && policycheck.AllOfType(text, parts[2])
}

func coversEveryResource(s *model.Statement) bool {
	for _, r := range s.Resource {
		if r.Known && allOfAnyType(r.Text) {
			return true
		}
	}
	return false
}

// reportModifyCompute reports the action elements of an unconditional
// Allow that change existing compute on every resource.
func reportModifyCompute(pass *analyzer.Pass, vs views, p *model.Policy, s *model.Statement, reported map[*model.Elem]bool) {
	if len(s.Conditions) > 0 || s.NotResource != nil || !coversEveryResource(s) {
		return
	}
	for _, e := range s.Action {
		if !e.Known || reported[e] || vs.denied(p, s, e) {
			continue
		}
		for _, mc := range ModifyCompute {
			if !policycheck.MatchAction(e.Text, mc.Action) || vs.of(p).ActionDenied(s, mc.Action) {
				continue
			}
			reported[e] = true
			what := mc.Action
			if !strings.EqualFold(e.Text, mc.Action) {
				what = quote(e.Text) + " (" + mc.Action + ")"
			}
			loc := policycheck.Locate(p, s, "Action")
			pass.Report(analyzer.Finding{
				Range:        stmtElemRange(e, s.ActionRange, s.Range),
				Message:      identitySubject(p) + " allows " + what + " on every resource: its holder " + mc.How,
				Resource:     loc.Resource,
				ResourceName: loc.ResourceName,
				Property:     loc.Property,
				CDKPath:      loc.CDKPath,
			})
			break
		}
	}
}

// policyVersionActions rewrite a managed policy; roleWriteActions grant a
// role more.
var (
	policyVersionActions = []string{"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"}
	roleWriteActions     = []string{"iam:AttachRolePolicy", "iam:PutRolePolicy"}
)

// target is a role or customer managed policy of the set that a holder of
// a policy is attached to or can assume, with its resource path as an ARN
// ends ("role/app", "policy/boundary").
type target struct {
	path, name, why string
}

// reportSetEscalation reports IAM writes whose resource pattern, not every
// resource, matches a role or customer managed policy of the scanned set
// that the policy's holder is attached to or can assume.
func reportSetEscalation(pass *analyzer.Pass, vs views, reported map[*model.Elem]bool) {
	holders := map[*model.Policy][]*model.Role{}
	for _, r := range pass.Unit.Entities.Roles {
		for _, p := range rolePolicies(r) {
			holders[p] = append(holders[p], r)
		}
	}
	for _, p := range pass.Unit.Policies {
		rs := holders[p]
		if len(rs) == 0 || !escalationPolicy(p) {
			continue
		}
		roles, policies := targetsOf(pass.Unit, vs, rs)
		for _, s := range p.Statements {
			if !escalationCandidate(vs, p, s) || len(s.Conditions) > 0 || s.NotResource != nil || allIAMResources(s) {
				continue
			}
			for _, e := range s.Action {
				if !e.Known || reported[e] || vs.denied(p, s, e) {
					continue
				}
				if a, t := matchTarget(s, e, policyVersionActions, policies); t != nil {
					reported[e] = true
					reportTarget(pass, p, s, e, a, t, "can rewrite that policy and grant itself anything")
				} else if a, t := matchTarget(s, e, roleWriteActions, roles); t != nil {
					reported[e] = true
					reportTarget(pass, p, s, e, a, t, "can attach or write any policy on that role and grant itself anything")
				}
			}
		}
	}
}

// targetsOf returns the roles the holders are or can assume (an Allow of
// sts:AssumeRole in their policies whose resource matches the role), and
// the customer managed policies attached to those roles.
func targetsOf(u *model.Unit, vs views, holders []*model.Role) (roles, policies []target) {
	in := map[*model.Role]string{}
	for _, h := range holders {
		in[h] = "role " + quote(roleName(h)) + ", which holds this policy"
	}
	for _, h := range holders {
		for _, p := range rolePolicies(h) {
			for _, s := range p.Statements {
				if vs.of(p).Grants(s, "sts:AssumeRole") != policyeval.Yes || len(s.Conditions) > 0 {
					continue
				}
				for _, r := range u.Entities.Roles {
					if _, done := in[r]; done {
						continue
					}
					if t, ok := roleTarget(r, ""); ok && resourceMatches(s, t.path) {
						in[r] = "role " + quote(roleName(r)) + ", which role " + quote(roleName(h)) + " (holding this policy) can assume"
					}
				}
			}
		}
	}
	for r, why := range in {
		if t, ok := roleTarget(r, why); ok {
			roles = append(roles, t)
		}
		for _, at := range r.Attachments {
			if at.Policy == nil || at.Policy.Name.Absent() || at.Policy.Name.Kind != model.String {
				continue
			}
			if name := at.Policy.Name.Str; name != "" {
				policies = append(policies, target{path: "policy/" + name, name: name, why: "attached to " + why})
			}
		}
	}
	return roles, policies
}

// roleTarget is a role with a known name.
func roleTarget(r *model.Role, why string) (target, bool) {
	if r.Name.Absent() || r.Name.Kind != model.String {
		return target{}, false
	}
	name := r.Name.Str
	if name == "" {
		return target{}, false
	}
	return target{path: "role/" + name, name: name, why: why}, true
}

// resourceMatches reports whether a resource element of s matches the
// resource path of an IAM ARN ("role/app"), any path prefix allowed. An
// element with unknown parts matches through its known text.
func resourceMatches(s *model.Statement, path string) bool {
	for _, r := range s.Resource {
		pat := r.Text
		if !r.Known {
			pat = r.Glob
		}
		if pat == "" {
			continue
		}
		if pat == "*" {
			return true
		}
		parts := strings.SplitN(pat, ":", 6)
		if len(parts) != 6 || !policycheck.Glob(parts[2], "iam") || strings.EqualFold(parts[4], "aws") {
			// arn:aws:iam::aws:policy/... names AWS managed policies,
			// which no customer can change.
			continue
		}
		kind, name, _ := strings.Cut(path, "/")
		if policycheck.Glob(parts[5], path) || policycheck.Glob(parts[5], kind+"/*/"+name) && strings.HasPrefix(parts[5], kind+"/") && strings.HasSuffix(parts[5], "/"+name) {
			return true
		}
	}
	return false
}

func matchTarget(s *model.Statement, e *model.Elem, actions []string, ts []target) (string, *target) {
	for _, a := range actions {
		if !policycheck.MatchAction(e.Text, a) {
			continue
		}
		for i := range ts {
			if resourceMatches(s, ts[i].path) {
				return a, &ts[i]
			}
		}
	}
	return "", nil
}

func reportTarget(pass *analyzer.Pass, p *model.Policy, s *model.Statement, e *model.Elem, action string, t *target, how string) {
	what := action
	if !strings.EqualFold(e.Text, action) {
		what = quote(e.Text) + " (" + action + ")"
	}
	loc := policycheck.Locate(p, s, "Action")
	pass.Report(analyzer.Finding{
		Range:        stmtElemRange(e, s.ActionRange, s.Range),
		Message:      identitySubject(p) + " allows " + what + " on " + t.path + " (" + t.why + "): its holder " + how,
		Resource:     loc.Resource,
		ResourceName: loc.ResourceName,
		Property:     loc.Property,
		CDKPath:      loc.CDKPath,
	})
}
