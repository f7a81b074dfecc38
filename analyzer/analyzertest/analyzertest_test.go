package analyzertest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

func TestParseWants(t *testing.T) {
	src := "a: 1 # want CW101 \"no key\" CW202 `raw \"q\"`\n" +
		"# want +2 CW001 \"shifted\"\n" +
		"b: 2\n" +
		"{\"k\": \"v\"} // want CW306 \"x\\\\.y\"\n"
	ws, err := parseWants("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ws {
		got = append(got, fmt.Sprintf("%d %s %s", w.Line, w.RuleID, w.Re))
	}
	want := `1 CW101 no key|1 CW202 raw "q"|4 CW001 shifted|4 CW306 x\.y`
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
	if _, err := parseWants("f", []byte("# want CW101 unquoted\n")); err == nil {
		t.Error("an unquoted pattern must be an error")
	}
}

func TestBlankJSONComments(t *testing.T) {
	src := "{\"url\": \"https://x//y\", // want CW1\n\"a\\\"//\": 1} // c\n"
	got := string(BlankJSONComments([]byte(src)))
	want := "{\"url\": \"https://x//y\",            \n\"a\\\"//\": 1}     \n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheckReportsMismatches(t *testing.T) {
	at := func(line int) model.Range { return model.Range{Filename: "f", Start: model.Pos{Line: line, Column: 1}} }
	findings := []*analyzer.Finding{
		{RuleID: "CW101", Message: "bucket has no key", Range: at(3)},
		{RuleID: "CW101", Message: "unexpected one", Range: at(5)},
	}
	wants := []Expectation{
		{File: "f", Line: 3, RuleID: "CW101", Re: regexp.MustCompile("no key")},
		{File: "f", Line: 7, RuleID: "CW101", Re: regexp.MustCompile("missing")},
	}
	var r recorder
	check(&r, findings, wants)
	got := strings.Join(r.errs, "\n")
	if len(r.errs) != 2 || !strings.Contains(got, "f:5:1: unexpected finding CW101: unexpected one") || !strings.Contains(got, `f:7: no CW101 finding matching "missing"`) {
		t.Errorf("errors:\n%s", got)
	}
	r = recorder{}
	check(&r, findings[:1], wants[:1])
	if len(r.errs) != 0 {
		t.Errorf("a matching finding must pass: %v", r.errs)
	}
}

// TestCheckUnitsFailsUncheckedFixtures: a case passes only when its
// fixtures were read, as its folder's format, without a parse error that
// no want expects.
func TestCheckUnitsFailsUncheckedFixtures(t *testing.T) {
	fsys := fstest.MapFS{"case/main.tf": {}, "case/extra.yaml": {}}
	parseErr := model.Diagnostic{Severity: model.DiagError, Summary: "Unclosed brace", Range: model.Range{Filename: "case/main.tf", Start: model.Pos{Line: 3}}}
	for _, tc := range []struct {
		name   string
		seen   []unitSeen
		wants  []Expectation
		errors int
	}{
		{"read as its format", []unitSeen{{path: "case", format: model.Terraform, files: []string{"case/main.tf", "case/extra.yaml"}}}, nil, 0},
		{"nothing read", nil, nil, 3},
		{"another format", []unitSeen{{path: "case/extra.yaml", format: model.CloudFormation, files: []string{"case/extra.yaml"}}}, nil, 3},
		{"file left out", []unitSeen{{path: "case", format: model.Terraform, files: []string{"case/main.tf"}}}, nil, 1},
		{"parse error", []unitSeen{{path: "case", format: model.Terraform, files: []string{"case/main.tf", "case/extra.yaml"}, errors: []model.Diagnostic{parseErr}}}, nil, 1},
		{"expected parse error", []unitSeen{{path: "case", format: model.Terraform, files: []string{"case/main.tf", "case/extra.yaml"}, errors: []model.Diagnostic{parseErr}}},
			[]Expectation{{File: "case/main.tf", Line: 3, RuleID: "CW001"}}, 0},
	} {
		r := &recorder{}
		checkUnits(r, model.Terraform, fsys, &tc.seen, tc.wants)
		if len(r.errs) != tc.errors {
			t.Errorf("%s: %d errors, want %d: %q", tc.name, len(r.errs), tc.errors, r.errs)
		}
	}
}
