package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/analyzertest"
	"github.com/configward/configward/parsers/model"
)

const testdata = "../testdata/rules"

// formatDirs are the fixture directories each format requires.
var formatDirs = map[model.Format][]string{
	model.CloudFormation: {"cfn-yaml", "cfn-json"},
	model.Terraform:      {"terraform"},
	model.IAMPolicy:      {"iam-json"},
	model.ConfigFile:     {"config"},
}

func TestValidate(t *testing.T) {
	if err := analyzer.Validate(All()); err != nil {
		t.Fatal(err)
	}
}

// TestDocsHaveNoOrphans fails when a doc file has no rule.
func TestDocsHaveNoOrphans(t *testing.T) {
	entries, err := os.ReadDir("docs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		id := strings.TrimSuffix(e.Name(), ".md")
		if analyzer.Lookup(All(), id) == nil {
			t.Errorf("docs/%s has no rule in All()", e.Name())
		}
	}
}

// TestCoverage requires, for every rule, good and bad fixtures in every
// format it declares, want comments in bad cases only, and no fixtures for
// formats or rules that do not exist.
func TestCoverage(t *testing.T) {
	all := All()
	for _, r := range all {
		var want []string
		for _, f := range r.Formats {
			want = append(want, formatDirs[f]...)
		}
		for _, dir := range want {
			caseDir := filepath.Join(testdata, r.ID, dir)
			entries, err := os.ReadDir(caseDir)
			if err != nil {
				t.Errorf("%s: missing fixtures for %s: %v", r.ID, dir, err)
				continue
			}
			var good, bad int
			for _, e := range entries {
				name := e.Name()
				n, err := analyzertest.WantCount(filepath.Join(caseDir, name))
				if err != nil {
					t.Errorf("%s/%s: %v", caseDir, name, err)
					continue
				}
				switch {
				case strings.HasPrefix(name, "bad_"):
					bad++
					if n == 0 {
						t.Errorf("%s/%s: a bad case without a want comment", caseDir, name)
					}
				case strings.HasPrefix(name, "good_"):
					good++
					if n != 0 {
						t.Errorf("%s/%s: a good case with %d want comments", caseDir, name, n)
					}
				default:
					t.Errorf("%s/%s: fixture names start with bad_ or good_", caseDir, name)
				}
			}
			if good == 0 || bad == 0 {
				t.Errorf("%s: %s needs at least one good_ and one bad_ case (has %d good, %d bad)", r.ID, dir, good, bad)
			}
		}
		dirs, _ := os.ReadDir(filepath.Join(testdata, r.ID))
		for _, d := range dirs {
			if !slices.Contains(want, d.Name()) {
				t.Errorf("%s: fixture directory %s for a format the rule does not declare", r.ID, d.Name())
			}
		}
	}
	ruleDirs, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ruleDirs {
		if analyzer.Lookup(all, d.Name()) == nil {
			t.Errorf("testdata/rules/%s has no rule", d.Name())
		}
	}
}

// TestRules runs every rule over its fixtures: TestRules/CW101/cfn-yaml.
func TestRules(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			for _, f := range r.Formats {
				for _, dir := range formatDirs[f] {
					caseDir := filepath.Join(testdata, r.ID, dir)
					if _, err := os.Stat(caseDir); err != nil {
						continue // TestCoverage reports it
					}
					t.Run(dir, func(t *testing.T) { analyzertest.Run(t, caseDir, r) })
				}
			}
		})
	}
}
