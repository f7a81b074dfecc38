package policycheck

import (
	"fmt"
	"sort"
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policyeval"
)

// SourceProblem is a source-key condition of an Allow statement that
// cannot work as written although it is not simply weak (the weak ones are
// Scoping.Weak): it never matches, contradicts another condition, or
// matches only by accident.
type SourceProblem struct {
	Cond *model.Condition
	// Value is the value at fault, nil when the problem is the condition
	// as a whole.
	Value  *model.Elem
	Reason string
	// Low marks a condition that works, but only by accident: a
	// StringEquals on the exact string AWS Config sends.
	Low bool
}

// Range is where to point for the problem: the value, else the key.
func (p SourceProblem) Range() model.Range {
	if p.Value != nil && !p.Value.Range.IsZero() {
		return p.Value.Range
	}
	return p.Cond.KeyRange
}

// literalOps compare strings without globbing.
var literalOps = map[string]bool{"stringequals": true, "stringequalsignorecase": true}

// SourceProblems returns the problems of the source-key conditions of
// the Allow statement s (research edge cases 2, 3, 7 and 11):
//
//   - a StringEquals on aws:SourceArn with a wildcard, which compares the
//     asterisk literally (Low when the value is the exact string AWS
//     Config sends, arn:aws:config:<region>:<account>:*);
//   - for the AWS Config service principal outside Lambda invoke
//     permissions, an aws:SourceArn that cannot match what Config sends
//     (arn:aws:config:<region>:<account>:*): another service, or a rule or
//     channel ARN;
//   - an aws:SourceArn whose partition or service is not lower-case (ARN
//     comparison is case-sensitive);
//   - an aws:SourceAccount value that is not a 12-digit account id, or
//     one written as a number with a leading zero, which YAML and HCL read
//     as another number;
//   - aws:SourceArn and aws:SourceAccount naming no common account.
//
// Conditions that Scoping reports as weak, and unknown values, are left
// out. configSPN says the statement is judged for config.amazonaws.com.
func SourceProblems(s *model.Statement, configSPN bool) []SourceProblem {
	var out []SourceProblem
	configDelivery := configSPN && AllowsAction(s, "lambda:InvokeFunction") != Yes
	var arnAccounts, accountValues map[string]bool
	var arnCond *model.Condition
	for _, c := range s.Conditions {
		if c.KeyFolded != KeySourceArn && c.KeyFolded != KeySourceAccount {
			continue
		}
		if c.Unknown || protects(c) != "" {
			continue
		}
		// A list of values matches when one of them does: a value
		// Config cannot present is reported only when no other value
		// of the condition can match.
		var configMiss *model.Elem
		configHit := hasUnknown(c.Values)
		for _, v := range c.Values {
			if !v.Known || HasVariable(v.Text) {
				configHit = true
				continue
			}
			text := strings.TrimSpace(v.Text)
			if c.KeyFolded == KeySourceAccount {
				if why := accountProblem(c, v, text); why != "" {
					out = append(out, SourceProblem{Cond: c, Value: v, Reason: why})
					continue
				}
				if IsAccountID(text) {
					accountValues = addTo(accountValues, text)
				}
				continue
			}
			if p, ok := arnProblem(c, v, text); ok {
				out = append(out, p)
				continue
			}
			if _, _, _, acct, _, ok := ARNParts(text); ok && IsAccountID(acct) {
				arnAccounts = addTo(arnAccounts, acct)
				if arnCond == nil {
					arnCond = c
				}
			}
			if configCannotMatch(text) {
				if configMiss == nil {
					configMiss = v
				}
			} else {
				configHit = true
			}
		}
		if configDelivery && configMiss != nil && !configHit {
			out = append(out, SourceProblem{Cond: c, Value: configMiss, Reason: fmt.Sprintf(
				"aws:SourceArn value %q never matches for AWS Config, which presents arn:aws:config:<region>:<account>:* when it delivers or assumes a role", configMiss.Text)})
		}
	}
	if len(arnAccounts) > 0 && len(accountValues) > 0 {
		common := false
		for a := range arnAccounts {
			common = common || accountValues[a]
		}
		if !common {
			out = append(out, SourceProblem{Cond: arnCond, Reason: fmt.Sprintf(
				"aws:SourceArn names account %s but aws:SourceAccount allows only %s, so no request matches both",
				joinSorted(arnAccounts), joinSorted(accountValues))})
		}
	}
	return out
}

