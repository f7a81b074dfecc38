package checker

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

func TestDiscover(t *testing.T) {
	fsys := fstest.MapFS{
		"a/main.tf":                      {Data: []byte("")},
		"a/vars.tf":                      {Data: []byte("")},
		"a/terraform.tfvars":             {Data: []byte("")},
		"b/template.yaml":                {Data: []byte("")},
		"b/policy.json":                  {Data: []byte("")},
		"b/readme.md":                    {Data: []byte("")},
		".git/config.json":               {Data: []byte("")},
		"node_modules/x/package.json":    {Data: []byte("")},
		"a/.terraform/modules/m/main.tf": {Data: []byte("")},
		"vendor/skip.yaml":               {Data: []byte("")},
		"link.yaml":                      {Data: []byte(""), Mode: fs.ModeSymlink | 0o777},
	}
	jobs, notes := discover(fsys, ".", excluder([]string{"vendor/**"}))
	var got []string
	for _, j := range jobs {
		s := j.path
		if j.tfDir {
			s += "/ (terraform)"
		}
		got = append(got, s)
	}
	want := "a/ (terraform)|b/policy.json|b/template.yaml"
	if strings.Join(got, "|") != want {
		t.Errorf("jobs = %v, want %s", got, want)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "link.yaml: symbolic link not followed") {
		t.Errorf("notes = %v", notes)
	}
}

var panicky = &analyzer.Rule{
	ID: "CW900", Name: "panicky", Title: "Panics", Severity: analyzer.Low,
	Formats: []model.Format{model.IAMPolicy}, Precision: "high",
	Run: func(*analyzer.Pass) error { panic("boom") },
}

var failing = &analyzer.Rule{
	ID: "CW901", Name: "failing", Title: "Fails", Severity: analyzer.Low,
	Formats: []model.Format{model.IAMPolicy}, Precision: "high",
	Run: func(*analyzer.Pass) error { return errors.New("broken") },
}

// everyStatement reports each statement of each policy, to exercise
// fingerprints and ordering.
var everyStatement = &analyzer.Rule{
	ID: "CW902", Name: "every-statement", Title: "Every statement", Severity: analyzer.Medium,
	Formats: []model.Format{model.IAMPolicy}, Precision: "high",
	Run: func(p *analyzer.Pass) error {
		for _, pol := range p.Unit.Policies {
			for _, s := range pol.Statements {
				p.Report(analyzer.Finding{Range: s.Range, Message: "statement", Resource: "Statement"})
			}
		}
		return nil
	},
}

