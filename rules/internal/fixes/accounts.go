package fixes

import (
	"strings"

	"github.com/configward/configward/parsers/model"
)

// eachAccountID calls yield with each account id of text, in order: each
// run of exactly twelve digits between non-digits or the ends. Each id is
// delimited on its own, so "111111111111/222222222222" names both (a
// search for [^0-9][0-9]{12}[^0-9] takes the '/' with the first and misses
// the second).
func eachAccountID(text string, yield func(id string)) {
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i == 12 {
			yield(text[i:j])
		}
		i = j
	}
}

// isAccountAt reports whether text has twelve digits at i, not followed by
// another digit.
func isAccountAt(text string, i int) bool {
	if i+12 > len(text) {
		return false
	}
	for k := i; k < i+12; k++ {
		if !isDigit(text[k]) {
			return false
		}
	}
	return i+12 == len(text) || !isDigit(text[i+12])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

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
		if isAccountAt(rest, 0) {
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

// PolicyAccount reads which accounts policy p names. other is true when
// it may serve another account than the deploying one: it names an
// account id that is not its only aws:SourceAccount value, or an AWSLogs/
// prefix that names no one account (a wildcard, an organization, a
// variable). id is the account id of its
// aws:SourceAccount conditions when that is the only one it names.
func PolicyAccount(p *model.Policy) (id string, other bool) {
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
		eachAccountID(text, func(id string) {
			ids[id] = true
			if sourceAccount && e.Known {
				source[id] = true
			}
		})
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
				look(v, c.KeyFolded == "aws:sourceaccount")
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
