package rules

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW311.md
var docCW311 string

// ConfigDisablingActions reports identity policies that allow stopping or
// deleting the configuration recorder or delivery channel (and similar
// AWS Config actions that blind recording) on every resource, outside roles
// named as AWS Config administrator roles.
var ConfigDisablingActions = &analyzer.Rule{
	ID:        "CW311",
	Name:      "config-disabling-actions",
	Title:     "Policy allows actions that disable AWS Config",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege", "aws-config", "defense-evasion"},
	Precision: "high",
	Doc:       docCW311,
	Run:       runConfigDisablingActions,
}

// configDisablingActions stop recording or delivery, or shorten what is
// kept (research CFG-PRV-01).
var configDisablingActions = []string{
	"config:StopConfigurationRecorder",
	"config:DeleteConfigurationRecorder",
	"config:DeleteDeliveryChannel",
	"config:PutConfigurationRecorder",
	"config:PutDeliveryChannel",
	"config:DeleteRetentionConfiguration",
}

func runConfigDisablingActions(pass *analyzer.Pass) error {
	u := pass.Unit
	holders := policyHolders(u)
	configRolePolicies := map[*model.Policy]bool{}
	for _, cr := range configRoles(u) {
		for _, p := range rolePolicies(cr.Role) {
			configRolePolicies[p] = true
		}
	}
	vs := unitViews(pass)
	for _, p := range u.Policies {
		if p.Kind != model.IdentityPolicy || p.Unknown || isConfigAdmin(p, holders[p]) {
			continue
		}
		for _, s := range p.Statements {
			if s.Unknown || !s.IsAllow() || s.NotAction != nil || !crResourceAll(s) || policycheck.IsFullAdmin(s) || vs.grantsNothing(p, s) {
				continue // NotAction and full admin have rules of their own
			}
			if _, broad := overbroadStatement(vs, p, s); broad && configRolePolicies[p] {
				continue // CW301 reports it on the Config role
			}
			var granted []string
			var first *model.Elem
			for _, a := range configDisablingActions {
				for _, e := range s.Action {
					if e.Known && strings.TrimSpace(e.Text) != "*" && policycheck.MatchAction(e.Text, a) && !vs.of(p).ActionDenied(s, a) {
						granted = append(granted, a)
						if first == nil {
							first = e
						}
						break
					}
				}
			}
			if len(granted) == 0 {
				continue
			}
			subject := "policy statement"
			if sub := policycheck.Subject(p); sub != "" {
				subject = sub
			}
			loc := policycheck.Locate(p, s, "Action")
			pass.Report(analyzer.Finding{
				Range:        elemRange(first, s.ActionRange, s.Range),
				Message:      subject + " allows " + disablingList(granted) + " on every resource: whoever holds it can stop or remove AWS Config recording",
				Resource:     loc.Resource,
				ResourceName: loc.ResourceName,
				Property:     loc.Property,
				CDKPath:      loc.CDKPath,
			})
		}
	}
	return nil
}

// disablingList shortens a list of actions for a message.
func disablingList(as []string) string {
	if len(as) <= 3 {
		return strings.Join(as, ", ")
	}
	return strings.Join(as[:3], ", ") + " and " + strconv.Itoa(len(as)-3) + " more"
}

// policyHolders maps each policy of the unit to the roles that hold it
// (inline or attached).
func policyHolders(u *model.Unit) map[*model.Policy][]*model.Role {
	out := map[*model.Policy][]*model.Role{}
	for _, r := range u.Entities.Roles {
		for _, p := range rolePolicies(r) {
			out[p] = append(out[p], r)
		}
	}
	return out
}

// isConfigAdmin reports whether a policy belongs to an AWS Config
// administrator role: a role (or, in AWS CLI output, a role or policy)
// whose name says so ("ConfigAdmin", "config-administrator"). Such roles
// exist to manage the recorder; configward cannot tell them apart
// otherwise.
func isConfigAdmin(p *model.Policy, roles []*model.Role) bool {
	for _, r := range roles {
		if name, ok := r.Name.AsString(); ok && adminName(name) {
			return true
		}
		if adminName(r.Address) {
			return true
		}
	}
	return p.Owner == nil && p.Name != "" && adminName(p.Name)
}

func adminName(s string) bool {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	n := b.String()
	return strings.Contains(n, "configadmin")
}