const policy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
]}`

func TestPanicsAndErrorsAreContained(t *testing.T) {
	fsys := fstest.MapFS{"p.json": {Data: []byte(policy)}, "q.json": {Data: []byte(policy)}}
	res := Scan(fsys, ".", "sub", Options{Rules: []*analyzer.Rule{panicky, failing, everyStatement}})
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Range.Filename+":"+f.RuleID)
	}
	// Both files are still checked by the healthy rule; the panic becomes a
	// high finding of the failed rule per file and a notification.
	want := "sub/p.json:CW900|sub/p.json:CW902|sub/p.json:CW902|sub/q.json:CW900|sub/q.json:CW902|sub/q.json:CW902"
	if got := strings.Join(rules, "|"); got != want {
		t.Errorf("findings = %s\nwant       %s", got, want)
	}
	for _, f := range res.Findings {
		if f.RuleID == "CW900" && (f.Severity != analyzer.High || !strings.Contains(f.Message, "internal error: boom")) {
			t.Errorf("panic finding: %s %q", f.Severity, f.Message)
		}
	}
	var errorsSeen int
	for _, n := range res.Notifications {
		if n.Level == "error" {
			errorsSeen++
		}
	}
	if errorsSeen != 4 {
		t.Errorf("want 4 error notifications (panic and error, two files), got %v", res.Notifications)
	}
}

func TestFingerprintsIgnoreLinesAndAreUnique(t *testing.T) {
	scan := func(src string) []*analyzer.Finding {
		return Scan(fstest.MapFS{"p.json": {Data: []byte(src)}}, ".", "", Options{Rules: []*analyzer.Rule{everyStatement}}).Findings
	}
	a := scan(policy)
	b := scan("\n\n\n" + policy)
	if len(a) != 2 || len(b) != 2 {
		t.Fatalf("findings: %d, %d", len(a), len(b))
	}
	if a[0].Fingerprint == a[1].Fingerprint {
		t.Error("two findings share a fingerprint")
	}
	for i := range a {
		if a[i].Fingerprint != b[i].Fingerprint {
			t.Errorf("fingerprint %d changed when lines moved", i)
		}
		if a[i].Range.Start.Line == b[i].Range.Start.Line {
			t.Errorf("lines did not move")
		}
	}
}

func TestIgnores(t *testing.T) {
	fsys := fstest.MapFS{"legacy/p.json": {Data: []byte(policy)}, "p.json": {Data: []byte(policy)}}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{everyStatement}})
	ig := Ignore{Rule: "CW902", Paths: []string{"legacy/**"}, Reason: "old"}
	applyIgnores(res.Findings, []Ignore{ig})
	for _, f := range res.Findings {
		got := f.Suppression != nil
		if want := strings.HasPrefix(f.Range.Filename, "legacy/"); got != want {
			t.Errorf("%s suppressed = %v, want %v", f.Range.Filename, got, want)
		}
		if got && (f.Suppression.Kind != "external" || f.Suppression.Justification != "old") {
			t.Errorf("suppression = %+v", f.Suppression)
		}
	}
}

func TestTooLargeFileIsReported(t *testing.T) {
	fsys := fstest.MapFS{"big.json": {Data: []byte(policy)}, "big.txt": {Data: []byte(policy)}}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{invalidInput}, MaxFileSize: 10})
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "file too large") || res.Findings[0].Range.Filename != "big.json" {
		t.Fatalf("findings = %+v", res.Findings)
	}
}

// invalidInput mirrors rules.InvalidInput, which the checker cannot import.
var invalidInput = &analyzer.Rule{
	ID: "CW001", Name: "invalid-input", Title: "Invalid input", Severity: analyzer.High,
	Formats: model.Formats, Precision: "very-high",
	Run: func(p *analyzer.Pass) error {
		for _, d := range p.Unit.Diagnostics {
			p.Report(analyzer.Finding{Range: d.Range, Message: d.Summary})
		}
		return nil
	},
}

// policyCount is what countPolicies keeps of a unit: a number and a
// candidate finding, never the unit.
type policyCount struct {
	n    int
	last analyzer.Finding
}

// countPolicies is a set rule: it sees a summary of every unit at once.
var countPolicies = &analyzer.Rule{
	ID: "CW903", Name: "count-policies", Title: "Count", Severity: analyzer.Low,
	Formats: []model.Format{model.IAMPolicy}, Precision: "high",
	Set: &analyzer.SetCheck[policyCount]{
		Summarize: func(p *analyzer.Pass) (policyCount, error) {
			return policyCount{n: len(p.Unit.Policies), last: analyzer.Finding{Range: p.Unit.Policies[0].Range}}, nil
		},
		Judge: func(p *analyzer.SetPass, units []policyCount) error {
			n := 0
			for _, u := range units {
				n += u.n
			}
			f := units[len(units)-1].last
			f.Message = fmt.Sprintf("%d policies in the set", n)
			p.Report(len(units)-1, f)
			return nil
		},
	},
}

func TestSetRulesSeeEveryUnit(t *testing.T) {
	fsys := fstest.MapFS{"a.json": {Data: []byte(policy)}, "b/c.json": {Data: []byte(policy)}, "b/d.json": {Data: []byte(policy)}}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{everyStatement, countPolicies}})
	var set []*analyzer.Finding
	for _, f := range res.Findings {
		if f.RuleID == countPolicies.ID {
			set = append(set, f)
		}
	}
	if len(set) != 1 || set[0].Message != "3 policies in the set" || set[0].Range.Filename != "b/d.json" {
		t.Fatalf("findings = %+v", set)
	}
	if set[0].Fingerprint == "" || set[0].Format != model.IAMPolicy || set[0].Severity != analyzer.Low {
		t.Errorf("set findings are fingerprinted and carry their unit's format and the rule's severity: %+v", set[0])
	}
}

// A set rule that fails over the set is reported as a notification, and a
// rule that fails on one unit judges the set without it.
func TestSetRuleFailures(t *testing.T) {
	fsys := fstest.MapFS{"a.json": {Data: []byte(policy)}, "b.json": {Data: []byte(policy)}}
	judgeFails := &analyzer.Rule{
		ID: "CW904", Name: "judge-fails", Title: "Judge fails", Severity: analyzer.Low,
		Formats: []model.Format{model.IAMPolicy}, Precision: "high",
		Set: &analyzer.SetCheck[int]{
			Summarize: func(*analyzer.Pass) (int, error) { return 1, nil },
			Judge:     func(*analyzer.SetPass, []int) error { panic("boom") },
		},
	}
	summarizeFails := &analyzer.Rule{
		ID: "CW905", Name: "summarize-fails", Title: "Summarize fails", Severity: analyzer.Low,
		Formats: []model.Format{model.IAMPolicy}, Precision: "high",
		Set: &analyzer.SetCheck[string]{
			Summarize: func(p *analyzer.Pass) (string, error) {
				if p.Unit.Path == "a.json" {
					return "", errors.New("broken")
				}
				return p.Unit.Path, nil
			},
			Judge: func(p *analyzer.SetPass, paths []string) error {
				if len(paths) != 1 || paths[0] != "b.json" {
					return fmt.Errorf("summaries %v", paths)
				}
				return nil
			},
		},
	}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{judgeFails, summarizeFails}})
	var msgs []string
	for _, n := range res.Notifications {
		msgs = append(msgs, n.Message)
	}
	want := "rule CW905 failed on a.json: broken|rule CW904 failed over the scanned set: boom"
	if got := strings.Join(msgs, "|"); got != want {
		t.Errorf("notifications = %s, want %s", got, want)
	}
}
