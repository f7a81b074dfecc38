package iamactions

import (
	"strings"
	"testing"
)

// BenchmarkColdLoad parses every service of the embedded catalog, as a
// cross-service pattern ("*Object*") does once per process.
func BenchmarkColdLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(catalog)))
	for b.Loop() {
		for _, m := range index {
			if _, err := decodeService(catalog, m); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkColdService parses one service, as the first Expand of a
// pattern of that service does.
func BenchmarkColdService(b *testing.B) {
	i, _ := serviceIndex("s3")
	m := index[i]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeService(catalog, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKnown looks an action up in place, as CW314 does for every
// action a policy names.
func BenchmarkKnown(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if !Known("EC2:describeInstances") {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	Services()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Lookup("S3:getObject"); !ok {
			b.Fatal("not found")
		}
	}
}

// BenchmarkExpand expands patterns of each shape against the loaded
// catalog: within one service, across services, and everything.
func BenchmarkExpand(b *testing.B) {
	Services()
	for _, p := range []string{"s3:Get*", "s3:*Object*", "*Object*", "*"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(Expand(p)) == 0 {
					b.Fatal("no match")
				}
			}
		})
	}
}

func BenchmarkMatchesAnyMiss(b *testing.B) {
	Services()
	b.ReportAllocs()
	for b.Loop() {
		if MatchesAny("s3:GetObjects*") {
			b.Fatal("match")
		}
	}
}

// adversarialPatterns are n distinct patterns with a wildcard service
// that match no action although each literal piece occurs in the catalog
// (as CW314 meets them in a hostile policy): common words, and common
// letters, in orders no action has.
func adversarialPatterns(n int) []string {
	words := []string{"get", "put", "list", "describe", "create", "delete", "update", "tag", "object", "bucket", "policy", "role", "user", "instance", "key", "access", "data", "config", "stream", "group"}
	letters := "etaoinsrcdlup"
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		switch i % 3 {
		case 0: // three words, then a second colon
			out = append(out, "*:*"+words[i%20]+"*"+words[(i/20)%20]+"*"+words[(i/400)%20]+"*:")
		case 1: // letters in an order no action has
			var b strings.Builder
			b.WriteString("*")
			for k, j := 0, i; k < 9; k, j = k+1, j/len(letters)+k {
				b.WriteByte(letters[j%len(letters)])
				b.WriteString("*")
			}
			b.WriteString("?x?")
			out = append(out, b.String())
		case 2: // words reversed
			out = append(out, "*"+reverse(words[i%20])+"*"+reverse(words[(i/20)%20])+"*")
		}
	}
	return out
}

// BenchmarkMatchesAnyAdversarial: per pattern, through the catalog index
// and by scanning every action.
func BenchmarkMatchesAnyAdversarial(b *testing.B) {
	ps := adversarialPatterns(300)
	x := thePatternIndex()
	for _, c := range []struct {
		name string
		each func(string, func(*Action) bool)
	}{{"index", func(p string, y func(*Action) bool) { x.each(lowerASCII(p), y) }}, {"scan", scanEach}} {
		b.Run(c.name, func(b *testing.B) {
			matched := 0
			for b.Loop() {
				matched = 0
				for _, p := range ps {
					c.each(p, func(*Action) bool { matched++; return false })
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ps)), "ns/pattern")
			b.ReportMetric(float64(matched), "matched")
		})
	}
}

// BenchmarkPatternIndexBuild builds the catalog index, as the 65th
// catalog-wide pattern of a process does once (the catalog loaded first).
func BenchmarkPatternIndexBuild(b *testing.B) {
	Services()
	b.ReportAllocs()
	for b.Loop() {
		buildPatternIndex()
	}
}
