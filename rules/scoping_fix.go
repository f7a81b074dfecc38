package rules

import (
	"regexp"
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
func scopeStatementFix(u *model.Unit, p *model.Policy, s *model.Statement, trust bool, cdkPath string) *analyzer.Fix {
	if cdkPath != "" || len(s.NotPrincipal) > 0 || len(s.Principal) == 0 {
		return nil
	}
	for _, pr := range s.Principal {
		if !pr.IsService() || pr.Value == nil || !pr.Value.Known {
			return nil
		}
		name := pr.Value.Text
		if trust {
			if _, ok := awsfacts.TrustScopableFact(name); !ok && !awsfacts.IsConfigPrincipal(name) {
				return nil
			}
		} else if !awsfacts.IsResourceScopable(name) {
			return nil
		}
	}
	for _, c := range s.Conditions {
		if c.Unknown || policycheck.IsSourceKey(c.KeyFolded) || strings.HasPrefix(c.KeyFolded, "aws:principalorg") {
			return nil
		}
	}
	var account analyzer.FixValue
	var declare *analyzer.Change
	switch id, other := policyAccounts(p); {
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

var (
	accountID      = regexp.MustCompile(`(^|[^0-9])([0-9]{12})([^0-9]|$)`)
	leadingAccount = regexp.MustCompile(`^[0-9]{12}([^0-9]|$)`)
)

// thisAccountRefs are the spellings of the deploying account in a string.
var thisAccountRefs = []string{"${AWS::AccountId}", "${data.aws_caller_identity."}

// logsPrefixesOneAccount reports whether every AWSLogs/ delivery prefix
// of text names one account: this one, or an account id (counted with
// the others). An unknown value's description may be cut short ("...").
func logsPrefixesOneAccount(text string) bool {
	for {
		_, rest, ok := strings.Cut(text, "AWSLogs/")
		if !ok {
			return true
		}
		text = rest
		if leadingAccount.MatchString(rest) {
			continue
		}
		one := false
		for _, ref := range thisAccountRefs {
			cut, short := strings.CutSuffix(rest, "...")
			one = one || strings.HasPrefix(rest, ref) || short && len(cut) >= len("${data.aws_caller_") && strings.HasPrefix(ref, cut)
		}
		if !one {
			return false
		}
	}
}

// policyAccounts reads which accounts policy p names. other is true when
// it may serve another account than the deploying one: it names an
// account id that is not its only aws:SourceAccount value, or an AWSLogs/
// prefix that names no one account (a wildcard, an organization, a
// variable). id is the account id of its
// aws:SourceAccount conditions when that is the only one it names.
func policyAccounts(p *model.Policy) (id string, other bool) {
	ids := map[string]bool{}
	source := map[string]bool{}
	look := func(e *model.Elem, sourceAccount bool) {
		if e == nil {
			return
		}
		// An unknown value's Reason is the expression as written.
		text := e.Text
		if !e.Known {
			text = e.Reason + " " + e.Glob
		}
		for _, m := range accountID.FindAllStringSubmatch(text, -1) {
			ids[m[2]] = true
			if sourceAccount && e.Known {
				source[m[2]] = true
			}
		}
		if !e.Known {
			text = e.Reason
		}
		if !logsPrefixesOneAccount(text) || !e.Known && e.Reason == "" && strings.Contains(e.Glob, "AWSLogs/") {
			other = true
		}
	}
	for _, s := range p.Statements {
		for _, list := range [][]*model.Elem{s.Resource, s.NotResource} {
			for _, e := range list {
				look(e, false)
			}
		}
		for _, pr := range append(append([]*model.Principal{}, s.Principal...), s.NotPrincipal...) {
			look(pr.Value, false)
		}
		for _, c := range s.Conditions {
			for _, v := range c.Values {
				look(v, c.KeyFolded == policycheck.KeySourceAccount)
			}
		}
	}
	switch {
	case other:
		return "", true
	case len(ids) == 0:
		return "", false
	case len(ids) == 1 && len(source) == 1:
		for id := range source {
			return id, false
		}
	}
	return "", true
}
