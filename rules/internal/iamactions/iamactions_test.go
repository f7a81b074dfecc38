package iamactions

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCatalogLoads(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	svcs, acts := Counts()
	decoded := 0
	for _, s := range Services() {
		decoded += len(s.actions)
	}
	if len(Services()) != svcs || decoded != acts {
		t.Fatalf("decoded %d services, %d actions; the index says %d, %d", len(Services()), decoded, svcs, acts)
	}
	if svcs < 400 || acts < 20000 {
		t.Errorf("catalog looks truncated: %d services, %d actions", svcs, acts)
	}
	if _, err := time.Parse("2006-01-02", Date()); err != nil {
		t.Errorf("Date() = %q: %v", Date(), err)
	}
	if !strings.Contains(SourceVersion, strings.ReplaceAll(Date(), "-", "")) {
		t.Errorf("version %s does not encode date %s", SourceVersion, Date())
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  string
		level Level
	}{
		{"s3:GetObject", "s3:GetObject", Read},
		{"S3:getobject", "s3:GetObject", Read},
		{"s3:PutObject", "s3:PutObject", Write},
		{"s3:PutBucketPolicy", "s3:PutBucketPolicy", PermissionsManagement},
		{"s3:ListBucket", "s3:ListBucket", List},
		{"iam:PassRole", "iam:PassRole", Write},
		{"iam:AttachRolePolicy", "iam:AttachRolePolicy", PermissionsManagement},
		{"iam:TagRole", "iam:TagRole", Tagging},
		{"sts:AssumeRole", "sts:AssumeRole", Write},
		{"config:PutConfigurationRecorder", "config:PutConfigurationRecorder", Write},
	} {
		a, ok := Lookup(tc.in)
		if !ok {
			t.Errorf("Lookup(%q): not found", tc.in)
			continue
		}
		if a.FullName != tc.want || a.Level != tc.level {
			t.Errorf("Lookup(%q) = %s %s, want %s %s", tc.in, a.FullName, a.Level, tc.want, tc.level)
		}
		if lv, ok := AccessLevel(tc.in); !ok || lv != tc.level {
			t.Errorf("AccessLevel(%q) = %s, %v", tc.in, lv, ok)
		}
	}
	for _, in := range []string{"s3:GetObjects", "s3:", "s3", "", "nosuchservice:GetObject", "s3:Get*", ":GetObject"} {
		if a, ok := Lookup(in); ok {
			t.Errorf("Lookup(%q) = %s, want not found", in, a)
		}
	}
	a, _ := Lookup("s3:GetObject")
	if a.Name() != "GetObject" || a.Service.Prefix != "s3" || a.Service.Name != "Amazon S3" {
		t.Errorf("s3:GetObject: name %q, service %q %q", a.Name(), a.Service.Prefix, a.Service.Name)
	}
	if !slices.Contains(a.ConditionKeys(), "s3:TlsVersion") {
		t.Errorf("s3:GetObject condition keys %v lack s3:TlsVersion", a.ConditionKeys())
	}
	if !slices.ContainsFunc(a.ResourceTypes(), func(r ResourceRef) bool { return r.Name == "object" }) {
		t.Errorf("s3:GetObject resource types %v lack object", a.ResourceTypes())
	}
}

func TestServices(t *testing.T) {
	for _, p := range []string{"s3", "S3", "iam", "config", "kms", "sts", "lambda"} {
		if !HasService(p) {
			t.Errorf("HasService(%q) = false", p)
		}
	}
	for _, p := range []string{"s4", "", "*", "amazon"} {
		if HasService(p) {
			t.Errorf("HasService(%q) = true", p)
		}
	}
	s, _ := LookupService("s3")
	if !slices.ContainsFunc(s.ResourceTypes(), func(r ResourceType) bool { return r.Name == "bucket" && r.ARN == "arn:${Partition}:s3:::${BucketName}" }) {
		t.Errorf("s3 resource types lack bucket: %v", s.ResourceTypes()[:3])
	}
	if !slices.ContainsFunc(s.ConditionKeys(), func(c ConditionKey) bool { return c.Key == "s3:TlsVersion" && c.Type == "Numeric" }) {
		t.Errorf("s3 condition keys lack s3:TlsVersion")
	}
}

