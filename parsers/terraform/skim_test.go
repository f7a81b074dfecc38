package terraform

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/parsers/model"
)

// skimCase holds what SkimBodies must leave as it is: resources of the
// types something reads are parsed and linked alike, the problems found
// are the same, and so are the sensitive values (for masking).
var skimCase = fstest.MapFS{
	"main.tf": {Data: []byte(`
variable "db_password" {
  type      = string
  default   = "correct-horse-battery"
  sensitive = true
}

variable "port" {
  type    = number
  default = 5432
}

locals {
  nested = { secret = var.db_password, plain = "visible" }
}

module "net" {
  source = "./net"
  cidr   = ["10.0.0.0/16"]
  zone   = "not a number"
}

resource "aws_db_instance" "db" {
  identifier = "db-${var.port}"
  password   = var.db_password
  options    = local.nested
  port       = var.port
  user_data  = file("../outside.sh")
  grid       = [for a in range(300) : [for b in range(300) : a * b]]
  subnets    = module.net.ids
  token      = module.net.token
  hidden     = sensitive("made-sensitive")
  tags = {
    Name = "db"
  }
  dynamic "ingress" {
    for_each = [1, 2]
    content {
      port = ingress.value
    }
  }
}

resource "aws_subnet" "plain" {
  vpc_id     = "vpc-1"
  cidr_block = var.port > 0 ? "10.0.0.0/24" : module.net.ids[0]
  zone       = module.net.zone
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-${var.port}"
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_example_thing" "regional" {
  region {
    name = "us-east-2"
  }
}
`)},
	"net/main.tf": {Data: []byte(`
variable "cidr" {
  type = list(string)
}

variable "zone" {
  type = number
}

output "zone" {
  value = var.zone
}

output "ids" {
  value = var.cidr
}

output "token" {
  value     = "net-token-${length(var.cidr)}"
  sensitive = true
}
`)},
}

// TestSkimBodies: with SkimBodies, a unit's diagnostics, policies,
// entities, regions and the bodies of the resources something reads are
// those of the unit parsed whole, on the golden cases and on skimCase; the
// other bodies hold the same sensitive values and nothing that is not
// sensitive.
func TestSkimBodies(t *testing.T) {
	type input struct {
		name string
		fsys fstest.MapFS
		dir  string
		opts Options
	}
	var inputs []input
	golden := os.DirFS(testdataRoot)
	for _, c := range goldenCases {
		inputs = append(inputs, input{name: c.name, dir: c.name, opts: c.opts})
	}
	inputs = append(inputs, input{name: "skimCase", fsys: skimCase, dir: "."})
	skimmed := 0
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			fsys := golden
			if in.fsys != nil {
				fsys = in.fsys
			}
			whole := parse(t, fsys, in.dir, in.opts)
			opts := in.opts
			opts.SkimBodies = true
			skim := parse(t, fsys, in.dir, opts)
			if got, want := sensitiveStrings(skim), sensitiveStrings(whole); !slices.Equal(got, want) {
				t.Errorf("sensitive values %q, parsed whole %q", got, want)
			}
			for _, r := range skim.Resources {
				if bodyRead(r.Type) {
					continue
				}
				skimmed++
				r.Body.Walk(func(v *model.Value) bool {
					if !v.Sensitive && v.Kind != model.Object && v.Kind != model.List {
						t.Errorf("%s: skimmed body holds %s %q, not sensitive", r.Address, v.Kind, v.Str)
					}
					return true
				})
			}
			if got, want := readDump(skim), readDump(whole); got != want {
				t.Errorf("skimmed unit differs from the unit parsed whole:\n%s", lineDiff(want, got))
			}
		})
	}
	if skimmed == 0 {
		t.Error("no resource was skimmed")
	}
	// What skimCase must show, skimmed or not.
	u := ParseModule(skimCase, ".", Options{SkimBodies: true})
	for _, want := range []string{"Invalid value for variable", "Path outside the scan root", "Too large to evaluate"} {
		if !slices.ContainsFunc(u.Diagnostics, func(d model.Diagnostic) bool { return strings.Contains(d.Summary, want) }) {
			t.Errorf("no diagnostic %q among %v", want, u.Diagnostics)
		}
	}
	for _, r := range u.Resources {
		var keys []string
		for _, f := range r.Body.Fields {
			keys = append(keys, f.Key)
		}
		want := map[string]string{
			"aws_db_instance.db": "password options token hidden",
			"aws_subnet.plain":   "",
			"aws_s3_bucket.logs": "bucket",
			// A region block is the resource's Region, kept as a field.
			"aws_example_thing.regional": "region",
		}[r.Address]
		if got := strings.Join(keys, " "); got != want {
			t.Errorf("%s: body holds %q, want %q", r.Address, got, want)
		}
	}
	for _, want := range []string{"correct-horse-battery", "net-token-1", "made-sensitive"} {
		if got := sensitiveStrings(u); !slices.Contains(got, want) {
			t.Errorf("sensitive values %q lack %q", got, want)
		}
	}
}

// sensitiveStrings are the unit's sensitive string values, as the checker
// masks them, sorted.
func sensitiveStrings(u *model.Unit) []string {
	var out []string
	for _, r := range u.Resources {
		r.Body.Walk(func(v *model.Value) bool {
			if v.Sensitive && v.Kind == model.String && !slices.Contains(out, v.Str) {
				out = append(out, v.Str)
			}
			return true
		})
	}
	slices.Sort(out)
	return out
}

// readDump is the golden dump of u without the bodies nothing reads.
func readDump(u *model.Unit) string {
	c := *u
	c.Resources = nil
	for _, r := range u.Resources {
		if !bodyRead(r.Type) {
			cr := *r
			cr.Body = nil
			r = &cr
		}
		c.Resources = append(c.Resources, r)
	}
	return model.Dump(&c) + dumpExtras(&c)
}
