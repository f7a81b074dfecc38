package iamactions

import (
	"strings"
	"testing"
)

// TestAllocSuggest: Suggest compares an unknown action's name with every
// name of its service about as long without an allocation for each (two
// rows and a lower-cased copy each before: 115 allocations for the name
// below, which CW314 paid for every unknown action a policy names).
func TestAllocSuggest(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	if Suggest("s3:GetObjectV12345") != "" || Suggest("s3:GetObjectTagings") != "s3:GetObjectTagging" {
		t.Fatal("Suggest no longer finds what this test expects of it")
	}
	allocs := testing.AllocsPerRun(20, func() { Suggest("s3:GetObjectV12345") })
	t.Logf("%.0f allocations a suggestion", allocs)
	if allocs > 1 {
		t.Errorf("%.0f allocations a suggestion, want at most 1 (the name lower-cased)", allocs)
	}
}

// TestSuggestAgrees: Suggest gives what a plain Levenshtein distance over
// lower-cased copies gives (the first closest name within the limit), for
// misspellings of actions of three services, ASCII and not.
func TestSuggestAgrees(t *testing.T) {
	n := 0
	for _, svc := range []string{"s3", "iam", "ec2"} {
		i, ok := serviceIndex(svc)
		if !ok {
			t.Fatalf("no service %s", svc)
		}
		k := 0
		eachRecord(actionRecords(i), func(r string) bool {
			k++
			if k%7 != 0 {
				return true
			}
			name := recordName(r)[len(svc)+1:]
			mid := len(name) / 2
			for _, typo := range []string{
				name[:mid] + name[mid+1:], strings.ToUpper(name), name + "x", name[:mid] + "é" + name[mid+1:], "Ünknown" + name[mid:],
			} {
				n++
				if got, want := Suggest(svc+":"+typo), plainSuggest(svc, typo); got != want {
					t.Errorf("Suggest(%s:%s) = %q, a plain distance gives %q", svc, typo, got, want)
				}
			}
			return true
		})
	}
	if n < 300 {
		t.Errorf("only %d names compared", n)
	}
}

// plainSuggest is Suggest with a distance of its own over lower-cased
// copies.
func plainSuggest(svc, name string) string {
	i, _ := serviceIndex(svc)
	best, bestD := "", min(3, len(name)/3+1)
	lname := strings.ToLower(name)
	eachRecord(actionRecords(i), func(r string) bool {
		full := recordName(r)
		other := full[len(svc)+1:]
		if d := abs(len(other) - len(name)); d >= bestD {
			return true
		}
		if d := levenshtein(lname, strings.ToLower(other)); d < bestD {
			best, bestD = full, d
		}
		return true
	})
	return best
}

func levenshtein(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}