func TestExpand(t *testing.T) {
	_, total := Counts()
	for _, tc := range []struct {
		pattern  string
		min, max int
		has      string
		hasNot   string
	}{
		{"*", total, total, "s3:GetObject", ""},
		{"*:*", total, total, "iam:PassRole", ""},
		{"s3:*", 150, 400, "s3:PutObject", "kms:Decrypt"},
		{"s3:Get*", 50, 200, "s3:GetObject", "s3:PutObject"},
		{"S3:get*", 50, 200, "s3:GetObjectAcl", "s3:ListBucket"},
		{"s3:*Object", 5, 60, "s3:PutObject", "s3:GetObjectAcl"},
		{"*Object*", 100, 5000, "s3:GetObjectAcl", "iam:PassRole"},
		{"s3:GetObjec?", 1, 1, "s3:GetObject", ""},
		{"iam:Pass*", 1, 2, "iam:PassRole", ""},
		{"s?:PutObject", 1, 1, "s3:PutObject", ""},
		{"s3:GetObject", 1, 1, "s3:GetObject", ""},
		{"s3:GetObjects*", 0, 0, "", ""},
		{"nosuch:*", 0, 0, "", ""},
		{"s3:GetObjects", 0, 0, "", ""},
	} {
		got := Expand(tc.pattern)
		if len(got) < tc.min || len(got) > tc.max {
			t.Errorf("Expand(%q): %d actions, want %d..%d", tc.pattern, len(got), tc.min, tc.max)
		}
		names := make([]string, len(got))
		for i, a := range got {
			names[i] = a.FullName
		}
		if tc.has != "" && !slices.Contains(names, tc.has) {
			t.Errorf("Expand(%q) lacks %s", tc.pattern, tc.has)
		}
		if tc.hasNot != "" && slices.Contains(names, tc.hasNot) {
			t.Errorf("Expand(%q) has %s", tc.pattern, tc.hasNot)
		}
		if Count(tc.pattern) != len(got) || MatchesAny(tc.pattern) != (len(got) > 0) {
			t.Errorf("Count/MatchesAny(%q) disagree with Expand", tc.pattern)
		}
		k := 0
		EachMatch(tc.pattern, func(name string, level Level) bool {
			if k >= len(got) || got[k].FullName != name || got[k].Level != level {
				t.Errorf("EachMatch(%q) yields %s %s at %d, Expand %v", tc.pattern, name, level, k, got[min(k, len(got)-1)])
				return false
			}
			k++
			return true
		})
		if k != len(got) {
			t.Errorf("EachMatch(%q) yields %d actions, Expand %d", tc.pattern, k, len(got))
		}
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"s3:GetObjects":       "s3:GetObject",
		"s3:getobjet":         "s3:GetObject",
		"iam:PasRole":         "iam:PassRole",
		"sts:AssumeRoles":     "sts:AssumeRole",
		"s3:CompletelyMadeUp": "",
		"nosuch:GetObject":    "",
	} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGlobFold(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"s3:*", "S3:GetObject", true},
		{"S3:GET*", "s3:getobject", true},
		{"s3:*Object", "s3:PutObjectAcl", false},
		{"s3:?etObject", "s3:GetObject", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"", "", true},
		{"", "x", false},
		{strings.Repeat("*a", 30) + "b", strings.Repeat("a", 200), false},
	} {
		if got := GlobFold(tc.p, tc.s); got != tc.want {
			t.Errorf("GlobFold(%q, %q) = %v", tc.p, tc.s, got)
		}
	}
}

