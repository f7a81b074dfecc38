package checker

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// everyResource reports each Terraform resource, to see which units ran.
var everyResource = &analyzer.Rule{
	ID: "CW902", Name: "every-resource", Title: "Every resource", Severity: analyzer.Low,
	Formats: []model.Format{model.Terraform}, Precision: "high",
	Run: func(pass *analyzer.Pass) error {
		for _, r := range pass.Unit.Resources {
			pass.Report(analyzer.Finding{Range: r.DefRange, Resource: r.Address, Message: r.Address})
		}
		return nil
	},
}

// TestCalledModulesNotScannedAgain: a module directory that a scanned root
// module calls is checked through its calls only; one nobody calls is a
// root module; a module that is not installed is a notification.
func TestCalledModulesNotScannedAgain(t *testing.T) {
	fsys := fstest.MapFS{
		"live/main.tf": {Data: []byte(`module "a" {
  source = "../modules/bucket"
}
module "b" {
  source = "../modules/bucket"
}
module "remote" {
  source = "acme/x/aws"
}
`)},
		"modules/bucket/main.tf": {Data: []byte(`resource "aws_s3_bucket" "this" {}
`)},
		"standalone/main.tf": {Data: []byte(`resource "aws_sns_topic" "t" {}
`)},
	}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{everyResource}})
	var got []string
	for _, f := range res.Findings {
		s := f.Range.Filename + " " + f.Resource
		for _, in := range f.Instances {
			s += " [" + in.Address
			for _, c := range in.Calls {
				s += fmt.Sprintf(" %s@%s:%d", c.Address, c.Range.Filename, c.Range.Start.Line)
			}
			s += "]"
		}
		got = append(got, s)
	}
	// One finding for the module's resource, listing both calls.
	want := "modules/bucket/main.tf module.a.aws_s3_bucket.this [module.a.aws_s3_bucket.this module.a@live/main.tf:1] [module.b.aws_s3_bucket.this module.b@live/main.tf:4]|standalone/main.tf aws_sns_topic.t"
	if strings.Join(got, "|") != want {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, n.Level+" "+n.Range.Filename+" "+n.Message)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `warning live/main.tf Module not available: module.remote (source "acme/x/aws")`) {
		t.Errorf("notifications: %v", notes)
	}
}

// TestSharedModulesParsedAhead: reading a root's Terraform directories
// (step 1 of a scan) parses the modules their local sources name, so that
// no unit waits for another to parse a module both call, and leaves a
// directory no source names to its own unit.
func TestSharedModulesParsedAhead(t *testing.T) {
	fsys := fstest.MapFS{
		"mod/main.tf":              {Data: []byte("variable \"name\" {}\nmodule \"logs\" {\n  source = \"./modules/logs\"\n}\n")},
		"mod/modules/logs/main.tf": {Data: []byte("resource \"aws_s3_bucket\" \"logs\" {}\n")},
		"examples/a/main.tf":       {Data: []byte("module \"m\" {\n  source = \"../../mod\"\n  name   = \"a\"\n}\n")},
		"examples/b/main.tf":       {Data: []byte("module \"m\" {\n  source = \"../../mod\"\n  name   = \"b\"\n}\n")},
	}
	p := newParsedRoot(DefaultMaxFileSize)
	for _, d := range []string{"examples/a", "examples/b", "mod", "mod/modules/logs"} {
		p.readTerraform(fsys, d)
	}
	for _, d := range []string{"mod", "mod/modules/logs"} {
		if !p.terraform.Module(d) {
			t.Errorf("%s, which a local source names, is not parsed ahead", d)
		}
	}
	for _, d := range []string{"examples/a", "examples/b"} {
		if p.terraform.Module(d) {
			t.Errorf("%s, which no source names, is parsed ahead, not by its unit", d)
		}
	}
}
