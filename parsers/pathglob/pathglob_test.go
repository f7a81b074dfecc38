package pathglob

import (
	"fmt"
	"path"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, name string
		want      bool
	}{
		{"examples/**", "examples", true},
		{"examples/**", "examples/a/b.tf", true},
		{"examples/**", "other/examples/a.tf", false},
		{"**/legacy/*.yaml", "a/b/legacy/x.yaml", true},
		{"**/legacy/*.yaml", "legacy/x.yaml", true},
		{"**/legacy/*.yaml", "legacy/sub/x.yaml", false},
		{"*.json", "a.json", true},
		{"*.json", "dir/a.json", false},
		{"dir/?.tf", "dir/a.tf", true},
		{"files/[ab].txt", "files/b.txt", true},
		{"[", "[", false},
	} {
		if got := Match(tc.pat, tc.name); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pat, tc.name, got, tc.want)
		}
	}
}

// naive is the matcher Match replaced: every split of the path at each
// "**". Exponential, but the reference for small inputs.
func naive(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if naive(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// TestMatchAgreesWithNaive compares Match with the reference on every
// pattern and path of up to 4 segments over a small alphabet.
func TestMatchAgreesWithNaive(t *testing.T) {
	pats := []string{"**", "a", "*", "b", "?"}
	names := []string{"a", "b", "ab"}
	var gen func(alpha []string, n int) [][]string
	gen = func(alpha []string, n int) [][]string {
		if n == 0 {
			return [][]string{nil}
		}
		var out [][]string
		for _, rest := range gen(alpha, n-1) {
			for _, a := range alpha {
				out = append(out, append([]string{a}, rest...))
			}
		}
		return out
	}
	for pn := 1; pn <= 4; pn++ {
		for _, p := range gen(pats, pn) {
			for nn := 1; nn <= 4; nn++ {
				for _, n := range gen(names, nn) {
					ps, ns := strings.Join(p, "/"), strings.Join(n, "/")
					if got, want := Match(ps, ns), naive(p, n); got != want {
						t.Fatalf("Match(%q, %q) = %v, naive %v", ps, ns, got, want)
					}
				}
			}
		}
	}
}

// TestMatchManyStars: ten "**" against a 40-deep path that does not match
// took over a minute; it is now one pass per pattern segment.
func TestMatchManyStars(t *testing.T) {
	pat := strings.Repeat("**/", 10) + "nomatch"
	name := strings.Repeat("d/", 40) + "x.yaml"
	if Match(pat, name) || !Match(strings.Repeat("**/", 10)+"x.yaml", name) {
		t.Error("wrong answer")
	}
}

func BenchmarkMatchManyStars(b *testing.B) {
	for _, n := range []int{40, 160} {
		pat := strings.Repeat("**/", 10) + "nomatch"
		name := strings.Repeat("d/", n) + "x.yaml"
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Match(pat, name)
			}
		})
	}
}
