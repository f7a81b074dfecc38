package rules

import "testing"

// TestSecretInNeedles: each value-only pattern is tried only on text that
// holds its needle, so a needle that a match can lack would hide that
// secret. One text per pattern, in the spellings the pattern allows.
func TestSecretInNeedles(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"key AKIAIOSFODNN7EXAMPLE here", "an AWS access key id"},
		{"ASIAIOSFODNN7EXAMPLE", "an AWS access key id"},
		{"-----BEGIN RSA PRIVATE KEY-----\nMIIE", "a private key"},
		{"postgres://admin:hunter22@db.internal:5432/app", "credentials in a URL"},
		{"ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789", "a GitHub token"},
		{"xoxb-1234567890-abcdef", "a Slack token"},
		{"PassWord = Tr0ub4dor3", "a password or token assignment"},
		{"api_key=0123456789abcdef", "a password or token assignment"},
		{`{"dbPassword": "Tr0ub4dor3"}`, `a secret-looking value for "dbPassword"`},
		{"just some prose about tokens", ""},
		{"https://example.com/path", ""},
	} {
		if got := secretIn(c.text, 0); got != c.want {
			t.Errorf("secretIn(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	// Under a key that names a secret, the value itself says it.
	if got := secretIn("Tr0ub4dor3", 1); got != "a secret-looking value" {
		t.Errorf("under a secret key: %q", got)
	}
	if got := secretIn("Tr0ub4dor3", -1); got != "" {
		t.Errorf("under a key about a secret: %q", got)
	}
}
