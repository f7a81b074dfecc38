package iamactions

import "testing"

// BenchmarkColdLoad decodes every service of the embedded catalog, as a
// cross-service pattern ("*Object*") does once per process.
func BenchmarkColdLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(compressed)))
	for b.Loop() {
		for _, m := range index {
			text, err := gunzip(compressed[m.off : m.off+m.size])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := parseService(text, m.actions); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkColdService decodes one service, as the first lookup of an
// action of that service does.
func BenchmarkColdService(b *testing.B) {
	i, _ := serviceIndex("s3")
	m := index[i]
	b.ReportAllocs()
	for b.Loop() {
		text, err := gunzip(compressed[m.off : m.off+m.size])
		if err != nil {
			b.Fatal(err)
		}
		if _, err := parseService(text, m.actions); err != nil {
			b.Fatal(err)
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
