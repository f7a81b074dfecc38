package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/fixes"
	"github.com/configward/configward/rules/internal/policycheck"
)

// scopeStatementFix is the fix of CW201 and CW202 for statement s of
// policy p: a StringEquals condition on aws:SourceAccount naming the
// deploying account. It is offered only where that cannot break what
// works today:
//
//   - every principal of the statement is a service whose documentation
//     shows the source keys (trust: TrustScopable, resource:
//     ResourceScopable); a service that does not set the key, or an
//     account principal, would be refused;
//   - the statement has no source-key or organization condition: one
//     that is there but does not work is CW203's, and which scope was
//     meant is the user's;
//   - nothing in the policy names another account (an account id, an
//     AWSLogs/ prefix that is not this account's): a bucket or key that
//     serves several accounts would refuse the others. An account id the
//     policy already gives as aws:SourceAccount, and no other, is reused;
//   - the account can be spelled where the policy is written (not a raw
//     policy file, not a called module, not a cdk.out template, which
//     the CDK writes again).
//
// No aws:SourceArn is added: an ARN pattern with this region would refuse
// the deliveries of the account's other regions (a Config recorder per
// region writing to one bucket), and one with every region and resource
// adds nothing to aws:SourceAccount.
func scopeStatementFix(u *model.Unit, acct *policyAccount, s *model.Statement, trust bool, cdkPath string) *analyzer.Fix {
	if cdkPath != "" || !sendsSourceKeys(s, trust) {
		return nil
	}
	for _, c := range s.Conditions {
		if c.Unknown || policycheck.IsSourceKey(c.KeyFolded) || strings.HasPrefix(c.KeyFolded, "aws:principalorg") {
			return nil
		}
	}
	var account analyzer.FixValue
	var declare *analyzer.Change
	p := acct.p
	switch id, other := acct.read(); {
	case other:
		return nil
	case id != "":
		account = id
	default:
		var ok bool
		if account, declare, ok = fixes.ThisAccount(u, p.Owner); !ok {
			return nil
		}
	}
	c := fixes.AddCondition(u, p, s, "StringEquals", "aws:SourceAccount", account)
	if c == nil {
		return nil
	}
	fix := &analyzer.Fix{Description: "Allow the service only on behalf of this account (aws:SourceAccount)", Changes: []analyzer.Change{*c}}
	if declare != nil {
		fix.Changes = append(fix.Changes, *declare)
	}
	return fix
}

// policyAccount is fixes.PolicyAccount of one policy, read on first use
// and then kept: it reads every value of the policy, and each statement of
// the policy may need it (per statement, a policy of n statements would
// cost n² reads).
type policyAccount struct {
	p     *model.Policy
	read1 bool
	id    string
	other bool
}

func (a *policyAccount) read() (id string, other bool) {
	if !a.read1 {
		a.id, a.other = fixes.PolicyAccount(a.p)
		a.read1 = true
	}
	return a.id, a.other
}

// sendsSourceKeys reports whether every principal of s is a service whose
// documentation shows the source keys in a trust (or resource) policy: a
// source condition that must hold refuses a principal that does not send
// them (an account, a role, "*", an undocumented service).
func sendsSourceKeys(s *model.Statement, trust bool) bool {
	if len(s.NotPrincipal) > 0 || len(s.Principal) == 0 {
		return false
	}
	for _, pr := range s.Principal {
		if !pr.IsService() || pr.Value == nil || !pr.Value.Known {
			return false
		}
		name := pr.Value.Text
		if trust {
			if _, ok := awsfacts.TrustScopableFact(name); !ok && !awsfacts.IsConfigPrincipal(name) {
				return false
			}
		} else if !awsfacts.IsResourceScopable(name) {
			return false
		}
	}
	return true
}
