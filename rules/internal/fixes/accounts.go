package fixes

import (
	"strings"
	"unicode/utf8"

	"github.com/configward/configward/parsers/model"
)

// eachAccountID calls yield with each account id of text as the pattern
// (^|[^0-9])([0-9]{12})([^0-9]|$) finds them one after the other: twelve
// digits between non-digits or the ends, each match taking the character
// after its id (so "111111111111x222222222222" names the first only). It
// is the pattern's search written out: compiling it and matching through
// it was most of what a fix of a small template allocated.
func eachAccountID(text string, yield func(id string)) {
	for pos := 0; ; {
		start := -1
		if pos == 0 && isAccountAt(text, 0) {
			start = 0
		} else {
			for s := pos; s+13 <= len(text); s++ {
				if !isDigit(text[s]) && isAccountAt(text, s+1) {
					start = s + 1
					break
				}
			}
		}
		if start < 0 {
			return
		}
		yield(text[start : start+12])
		pos = start + 12
		if pos < len(text) {
			_, size := utf8.DecodeRuneInString(text[pos:]) // [^0-9] takes a whole character
			pos += size
		}
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