// TestEmbeddedIsGenerated guards the layout the generator promises: the
// header, then the members of the index one after the other to the end of
// the catalog, each holding its service's records (S first, then R and C,
// then from acts its A records, sorted by lower-cased name) and as many
// actions as the index says.
func TestEmbeddedIsGenerated(t *testing.T) {
	if err := checkHeader(catalog); err != nil {
		t.Fatal(err)
	}
	if len(catalog) != catalogSize {
		t.Fatalf("the catalog is %d bytes, the index says %d", len(catalog), catalogSize)
	}
	next := headerSize
	for i, m := range index {
		if m.off != next {
			t.Fatalf("member %d (%s) starts at %d, want %d (where the previous ends)", i, m.prefix, m.off, next)
		}
		next = m.off + m.size
		s, err := decodeService(catalog, m)
		if err != nil {
			t.Fatal(err)
		}
		text := catalog[m.off:next]
		for _, line := range strings.SplitAfter(text[:m.acts], "\n") {
			if strings.HasPrefix(line, "A\t") {
				t.Fatalf("member %s: an action record before its acts offset: %q", m.prefix, line)
			}
		}
		records := actionRecords(i)
		if n := strings.Count(records, "\n"); n != m.actions || !strings.HasPrefix(records, "A\t") {
			t.Fatalf("member %s: %d lines from its acts offset, want %d action records", m.prefix, n, m.actions)
		}
		for k := 1; k < len(s.actions); k++ {
			if compareFold(s.actions[k-1].Name(), s.actions[k].Name()) >= 0 {
				t.Fatalf("member %s: %s before %s", m.prefix, s.actions[k-1].FullName, s.actions[k].FullName)
			}
		}
	}
	if next != len(catalog) {
		t.Errorf("the members end at %d, the catalog at %d", next, len(catalog))
	}
}

// TestKnownAgreesWithLookup: the in-place binary search finds every action
// of the catalog in any case, and nothing Lookup does not find; Count and
// Suggest read the same records.
func TestKnownAgreesWithLookup(t *testing.T) {
	for _, s := range Services() {
		if got := Count(s.Prefix + ":*"); got != len(s.actions) {
			t.Errorf("Count(%s:*) = %d, want %d", s.Prefix, got, len(s.actions))
		}
		k := 0
		EachMatch(s.Prefix+":*", func(name string, level Level) bool {
			if a := &s.actions[k]; a.FullName != name || a.Level != level {
				t.Fatalf("EachMatch(%s:*) yields %s %s where the service has %s %s", s.Prefix, name, level, a.FullName, a.Level)
			}
			k++
			return true
		})
		for k := range s.actions {
			a := &s.actions[k]
			for _, name := range []string{a.FullName, strings.ToUpper(a.FullName), strings.ToLower(a.FullName)} {
				if !Known(name) {
					t.Fatalf("Known(%q) = false", name)
				}
			}
			// Neighbours that are not actions: one byte more, less, changed.
			for _, name := range []string{a.FullName + "x", a.FullName[:len(a.FullName)-1], a.FullName[:len(a.FullName)-1] + "~", s.Prefix + ":" + "!" + a.Name()} {
				_, want := Lookup(name)
				if got := Known(name); got != want {
					t.Fatalf("Known(%q) = %v, Lookup says %v", name, got, want)
				}
			}
		}
	}
	for _, in := range []string{"", "s3", "s3:", ":GetObject", "nosuch:GetObject", "s3:Get*"} {
		if Known(in) {
			t.Errorf("Known(%q) = true", in)
		}
	}
}

