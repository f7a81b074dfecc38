package pathglob

import "testing"

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
