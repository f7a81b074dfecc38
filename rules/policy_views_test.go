package rules

import (
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/iampolicy"
)

// TestPolicyRulesShareViews: the policy rules that run over one unit ask
// one View per policy (unitViews), so a policy's Denies are indexed once
// per unit, not once per rule: after every rule of All has run over the
// unit's pass, the pass holds the policy's View, and a rule run again is
// given that same View.
func TestPolicyRulesShareViews(t *testing.T) {
	src := []byte(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}`)
	u, ok := iampolicy.ParseFile("p.json", src)
	if !ok || len(u.Policies) != 1 {
		t.Fatal("not a policy")
	}
	p := u.Policies[0]
	pass := analyzer.NewPass(nil, u, nil, func(analyzer.Finding) {})
	asked := 0
	for _, r := range All() {
		if r.Run == nil || !r.Covers(u.Format) {
			continue
		}
		pass.Rule = r
		before := len(unitViews(pass))
		if err := r.Run(pass); err != nil {
			t.Fatal(err)
		}
		if len(unitViews(pass)) > before {
			asked++
		}
	}
	v := unitViews(pass)[p]
	if v == nil || len(unitViews(pass)) != 1 || asked != 1 {
		t.Fatalf("the rules left %d views in the pass (first made by %d rules), want the policy's one", len(unitViews(pass)), asked)
	}
	pass.Rule = PolicyWildcardAction
	if err := PolicyWildcardAction.Run(pass); err != nil {
		t.Fatal(err)
	}
	if unitViews(pass)[p] != v {
		t.Error("a rule run again over the pass made a View of its own")
	}
	if other := analyzer.NewPass(nil, u, nil, func(analyzer.Finding) {}); len(unitViews(other)) != 0 {
		t.Error("a new pass starts with views")
	}
}
