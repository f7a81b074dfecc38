package report

import "testing"

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`key AKIAIOSFODNN7EXAMPLE here`, `key AKIA**************** here`},
		{`  password = "hunter2-secret"`, `  password = "**************"`},
		{`"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG"`, `"SecretAccessKey": "*********************"`},
		{`db_token: abcd1234`, `db_token: ********`},
		{`password = var.db_password`, `password = var.db_password`},
		{`Password: '{{resolve:secretsmanager:db}}'`, `Password: '{{resolve:secretsmanager:db}}'`},
		{`"Password": "${DbPassword}"`, `"Password": "${DbPassword}"`},
		{`no secrets in this line`, `no secrets in this line`},
	} {
		got := Redact(tc.in)
		if got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("Redact(%q) changed the length", tc.in)
		}
	}
}

// redactSlow is Redact without the tests that skip the expressions.
func redactSlow(s string) string {
	s = accessKeyRe().ReplaceAllStringFunc(s, func(m string) string { return m[:4] + stars(len(m)-4) })
	s = assignSecret(s)
	return privateKeyRe().ReplaceAllStringFunc(s, maskKey)
}

func TestRedactSkipsOnlyWhatCannotMatch(t *testing.T) {
	for _, s := range []string{
		`key AKIAIOSFODNN7EXAMPLE here`, `ASIAIOSFODNN7EXAMPLE`, `AROAIOSFODNN7EXAMPLE`, `AIDAIOSFODNN7EXAMPLE`,
		`PASSWORD=hunter22`, `PassWd: hunter22`, `API_KEY = abcdefgh`, `apikey:abcdefgh`, `Private-Key = abcdefgh`,
		`ACCESS_KEY: abcdefgh`, `my_Token = abcdefgh`, "pa\u017f\u017fword = hunter22", "api\u212aey: abcdefgh",
		"t\u00f6ken = abcdefgh", `secret without assignment`, `= ignored`,
		"-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----",
		`bucket "Logs" has no default server-side encryption`,
		"password  := abcdefgh", `password"  : 'abcdefgh'`, "api-KEY\t=\tabcdefgh", "token-\u017fx: abcdefgh",
		`bucket "Logs" blocks public access: abcdefgh`, `access_key_id" = "abcdefgh"`, "secret\n=\nabcdefgh", `token 1 = abcdefgh`,
	} {
		if got, want := Redact(s), redactSlow(s); got != want {
			t.Errorf("Redact(%q) = %q, want %q", s, got, want)
		}
	}
}
