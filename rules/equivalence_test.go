package rules

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/parsers/cloudformation"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/parsers/terraform"
)

var updateEquivalence = flag.Bool("update-equivalence", false, "rewrite testdata/equivalence/*/findings.txt from the CloudFormation side")

const equivalenceDir = "../testdata/equivalence"

// TestEquivalence scans each pair of testdata/equivalence/<case>/ (the same
// set-up written as a CloudFormation template and as a Terraform module)
// with every rule: both give the same findings, compared by rule, entity
// kind, property path and severity, and those are the case's
// findings.txt. A difference is a bug in an adapter or the linker, never in
// a rule.
func TestEquivalence(t *testing.T) {
	cases, err := os.ReadDir(equivalenceDir)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	kinds := map[string]bool{}
	total := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		names[c.Name()] = true
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join(equivalenceDir, c.Name())
			cfn := equivalenceFindings(t, filepath.Join(dir, "cloudformation"), model.CloudFormation, kinds)
			tf := equivalenceFindings(t, filepath.Join(dir, "terraform"), model.Terraform, nil)
			if got, want := strings.Join(tf, "\n"), strings.Join(cfn, "\n"); got != want {
				t.Errorf("terraform findings\n%s\ndiffer from cloudformation's\n%s", got, want)
			}
			wantFile := filepath.Join(dir, "findings.txt")
			if *updateEquivalence {
				if err := os.WriteFile(wantFile, []byte(strings.Join(cfn, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(cfn, "\n") + "\n"; got != string(want) {
				t.Errorf("findings\n%s\nwant (findings.txt)\n%s", got, want)
			}
			total += len(cfn)
		})
	}
	if len(names) < 20 {
		t.Errorf("%d pairs, want at least 20", len(names))
	}
	for _, n := range []string{"recorder_status_unknown_count", "bucket_split_for_each_unknown", "govcloud_bucket_arn",
		"bucket_split_count_unknown", "bucket_count_known", "delivery_cross_file"} {
		if !names[n] {
			t.Errorf("no pair %s", n)
		}
	}
	// Every entity that both formats have is in some pair.
	for _, tab := range model.Tables {
		native, _ := tab.Spellings()
		inCFN := false
		for _, typ := range native {
			inCFN = inCFN || strings.Contains(typ, "::") && tab.Makes(model.CloudFormation, typ)
		}
		if inCFN && !kinds[tab.EntityKind()] {
			t.Errorf("no pair declares a %s", tab.EntityKind())
		}
	}
	if total < 40 {
		t.Errorf("%d findings in all pairs: the pairs check too little", total)
	}
}

// equivalenceFindings scans dir as a whole and returns its findings as
// sorted "rule kind property severity" lines. kinds, when set, receives
// the kind of every resource.
func equivalenceFindings(t *testing.T, dir string, format model.Format, kinds map[string]bool) []string {
	t.Helper()
	fsys := os.DirFS(dir)
	types := resourceTypes(t, fsys, format)
	for _, typ := range types {
		if k := model.KindOf(format, typ); k != "" && kinds != nil {
			kinds[k] = true
		}
	}
	res := checker.Scan(fsys, ".", "", checker.Options{Rules: All(), Workers: 1, Config: &analyzer.Config{}})
	if res.Scanned[format] == 0 {
		t.Fatalf("%s: no %s unit scanned", dir, format)
	}
	var out []string
	for _, f := range res.Findings {
		if f.RuleID == "CW001" || f.Format != format {
			t.Errorf("%s: %s %s: %s", dir, f.RuleID, f.Range, f.Message)
			continue
		}
		kind := model.KindOf(format, types[f.Resource])
		out = append(out, strings.Join([]string{f.RuleID, kind, f.Property, f.Severity.String()}, " "))
	}
	sort.Strings(out)
	return out
}

// resourceTypes maps the resource addresses of the templates or module in
// fsys to their native types.
func resourceTypes(t *testing.T, fsys fs.FS, format model.Format) map[string]string {
	t.Helper()
	var units []*model.Unit
	if format == model.Terraform {
		units = append(units, terraform.ParseModule(fsys, ".", terraform.Options{}))
	} else {
		entries, _ := fs.ReadDir(fsys, ".")
		for _, e := range entries {
			src, err := fs.ReadFile(fsys, e.Name())
			if err != nil {
				t.Fatal(err)
			}
			if u, ok := cloudformation.Parse(path.Base(e.Name()), src, cloudformation.Options{}); ok {
				units = append(units, u)
			}
		}
	}
	out := map[string]string{}
	for _, u := range units {
		for _, d := range u.Diagnostics {
			t.Errorf("%s: %s", d.Range, d.Summary)
		}
		for _, r := range u.Resources {
			out[r.Address] = r.Type
		}
	}
	return out
}
