package analyzer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

var (
	idPattern   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^CW\d{3}$`) })
	namePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })
)

// RequiredDocHeadings are the sections every rule doc must have.
var RequiredDocHeadings = []string{"## Why", "## How to fix", "## References"}

// Validate checks a rule list before anything runs: ids well formed, unique
// and sorted; every field set; docs complete.
func Validate(rules []*Rule) error {
	var errs []error
	seen := map[string]bool{}
	names := map[string]bool{}
	prev := ""
	for i, r := range rules {
		if r == nil {
			errs = append(errs, fmt.Errorf("rule %d is nil", i))
			continue
		}
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s: "+format, append([]any{r.ID}, args...)...))
		}
		if !idPattern().MatchString(r.ID) {
			bad("id does not match CW and three digits")
		}
		if seen[r.ID] {
			bad("duplicate id")
		}
		seen[r.ID] = true
		if r.ID <= prev {
			bad("not sorted after %s", prev)
		}
		prev = r.ID
		if !namePattern().MatchString(r.Name) {
			bad("name %q is not a lower-case slug", r.Name)
		}
		if names[r.Name] {
			bad("duplicate name %q", r.Name)
		}
		names[r.Name] = true
		switch {
		case r.Title == "":
			bad("empty title")
		case strings.HasSuffix(r.Title, "."):
			bad("title ends with a period")
		case len(r.Title) > 72:
			bad("title longer than 72 characters")
		}
		if r.Severity < Low || r.Severity > Critical {
			bad("severity not set")
		}
		if len(r.Formats) == 0 {
			bad("no formats")
		}
		switch r.Precision {
		case "very-high", "high", "medium", "low":
		default:
			bad("precision %q is not very-high, high, medium or low", r.Precision)
		}
		switch {
		case r.Run == nil && r.Set == nil:
			bad("neither Run nor Set")
		case r.Set != nil && !r.Set.complete():
			bad("Set lacks Summarize or Judge")
		}
		for _, h := range RequiredDocHeadings {
			if !hasHeading(r.Documentation(), h) {
				bad("doc lacks %q", h)
			}
		}
	}
	return errors.Join(errs...)
}

func hasHeading(doc, h string) bool {
	for _, line := range strings.Split(doc, "\n") {
		if strings.TrimRight(line, " \r") == h || strings.HasPrefix(line, h+" ") {
			return true
		}
	}
	return false
}

// Lookup finds a rule by id.
func Lookup(rules []*Rule, id string) *Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}
