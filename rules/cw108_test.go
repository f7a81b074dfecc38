package rules

import (
	"math/rand/v2"
	"slices"
	"testing"
)

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

// TestAppendKeyWords: the in-place split of an ASCII key gives the words
// keyWords gives, on names in every casing style and on random bytes.
func TestAppendKeyWords(t *testing.T) {
	keys := []string{"", "apiToken", "DbPassword", "db_password", "SSLCertificateARN", "AWSSecretKey",
		"x-api-key", "secret.key", "ABC", "aB", "Ab", "a1B2", "__", "KMSKeyId", "parameter_value",
		"MyHTTPServer2Key", "A", "aBC", "ABc", "privateKEY", "auth-Key"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbBkKyY0_-. Z"
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		keys = append(keys, string(b))
	}
	for _, k := range keys {
		// appendKeyWords keeps k's case; keyWords lower-cases.
		var got []string
		for _, w := range appendKeyWords(nil, k) {
			var b [16]byte
			if len(w) > len(b) {
				t.Fatalf("test keys are shorter than lowerWord's buffer: %q", w)
			}
			got = append(got, string(lowerWord(&b, w)))
		}
		want := keyWords(k)
		if !slices.Equal(got, want) {
			t.Errorf("appendKeyWords(%q) lower-cased = %q, keyWords = %q", k, got, want)
		}
	}
	for k, want := range map[string]int{"apiToken": 1, "DbPassword": 1, "x-api-key": 1, "PrivateKey": 1,
		"password_length": -1, "SecretArn": -1, "Description": 0, "Value": 0, "ÄpiToken": 1} {
		if got := keyKind(k); got != want {
			t.Errorf("keyKind(%q) = %d, want %d", k, got, want)
		}
	}
}

// keyKind is asked about every key of every resource: on ASCII keys (of
// any case) it allocates nothing, and the way to each value is written out
// only for a finding.
func TestAllocKeyKind(t *testing.T) {
	keys := []string{"BucketName", "DbPassword", "x-api-key", "MyHTTPServer2Key", "parameter_value", "ThisIsAVeryLongKeyNameWithManyWords"}
	if n := testing.AllocsPerRun(50, func() {
		for _, k := range keys {
			keyKind(k)
		}
	}); n != 0 {
		t.Errorf("keyKind allocates %.0f objects on %d ASCII keys, want 0", n, len(keys))
	}
	steps := []propStep{{key: "Properties", index: -1}, {key: "Tags", index: -1}, {index: 2}, {key: "Value", index: -1}}
	if got, want := propPath(steps), "Properties.Tags[2].Value"; got != want {
		t.Errorf("propPath = %q, want %q", got, want)
	}
	if got, want := propPath([]propStep{{index: 0}, {key: "a", index: -1}}), "[0].a"; got != want {
		t.Errorf("propPath = %q, want %q", got, want)
	}
}
