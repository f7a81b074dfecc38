package rules_test

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/analyzertest"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/config"
	"github.com/configward/configward/rules"
)

// rewritten is every rule of the list with its messages replaced: each
// finding it reports, through a unit's pass or the set's, gets a message
// that shares nothing with the original.
func rewritten(all []*analyzer.Rule) []*analyzer.Rule {
	reword := func(f analyzer.Finding) analyzer.Finding {
		f.Message = fmt.Sprintf("reworded %d", len(f.Message))
		return f
	}
	out := make([]*analyzer.Rule, len(all))
	for i, r := range all {
		c := *r
		if r.Run != nil {
			c.Run = func(p *analyzer.Pass) error {
				inner := analyzer.NewPass(r, p.Unit, p.Config, func(f analyzer.Finding) { p.Report(reword(f)) })
				return r.Run(inner)
			}
		}
		if r.Set != nil {
			c.Set = &analyzer.SetCheck[any]{
				Summarize: func(p *analyzer.Pass) (any, error) {
					inner := analyzer.NewPass(r, p.Unit, p.Config, func(f analyzer.Finding) { p.Report(reword(f)) })
					return r.Set.SummarizeUnit(inner)
				},
				Judge: func(sp *analyzer.SetPass, summaries []any) error {
					inner := analyzer.NewSetPass(r, sp.Config, func(i int, f analyzer.Finding) { sp.Report(i, reword(f)) })
					return r.Set.JudgeSet(inner, summaries)
				},
			}
		}
		out[i] = &c
	}
	return out
}

// scanCase scans one fixture case with the rules, as the harness does.
func scanCase(t *testing.T, casePath string, rs []*analyzer.Rule) []*analyzer.Finding {
	t.Helper()
	fsys, start, _, err := analyzertest.Load(casePath)
	if err != nil {
		t.Fatal(err)
	}
	opts := checker.Options{Rules: rs, Workers: 1}
	cfgPath := path.Join(start, config.DefaultFile)
	if src, err := fs.ReadFile(fsys, cfgPath); err == nil {
		cfg, err := config.Parse(cfgPath, src, nil)
		if err != nil {
			cfg = &config.File{}
			opts.ConfigUnit = config.Refused(cfgPath, err)
		} else {
			opts.ConfigUnit = cfg.Unit(time.Now().UTC())
		}
		opts.Config = &analyzer.Config{TrustedAccounts: cfg.TrustedAccounts}
	}
	return checker.Scan(fsys, start, "", opts).Findings
}

// propertyPathRe is the shape of a property path: names, indexes and
// quoted keys joined by dots, never prose.
var propertyPathRe = regexp.MustCompile(`^([A-Za-z0-9_:*-]+|\[[0-9]+\]|\["[^"]*"\]|\[[A-Za-z0-9_:-]+\])(\.?([A-Za-z0-9_:*-]+|\[[0-9]+\]|\["[^"]*"\]|\[[A-Za-z0-9_:-]+\]))*$`)

// TestFingerprintsDoNotDependOnMessages rewrites every message of every
// rule and scans every bad fixture with all the rules: no fingerprint may
// change, since rewording a message must not break a baseline or a code
// scanning alert. Every property path must be a path, not prose.
func TestFingerprintsDoNotDependOnMessages(t *testing.T) {
	all := rules.All()
	reworded := rewritten(all)
	cases, findings, whole := 0, 0, 0
	perRule := map[string]int{}
	root := filepath.Join("..", "testdata", "rules")
	dirs, err := filepath.Glob(filepath.Join(root, "CW*", "*", "bad_*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no bad fixtures under %s (%v)", root, err)
	}
	for _, casePath := range dirs {
		before := scanCase(t, casePath, all)
		after := scanCase(t, casePath, reworded)
		cases++
		// Pair the findings by rule and place: the output order breaks ties
		// by message.
		key := func(f *analyzer.Finding) string {
			return fmt.Sprintf("%s %s:%d:%d-%d:%d %s", f.RuleID, f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line, f.Range.End.Column, f.Fingerprint)
		}
		var kb, ka []string
		for _, b := range before {
			kb = append(kb, key(b))
			findings++
			perRule[b.RuleID]++
			if b.Property == "" {
				// The whole resource (CW401, CW404, ...), or the file
				// for input that does not parse.
				whole++
			}
			if b.Property != "" && !propertyPathRe.MatchString(b.Property) {
				t.Errorf("%s: %s property %q is not a path", casePath, b.RuleID, b.Property)
			}
		}
		for _, a := range after {
			ka = append(ka, key(a))
			if !strings.HasPrefix(a.Message, "reworded ") {
				t.Fatalf("%s: %s message not reworded: %q", casePath, a.RuleID, a.Message)
			}
		}
		slices.Sort(kb)
		slices.Sort(ka)
		if !slices.Equal(kb, ka) {
			t.Errorf("%s: fingerprints changed with the messages:\nbefore %q\nafter  %q", casePath, kb, ka)
		}
	}
	for _, r := range all {
		if perRule[r.ID] == 0 {
			t.Errorf("%s: no finding on its bad fixtures; its fingerprints went unchecked", r.ID)
		}
	}
	t.Logf("%d cases, %d findings (%d about a whole resource), %d rules", cases, findings, whole, len(perRule))
}
