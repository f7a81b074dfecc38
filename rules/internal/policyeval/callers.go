package policyeval

import "strings"

// Which condition keys a caller's request carries, from the Availability
// notes of the IAM User Guide's "AWS global condition context keys" page.

// ServiceCarries reports whether a request made directly by an AWS service
// principal (config.amazonaws.com delivering to a bucket) carries the
// folded key:
//   - aws:PrincipalIsAWSService (true) and aws:PrincipalServiceName always;
//   - aws:SourceAccount, aws:SourceArn, aws:SourceOrgID and
//     aws:SourceOrgPaths "only available when the call to your resource is
//     made directly by an AWS service principal", where the service sends
//     them (Unknown: the service's own page says);
//   - aws:PrincipalOrgID and aws:PrincipalOrgPaths never: they are included
//     "only if the principal is a member of an organization", which a
//     service principal is not; use aws:SourceOrgID instead.
func ServiceCarries(key string) Tri {
	switch strings.ToLower(key) {
	case "aws:principalisawsservice", "aws:principalservicename", "aws:currenttime", "aws:epochtime", "aws:securetransport":
		return Yes
	case "aws:principalorgid", "aws:principalorgpaths":
		return No
	}
	return Unknown
}

// IdentityCarries reports whether a request by an account, user or role
// (not a service) carries the folded key: never the source keys, which
// only a service calling for a resource sets; aws:PrincipalIsAWSService is
// present and false.
func IdentityCarries(key string) Tri {
	switch strings.ToLower(key) {
	case "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths":
		return No
	case "aws:principalisawsservice", "aws:principalarn", "aws:principalaccount", "aws:currenttime", "aws:epochtime", "aws:securetransport":
		return Yes
	}
	return Unknown
}

// OnlyServices reports whether a condition block limits a statement to AWS
// service principals: Bool aws:PrincipalIsAWSService "true" (present in
// every request, true only for services), or aws:PrincipalServiceName
// tested with a positive String operator without IfExists.
func OnlyServices(base, setOp string, ifExists bool, key string, values []string) bool {
	switch strings.ToLower(key) {
	case "aws:principalisawsservice":
		if base != "bool" || setOp != "" || ifExists || len(values) == 0 {
			return false
		}
		for _, v := range values {
			if !strings.EqualFold(strings.TrimSpace(v), "true") {
				return false
			}
		}
		return true
	case "aws:principalservicename":
		return (base == "stringequals" || base == "stringlike" || base == "stringequalsignorecase") && setOp == "" && !ifExists && len(values) > 0
	}
	return false
}
