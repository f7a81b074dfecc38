package policyeval

import (
	"encoding/base64"
	"math/big"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
)

// ConditionHolds evaluates one condition (one key of one operator block)
// against a request context, with the documented semantics of the IAM
// condition operators:
//   - a key absent from the request fails a positive test, passes a negated
//     one (StringNotEquals, NotIpAddress, ...), passes ...IfExists and
//     ForAllValues:, and fails ForAnyValue:;
//   - StringEquals compares literally (a "*" value matches only "*"),
//     StringLike globs with * and ?, ArnEquals and ArnLike glob each of the
//     six ARN fields;
//   - Null tests presence; Bool, numeric, date, IP and binary operators
//     compare typed values; a value that does not parse matches nothing;
//   - policy variables in a value are unknown.
func ConditionHolds(c *model.Condition, ctx map[string][]string) Tri {
	if c.Unknown || c.KeyFolded == "" {
		return Unknown
	}
	op, ok := operators()[c.Base]
	if !ok {
		return Unknown
	}
	vals, present := ctx[c.KeyFolded]
	if c.Base == "null" {
		return nullHolds(c, present)
	}
	if !present {
		switch {
		case c.SetOp == "forallvalues":
			return Yes
		case c.SetOp == "foranyvalue":
			return No
		case c.IfExists:
			return Yes
		}
		return triOf(op.negated)
	}
	// match reports whether one request value matches one of the
	// policy's values under the positive form of the operator.
	match := func(v string) Tri {
		res := No
		for _, pv := range c.Values {
			if !pv.Known || HasVariable(pv.Text) {
				res = Unknown
				continue
			}
			if op.match(pv.Text, v) {
				return Yes
			}
		}
		return res
	}
	switch c.SetOp {
	case "forallvalues":
		// Every request value passes the (possibly negated) test.
		res := Yes
		for _, v := range vals {
			m := match(v)
			if op.negated {
				m = not(m)
			}
			res = and(res, m)
		}
		return res
	case "foranyvalue":
		res := No
		for _, v := range vals {
			m := match(v)
			if op.negated {
				m = not(m)
			}
			res = or(res, m)
		}
		return res
	}
	// A single-valued test: any request value matching any policy value;
	// the negated form holds when none does.
	res := No
	for _, v := range vals {
		res = or(res, match(v))
	}
	if op.negated {
		return not(res)
	}
	return res
}

// nullHolds: Null true holds when the key is absent, false when present.
func nullHolds(c *model.Condition, present bool) Tri {
	res := No
	for _, pv := range c.Values {
		if !pv.Known {
			res = Unknown
			continue
		}
		switch strings.ToLower(strings.TrimSpace(pv.Text)) {
		case "true":
			if !present {
				return Yes
			}
		case "false":
			if present {
				return Yes
			}
		}
	}
	return res
}

type operator struct {
	negated bool
	// match is the positive form: does request value v match policy
	// value p?
	match func(p, v string) bool
}

// operators are the IAM condition operators by lower-case base name, made
// on first use.
var operators = sync.OnceValue(func() map[string]operator {
	operators := map[string]operator{}
	pairs := []struct {
		pos, neg string
		match    func(p, v string) bool
	}{
		{"stringequals", "stringnotequals", func(p, v string) bool { return p == v }},
		{"stringequalsignorecase", "stringnotequalsignorecase", strings.EqualFold},
		{"stringlike", "stringnotlike", iamactions.Glob},
		{"numericequals", "numericnotequals", numeric(func(c int) bool { return c == 0 })},
		{"dateequals", "datenotequals", date(func(c int) bool { return c == 0 })},
		{"arnequals", "arnnotequals", arnLike},
		{"arnlike", "arnnotlike", arnLike},
		{"ipaddress", "notipaddress", ipIn},
	}
	for _, pr := range pairs {
		operators[pr.pos] = operator{match: pr.match}
		operators[pr.neg] = operator{negated: true, match: pr.match}
	}
	single := map[string]func(p, v string) bool{
		"numericlessthan":          numeric(func(c int) bool { return c < 0 }),
		"numericlessthanequals":    numeric(func(c int) bool { return c <= 0 }),
		"numericgreaterthan":       numeric(func(c int) bool { return c > 0 }),
		"numericgreaterthanequals": numeric(func(c int) bool { return c >= 0 }),
		"datelessthan":             date(func(c int) bool { return c < 0 }),
		"datelessthanequals":       date(func(c int) bool { return c <= 0 }),
		"dategreaterthan":          date(func(c int) bool { return c > 0 }),
		"dategreaterthanequals":    date(func(c int) bool { return c >= 0 }),
		"bool":                     func(p, v string) bool { return strings.EqualFold(strings.TrimSpace(p), strings.TrimSpace(v)) },
		"binaryequals":             binaryEquals,
	}
	for k, f := range single {
		operators[k] = operator{match: f}
	}
	operators["null"] = operator{}
	return operators
})

// IsNegated reports whether a base operator passes when the key is absent
// or the value differs (StringNotEquals, ArnNotLike, NotIpAddress, ...).
func IsNegated(base string) bool { return operators()[base].negated }

// KnownOperator reports whether base is an IAM condition operator.
func KnownOperator(base string) bool { _, ok := operators()[base]; return ok }

// numeric compares request value v with policy value p: cmp gets v
// compared to p (-1, 0, 1).
func numeric(cmp func(int) bool) func(p, v string) bool {
	return func(p, v string) bool {
		a, ok1 := new(big.Float).SetString(strings.TrimSpace(v))
		b, ok2 := new(big.Float).SetString(strings.TrimSpace(p))
		return ok1 && ok2 && cmp(a.Cmp(b))
	}
}

func date(cmp func(int) bool) func(p, v string) bool {
	return func(p, v string) bool {
		a, ok1 := parseDate(v)
		b, ok2 := parseDate(p)
		if !ok1 || !ok2 {
			return false
		}
		return cmp(a.Compare(b))
	}
}

// parseDate reads the date forms IAM accepts: ISO 8601 (with or without
// time, zone or fractional seconds) and epoch seconds.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// arnLike globs each of the six colon-separated fields of the ARN; the last
// field may hold colons.
func arnLike(p, v string) bool {
	pp := strings.SplitN(p, ":", 6)
	vv := strings.SplitN(v, ":", 6)
	if len(vv) != 6 {
		return false
	}
	if len(pp) != 6 {
		// "*" or a pattern whose wildcard spans fields.
		return iamactions.Glob(p, v)
	}
	for i := range pp {
		if !iamactions.Glob(pp[i], vv[i]) {
			return false
		}
	}
	return true
}

func ipIn(p, v string) bool {
	addr, err := netip.ParseAddr(strings.TrimSpace(v))
	if err != nil {
		if pre, err2 := netip.ParsePrefix(strings.TrimSpace(v)); err2 == nil {
			addr = pre.Addr()
		} else {
			return false
		}
	}
	p = strings.TrimSpace(p)
	if pre, err := netip.ParsePrefix(p); err == nil {
		return pre.Masked().Contains(addr)
	}
	if a, err := netip.ParseAddr(p); err == nil {
		return a == addr
	}
	return false
}

func binaryEquals(p, v string) bool {
	a, err1 := base64.StdEncoding.DecodeString(strings.TrimSpace(p))
	b, err2 := base64.StdEncoding.DecodeString(strings.TrimSpace(v))
	if err1 != nil || err2 != nil {
		return p == v
	}
	return string(a) == string(b)
}