// TestLookupsReadInPlace: the lookups CW314 makes for every action of a
// policy (HasService, Known, MatchesAny and Count of a pattern of one
// service) allocate nothing and leave the service unparsed. Parsing one
// was most of a small scan's catalog cost (ec2: 100 KB decompressed and
// 750 Actions built, about 100 page faults, for one action looked up).
func TestLookupsReadInPlace(t *testing.T) {
	i, _ := serviceIndex("ec2")
	services[i] = struct {
		once sync.Once
		svc  *Service
		err  error
	}{}
	calls := map[string]func() bool{
		"HasService":  func() bool { return HasService("EC2") },
		"Known":       func() bool { return Known("ec2:describeInstances") },
		"Known miss":  func() bool { return !Known("ec2:DescribeInstance") },
		"MatchesAny":  func() bool { return MatchesAny("ec2:Describe*") },
		"Count":       func() bool { return Count("ec2:*SecurityGroup*") > 5 },
		"MatchesAny ": func() bool { return !MatchesAny("ec2:Describe*s*x*y*z") },
		"EachMatch": func() bool {
			n := 0
			EachMatch("ec2:Describe*", func(string, Level) bool { n++; return true })
			return n > 100
		},
	}
	for name, call := range calls {
		if !call() {
			t.Errorf("%s: wrong answer", name)
		}
		if n := testing.AllocsPerRun(10, func() { call() }); n != 0 {
			t.Errorf("%s allocates %.0f times, want none", name, n)
		}
	}
	if Suggest("ec2:DescribeInstance") != "ec2:DescribeInstances" {
		t.Error("Suggest(ec2:DescribeInstance) does not find ec2:DescribeInstances")
	}
	if services[i].svc != nil {
		t.Error("a lookup in place parsed the service")
	}
}

// TestDamagedCatalogFailsLoudly: a damaged member or header is an error
// (serviceAt and the lookups in place panic with it at first use), never a
// service that silently does not exist.
func TestDamagedCatalogFailsLoudly(t *testing.T) {
	if err := checkHeader(catalog); err != nil {
		t.Fatalf("the embedded header: %v", err)
	}
	for _, h := range []string{"garbage", "", strings.Replace(catalog[:headerSize], "\t3", "\t2", 1)} {
		if err := checkHeader(h); err == nil {
			t.Errorf("header %q passed", h)
		}
	}
	m := index[1]
	if _, err := decodeService(catalog, m); err != nil {
		t.Fatalf("the second service: %v", err)
	}
	shifted := catalog[:m.off] + "x" + catalog[m.off:]
	truncated := catalog[:m.off+m.size/2]
	dropped := catalog[:m.off+m.acts] + catalog[m.off+m.acts+strings.IndexByte(catalog[m.off+m.acts:], '\n')+1:]
	for name, damaged := range map[string]string{"shifted": shifted, "truncated": truncated, "an action dropped": dropped} {
		if _, err := decodeService(damaged, m); err == nil {
			t.Errorf("%s: the member decoded", name)
		}
	}
	for name, bad := range map[string]member{
		"out of bounds":     {m.prefix, m.off, len(catalog), m.acts, m.actions},
		"acts past the end": {m.prefix, m.off, m.size, m.size + 1, m.actions},
		"another prefix":    {"zzz", m.off, m.size, m.acts, m.actions},
	} {
		if _, err := memberText(catalog, bad); err == nil {
			t.Errorf("%s: memberText accepted it", name)
		}
	}
}

// TestMatchesAnyPrefilter: the catalog-text prefilter of MatchesAny never
// changes its answer, checked against a full scan (Count) on patterns cut
// from real action names and on patterns that match nothing.
func TestMatchesAnyPrefilter(t *testing.T) {
	pats := []string{"*:*123*?", "*:zz*", "*Get*Objec?", "*:GetObject", "s*:Put*", "*:*Bucket*Policy", "*:?", "*:nosuchthing*", "*3:Get*", "*:*acl"}
	for _, p := range pats {
		if got, want := MatchesAny(p), Count(p) > 0; got != want {
			t.Errorf("MatchesAny(%q) = %v, a full scan says %v", p, got, want)
		}
	}
}

