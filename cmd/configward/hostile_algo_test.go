package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

// Hostile cases of issue 14 item 4 that remained after the first indexes:
// near misses, which pass an index's first filter (an action or resource
// prefix) and are refused only by a closer look, and CW314 patterns built
// to pass its literal-piece filter. Kept apart from hostile_gen_test.go so
// that both files change without conflicts; init registers them with
// TestHostile (hostileChecked) and BenchmarkHostile (hostileScaled).

func algoHostileCases() []hostileCase {
	policy := func(stmts func(b *strings.Builder, i int), n int, last string) map[string]string {
		var b strings.Builder
		b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
		for i := range n {
			stmts(&b, i)
			b.WriteString(",\n")
		}
		b.WriteString(last + "]}")
		return map[string]string{"policy.json": b.String()}
	}
	return []hostileCase{
		// n Allows of s3:GetObject against n Denies of everything but
		// s3:GetObject (each NotAction list is its own): every Deny
		// excludes every Allow's action, none refuses it; the n Allows
		// are reported as granting it to any bucket's objects.
		{name: "iam-notaction-nearmiss", n: 3000, gen: func(n int) map[string]string {
			return policy(func(b *strings.Builder, i int) {
				fmt.Fprintf(b, `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b%d/*"}, {"Effect": "Deny", "NotAction": ["s3:GetObject", "sqs:SendMessage%d"], "Resource": "*"}`, i, i)
			}, n, `{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
		}, skip: countRule("CW314", func(n int) int { return n })}, // sqs:SendMessage<i> is unknown
		// n Allows on one object each against n Denies of s3:* on
		// everything but the bucket's objects: each NotResource excludes
		// every Allow's resource.
		{name: "iam-notresource-nearmiss", n: 3000, gen: func(n int) map[string]string {
			return policy(func(b *strings.Builder, i int) {
				fmt.Fprintf(b, `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/k%d"}, {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::b/*", "arn:aws:s3:::x%d"]}`, i, i)
			}, n, `{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
		}},
		// n Allows of s3:GetObject against n Denies whose action
		// patterns start as it does ("s3:Get") and match something else.
		{name: "iam-action-nearmiss", n: 3000, gen: func(n int) map[string]string {
			return policy(func(b *strings.Builder, i int) {
				fmt.Fprintf(b, `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b%d/*"}, {"Effect": "Deny", "Action": "s3:Get*Tagging%d", "Resource": "*"}`, i, i)
			}, n, `{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
		}, skip: countRule("CW314", func(n int) int { return n })}, // s3:Get*Tagging<i> matches no action
		// n Allows on one bucket's object each against n Denies whose
		// resource patterns start as every Allow's resource does
		// ("arn:aws:s3:::b") and end otherwise.
		{name: "iam-resource-nearmiss", n: 3000, gen: func(n int) map[string]string {
			return policy(func(b *strings.Builder, i int) {
				fmt.Fprintf(b, `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket%d/k"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b*x%d"}`, i, i)
			}, n, `{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
		}},
		// n Allows on one bucket's object each against n Denies whose
		// resource patterns start as every Allow's resource does
		// ("arn:aws:s3:::b") and end as it does ("x"), and hold in between
		// a piece no Allow's resource holds.
		{name: "iam-resource-prefix-suffix", n: 3000, gen: func(n int) map[string]string {
			return policy(func(b *strings.Builder, i int) {
				fmt.Fprintf(b, `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket%d/kx"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b*/m%d*x"}`, i, i)
			}, n, `{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
		}},
		// n Allows on one bucket's object each against one Deny whose
		// Resource list holds n patterns that start as every Allow's
		// resource does and end otherwise.
		{name: "iam-deny-resource-list", n: 3000, gen: func(n int) map[string]string {
			var allows, patterns []string
			for i := range n {
				allows = append(allows, fmt.Sprintf(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket%d/k"}`, i))
				patterns = append(patterns, fmt.Sprintf(`"arn:aws:s3:::b*x%d"`, i))
			}
			return policy(func(b *strings.Builder, i int) { b.WriteString(allows[i]) }, n,
				`{"Effect": "Deny", "Action": "s3:*", "Resource": [`+strings.Join(patterns, ", ")+`]}`)
		}},
		// n Allows on globs that start as every ARN of one Deny's
		// NotResource list does and end otherwise (each overlaps none of
		// the n ARNs, and is refused).
		{name: "iam-notresource-list-globs", n: 3000, gen: func(n int) map[string]string {
			var allows, arns []string
			for i := range n {
				allows = append(allows, fmt.Sprintf(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*y%d"}`, i))
				arns = append(arns, fmt.Sprintf(`"arn:aws:s3:::b/k%d"`, i))
			}
			return policy(func(b *strings.Builder, i int) { b.WriteString(allows[i]) }, n,
				`{"Effect": "Deny", "Action": "s3:*", "NotResource": [`+strings.Join(arns, ", ")+`]}`)
		}},
		// n Allows of distinct actions (unknown to the catalog) against n
		// Denies whose action patterns start as each does ("s3:Get") and
		// match something else.
		{name: "iam-action-distinct", n: 3000, gen: func(n int) map[string]string {
			return policy(func(b *strings.Builder, i int) {
				fmt.Fprintf(b, `{"Effect": "Allow", "Action": "s3:GetObjectV%d", "Resource": "arn:aws:s3:::b%d/*"}, {"Effect": "Deny", "Action": "s3:Get*Tagging%d", "Resource": "*"}`, i, i, i)
			}, n, `{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}`)
		}, skip: countRule("CW314", func(n int) int { return 2 * n })}, // s3:GetObjectV<i> and s3:Get*Tagging<i> match no action
		// One Allow whose own Resource list is n long against n Denies
		// (issue 14 item 4, an Allow's long list): Deny i on bucket i's
		// objects, the Allow on every bucket's (each Deny covers one
		// resource: the Allow's s3:* is reported).
		{name: "iam-allow-list-own", n: 3000, gen: func(n int) map[string]string {
			return allowListPolicy(n, func(i int) (string, string) {
				return fmt.Sprintf(`"arn:aws:s3:::b%d/*"`, i), fmt.Sprintf(`{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b%d/*"}`, i)
			})
		}, skip: countRule("CW307", func(int) int { return 1 })},
		// Every Deny's first pattern matches every resource of the Allow
		// but the last, which each Deny's own pattern misses but the last
		// Deny's, which covers the Allow: nothing is reported. Compared
		// resource by resource, each Deny was refused at the end of the
		// list.
		{name: "iam-allow-list-late", n: 3000, gen: func(n int) map[string]string {
			return allowListPolicy(n, func(i int) (string, string) {
				r, own := fmt.Sprintf("arn:aws:s3:::b%dmk", i), fmt.Sprintf("arn:aws:s3:::z%d", i)
				if i == n-1 {
					r, own = "arn:aws:s3:::bxk", "arn:aws:s3:::bxk"
				}
				return `"` + r + `"`, `{"Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::b*m*k", "` + own + `"]}`
			})
		}, skip: countRule("CW307", func(int) int { return 0 })},
		// Deny i of everything but one object of bucket i, which the
		// Allow's glob on bucket i overlaps; the last Deny's overlaps
		// none, and covers the Allow.
		{name: "iam-allow-list-notresource", n: 3000, gen: func(n int) map[string]string {
			return allowListPolicy(n, func(i int) (string, string) {
				not := fmt.Sprintf("arn:aws:s3:::b%d/zx", i)
				if i == n-1 {
					not = "arn:aws:s3:::c/zx"
				}
				return fmt.Sprintf(`"arn:aws:s3:::b%d/*x"`, i), `{"Effect": "Deny", "Action": "s3:*", "NotResource": "` + not + `"}`
			})
		}, skip: countRule("CW307", func(int) int { return 0 })},
		// A bucket policy whose Allow names n roles, each Deny the first
		// and one of its own.
		{name: "iam-allow-list-principals", n: 3000, gen: func(n int) map[string]string {
			var roles, denies []string
			for i := range n {
				roles = append(roles, fmt.Sprintf(`"arn:aws:iam::111122223333:role/r%d"`, i))
				denies = append(denies, fmt.Sprintf(`{"Effect": "Deny", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/r0", "arn:aws:iam::111122223333:role/r%d"]}, "Action": "s3:*", "Resource": "*"}`, i))
			}
			return map[string]string{"policy.json": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": [` + strings.Join(roles, ", ") + `]}, "Action": "s3:*", "Resource": "*"},` + "\n" + strings.Join(denies, ",\n") + `]}`}
		}, skip: countRule("CW307", func(int) int { return 1 })},
		// Each Deny refused by a resource of its own: the Allow's
		// resources are b and 16 binary digits, Deny i covers every
		// other name of that form (one prefix glob per digit: i's digits
		// before it, the other digit at it). No resource refuses two
		// Denies, so trying the last refusers first finds none, and
		// Deny i, compared resource by resource, was refused at the i-th.
		{name: "iam-allow-list-refusers", n: 3000, gen: func(n int) map[string]string {
			return allowListPolicy(n, func(i int) (string, string) {
				bits := fmt.Sprintf("%016b", i)
				globs := make([]string, len(bits))
				for j := range bits {
					globs[j] = `"arn:aws:s3:::b` + bits[:j] + string('0'+'1'-bits[j]) + `*"`
				}
				return `"arn:aws:s3:::b` + bits + `"`, `{"Effect": "Deny", "Action": "s3:*", "Resource": [` + strings.Join(globs, ", ") + `]}`
			})
		}, skip: countRule("CW307", func(int) int { return 1 })},
		// iam-allow-list-refusers with each glob's star followed by ? or
		// by the k each name ends with, and a glob that selects every
		// name and matches none: no prefix glob alone matches what it
		// selects.
		{name: "iam-allow-list-tails", n: 3000, gen: func(n int) map[string]string {
			return allowListPolicy(n, func(i int) (string, string) {
				bits := fmt.Sprintf("%016b", i)
				globs := []string{`"arn:aws:s3:::b*x"`}
				for j := range bits {
					globs = append(globs, `"arn:aws:s3:::b`+bits[:j]+string('0'+'1'-bits[j])+[]string{"*k", "*?"}[j%2]+`"`)
				}
				return `"arn:aws:s3:::b` + bits + `k"`, `{"Effect": "Deny", "Action": "s3:*", "Resource": [` + strings.Join(globs, ", ") + `]}`
			})
		}, skip: countRule("CW307", func(int) int { return 1 })},
		// n Denies whose one glob covers every resource of the Allow's
		// long list but whose action, a near miss of the Allow's (its
		// prefix, suffix and pieces), does not match it, and n more of
		// that action elsewhere (so that the Denies are found by
		// resource, not by action): each Deny's resources were compared
		// with the whole list before its action (which matches
		// s3:GetObjectTorrent: no CW314).
		{name: "iam-allow-list-covered", n: 3000, gen: func(n int) map[string]string {
			resources, denies := make([]string, n), make([]string, 0, 2*n)
			for i := range n {
				resources[i] = fmt.Sprintf(`"arn:aws:s3:::b%d/k"`, i)
				denies = append(denies, `{"Effect": "Deny", "Action": "s3:GetOb*ject*t", "Resource": "arn:aws:s3:::b*"}`,
					fmt.Sprintf(`{"Effect": "Deny", "Action": "s3:GetOb*ject*t", "Resource": "arn:aws:s3:::z%d"}`, i))
			}
			return map[string]string{"policy.json": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [` + strings.Join(resources, ", ") + `]},` + "\n" + strings.Join(denies, ",\n") + `]}`}
		}, skip: countRule("CW314", func(int) int { return 0 })},
		// yamldecode (issue 14 item 2): a document nested past the
		// parser's own limit, and a billion laughs whose n levels of
		// aliases would expand to 10^n elements: both refused at the call
		// before any value is built.
		{name: "yamldecode-deep", n: 100_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf": "locals {\n  x = yamldecode(file(\"${path.module}/deep.txt\"))\n}\n", "tf/deep.txt": nest("[", "", "]", n)}
		}, want: []string{"main.tf:2:7 CW001 Too deeply nested: yamldecode() of a document nested deeper than 256 levels"}},
		{name: "yamldecode-nested", n: 1000, gen: func(n int) map[string]string {
			// Within the parser's limit, past configward's.
			return map[string]string{"tf/main.tf": "locals {\n  x = yamldecode(file(\"${path.module}/deep.txt\"))\n}\n", "tf/deep.txt": nest("- ", "x", "", n)}
		}, want: []string{"main.tf:2:7 CW001 Too deeply nested: yamldecode() of a document nested deeper than 256 levels"}},
		{name: "yamldecode-alias-bomb", n: 10, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n")
			for i := 1; i < n; i++ {
				fmt.Fprintf(&b, "l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
			}
			return map[string]string{"tf/main.tf": "locals {\n  x = yamldecode(file(\"${path.module}/bomb.txt\"))\n}\n", "tf/bomb.txt": b.String()}
		}, want: []string{"main.tf:2:7 CW001 Too large to evaluate: yamldecode() would build"}},
		// CW314 (issue 14 item 4): n distinct action patterns with a
		// wildcard service whose every literal piece occurs in the
		// catalog, so that the piece filter lets them through; none
		// matches (a name has one colon). Each was matched against the
		// 27,000 actions of the catalog; the catalog index compares it
		// with the few that can match.
		{name: "cw314-nearmiss", n: 3000, gen: func(n int) map[string]string {
			words := []string{"get", "put", "list", "describe", "create", "delete", "update", "tag", "object", "bucket", "policy", "role", "user", "instance", "key", "access", "data", "config", "stream", "group", "set", "start", "stop", "send", "read"}
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [`)
			for i := range n {
				fmt.Fprintf(&b, `"*:*%s*%s*%s*:",`, words[i%25], words[i/25%25], words[i/625%25])
			}
			b.WriteString(`"s3:GetObject"]}]}`)
			return map[string]string{"policy.json": b.String()}
		}, skip: countRule("CW314", func(n int) int { return n })},
		// n distinct patterns of nine common letters (the first four the
		// base-13 digits of their number) in orders few actions have: no trigram to
		// look up, only the letter counts narrow them (BenchmarkHostile
		// only: which of them match is the catalog's to say).
		{name: "cw314-letters", n: 3000, gen: func(n int) map[string]string {
			const letters = "etaoinsrcdlup"
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [`)
			for i := range n {
				b.WriteString(`"*:*`)
				for k, j := 0, i; k < 9; k, j = k+1, j/len(letters) {
					if k >= 4 { // past the digits that make it distinct
						j = i*31 + k*17
					}
					b.WriteByte(letters[j%len(letters)])
					b.WriteString("*")
				}
				b.WriteString(`?",`)
			}
			b.WriteString(`"s3:GetObject"]}]}`)
			return map[string]string{"policy.json": b.String()}
		}},
		// n distinct patterns of four pieces of two common letters, each
		// piece in both orders ("et", "te"), joined by stars: too short
		// for a trigram and shared by so many patterns that their letters
		// alone narrow nothing; pairs of letters do (BenchmarkHostile
		// only: which of them match is the catalog's to say).
		{name: "cw314-pieces", n: 3000, gen: func(n int) map[string]string {
			pieces := []string{"et", "te", "ri", "ir", "on", "no", "es", "se", "at", "ta", "in", "ni", "st", "ts"}
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [`)
			for i := range n {
				b.WriteString(`"*:*`)
				for k, j := 0, i; k < 4; k, j = k+1, j/len(pieces) {
					b.WriteString(pieces[j%len(pieces)] + "*")
				}
				b.WriteString(`?",`)
			}
			b.WriteString(`"s3:GetObject"]}]}`)
			return map[string]string{"policy.json": b.String()}
		}},
	}
}

