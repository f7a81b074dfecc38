package fixes

import (
	"regexp"
	"strings"
	"sync"

	"github.com/configward/configward/parsers/model"
)

// Patterns are compiled on first use, not at start-up.
var (
	accountID      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|[^0-9])([0-9]{12})([^0-9]|$)`) })
	leadingAccount = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{12}([^0-9]|$)`) })
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
		if leadingAccount().MatchString(rest) {
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
		for _, m := range accountID().FindAllStringSubmatch(text, -1) {
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
