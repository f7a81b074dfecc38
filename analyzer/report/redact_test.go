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
