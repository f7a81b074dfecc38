package yamlscalar

import (
	"regexp"
	"testing"
)

// TestIsFloatAgreesWithPattern holds IsFloat to the pattern it documents.
func TestIsFloatAgreesWithPattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	alphabet := []byte("0.9e-+E x")
	var walk func(s []byte)
	walk = func(s []byte) {
		if got, want := IsFloat(string(s)), pattern.Match(s); got != want {
			t.Errorf("IsFloat(%q) = %v, pattern says %v", s, got, want)
		}
		if len(s) == 5 {
			return
		}
		for _, c := range alphabet {
			walk(append(s, c))
		}
	}
	walk(nil)
}
