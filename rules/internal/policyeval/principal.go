package policyeval

import (
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
)

// PrincipalMatches reports whether the Principal (or NotPrincipal) element
// of s names the caller. "*" and {"AWS": "*"} name every caller, anonymous
// and service callers included; an account (id or root ARN) names every
// identity of that account; a role names the role and its sessions.
func PrincipalMatches(s *model.Statement, c Caller) Tri {
	switch {
	case s.Principal != nil:
		return anyPrincipal(s.Principal, c)
	case s.NotPrincipal != nil:
		return not(anyPrincipal(s.NotPrincipal, c))
	}
	return Yes
}

func anyPrincipal(ps []*model.Principal, c Caller) Tri {
	res := No
	for _, p := range ps {
		switch principalNames(p, c) {
		case Yes:
			return Yes
		case Unknown:
			res = Unknown
		}
	}
	return res
}

func principalNames(p *model.Principal, c Caller) Tri {
	if p.Type == "*" {
		return Yes
	}
	if p.Value == nil || !p.Value.Known {
		return Unknown
	}
	v := strings.TrimSpace(p.Value.Text)
	switch strings.ToLower(p.Type) {
	case "aws":
		if v == "*" {
			return Yes
		}
		if HasVariable(v) {
			return Unknown
		}
		return triOf(awsPrincipalNames(v, c))
	case "service":
		return triOf(c.Kind == Service && awsfacts.NormalizePrincipal(v) == awsfacts.NormalizePrincipal(c.ARN))
	case "federated":
		return triOf(c.Kind == Federated && v == c.ARN)
	}
	return No
}

// awsPrincipalNames matches an "AWS" principal value against a caller.
func awsPrincipalNames(v string, c Caller) bool {
	switch c.Kind {
	case Anonymous, Service, Federated:
		return false
	}
	if acct, ok := AccountPrincipal(v); ok {
		return acct == c.Account
	}
	if v == c.ARN {
		return true
	}
	// A role names its sessions: arn:aws:iam::A:role/path/name covers
	// arn:aws:sts::A:assumed-role/name/*.
	if c.Kind == Session {
		if role, ok := sessionRole(c.ARN); ok {
			return roleName(v) == role && accountOf(v) == c.Account && isRoleARN(v)
		}
	}
	return false
}

// AccountPrincipal returns the account of an account principal: a 12-digit
// id or arn:<partition>:iam::<id>:root.
func AccountPrincipal(v string) (string, bool) {
	if isAccountID(v) {
		return v, true
	}
	parts := strings.SplitN(v, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5] == "root" && isAccountID(parts[4]) {
		return parts[4], true
	}
	return "", false
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isRoleARN(v string) bool {
	parts := strings.SplitN(v, ":", 6)
	return len(parts) == 6 && parts[2] == "iam" && strings.HasPrefix(parts[5], "role/")
}

func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) == 6 {
		return parts[4]
	}
	return ""
}

// roleName is the last path segment of a role ARN.
func roleName(arn string) string {
	i := strings.LastIndexByte(arn, '/')
	return arn[i+1:]
}

// sessionRole returns the role name of an assumed-role session ARN.
func sessionRole(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[2] != "sts" || !strings.HasPrefix(parts[5], "assumed-role/") {
		return "", false
	}
	rest := strings.TrimPrefix(parts[5], "assumed-role/")
	name, _, _ := strings.Cut(rest, "/")
	return name, true
}
