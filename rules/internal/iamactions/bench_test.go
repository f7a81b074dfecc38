package iamactions

import "testing"

// BenchmarkColdLoad decompresses and indexes the embedded catalog, as the
// first lookup of a process does.
func BenchmarkColdLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(compressed)))
	for b.Loop() {
		if _, err := parse(compressed); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	load()
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
	load()
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
	load()
	b.ReportAllocs()
	for b.Loop() {
		if MatchesAny("s3:GetObjects*") {
			b.Fatal("match")
		}
	}
}
