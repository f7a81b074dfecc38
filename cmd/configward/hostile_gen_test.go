package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/configward/configward/rules"
)

// A hostileCase is one input of issue 14, generated at size n (the size
// that matters for the attack: depth, count or bytes). Each tree also holds
// normal.yaml, whose CW101 finding must still be reported.
type hostileCase struct {
	name string
	n    int                                      // the size the issue reports
	gen  func(n int) map[string]string            // relative path -> content; "-> target" makes a symlink
	args func(dir string) []string                // extra flags; the tree's root is appended
	want []string                                 // findings (file:line:col RULE message-prefix) besides normal.yaml's
	env  map[string]string                        // environment for the run (cwd is the tree when cwdTree)
	skip func(out scanOutput, code, n int) string // extra check; "" when fine
}

const normalYAML = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  C:\n    Type: AWS::Config::DeliveryChannel\n    Properties:\n      S3BucketName: b\n"

// normalFinding is the finding of normal.yaml every case must keep.
const normalFinding = "normal.yaml:3:3 CW101"

func nest(open, mid, close string, n int) string {
	return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
}

func hostileCases() []hostileCase {
	return append(baseHostileCases(), algoHostileCases()...)
}

func baseHostileCases() []hostileCase {
	tf := func(files map[string]string) map[string]string { return files }
	s100k := strings.Repeat("a", 100_000)
	return []hostileCase{
		{name: "tfvars-deep", n: 100_000, gen: func(n int) map[string]string {
			return tf(map[string]string{"tf/main.tf": "variable \"x\" {}\n", "tf/terraform.tfvars": "x = " + nest("[", "", "]", n) + "\n"})
		}, want: []string{"terraform.tfvars:1:261 CW001 Configuration too deeply nested"}},
		{name: "tfvars-json-deep", n: 100_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf": "variable \"x\" {}\n", "tf/terraform.tfvars.json": "{\"x\": " + nest("[", "", "]", n) + "}\n"}
		}, want: []string{"terraform.tfvars.json:1:262 CW001 Configuration too deeply nested"}},
		{name: "var-file-deep", n: 100_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf": "variable \"x\" {}\n", "vars/deep.tfvars": "x = " + nest("{a=", "1", "}", n) + "\n"}
		}, args: func(string) []string { return []string{"--var-file", "vars/deep.tfvars"} }, want: []string{"deep.tfvars:1:773 CW001 Configuration too deeply nested"}},
		{name: "tfjson-template-deep", n: 100_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf.json": `{"locals": {"x": "${` + nest("[", "", "]", n) + `}"}}`}
		}, want: []string{"main.tf.json:1:274 CW001 Configuration too deeply nested"}},
		{name: "tfjson-type-deep", n: 100_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf.json": `{"variable": {"x": {"type": "` + nest("list(", "string", ")", n) + `"}}}`}
		}, want: []string{"main.tf.json:1:1299 CW001 Configuration too deeply nested"}},
		{name: "directive-deep", n: 200_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf": "locals {\n  x = <<EOT\n" + nest("%{if true}", "x", "%{endif}", n) + "\nEOT\n}\n"}
		}, want: []string{"main.tf:3:2561 CW001 Configuration too deeply nested"}},
		{name: "jsondecode-deep", n: 100_000, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf": "locals {\n  x = jsondecode(file(\"${path.module}/deep.txt\"))\n}\n", "tf/deep.txt": nest("[", "", "]", n)}
		}, want: []string{"main.tf:2:7 CW001 Too deeply nested: jsondecode()"}},
		{name: "for-nested", n: 10, gen: func(n int) map[string]string {
			return map[string]string{"tf/main.tf": "locals {\n  x = " + nest("[for a in range(40) : ", "1", "]", n) + "\n}\n"}
		}, want: []string{"main.tf:2:7 CW001 Too large to evaluate: nested for expressions would run their body 2560000 times"}},
		{name: "replace-amplify", n: 100_000, gen: func(n int) map[string]string {
			s := strings.Repeat("a", n)
			return map[string]string{"tf/main.tf": "locals {\n  s = \"" + s + "\"\n  x = replace(local.s, \"a\", local.s)\n}\n"}
		}, want: []string{"main.tf:3:7 CW001 Too large to evaluate: replace() would build 10000100000 bytes"}},
		{name: "join-split", n: 100_000, gen: func(n int) map[string]string {
			s := strings.Repeat("a", n)
			return map[string]string{"tf/main.tf": "locals {\n  s = \"" + s + "\"\n  x = join(local.s, split(\"\", local.s))\n}\n"}
		}, want: []string{"main.tf:3:7 CW001 Too large to evaluate: join() would build 10000000000 bytes"}},
		{name: "instances-total", n: 100, gen: func(n int) map[string]string {
			// Each count within the bound of one expansion, a million
			// instances in all.
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "resource \"aws_sns_topic\" \"t%d\" {\n  count = 10000\n  name  = \"t-${count.index}\"\n}\n", i)
			}
			return map[string]string{"tf/main.tf": b.String()}
		}, want: []string{"main.tf:6:11 CW001 Too large to evaluate: This count makes 10000 instances, past what is left of this configuration's budget"}},
		{name: "module-fanout", n: 2000, gen: func(n int) map[string]string {
			var b strings.Builder
			for i := range 500 {
				fmt.Fprintf(&b, "resource \"aws_sns_topic\" \"t%d\" {\n  name = \"t%d\"\n}\n", i, i)
			}
			return map[string]string{"tf/mod/main.tf": b.String(), "tf/main.tf": fmt.Sprintf("module \"m\" {\n  source = \"./mod\"\n  count  = %d\n}\n", n)}
		}, want: []string{"main.tf:1:1 CW001 Too large to evaluate: Another instance of this module makes 500 resource instances"}},
		{name: "tf-5MB", n: 5 << 20, gen: func(n int) map[string]string {
			var b strings.Builder
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "locals {\n  v%d = [\"bucket-%d\", { Name = \"n-%d\", Team = \"t\" }]\n}\n", i, i, i)
			}
			return map[string]string{"tf/main.tf": b.String()}
		}, args: func(string) []string { return []string{"--max-file-size", "20000000"} }},
		{name: "tf-5MB-strip", n: 5 << 20, gen: func(n int) map[string]string {
			// A `~` strip marker once made the file be lexed whole twice.
			var b strings.Builder
			b.WriteString("locals {\n  s = \"%{~ if true }a%{ endif ~}\"\n}\n")
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "locals {\n  v%d = [\"bucket-%d\", { Name = \"n-%d\", Team = \"t\" }]\n}\n", i, i, i)
			}
			return map[string]string{"tf/main.tf": b.String()}
		}},
		{name: "tf-5MB-one-block", n: 5 << 20, gen: func(n int) map[string]string {
			// One locals block: no top-level line break to cut the file at.
			var b strings.Builder
			b.WriteString("locals {\n")
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "  v%d = [\"bucket-%d\", { Name = \"n-%d\", Team = \"t\" }]\n", i, i, i)
			}
			b.WriteString("}\n")
			return map[string]string{"tf/main.tf": b.String()}
		}, args: func(string) []string { return []string{"--max-file-size", "20000000"} }},
		{name: "cfn-split-join", n: 1000, gen: func(n int) map[string]string {
			var b strings.Builder
			fmt.Fprintf(&b, "Parameters:\n  P:\n    Type: String\n    Default: %s\nResources:\n", s100k)
			for i := range n {
				fmt.Fprintf(&b, "  T%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Join [!Ref P, !Split [a, !Ref P]]\n", i)
			}
			return map[string]string{"cfn.yaml": b.String()}
		}, want: []string{"cfn.yaml:9:18 CW001 Too large to evaluate: !Join \"aaaa"}},
		{name: "cfn-ref-copies", n: 100_000, gen: func(n int) map[string]string {
			var b strings.Builder
			fmt.Fprintf(&b, "Parameters:\n  L:\n    Type: CommaDelimitedList\n    Default: %s\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags:\n", strings.Repeat("x,", 10_000)+"x")
			for range n {
				b.WriteString("        - !Ref L\n")
			}
			return map[string]string{"cfn.yaml": b.String()}
		}, want: []string{"cfn.yaml:35:11 CW001 Too large to evaluate: !Ref L would build about 650129 bytes"}},
		{name: "sam-globals", n: 5000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Environment:\n      Variables:\n")
			for i := range 2000 {
				fmt.Fprintf(&b, "        V%d: %s\n", i, strings.Repeat("v", 100))
			}
			b.WriteString("Resources:\n")
			for i := range n {
				fmt.Fprintf(&b, "  F%d:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: h\n      CodeUri: s3://b/k\n", i)
			}
			return map[string]string{"sam.yaml": b.String()}
		}, want: []string{"sam.yaml:2223:3 CW001 Too large to evaluate: Globals.Function merged into F36"}},
		{name: "nested-stacks", n: 200, gen: func(n int) map[string]string {
			var child strings.Builder
			child.WriteString("Resources:\n")
			for i := range 5000 {
				fmt.Fprintf(&child, "  T%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: t%d\n", i, i)
			}
			var b strings.Builder
			b.WriteString("Resources:\n")
			for i := range n {
				fmt.Fprintf(&b, "  S%d:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n", i)
			}
			return map[string]string{"stacks/parent.yaml": b.String(), "stacks/child.yaml": child.String()}
		}, want: []string{"parent.yaml:25:20 CW001 Too large to evaluate: nested stack S5 (stacks/child.yaml)"}},
		{name: "glob-exclude", n: 10, gen: func(n int) map[string]string {
			return map[string]string{strings.Repeat("d/", 40) + "x.yaml": normalYAML}
		}, args: func(string) []string {
			return []string{"--exclude", strings.Repeat("**/", 10) + "nomatch"}
		}, want: []string{"x.yaml:3:3 CW101"}},
		{name: "glob-fileset", n: 10, gen: func(n int) map[string]string {
			return map[string]string{
				"tf/" + strings.Repeat("d/", 40) + "x.txt": "x",
				"tf/main.tf": "locals {\n  f = fileset(path.module, \"" + strings.Repeat("**/", n) + "nomatch\")\n}\nresource \"aws_config_delivery_channel\" \"c\" {\n  s3_bucket_name = \"b\"\n  name           = length(local.f)\n}\n",
			}
		}, want: []string{"main.tf:4:1 CW101"}},
		{name: "glob-config", n: 10, gen: func(n int) map[string]string {
			g := strings.Repeat("**/", n) + "nomatch"
			return map[string]string{
				strings.Repeat("d/", 40) + "x.yaml": normalYAML,
				".configward.yml":                   "exclude:\n  - \"" + g + "\"\nignore:\n  - rule: CW101\n    paths: [\"" + g + "\"]\n    reason: never matches\n",
			}
		}, want: []string{"x.yaml:3:3 CW101"}},
		{name: "cfn-sub-amplify", n: 1000, gen: func(n int) map[string]string {
			var b strings.Builder
			fmt.Fprintf(&b, "Parameters:\n  P:\n    Type: String\n    Default: %s\nResources:\n", strings.Repeat("a", 100_000))
			for i := range n {
				fmt.Fprintf(&b, "  T%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub \"%s\"\n", i, strings.Repeat("${P}", 10))
			}
			return map[string]string{"cfn.yaml": b.String()}
		}, want: []string{"cfn.yaml:6:3 CW105", "cfn.yaml:41:18 CW001 Too large to evaluate: !Ref P would build about 100064 bytes"}},
		{name: "iam-allow-deny", n: 3000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
			for i := range n {
				fmt.Fprintf(&b, `{"Effect": "Allow", "Action": "s3:Get%d*", "Resource": "arn:aws:s3:::b%d/*"}, {"Effect": "Deny", "NotAction": "s3:Put%d", "NotResource": "arn:aws:s3:::c%d/*"},`, i, i, i, i)
			}
			b.WriteString(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}`)
			return map[string]string{"policy.json": b.String()}
		}},
		// Allow x Deny (issue 14 item 4): each Allow is compared only
		// with the Denies that can overlap it, by action, resource and
		// principal; the even Allows are refused, the odd ones are not.
		{name: "iam-deny-resources", n: 3000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
			for i := range n {
				deny := fmt.Sprintf("b%d", i)
				if i%2 == 1 {
					deny = fmt.Sprintf("c%d", i)
				}
				fmt.Fprintf(&b, `{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b%d/*"}, {"Effect": "Deny", "Action": ["s3:*", "sqs:*"], "Resource": "arn:aws:s3:::%s/*"},`, i, deny)
			}
			b.WriteString(`{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}`)
			return map[string]string{"policy.json": b.String()}
		}, skip: countRule("CW307", func(n int) int { return n / 2 })},
		{name: "iam-deny-principals", n: 3000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
			for i := range n {
				deny := fmt.Sprintf("r%d", i)
				if i%2 == 1 {
					deny = fmt.Sprintf("x%d", i)
				}
				fmt.Fprintf(&b, `{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r%d"}, "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/%s"}, "Action": "*", "Resource": "*"},`, i, deny)
			}
			b.WriteString(`{"Effect": "Deny", "Principal": "*", "Action": "ec2:*", "Resource": "*"}]}`)
			return map[string]string{"policy.json": b.String()}
		}, skip: countRule("CW307", func(n int) int { return n / 2 })},
		// n Allows on "*" or "arn:aws:s3:::*" against n Denies on
		// everything but one bucket each: every Deny's NotResource
		// overlaps every Allow, which skips them all at once (all n
		// reported as granting s3:*).
		{name: "iam-notresource-star", n: 3000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
			for i := range n {
				res := []string{"*", "arn:aws:s3:::*"}[i%2]
				fmt.Fprintf(&b, `{"Effect": "Allow", "Action": "s3:*", "Resource": "%s"}, {"Effect": "Deny", "NotAction": "s3:GetObject", "NotResource": "arn:aws:s3:::c%d/*"},`, res, i)
			}
			b.WriteString(`{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}`)
			return map[string]string{"policy.json": b.String()}
		}, skip: countRule("CW307", func(n int) int { return n })},
		// A trust policy of n Allows to a service and n Denies that would
		// scope them if they named it: each Allow is compared only with
		// the Denies naming its principal (none here: all n reported).
		{name: "iam-service-scoping", n: 3000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [`)
			for i := range n {
				fmt.Fprintf(&b, `{"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Effect": "Deny", "Principal": {"Service": "svc%d.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}},`, i)
			}
			b.WriteString(`{"Effect": "Deny", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:TagSession", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}]}}}}}`)
			return map[string]string{"trust.json": b.String()}
		}, skip: countRule("CW201", func(n int) int { return n })},
		// NotResource x resource globs: one Allow of n resource globs
		// against a Deny of n NotResource patterns that none overlaps
		// (refused), and one whose last resource overlaps (not refused).
		{name: "iam-notresource-lists", n: 3000, gen: func(n int) map[string]string {
			list := func(f string, k int) string {
				parts := make([]string, k)
				for i := range k {
					parts[i] = fmt.Sprintf(`"arn:aws:s3:::`+f+`/*"`, i)
				}
				return "[" + strings.Join(parts, ", ") + "]"
			}
			stmts := []string{
				`{"Effect": "Allow", "Action": "s3:*", "Resource": ` + list("b%d", n) + `}`,
				`{"Effect": "Deny", "Action": "s3:*", "NotResource": ` + list("c%d", n) + `}`,
				`{"Effect": "Allow", "Action": "s3:*", "Resource": ` + strings.TrimSuffix(list("d%d", n), "]") + `, "arn:aws:s3:::c*"]}`,
			}
			return map[string]string{"policy.json": `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",\n") + `]}`}
		}, want: []string{"policy.json:3:31 CW307"}, skip: countRule("CW307", func(int) int { return 1 })},
		{name: "cw314-patterns", n: 3000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [`)
			for i := range n {
				fmt.Fprintf(&b, `"*:*%d*?",`, i)
			}
			b.WriteString(`"s3:GetObject"]}]}`)
			return map[string]string{"policy.json": b.String()}
		}},
		{name: "cfn-mappings-conditions", n: 10_000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString("Mappings:\n  M:\n")
			for i := range n {
				fmt.Fprintf(&b, "    K%d:\n      V: v%d\n", i, i)
			}
			b.WriteString("Conditions:\n")
			for i := range n {
				fmt.Fprintf(&b, "  C%d: !Equals [a, a]\n", i)
			}
			b.WriteString("Resources:\n")
			for i := range n {
				fmt.Fprintf(&b, "  T%d:\n    Type: AWS::SNS::Topic\n    Condition: C%d\n    Properties:\n      TopicName: !FindInMap [M, K%d, V]\n", i, n-1-i, n-1-i)
			}
			return map[string]string{"cfn.yaml": b.String()}
		}},
		// Conditions under a resource's own Condition (issue 14 item 4):
		// n resources, each under its own leaf of a tree of Fn::And over
		// n leaves, read the root with Fn::If; only the leaf's path to the
		// root depends on the assumption, the rest is evaluated once.
		{name: "cfn-conditions-scoped", n: 4000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString("Parameters:\n  P:\n    Type: String\nConditions:\n")
			level := make([]string, n)
			for i := range n {
				level[i] = fmt.Sprintf("L%d", i)
				fmt.Fprintf(&b, "  L%d: !Equals [!Ref P, v%d]\n", i, i)
			}
			for depth := 0; len(level) > 1; depth++ {
				var up []string
				for j := 0; j < len(level); j += 10 {
					name := fmt.Sprintf("N%d_%d", depth, j/10)
					parts := make([]string, 0, 10)
					for _, c := range level[j:min(j+10, len(level))] {
						parts = append(parts, "!Condition "+c)
					}
					if len(parts) == 1 {
						parts = append(parts, parts[0])
					}
					fmt.Fprintf(&b, "  %s: !And [%s]\n", name, strings.Join(parts, ", "))
					up = append(up, name)
				}
				level = up
			}
			b.WriteString("Resources:\n")
			for i := range n {
				fmt.Fprintf(&b, "  T%d:\n    Type: AWS::SNS::Topic\n    Condition: L%d\n    Properties:\n      TopicName: !If [%s, a%d, b%d]\n", i, i, level[0], i, i)
			}
			return map[string]string{"cfn.yaml": b.String()}
		}, skip: countRule("CW001", func(int) int { return 0 })},
		{name: "text-long-line", n: 20_000, gen: func(n int) map[string]string {
			var b strings.Builder
			b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
			for range n {
				b.WriteString(`{"Effect": "Allow", "Action": "*", "Resource": "*"},`)
			}
			b.WriteString(`{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
			return map[string]string{"policy.json": b.String()}
		}, args: func(string) []string { return []string{"--rules", "CW306"} }},
		{name: "text-too-large", n: 50 << 20, gen: func(n int) map[string]string {
			return map[string]string{"big.json": `{"Resources": ` + strings.Repeat(" ", n) + "}"}
		}, want: []string{"big.json:1:1 CW001 file too large"}},
		{name: "config-devzero", gen: func(int) map[string]string {
			return map[string]string{".configward.yml": "-> /dev/zero"}
		}, want: []string{".configward.yml:1:1 CW001 configuration .configward.yml: a symbolic link, not followed"}, skip: configFormat},
		{name: "config-outside", gen: func(int) map[string]string {
			return map[string]string{".configward.yml": "-> /etc/passwd"}
		}, want: []string{".configward.yml:1:1 CW001 configuration .configward.yml: a symbolic link, not followed"}, skip: configFormat},
		{name: "config-large", gen: func(int) map[string]string {
			return map[string]string{".configward.yml": "fail-on: high\n" + strings.Repeat("# pad\n", 100)}
		}, args: func(string) []string { return []string{"--max-file-size", "300"} }, want: []string{".configward.yml:1:1 CW001 configuration .configward.yml: 614 bytes, over the limit of 300"}, skip: configFormat},
		{name: "max-file-size-tf", gen: func(int) map[string]string {
			return map[string]string{"tf/main.tf": "resource \"aws_config_delivery_channel\" \"c\" {\n  s3_bucket_name = \"b\"\n}\n" + strings.Repeat("# pad\n", 100)}
		}, args: func(string) []string { return []string{"--max-file-size", "300"} }, want: []string{"main.tf:1:1 CW001 File too large"}},
		{name: "nonutf8-dir", gen: func(int) map[string]string {
			return map[string]string{"infra\xff/inner.yaml": normalYAML}
		}, want: []string{"infra\ufffd:1:1 CW001 cannot read"}},
		{name: "plan-stray-byte", gen: func(int) map[string]string {
			return map[string]string{"plan.json": `{"format_version": "1.2", "planned_values": {"root_module": {}}}x`}
		}, want: []string{"plan.json:1:65 CW001 invalid JSON"}},
		{name: "plan-command-prefix", gen: func(int) map[string]string {
			return map[string]string{"plan.json": "[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n" + `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_config_delivery_channel.c", "mode": "managed", "type": "aws_config_delivery_channel", "name": "c", "values": {"s3_bucket_name": "b"}}]}}}`}
		}, want: []string{"plan.json:2:88 CW101"}},
		{name: "output-commands", gen: func(int) map[string]string {
			return map[string]string{"::stop-commands::x.yaml": strings.Replace(normalYAML, "  C:", "  \"::add-mask::C\":", 1), "##[error]x.yaml": normalYAML}
		}, env: map[string]string{"GITHUB_ACTIONS": "true"}},
	}
}

// countRule checks that a case gives want(n) findings of rule, n the
// case's size.
func countRule(rule string, want func(n int) int) func(scanOutput, int, int) string {
	return func(out scanOutput, _ int, n int) string {
		got := 0
		for _, f := range out.Findings {
			if f.Rule == rule {
				got++
			}
		}
		if got != want(n) {
			return fmt.Sprintf("%d %s findings, want %d", got, rule, want(n))
		}
		return ""
	}
}

// configFormat checks that the refused configuration file is reported in
// its own format, not as a template.
func configFormat(out scanOutput, _, _ int) string {
	for _, f := range out.Findings {
		if f.Rule == "CW001" && f.File == ".configward.yml" && f.Format != "configward-config" {
			return fmt.Sprintf("the configuration's CW001 has format %q, want configward-config", f.Format)
		}
	}
	return ""
}

// writeHostileTree writes files under dir; "-> target" makes a symbolic link.
func writeHostileTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	files["normal.yaml"] = normalYAML
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(data, "-> "); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteHostileTrees writes every case at its issue size under
// $HOSTILE_DIR (with an args file), so that another binary (the one built
// from main before the fixes) can be measured on them.
func TestWriteHostileTrees(t *testing.T) {
	out := os.Getenv("HOSTILE_DIR")
	if out == "" {
		t.Skip("HOSTILE_DIR not set")
	}
	for _, c := range hostileCases() {
		dir := filepath.Join(out, c.name)
		writeHostileTree(t, dir, c.gen(c.n))
		var args []string
		if c.args != nil {
			args = c.args(dir)
		}
		if err := os.WriteFile(filepath.Join(out, c.name+".args"), []byte(strings.Join(args, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hostileChecked are the cases TestHostile runs (the others are measured
// by the benchmark only).
var hostileChecked = map[string]bool{
	"tfvars-deep": true, "tfvars-json-deep": true, "var-file-deep": true,
	"tfjson-template-deep": true, "tfjson-type-deep": true, "directive-deep": true,
	"jsondecode-deep": true, "for-nested": true, "replace-amplify": true, "join-split": true, "instances-total": true, "module-fanout": true,
	"glob-exclude": true, "glob-fileset": true, "glob-config": true, "cfn-sub-amplify": true, "max-file-size-tf": true, "nonutf8-dir": true,
	"plan-stray-byte": true, "plan-command-prefix": true, "config-devzero": true, "config-outside": true, "config-large": true,
	"cfn-split-join": true, "cfn-ref-copies": true, "sam-globals": true, "nested-stacks": true, "cfn-mappings-conditions": true,
	"cfn-conditions-scoped": true, "tf-5MB": true, "tf-5MB-strip": true, "tf-5MB-one-block": true,
	"iam-allow-deny": true, "iam-deny-resources": true, "iam-deny-principals": true, "iam-notresource-lists": true, "iam-service-scoping": true, "iam-notresource-star": true,
}

// TestInputsReadLikeScannedFiles: --config, --baseline and --param-file
// named on the command line are refused (exit 2) when they are links or
// over --max-file-size, as scanned files are.
func TestInputsReadLikeScannedFiles(t *testing.T) {
	dir := t.TempDir()
	writeHostileTree(t, dir, map[string]string{"cfg.yml": "-> /dev/zero", "base.sarif": "-> /etc/passwd", "params.json": "{\"P\": \"" + strings.Repeat("x", 400) + "\"}"})
	t.Chdir(dir)
	for _, tc := range []struct{ args, want []string }{
		{[]string{"--config", "cfg.yml"}, []string{"configuration cfg.yml: a symbolic link, not followed"}},
		{[]string{"--baseline", "base.sarif"}, []string{"--baseline base.sarif: a symbolic link, not followed"}},
		{[]string{"--param-file", "params.json", "--max-file-size", "300"}, []string{"--param-file params.json: 409 bytes, over the limit of 300"}},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append(append([]string{"scan"}, tc.args...), "normal.yaml"), &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tc.want[0]) {
			t.Errorf("%v: exit %d, stderr %q, want %d and %q", tc.args, code, stderr.String(), exitUsage, tc.want[0])
		}
	}
}

// TestHostile scans each hostile input of issue 14 beside a normal file:
// the hostile file ends in its documented outcome, and the normal file's
// finding is still reported.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases() {
		if !hostileChecked[c.name] {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeHostileTree(t, dir, c.gen(c.n))
			args := []string{}
			if c.args != nil {
				args = c.args(dir)
			}
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			t.Chdir(dir)
			var out scanOutput
			var code int
			if hostileMeasured[c.name] {
				if raceDetector {
					t.Skip("peak memory is measured without the race detector (make test runs TestHostile without it)")
				}
				var rss int64
				var cpu time.Duration
				out, code, rss, cpu = scanChild(t, dir, append(args, "."))
				t.Logf("peak resident memory %d MB, CPU %v", rss>>20, cpu)
				if rss > hostileMaxRSS {
					t.Errorf("the scan peaked at %d MB resident, over %d MB", rss>>20, hostileMaxRSS>>20)
				}
			} else {
				// A hang guard, no time bound: past it the test binary
				// ends with every goroutine's stack.
				guard := time.AfterFunc(hostileHangGuard, func() {
					debug.SetTraceback("all")
					panic(fmt.Sprintf("TestHostile/%s: the scan ran over %v: a hang", c.name, hostileHangGuard))
				})
				out, code = scanDir(t, append(args, ".")...)
				guard.Stop()
			}
			got := summarize(out.Findings)
			if code != exitFindings || !strings.Contains(got, normalFinding) {
				t.Errorf("exit %d, want %d and the finding %s; got:\n%s", code, exitFindings, normalFinding, got)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("want a finding %q; got:\n%s", w, got)
				}
			}
			// No CW001 but those the case expects (the same refusal may
			// come at more places): no other input refused.
			for _, f := range out.Findings {
				msg := f.Rule + " " + f.Message
				if f.Rule == "CW001" && !slices.ContainsFunc(c.want, func(w string) bool {
					_, wmsg, _ := strings.Cut(w, " ")
					return strings.HasPrefix(msg, wmsg)
				}) {
					t.Errorf("unexpected %s:%d:%d %s", f.File, f.Line, f.Column, msg)
				}
			}
			if c.skip != nil {
				if msg := c.skip(out, code, c.n); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

// TestHostileTextUnderActions scans a tree whose file names and keys hold
// workflow commands, with text output under GITHUB_ACTIONS=true: the
// runner is left nothing to execute, inside or outside the stop-commands
// block.
func TestHostileTextUnderActions(t *testing.T) {
	var c hostileCase
	for _, hc := range hostileCases() {
		if hc.name == "output-commands" {
			c = hc
		}
	}
	dir := t.TempDir()
	writeHostileTree(t, dir, c.gen(c.n))
	t.Setenv("GITHUB_ACTIONS", "true")
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"scan", "--format", "text", "."}, &stdout, &stderr)
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	token, ok := strings.CutPrefix(lines[0], "::stop-commands::")
	if code != exitFindings || !ok || len(token) < 32 || lines[len(lines)-1] != "::"+token+"::" {
		t.Fatalf("exit %d; want the output in a stop-commands block:\n%s", code, stdout.String())
	}
	for _, l := range lines[1 : len(lines)-1] {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") || strings.Contains(l, "##[") || strings.Contains(l, token) {
			t.Errorf("command line in the output: %q", l)
		}
	}
	for _, want := range []string{`:\:stop-commands::x.yaml:3:3: medium [CW101] delivery channel "::add-mask::C"`, `##\[error]x.yaml:3:3: medium [CW101]`, "normal.yaml:3:3: medium [CW101]"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestHostileTextSnippets: 20,000 findings on one 1 MB line get their
// snippets (each line converted once), and a file too large to read is
// never read for one.
func TestHostileTextSnippets(t *testing.T) {
	for _, name := range []string{"text-long-line", "text-too-large"} {
		var c hostileCase
		for _, hc := range hostileCases() {
			if hc.name == name {
				c = hc
			}
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeHostileTree(t, dir, c.gen(c.n))
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			args := []string{"scan", "--format", "text"}
			if c.args != nil {
				args = append(args, c.args(dir)...)
			}
			code := run(append(args, "."), &stdout, &stderr)
			out := stdout.String()
			switch name {
			case "text-long-line":
				if code != exitFindings || strings.Count(out, "[CW306]") != c.n+1 || strings.Count(out, "\n    ...") != c.n+1 {
					t.Errorf("exit %d, %d CW306 blocks, %d snippets", code, strings.Count(out, "[CW306]"), strings.Count(out, "\n    ..."))
				}
			case "text-too-large":
				if code != exitFindings || !strings.Contains(out, "big.json:1:1: high [CW001] file too large") || strings.Contains(out, "\n    {\"Resources\"") {
					t.Errorf("exit %d:\n%s", code, out)
				}
			}
		})
	}
}

// FuzzBaseline: any baseline text gives fingerprints or an error, never a
// panic, whatever its nesting.
func FuzzBaseline(f *testing.F) {
	for _, s := range []string{
		`{"runs": [{"results": [{"partialFingerprints": {"configward/v1": "abc"}}]}]}`,
		`{"runs": []}`, `[]`, strings.Repeat(`{"runs": [`, 3000),
	} {
		f.Add([]byte(s))
	}
	all := rules.All()
	f.Fuzz(func(t *testing.T, src []byte) {
		if b, err := parseBaseline("b.sarif", src, all); err == nil && (b == nil || len(b.list) != len(b.findings)) {
			t.Fatal("a baseline without its findings")
		}
	})
}

// hostileScaled are the cases BenchmarkHostile runs at sizes n and 4n,
// with the n it uses where the size is too large to write 4 times.
var hostileScaled = map[string]int{
	"tfvars-deep": 0, "tfvars-json-deep": 0, "var-file-deep": 0, "tfjson-template-deep": 0,
	"tfjson-type-deep": 0, "directive-deep": 0, "jsondecode-deep": 0, "for-nested": 0,
	"replace-amplify": 0, "join-split": 0, "instances-total": 0, "module-fanout": 0, "tf-5MB": 1 << 20, "tf-5MB-strip": 1 << 20, "tf-5MB-one-block": 1 << 20, "cfn-split-join": 0, "cfn-ref-copies": 0,
	"sam-globals": 0, "nested-stacks": 0, "glob-exclude": 0, "glob-fileset": 0, "glob-config": 0, "cfn-sub-amplify": 0, "iam-allow-deny": 0, "cw314-patterns": 0,
	"cfn-mappings-conditions": 0, "text-long-line": 0,
	"iam-deny-resources": 0, "iam-deny-principals": 0, "iam-notresource-lists": 0, "cfn-conditions-scoped": 0, "iam-service-scoping": 0, "iam-notresource-star": 0,
}

// heapMeter reports a benchmark's B/op and allocs/op without hugeHeap's
// blocks, which the first scan of a process makes: address space that no
// memory backs (TestAllocSmallScan leaves them out too), 0 to 4 MB
// whatever the input, which counted at n and 4n alike flattened the
// ratio of bytes (a scan of 4.3 MB reported as 6.8).
type heapMeter struct {
	bytes, allocs, hugeBytes, hugeAllocs uint64
}

func startHeap() heapMeter {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return heapMeter{m.TotalAlloc, m.Mallocs, hugeHeapBytes, hugeHeapAllocs}
}

func (h heapMeter) report(b *testing.B, n int) {
	if n == 0 {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	bytes := m.TotalAlloc - h.bytes - (hugeHeapBytes - h.hugeBytes)
	allocs := m.Mallocs - h.allocs - (hugeHeapAllocs - h.hugeAllocs)
	b.ReportMetric(float64(bytes)/float64(n), "B/op")
	b.ReportMetric(float64(allocs)/float64(n), "allocs/op")
}

// BenchmarkHostile scans each hostile input at size n and 4n (time and
// allocated bytes per scan): bounded readers cost at most about 4 times
// more at 4 times the size. Compare the pairs with
// `go test ./cmd/configward -run '^$' -bench Hostile -benchmem -benchtime 3x`.
func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileCases() {
		n, ok := hostileScaled[c.name]
		if !ok {
			continue
		}
		if n == 0 {
			n = c.n
		}
		for _, size := range []int{n, 4 * n} {
			b.Run(fmt.Sprintf("%s/%d", c.name, size), func(b *testing.B) {
				dir := b.TempDir()
				writeHostileTree(b, dir, c.gen(size))
				args := []string{"scan", "--format", "json"}
				if strings.HasPrefix(c.name, "text-") {
					args[2] = "text"
				}
				if c.args != nil {
					args = append(args, c.args(dir)...)
				}
				b.Chdir(dir)
				b.ReportAllocs()
				heap := startHeap()
				cpu := startCPU(b)
				for b.Loop() {
					run(append(args, "."), io.Discard, io.Discard)
					cpu.n++
				}
				cpu.report()
				heap.report(b, cpu.n)
			})
		}
	}
}
