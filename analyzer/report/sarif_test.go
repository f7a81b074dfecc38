package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// obj is a decoded JSON object; the helpers below fail the test on a shape
// the contract does not allow.
type obj = map[string]any

func decodeSARIF(t *testing.T, raw []byte) obj {
	t.Helper()
	var doc obj
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	return doc
}

func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(obj)
			if !ok {
				t.Fatalf("%v: not an object at %v", path, path[:i])
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("%v: no key %q", path, k)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: no element %d", path, k)
			}
			v = a[k]
		}
	}
	return v
}

func str(t *testing.T, v any, path ...any) string {
	t.Helper()
	s, ok := get(t, v, path...).(string)
	if !ok {
		t.Fatalf("%v is %T, want a string", path, get(t, v, path...))
	}
	return s
}

func num(t *testing.T, v any, path ...any) int {
	t.Helper()
	n, ok := get(t, v, path...).(json.Number)
	if !ok {
		t.Fatalf("%v is %T, want a number", path, get(t, v, path...))
	}
	i, err := n.Int64()
	if err != nil {
		t.Fatalf("%v: %v", path, err)
	}
	return int(i)
}

func arr(t *testing.T, v any, path ...any) []any {
	t.Helper()
	a, ok := get(t, v, path...).([]any)
	if !ok {
		t.Fatalf("%v is %T, want an array", path, get(t, v, path...))
	}
	return a
}

func has(v any, key string) bool {
	m, ok := v.(obj)
	if !ok {
		return false
	}
	_, ok = m[key]
	return ok
}

// noNulls fails on any JSON null: the SARIF schema allows none, and go-sarif
// v2 writes one for every unset Suppression field.
func noNulls(t *testing.T, v any, path string) {
	t.Helper()
	switch x := v.(type) {
	case nil:
		t.Errorf("null at %s", path)
	case obj:
		for k, e := range x {
			noNulls(t, e, path+"."+k)
		}
	case []any:
		for i, e := range x {
			noNulls(t, e, path+"["+strconv.Itoa(i)+"]")
		}
	}
}

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)

