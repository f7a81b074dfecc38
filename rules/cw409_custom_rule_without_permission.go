package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
)

//go:embed docs/CW409.md
var docCW409 string

// CustomRuleWithoutPermission reports CUSTOM_LAMBDA rules whose function,
// declared in the same template or module, has no permission that lets the
// AWS Config service principal invoke it.
var CustomRuleWithoutPermission = &analyzer.Rule{
	ID:        "CW409",
	Name:      "custom-rule-without-permission",
	Title:     "Custom AWS Config rule function not invokable by Config",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "lambda"},
	Precision: "high",
	Doc:       docCW409,
	Run:       runCustomRuleWithoutPermission,
}

func runCustomRuleWithoutPermission(pass *analyzer.Pass) error {
	u := pass.Unit
	for _, rule := range u.Entities.ConfigRules {
		owner, ok := rule.Owner.AsString()
		if !ok || owner != "CUSTOM_LAMBDA" || rule.Function == nil {
			continue
		}
		fn := rule.Function
		if permitted(u, fn) {
			continue
		}
		reportProp(pass, rule.Resource, rule.Source, analyzer.None,
			"custom rule "+quote(rule.Address)+" runs function "+quote(fn.Address)+", but no Lambda permission lets "+awsfacts.ConfigPrincipal+" invoke it: its evaluations fail")
	}
	return nil
}

// permitted reports whether a permission of the unit may let the Config
// service principal invoke fn; unknown functions or principals count.
func permitted(u *model.Unit, fn *model.LambdaFunction) bool {
	for _, lp := range u.Entities.LambdaPermissions {
		switch {
		case lp.Target == fn:
		case lp.Target == nil && (lp.Function.IsUnknown() || lp.Function == nil):
			// cannot tell which function it names: it may be fn
		default:
			continue
		}
		name, ok := lp.Principal.AsString()
		if !ok || name == "*" || awsfacts.IsConfigPrincipal(name) {
			return true
		}
	}
	return false
}