func addTo(m map[string]bool, s string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[s] = true
	return m
}

func joinSorted(m map[string]bool) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func accountProblem(c *model.Condition, v *model.Elem, text string) string {
	if v.Numeric && strings.HasPrefix(text, "0") {
		return fmt.Sprintf("aws:SourceAccount %s is written as a number: YAML and HCL drop or reinterpret the leading zero, so quote the account id", text)
	}
	if strings.ContainsAny(text, "*?") && !literalOps[c.Base] {
		return "" // a pattern under StringLike
	}
	if !IsAccountID(text) {
		return fmt.Sprintf("aws:SourceAccount value %q is not a 12-digit account id, so it never matches", text)
	}
	return ""
}

func arnProblem(c *model.Condition, v *model.Elem, text string) (SourceProblem, bool) {
	partition, service, region, account, resource, isARN := ARNParts(text)
	if !isARN {
		if strings.HasPrefix(strings.ToLower(text), "arn:") {
			return SourceProblem{Cond: c, Value: v, Reason: fmt.Sprintf("aws:SourceArn value %q never matches: ARNs are compared case-sensitively and start with lower-case \"arn:\"", text)}, true
		}
		return SourceProblem{}, false
	}
	if partition != strings.ToLower(partition) || service != strings.ToLower(service) {
		return SourceProblem{Cond: c, Value: v, Reason: fmt.Sprintf("aws:SourceArn value %q never matches: ARNs are compared case-sensitively and partitions and services are lower-case", text)}, true
	}
	wild := strings.ContainsAny(text, "*?")
	if literalOps[c.Base] && wild {
		if service == "config" && resource == "*" && IsAccountID(account) && region != "" && !strings.ContainsAny(region, "*?") && !strings.ContainsAny(partition, "*?") {
			return SourceProblem{Cond: c, Value: v, Low: true, Reason: fmt.Sprintf("%s on aws:SourceArn %q matches only because AWS Config sends exactly this string; ArnLike is the documented operator", c.Operator, text)}, true
		}
		return SourceProblem{Cond: c, Value: v, Reason: fmt.Sprintf("%s compares aws:SourceArn literally, so the wildcard in %q matches no source ARN; use ArnLike", c.Operator, text)}, true
	}
	return SourceProblem{}, false
}

// configCannotMatch reports whether an aws:SourceArn value (ARN-shaped,
// already free of the other problems) cannot match what AWS Config
// presents when it delivers or assumes a role.
func configCannotMatch(text string) bool {
	_, service, _, _, resource, ok := ARNParts(text)
	return ok && (!Glob(service, "config") || !onlyWildcards(resource))
}

// DeadSourceConditions returns the source-key conditions of an Allow
// statement whose principals are all accounts, users, roles or federated
// identities (no service principal, no "*"): AWS sets these keys only when
// a service calls, so the statement never applies (research edge case 10).
// IfExists and negated tests are left out: they pass without the key.
func DeadSourceConditions(s *model.Statement) []*model.Condition {
	if len(s.Principal) == 0 {
		return nil
	}
	for _, pr := range s.Principal {
		if pr.Value == nil || !pr.Value.Known || pr.IsWildcard() || pr.IsService() || pr.Type == "" {
			return nil
		}
	}
	var out []*model.Condition
	for _, c := range s.Conditions {
		if policyeval.IdentityCarries(c.KeyFolded) == policyeval.No && positiveOps[c.Base] && !c.IfExists && c.SetOp != "forallvalues" {
			out = append(out, c)
		}
	}
	return out
}