// TestSARIFContract checks the points of design.md §1 on the decoded
// output of the fixture scan.
func TestSARIFContract(t *testing.T) {
	in := fixtureInput()
	raw := write(t, "sarif", in)
	if !bytes.HasSuffix(raw, []byte("}\n")) || !bytes.HasPrefix(raw, []byte("{\n  \"")) {
		t.Errorf("output is not indented by two spaces and ended by a newline")
	}
	doc := decodeSARIF(t, raw)
	noNulls(t, doc, "$")

	if s := str(t, doc, "$schema"); s != "https://json.schemastore.org/sarif-2.1.0.json" {
		t.Errorf("$schema = %q", s)
	}
	if v := str(t, doc, "version"); v != "2.1.0" {
		t.Errorf("version = %q", v)
	}
	if n := len(arr(t, doc, "runs")); n != 1 {
		t.Fatalf("%d runs, want 1", n)
	}
	run := get(t, doc, "runs", 0)
	driver := get(t, run, "tool", "driver")
	if str(t, driver, "name") != "configward" || str(t, driver, "version") != "devel" ||
		str(t, driver, "informationUri") != "https://github.com/configward/configward" {
		t.Errorf("driver = %v", driver)
	}
	if k := str(t, run, "columnKind"); k != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", k)
	}

	// Rules: every rule that ran plus CW002, named by a finding only; sorted.
	rules := arr(t, driver, "rules")
	var ids []string
	for i, r := range rules {
		id := str(t, r, "id")
		ids = append(ids, id)
		want := analyzer.Lookup(in.Rules, id)
		if want == nil {
			want = &analyzer.Rule{ID: id, Name: strings.ToLower(id), Title: id, Severity: analyzer.Low}
		}
		if str(t, r, "name") != want.Name || str(t, r, "shortDescription", "text") != want.Title {
			t.Errorf("rule %d: name or shortDescription wrong: %v", i, r)
		}
		if str(t, r, "fullDescription", "text") == "" || str(t, r, "helpUri") != want.HelpURI() {
			t.Errorf("rule %s: fullDescription or helpUri wrong", id)
		}
		if str(t, r, "help", "text") == "" || str(t, r, "help", "markdown") == "" {
			t.Errorf("rule %s: help lacks text or markdown", id)
		}
		if l := str(t, r, "defaultConfiguration", "level"); l != want.Severity.SARIFLevel() {
			t.Errorf("rule %s: default level %q", id, l)
		}
		if s := str(t, r, "properties", "security-severity"); s != want.Severity.SecurityScore() {
			t.Errorf("rule %s: security-severity %q", id, s)
		}
		var tags []string
		for _, tag := range arr(t, r, "properties", "tags") {
			tags = append(tags, tag.(string))
		}
		if !slices.Contains(tags, "security") || !slices.IsSorted(tags) || len(slices.Compact(slices.Clone(tags))) != len(tags) {
			t.Errorf("rule %s: tags %q not sorted, unique and with security", id, tags)
		}
		if want.Precision != "" && str(t, r, "properties", "precision") != want.Precision {
			t.Errorf("rule %s: precision", id)
		}
	}
	if want := []string{"CW001", "CW002", "CW101", "CW201", "CW305", "CW501"}; !slices.Equal(ids, want) {
		t.Errorf("rule ids = %q, want %q", ids, want)
	}
	if full := str(t, rules[2], "fullDescription", "text"); full != "S3 bucket without default encryption <and> more. It spans two lines." {
		t.Errorf("fullDescription = %q", full)
	}

	results := arr(t, run, "results")
	if len(results) != len(in.Findings) {
		t.Fatalf("%d results, want %d", len(results), len(in.Findings))
	}
	for i, res := range results {
		f := in.Findings[i]
		id := str(t, res, "ruleId")
		if idx := num(t, res, "ruleIndex"); id != f.RuleID || idx < 0 || idx >= len(rules) || ids[idx] != id {
			t.Errorf("result %d: ruleId %s, ruleIndex %d", i, id, idx)
		}
		if l := str(t, res, "level"); l != f.Severity.SARIFLevel() {
			t.Errorf("result %d: level %q", i, l)
		}
		if m := str(t, res, "message", "text"); m != f.Message {
			t.Errorf("result %d: message %q", i, m)
		}
		phys := get(t, res, "locations", 0, "physicalLocation")
		if str(t, phys, "artifactLocation", "uriBaseId") != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId", i)
		}
		if uri := str(t, phys, "artifactLocation", "uri"); strings.ContainsAny(uri, ` \:`) || strings.HasPrefix(uri, "/") {
			t.Errorf("result %d: uri %q is not a relative URI reference", i, uri)
		}
		sl, sc := num(t, phys, "region", "startLine"), num(t, phys, "region", "startColumn")
		el, ec := num(t, phys, "region", "endLine"), num(t, phys, "region", "endColumn")
		if sl < 1 || sc < 1 || el < sl || ec < 1 || (el == sl && ec <= sc) {
			t.Errorf("result %d: region %d:%d-%d:%d", i, sl, sc, el, ec)
		}
		ll := get(t, res, "locations", 0, "logicalLocations", 0)
		if str(t, ll, "fullyQualifiedName") != f.Resource || str(t, ll, "kind") != "resource" {
			t.Errorf("result %d: logical location %v", i, ll)
		}
		if f.ResourceName != "" && str(t, ll, "name") != f.ResourceName {
			t.Errorf("result %d: logical location name", i)
		}
		fps := get(t, res, "partialFingerprints").(obj)
		if fps["configward/v1"] != f.Fingerprint || has(fps, "primaryLocationLineHash") {
			t.Errorf("result %d: partialFingerprints %v", i, fps)
		}
		if has(res, "fingerprints") {
			t.Errorf("result %d: fingerprints set", i)
		}
		if f.CDKPath != "" && str(t, res, "properties", "cdkPath") != f.CDKPath || f.CDKPath == "" && has(res, "properties") {
			t.Errorf("result %d: cdkPath", i)
		}
		if f.BaselineState != "" && str(t, res, "baselineState") != f.BaselineState || f.BaselineState == "" && has(res, "baselineState") {
			t.Errorf("result %d: baselineState", i)
		}
		if f.Suppression == nil {
			if has(res, "suppressions") {
				t.Errorf("result %d: unexpected suppressions", i)
			}
			continue
		}
		sup := get(t, res, "suppressions", 0)
		if str(t, sup, "kind") != f.Suppression.Kind || str(t, sup, "status") != "accepted" ||
			str(t, sup, "justification") != f.Suppression.Justification {
			t.Errorf("result %d: suppression %v", i, sup)
		}
		if g := str(t, sup, "guid"); !guidPattern.MatchString(g) {
			t.Errorf("result %d: suppression guid %q", i, g)
		}
		if str(t, sup, "location", "physicalLocation", "artifactLocation", "uri") != f.Range.Filename {
			t.Errorf("result %d: suppression location", i)
		}
	}
	if uri := str(t, results[5], "locations", 0, "physicalLocation", "artifactLocation", "uri"); uri != "terraform/my%20module/versions.tf" {
		t.Errorf("uri with a space = %q", uri)
	}

	inv := get(t, run, "invocations", 0)
	if get(t, inv, "executionSuccessful") != true {
		t.Errorf("executionSuccessful is not true with warnings only")
	}
	notes := arr(t, inv, "toolExecutionNotifications")
	if len(notes) != 2 || str(t, notes[0], "level") != "warning" || str(t, notes[1], "level") != "note" {
		t.Fatalf("notifications = %v", notes)
	}
	if str(t, notes[0], "locations", 0, "physicalLocation", "artifactLocation", "uri") != "terraform/main.tf" || has(notes[1], "locations") {
		t.Errorf("notification locations wrong: %v", notes)
	}
	if str(t, notes[1], "associatedRule", "id") != "CW305" || num(t, notes[1], "associatedRule", "index") != 4 {
		t.Errorf("notification associatedRule wrong: %v", notes[1])
	}
}

