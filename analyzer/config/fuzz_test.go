package config

import (
	"strings"
	"testing"
)

// FuzzParse: any configuration text is accepted or refused with an error,
// never a panic, whatever its nesting.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"fail-on: high\nexclude: [a/**]\n",
		"rules:\n  CW101: {enabled: false, severity: low}\n",
		"ignore:\n  - rule: CW101\n    paths: [x]\n    reason: r\n    expires: 2030-01-01\n",
		"params: {A: b}\nvar-files: [x.tfvars]\ntrusted-accounts: ['123456789012']\n",
		strings.Repeat("[", 5000) + strings.Repeat("]", 5000),
		"a: &a [*a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		Parse(".configward.yml", src, nil)
	})
}
