package report

import (
	"regexp"
	"strings"

	"github.com/configward/configward/analyzer"
)

// Secret-looking values are masked in every format: a report of a public
// pull request must not publish a credential that a scanned file holds.
// Masking keeps the length (each masked character becomes '*'), so the
// text format's carets stay under the right columns.
var (
	// AWS access key ids.
	accessKeyRe = regexp.MustCompile(`\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b`)
	// A value assigned to a secret-sounding name: password = "x",
	// "SecretAccessKey": "x", token: x.
	assignedSecretRe = regexp.MustCompile(`(?i)((?:password|passwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key)[a-z_-]*["']?\s*[:=]\s*["']?)([^"'\s,;}{\]]{4,})`)
	// The body of a PEM private key.
	privateKeyRe = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s]*`)
)

// Redact masks secret-looking values in s, keeping its length.
func Redact(s string) string {
	if s == "" {
		return s
	}
	s = accessKeyRe.ReplaceAllStringFunc(s, func(m string) string { return m[:4] + stars(len(m)-4) })
	s = assignedSecretRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := assignedSecretRe.FindStringSubmatch(m)
		if isPlaceholder(sub[2]) {
			return m
		}
		return sub[1] + stars(len(sub[2]))
	})
	s = privateKeyRe.ReplaceAllStringFunc(s, func(m string) string {
		const head = "-----BEGIN"
		return head + stars(len(m)-len(head))
	})
	return s
}

// isPlaceholder spares references and templates: ${var.x}, {{resolve:...}},
// !Ref, arn:..., which name a secret rather than hold it.
func isPlaceholder(v string) bool {
	return strings.HasPrefix(v, "$") || strings.HasPrefix(v, "{{") || strings.HasPrefix(v, "!") ||
		strings.HasPrefix(v, "arn:") || strings.HasPrefix(v, "var.") || strings.HasPrefix(v, "local.") ||
		strings.HasPrefix(v, "data.") || strings.HasPrefix(v, "aws_")
}

func stars(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("*", n)
}

// redactInput returns in with every message masked, findings copied so the
// caller's values are untouched.
func redactInput(in *Input) *Input {
	out := *in
	out.Findings = make([]*analyzer.Finding, len(in.Findings))
	for i, f := range in.Findings {
		c := *f
		c.Message = Redact(c.Message)
		c.Resource = Redact(c.Resource)
		c.ResourceName = Redact(c.ResourceName)
		if c.Suppression != nil {
			s := *c.Suppression
			s.Justification = Redact(s.Justification)
			c.Suppression = &s
		}
		out.Findings[i] = &c
	}
	out.Notifications = make([]Notification, len(in.Notifications))
	for i, n := range in.Notifications {
		n.Message = Redact(n.Message)
		out.Notifications[i] = n
	}
	if in.Sources != nil {
		src := in.Sources
		out.Sources = func(file string) []byte { return []byte(Redact(string(src(file)))) }
	}
	return &out
}
