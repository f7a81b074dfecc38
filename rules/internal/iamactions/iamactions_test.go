package iamactions

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
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

// TestEmbeddedIsGenerated guards the invariants the generator promises: a
// gzip stream with no name or timestamp (so re-generation is
// byte-identical) whose header names the source recorded in
// catalog_info.go.
func TestEmbeddedIsGenerated(t *testing.T) {
	if !bytes.HasPrefix(compressed, []byte{0x1f, 0x8b}) {
		t.Fatal("catalog.tsv.gz is not gzip")
	}
	if mtime := compressed[4:8]; !bytes.Equal(mtime, []byte{0, 0, 0, 0}) {
		t.Errorf("catalog.tsv.gz carries a modification time: %v", mtime)
	}
	// Every member decodes and holds the service and action count the
	// index says, and the members together are one valid gzip stream.
	for i, m := range index {
		s := serviceAt(i)
		if s == nil || s.Prefix != m.prefix || len(s.actions) != m.actions {
			t.Fatalf("member %d (%s) decodes to %+v", i, m.prefix, s)
		}
	}
	if all, err := gunzipAll(compressed); err != nil || len(all) != rawSize {
		t.Errorf("the whole file is %d bytes of gzip text (%v), want %d", len(all), err, rawSize)
	}
}

func gunzipAll(b []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(zr)
	return string(out), err
}

// TestLookupDecodesOnlyWhatItNeeds: a lookup in one service leaves the
// others compressed.
func TestLookupDecodesOnlyWhatItNeeds(t *testing.T) {
	i, ok := serviceIndex("kinesisvideo")
	if !ok {
		t.Fatal("no kinesisvideo")
	}
	if _, ok := Lookup("kinesisvideo:GetMedia"); !ok {
		t.Fatal("kinesisvideo:GetMedia not found")
	}
	if services[i].svc == nil {
		t.Error("the looked-up service is not decoded")
	}
	j, _ := serviceIndex("a2c")
	if services[j].svc != nil && !testing.Short() {
		t.Log("a2c decoded by an earlier test")
	}
}

// TestDamagedCatalogFailsLoudly: a damaged member or header is an error
// (serviceAt panics with it at first use), never a service that silently
// does not exist.
func TestDamagedCatalogFailsLoudly(t *testing.T) {
	if err := checkHeader(compressed[:headerSize]); err != nil {
		t.Fatalf("the embedded header: %v", err)
	}
	if err := checkHeader([]byte("garbage")); err == nil {
		t.Error("a garbage header passed")
	}
	m := index[0]
	if _, err := decodeService(compressed, m); err != nil {
		t.Fatalf("the first service: %v", err)
	}
	damaged := slices.Clone(compressed)
	for i := m.off + 10; i < m.off+m.size; i++ {
		damaged[i] ^= 0xff
	}
	if _, err := decodeService(damaged, m); err == nil {
		t.Error("a damaged member decoded")
	}
	if _, err := decodeService(compressed[:m.off+m.size/2], m); err == nil {
		t.Error("a truncated catalog decoded")
	}
	// The text is sized by the size the member's trailer states: a trailer
	// that says more or less than the member holds is damage too.
	for _, delta := range []byte{1, 0xff} {
		lying := slices.Clone(compressed)
		lying[m.off+m.size-4] += delta
		if _, err := decodeService(lying, m); err == nil {
			t.Errorf("a member whose trailer misstates its size by %d decoded", int8(delta))
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
		return name[i : i+1+rng.IntN(min(6, len(name)-i))]
	}
	wild := []string{"*", "?", "*", "**", "*?"}
	checked, matched := 0, 0
	for range 300 {
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
		x.each(strings.ToLower(p), func(a *Action) bool { got = append(got, a.FullName); return true })
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