// TestPatternIndexAgrees: the catalog index finds, for patterns with a
// wildcard service (random pieces of action names, wildcards, case),
// exactly the actions matching every action finds, in the same order.
func TestPatternIndexAgrees(t *testing.T) {
	x := thePatternIndex()
	rng := rand.New(rand.NewPCG(14, 7))
	piece := func() string {
		name := x.acts[rng.IntN(len(x.acts))].FullName
		i := rng.IntN(len(name))
		p := []byte(name[i : i+1+rng.IntN(min(6, len(name)-i))])
		if len(p) > 2 && rng.IntN(3) == 0 {
			p[rng.IntN(len(p))] = '?' // literals on both sides of a ?
		}
		return string(p)
	}
	wild := []string{"*", "?", "*", "**", "*?"}
	checked, matched := 0, 0
	for range 600 {
		var b strings.Builder
		if rng.IntN(3) != 0 {
			b.WriteString(wild[rng.IntN(len(wild))])
		}
		for k := range 1 + rng.IntN(4) {
			if k > 0 {
				b.WriteString(wild[rng.IntN(len(wild))])
			}
			p := piece()
			if rng.IntN(4) == 0 {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
		}
		if rng.IntN(2) == 0 {
			b.WriteString(wild[rng.IntN(len(wild))])
		}
		p := b.String()
		if rng.IntN(3) == 0 {
			p = "*:" + p
		}
		var got, want []string
		x.each(lowerASCII(p), func(a *Action) bool { got = append(got, a.FullName); return true })
		scanEach(p, func(a *Action) bool { want = append(want, a.FullName); return true })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: index %d actions %v, scan %d %v", p, len(got), head(got), len(want), head(want))
		}
		checked++
		if len(want) > 0 {
			matched++
		}
	}
	t.Logf("%d patterns agree (%d match some action)", checked, matched)
}

func head(s []string) []string { return s[:min(len(s), 5)] }

// piecesPattern is the i-th of the patterns CW314's hostile case
// cw314-pieces names: four pieces of two common letters, each in both
// orders ("et", "te"), joined by stars, too short for a trigram and
// shared by so many patterns that their letters alone narrow nothing.
func piecesPattern(i int) string {
	pieces := []string{"et", "te", "ri", "ir", "on", "no", "es", "se", "at", "ta", "in", "ni", "st", "ts"}
	var b strings.Builder
	b.WriteString("*")
	for k, j := 0, i; k < 4; k, j = k+1, j/len(pieces) {
		b.WriteString(pieces[j%len(pieces)] + "*")
	}
	b.WriteString("?")
	return b.String()
}

// TestPatternIndexPieces: patterns of short shared pieces in different
// orders are matched against few actions each (the pairs of letters they
// hold narrow them: an index of single letters and trigrams left some
// 2,000 of the 27,000 to match per pattern), with the actions matching
// every action finds.
func TestPatternIndexPieces(t *testing.T) {
	x := thePatternIndex()
	const n = 1000
	total, matched := 0, 0
	for i := range n {
		p := piecesPattern(i)
		var got, want []string
		total += x.eachCounted(p, func(a *Action) bool { got = append(got, a.FullName); return true })
		if i%10 == 0 {
			scanEach(p, func(a *Action) bool { want = append(want, a.FullName); return true })
			if !slices.Equal(got, want) {
				t.Fatalf("%q: index %d actions %v, scan %d %v", p, len(got), head(got), len(want), head(want))
			}
		}
		if len(got) > 0 {
			matched++
		}
	}
	mean := float64(total) / n
	t.Logf("%d patterns (%d match some action): %.1f actions matched against per pattern", n, matched, mean)
	if mean > 500 {
		t.Errorf("%.1f actions matched against per pattern, over 500", mean)
	}
}

// TestPatternIndexNonASCII: letters that Unicode lower-cases to ASCII (the
// Kelvin sign, a dotted capital I) match no action through the catalog
// index, as they match none in a scan: which of the two answers must not
// depend on how many patterns came before.
func TestPatternIndexNonASCII(t *testing.T) {
	saved := catalogScans.Load()
	defer catalogScans.Store(saved)
	for _, p := range []string{"*:\u212Aey*", "*:L\u0130stBuckets", "*:*\u212A*", "*:get*object"} {
		catalogScans.Store(0)
		scanned := Count(p)
		catalogScans.Store(scansBeforeIndex)
		if indexed := Count(p); indexed != scanned {
			t.Errorf("%q: %d actions through the index, %d in a scan", p, indexed, scanned)
		}
		if strings.ContainsFunc(p, func(r rune) bool { return r > 127 }) && scanned != 0 {
			t.Errorf("%q: %d actions, want none", p, scanned)
		}
	}
}
