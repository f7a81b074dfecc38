package report

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/configward/configward/analyzer"
)

// Secret-looking values are masked in every format: a report of a public
// pull request must not publish a credential that a scanned file holds.
// Masking keeps the length (each masked character becomes '*'), so the
// text format's carets stay under the right columns.
var (
	// AWS access key ids.
	accessKeyRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b`) })
	// A value assigned to a secret-sounding name: password = "x",
	// "SecretAccessKey": "x", token: x.
	assignedSecretRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)((?:password|passwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key)[a-z_-]*["']?\s*[:=]\s*["']?)([^"'\s,;}{\]]{4,})`)
	})
	// The body of a PEM private key.
	privateKeyRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s]*`)
	})
)

// Redact masks secret-looking values in s, keeping its length.
func Redact(s string) string {
	if s == "" {
		return s
	}
	if mayHoldAccessKey(s) {
		s = accessKeyRe().ReplaceAllStringFunc(s, func(m string) string { return m[:4] + stars(len(m)-4) })
	}
	if mayAssignSecret(s) {
		s = assignSecret(s)
	}
	if strings.Contains(s, "-----BEGIN ") {
		s = privateKeyRe().ReplaceAllStringFunc(s, maskKey)
	}
	return s
}

// maskKey masks a private key's body but for its line breaks, so that the
// lines after it keep their numbers.
func maskKey(m string) string {
	const head = "-----BEGIN"
	return head + strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return r
		}
		return '*'
	}, m[len(head):])
}

// The regular expressions are slow next to the scan of a report of
// thousands of findings; these tests skip them where they cannot match.

// mayHoldAccessKey reports whether s has a prefix accessKeyRe needs.
func mayHoldAccessKey(s string) bool {
	return strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") ||
		strings.Contains(s, "AROA") || strings.Contains(s, "AIDA")
}

// mayAssignSecret reports whether assignedSecretRe may match s: an ASCII s
// needs a ':' or '=' and one of the words that start every match
// (password, passwd, secret, token, api..., private..., access...) in any
// case. Text with other characters goes to the expression, whose case
// folding also matches letters such as U+017F (long s) and U+212A (Kelvin
// sign).
func mayAssignSecret(s string) bool {
	if !strings.ContainsAny(s, ":=") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		var words []string
		switch c | 0x20 { // ASCII lower case
		case 'p':
			words = []string{"passw", "private"}
		case 's':
			words = []string{"secret"}
		case 't':
			words = []string{"token"}
		case 'a':
			words = []string{"api", "access"}
		}
		for _, w := range words {
			if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) && assignsAfter(s[i+len(w):]) {
				return true
			}
		}
	}
	return false
}

// assignsAfter reports whether the rest of a secret word may continue as
// assignedSecretRe needs: `[a-z_-]*["']?\s*[:=]`, case-insensitively (and
// any other character may be a folded letter).
func assignsAfter(s string) bool {
	i := 0
	for i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z' || s[i] == '_' || s[i] == '-') {
		i++
	}
	if i < len(s) && s[i] >= utf8.RuneSelf {
		return true
	}
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		i++
	}
	for i < len(s) && strings.IndexByte("\t\n\f\r ", s[i]) >= 0 {
		i++
	}
	return i < len(s) && (s[i] == ':' || s[i] == '=')
}

func assignSecret(s string) string {
	return assignedSecretRe().ReplaceAllStringFunc(s, func(m string) string {
		sub := assignedSecretRe().FindStringSubmatch(m)
		if isPlaceholder(sub[2]) {
			return m
		}
		return sub[1] + stars(len(sub[2]))
	})
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
		if len(c.Instances) > 0 {
			c.Instances = slices.Clone(c.Instances)
			for j := range c.Instances {
				in := &c.Instances[j]
				in.Address = Redact(in.Address)
				in.Calls = slices.Clone(in.Calls)
				for k := range in.Calls {
					in.Calls[k].Address = Redact(in.Calls[k].Address)
				}
			}
		}
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
	if in.Lines != nil {
		// A prefix of a file ending at a line's end is masked as the
		// whole file would be on those lines: a match running past it
		// masks only what follows.
		lines := in.Lines
		out.Lines = func(file string, last int) []byte {
			src := lines(file, last)
			if src == nil {
				return nil
			}
			return []byte(Redact(string(src)))
		}
	}
	if in.Sources != nil {
		// Findings come sorted by file: the last file read serves the next
		// findings on it without reading and masking it again.
		src := in.Sources
		var rawFile string
		var raw []byte
		out.unmasked = func(file string) []byte {
			if raw == nil || file != rawFile {
				rawFile, raw = file, src(file)
			}
			return raw
		}
		var lastFile string
		var last []byte
		out.Sources = func(file string) []byte {
			if last == nil || file != lastFile {
				lastFile, last = file, []byte(Redact(string(src(file))))
			}
			return last
		}
	}
	return &out
}
