package rules

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW308.md
var docCW308 string

// PolicyNotActionAllow reports Allow statements written with NotAction, and
// Allow statements with NotResource that grant write or
// permissions-management actions.
var PolicyNotActionAllow = &analyzer.Rule{
	ID:        "CW308",
	Name:      "policy-notaction-allow",
	Title:     "Allow statement with NotAction or a writing NotResource",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege"},
	Precision: "very-high",
	Doc:       docCW308,
	Run:       runPolicyNotActionAllow,
}

func runPolicyNotActionAllow(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	for _, p := range pass.Unit.Policies {
		if p.Unknown || p.Kind == model.EndpointPolicy {
			continue
		}
		for _, s := range p.Statements {
			if s.Unknown || !s.IsAllow() || vs.grantsNothing(p, s) {
				continue
			}
			switch {
			case s.NotAction != nil:
				loc := policycheck.Locate(p, s, "NotAction")
				pass.Report(analyzer.Finding{
					Range:        stmtElemRange(nil, s.NotActionRange, s.Range),
					Message:      statementSubject(p) + " allows every action except " + listElems(s.NotAction) + " (NotAction with Allow), including services and actions added later",
					Resource:     loc.Resource,
					ResourceName: loc.ResourceName,
					Property:     loc.Property,
					CDKPath:      loc.CDKPath,
				})
			case s.NotResource != nil:
				e, act := modifyingAction(s)
				if e == nil {
					continue
				}
				loc := policycheck.Locate(p, s, "NotResource")
				pass.Report(analyzer.Finding{
					Range:        stmtElemRange(nil, s.NotResourceRange, s.Range),
					Message:      statementSubject(p) + " allows " + act + " on every resource except " + listElems(s.NotResource) + " (NotResource with Allow)",
					Resource:     loc.Resource,
					ResourceName: loc.ResourceName,
					Property:     loc.Property,
					CDKPath:      loc.CDKPath,
				})
			}
		}
	}
	return nil
}

// statementSubject names the policy of a statement for messages, whatever
// its kind: `policy of role "X"`, `bucket policy "Y"`, `policy statement`.
func statementSubject(p *model.Policy) string {
	if p.Kind == model.IdentityPolicy {
		return identitySubject(p)
	}
	sub := policycheck.Subject(p)
	switch {
	case p.Kind == model.TrustPolicy && sub != "":
		return "trust policy of " + sub
	case p.Kind == model.TrustPolicy:
		return "trust policy"
	case sub != "":
		return sub
	}
	return "policy statement"
}

// modifyingAction returns the first action element of s that grants a
// Write, Permissions management or Tagging action, and a description of
// it ("s3:PutObject", "s3:Put* (Write)"). Actions the catalog does not
// know, and unknown elements, do not count.
func modifyingAction(s *model.Statement) (*model.Elem, string) {
	for _, e := range s.Action {
		if !e.Known {
			continue
		}
		hit, hitLevel := "", iamactions.Level(0)
		iamactions.EachMatch(e.Text, func(action string, level iamactions.Level) bool {
			if level.Modifies() && (hit == "" || level == iamactions.PermissionsManagement && hitLevel != iamactions.PermissionsManagement) {
				hit, hitLevel = action, level
			}
			return true
		})
		if hit == "" {
			continue
		}
		if !iamactions.IsPattern(e.Text) {
			return e, hit + " (" + strings.ToLower(hitLevel.String()) + ")"
		}
		return e, quote(e.Text) + ", which includes " + hit + " (" + strings.ToLower(hitLevel.String()) + ")"
	}
	return nil, ""
}

// listElems renders up to three known elements for a message:
// `"iam:*", "sts:*"`, `"a", "b", "c" and 2 more`.
func listElems(es []*model.Elem) string {
	var parts []string
	n := 0
	for _, e := range es {
		if !e.Known {
			continue
		}
		n++
		if len(parts) < 3 {
			parts = append(parts, quote(e.Text))
		}
	}
	switch {
	case n == 0:
		return "what it lists"
	case n > len(parts):
		return strings.Join(parts, ", ") + " and " + strconv.Itoa(n-len(parts)) + " more"
	}
	return strings.Join(parts, ", ")
}
