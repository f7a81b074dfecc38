package iamactions

// GlobFold matches s against an IAM pattern with * (any run) and ? (any
// one character), ignoring ASCII case as IAM does for actions.
func GlobFold(pattern, s string) bool { return glob(pattern, s, true) }

// Glob is GlobFold with case: IAM compares condition values and ARNs
// case-sensitively.
func Glob(pattern, s string) bool { return glob(pattern, s, false) }

// glob does not allocate, and backtracks only to the last star, so hostile
// patterns stay linear in practice.
func glob(pattern, s string, fold bool) bool {
	eq := func(a, b byte) bool { return a == b || fold && lower(a) == lower(b) }
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || eq(pattern[p], s[i])):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// lowerASCII lower-cases the ASCII letters of s only, as GlobFold folds
// them: strings.ToLower would turn the Kelvin sign into 'k' and a dotted
// capital I into 'i', and a pattern would match through the catalog index
// what a scan of the catalog does not.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// compareFold compares a and b as their ASCII lower-case forms would
// compare, without allocating.
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := lower(a[i]), lower(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}