func TestSARIFEmpty(t *testing.T) {
	raw := write(t, "sarif", emptyInput())
	if !bytes.Contains(raw, []byte(`"results": []`)) {
		t.Errorf("empty results are not []:\n%s", raw)
	}
	doc := decodeSARIF(t, raw)
	noNulls(t, doc, "$")
	if get(t, doc, "runs", 0, "invocations", 0, "executionSuccessful") != true {
		t.Errorf("executionSuccessful is not true")
	}
	if n := len(arr(t, doc, "runs", 0, "tool", "driver", "rules")); n != 5 {
		t.Errorf("%d rules, want every rule that ran (5)", n)
	}
	// Not even rules.
	raw = write(t, "sarif", &Input{})
	if !bytes.Contains(raw, []byte(`"rules": []`)) || !bytes.Contains(raw, []byte(`"results": []`)) {
		t.Errorf("report of nothing:\n%s", raw)
	}
}

func TestSARIFErrorNotification(t *testing.T) {
	in := emptyInput()
	in.Notifications = []Notification{{Level: "error", Message: "rule CW101 failed: boom", RuleID: "CW101"}, {Level: "bogus", Message: "x"}}
	doc := decodeSARIF(t, write(t, "sarif", in))
	inv := get(t, doc, "runs", 0, "invocations", 0)
	if get(t, inv, "executionSuccessful") != false {
		t.Errorf("executionSuccessful is not false after an error notification")
	}
	if l := str(t, inv, "toolExecutionNotifications", 1, "level"); l != "warning" {
		t.Errorf("unknown level written as %q, want warning", l)
	}
}

func TestSuppressionGUID(t *testing.T) {
	in := fixtureInput()
	a := suppressionGUID(in.Findings[3])
	if !guidPattern.MatchString(a) || a != suppressionGUID(fixtureInput().Findings[3]) {
		t.Errorf("guid %q not UUID-shaped or not stable", a)
	}
	seen := map[string]bool{}
	for _, f := range in.Findings {
		seen[suppressionGUID(f)] = true
		f.Fingerprint = "" // falls back to the location
		if g := suppressionGUID(f); !guidPattern.MatchString(g) {
			t.Errorf("guid without fingerprint %q", g)
		}
	}
	if len(seen) != len(in.Findings) {
		t.Errorf("guids collide")
	}
}

func TestURIOf(t *testing.T) {
	for file, want := range map[string]string{
		"cfn/app.yaml":           "cfn/app.yaml",
		"my module/main.tf":      "my%20module/main.tf",
		"100%/a#b?.tf":           "100%25/a%23b%3F.tf",
		"prüfer/main.tf":         "pr%C3%BCfer/main.tf",
		"c:d/main.tf":            "./c:d/main.tf",
		"a/c:d.tf":               "a/c:d.tf",
		"modules/x/main.tf.json": "modules/x/main.tf.json",
	} {
		if got := uriOf(file); got != want {
			t.Errorf("uriOf(%q) = %q, want %q", file, got, want)
		}
	}
}

// TestSARIFFixColumnsCountTheSource: a fix's region counts the columns of
// the file as it is, not as masked for display: a secret of multi-byte
// characters masks to more characters (one '*' per byte), which moved the
// columns after it on its line.
func TestSARIFFixColumnsCountTheSource(t *testing.T) {
	line := `  password = "pässwörd-1234" ; tags = {}` + "\n"
	src := []byte("resource \"aws_db_instance\" \"db\" {\n" + line + "}\n")
	at := bytes.Index(src, []byte("tags"))
	in := emptyInput()
	in.Findings = []*analyzer.Finding{{
		RuleID: "CW101", Severity: analyzer.High, Message: "m",
		Range:    model.Range{Filename: "main.tf", Start: model.Pos{Line: 2, Column: 3}, End: model.Pos{Line: 2, Column: 11}},
		Resource: "aws_db_instance.db", Fix: &analyzer.Fix{Description: "tag it"},
	}}
	in.Sources = func(string) []byte { return src }
	in.Fixes = func(*analyzer.Finding) []analyzer.Edit {
		return []analyzer.Edit{{File: "main.tf", Start: at, End: at + len("tags"), Text: "labels"}}
	}
	doc := decodeSARIF(t, write(t, "sarif", in))
	region := get(t, doc, "runs", 0, "results", 0, "fixes", 0, "artifactChanges", 0, "replacements", 0, "deletedRegion")
	want := utf8.RuneCountInString(line[:strings.Index(line, "tags")]) + 1
	if l, c, ec := num(t, region, "startLine"), num(t, region, "startColumn"), num(t, region, "endColumn"); l != 2 || c != want || ec != want+4 {
		t.Errorf("fix region at line %d, columns %d-%d; want line 2, columns %d-%d", l, c, ec, want, want+4)
	}
	if !strings.Contains(Redact(line), "************") {
		t.Fatalf("the fixture's secret is not masked: %q", Redact(line))
	}
}