// allowListPolicy is one Allow of s3:* on a list of n resources
// followed by n Denies, resource i and Deny i from each(i).
func allowListPolicy(n int, each func(i int) (resource, deny string)) map[string]string {
	resources, denies := make([]string, n), make([]string, n)
	for i := range n {
		resources[i], denies[i] = each(i)
	}
	return map[string]string{"policy.json": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": [` + strings.Join(resources, ", ") + `]},` + "\n" + strings.Join(denies, ",\n") + `]}`}
}

func init() {
	for _, c := range algoHostileCases() {
		hostileChecked[c.name] = c.name != "cw314-letters" && c.name != "cw314-pieces"
		hostileScaled[c.name] = 0
	}
	// A file refused as too large is never read, whatever its size.
	hostileScaled["text-too-large"] = 12 << 20 // over the default --max-file-size of 10 MiB
}

// TestHostileScaledList prints, with HOSTILE_LIST=1, each case
// BenchmarkHostile runs at n and 4n and its n ("hostile-scaled NAME N"),
// for testdata/bench/hostile-scaling.sh.
func TestHostileScaledList(t *testing.T) {
	if os.Getenv("HOSTILE_LIST") == "" {
		t.Skip("HOSTILE_LIST not set")
	}
	for _, c := range hostileCases() {
		if n, ok := hostileScaled[c.name]; ok {
			if n == 0 {
				n = c.n
			}
			t.Logf("hostile-scaled %s %d", c.name, n)
		}
	}
}

// hostileAlgorithmic are the cases whose cost an algorithm decides (an
// index, a memo, a matcher), with the size TestHostileScaling scans them
// at: each at n and 4n in this process, its allocated bytes compared.
var hostileAlgorithmic = map[string]int{
	"iam-allow-deny": 250, "iam-deny-resources": 250, "iam-deny-principals": 250, "iam-notresource-star": 250,
	"iam-service-scoping": 250, "iam-notresource-lists": 250, "iam-notaction-nearmiss": 250, "iam-notresource-nearmiss": 250,
	"iam-action-nearmiss": 250, "iam-resource-nearmiss": 250, "iam-resource-prefix-suffix": 250, "iam-deny-resource-list": 250,
	"iam-action-distinct": 250, "iam-notresource-list-globs": 250, "cw314-nearmiss": 250, "cw314-patterns": 250, "cfn-mappings-conditions": 500,
	"cfn-conditions-scoped": 250, "cfn-ref-copies": 2500, "sam-globals": 250, "text-long-line": 1000, "join-split": 5000,
	"yamldecode-nested": 1000, "iam-allow-list-own": 250, "iam-allow-list-late": 250, "iam-allow-list-notresource": 250,
	"iam-allow-list-principals": 250, "cw314-pieces": 250, "iam-allow-list-refusers": 250, "iam-allow-list-covered": 250,
	"iam-allow-list-tails": 250,
}

// TestHostileScaling is issue 14's scaling bound as a test that cannot
// flake on a loaded machine: for each algorithmic case, the bytes one scan
// allocates at 4n are at most 4.5 times those at n (a quadratic memo, copy
// or map per pair grows 16 times). Time is not measured: make
// hostile-scaling compares times, and TestNearMissScaling counts the IAM
// indexes' steps, which allocate nothing. Each scan follows one at the
// same size, so that what is built once per process (the IAM catalog
// index, the CW314 memo) is not counted.
func TestHostileScaling(t *testing.T) {
	if raceDetector {
		t.Skip("allocations are counted without the race detector (make test runs TestHostileScaling without it)")
	}
	for _, c := range hostileCases() {
		n, ok := hostileAlgorithmic[c.name]
		if !ok {
			continue
		}
		var bytes [2]uint64
		for k, size := range []int{n, 4 * n} {
			dir := t.TempDir()
			writeHostileTree(t, dir, c.gen(size))
			args := []string{"scan", "--format", "json"}
			if strings.HasPrefix(c.name, "text-") {
				args[2] = "text"
			}
			t.Chdir(dir)
			run(append(args, "."), io.Discard, io.Discard)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			run(append(args, "."), io.Discard, io.Discard)
			runtime.ReadMemStats(&after)
			bytes[k] = after.TotalAlloc - before.TotalAlloc
		}
		ratio := float64(bytes[1]) / float64(bytes[0])
		t.Logf("%-28s n=%-6d %6.1f MB -> %6.1f MB at 4n: %.2fx", c.name, n, float64(bytes[0])/1e6, float64(bytes[1])/1e6, ratio)
		if ratio > 4.5 {
			t.Errorf("%s: a scan at 4n=%d allocated %.2fx the bytes at n (%d -> %d), over 4.5x", c.name, 4*n, ratio, bytes[0], bytes[1])
		}
	}
	for name := range hostileAlgorithmic {
		if _, ok := hostileScaled[name]; !ok {
			t.Errorf("%s: not a hostile case BenchmarkHostile scales", name)
		}
	}
}
