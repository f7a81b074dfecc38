package rules

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW314.md
var docCW314 string

// UnknownAction reports Action and NotAction elements that name no IAM
// action: a typo ("s3:GetObjects"), a service prefix that does not exist, or
// a wildcard that matches nothing. It relies on the embedded IAM action
// catalog (its date is in `configward version`).
var UnknownAction = &analyzer.Rule{
	ID:        "CW314",
	Name:      "unknown-action",
	Title:     "Policy names an action that does not exist",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "correctness"},
	Precision: "high",
	Doc:       docCW314,
	Run:       runUnknownAction,
}

func runUnknownAction(pass *analyzer.Pass) error {
	for _, p := range pass.Unit.Policies {
		if p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			if s.Unknown {
				continue
			}
			for _, el := range []struct {
				name  string
				elems []*model.Elem
				key   model.Range
			}{{"Action", s.Action, s.ActionRange}, {"NotAction", s.NotAction, s.NotActionRange}} {
				for _, e := range el.elems {
					if !e.Known {
						continue
					}
					msg := actionProblem(e.Text)
					if msg == "" {
						continue
					}
					loc := policycheck.Locate(p, s, el.name)
					pass.Report(analyzer.Finding{
						Range:        stmtElemRange(e, el.key, s.Range),
						Message:      statementSubject(p) + ": " + msg,
						Resource:     loc.Resource,
						ResourceName: loc.ResourceName,
						Property:     loc.Property,
						CDKPath:      loc.CDKPath,
					})
				}
			}
		}
	}
	return nil
}

// actionProblem says what is wrong with an action element, or "" when it
// names at least one action of the catalog. Values holding a policy
// variable or a template piece are not judged.
func actionProblem(text string) string {
	if p, ok := actionProblems.Load(text); ok {
		return p.(string)
	}
	p := judgeAction(text)
	actionProblems.Store(text, p)
	return p
}

// actionProblems memoizes actionProblem per action text: the catalog does
// not change during a scan, and a policy repeated across templates or
// modules names the same patterns again (a pattern with a wildcard
// service is matched against some 27,000 actions).
var actionProblems sync.Map

func judgeAction(text string) string {
	t := strings.TrimSpace(text)
	if t == "*" || policycheck.HasVariable(t) {
		return ""
	}
	prefix, name, hasColon := strings.Cut(t, ":")
	switch {
	case t == "":
		return "empty action"
	case !hasColon && !iamactions.IsPattern(t):
		return "action " + quote(t) + " has no service prefix (write service:Action, as in s3:GetObject)"
	case hasColon && !iamactions.IsPattern(prefix) && !iamactions.HasService(prefix):
		return "unknown service prefix " + quote(prefix) + " in action " + quote(t)
	case hasColon && name == "":
		return "action " + quote(t) + " has no action name"
	case iamactions.IsPattern(t):
		if !iamactions.MatchesAny(t) {
			return "action pattern " + quote(t) + " matches no IAM action"
		}
		return ""
	}
	if iamactions.Known(t) {
		return ""
	}
	msg := "unknown action " + quote(t)
	if s := iamactions.Suggest(t); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	return msg
}
