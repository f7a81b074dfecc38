package terraform

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const testdataRoot = "../../testdata/parsers/terraform"

// goldenCases are the module directories under testdataRoot; each has a
// <case>.golden beside it.
var goldenCases = []struct {
	name string
	opts Options
}{
	{name: "variables", opts: Options{
		Vars: map[string]string{
			"from_cli":   `["a", "b"]`,
			"cli_string": "plain text, not an expression",
			"env":        `"staging"`,
			"undeclared": `"ignored"`,
		},
		VarFiles: []string{"variables/env/prod.tfvars"},
	}},
	{name: "locals"},
	{name: "jsonencode_policy"},
	{name: "heredoc_policy"},
	{name: "policy_document"},
	{name: "split_s3"},
	{name: "unknown_refs"},
	{name: "syntax_error"},
	{name: "suppressions"},
	{name: "config_service"},
	{name: "tf_json"},
	{name: "modules"},
	{name: "instances"},
	{name: "override"},
	{name: "functions"},
	{name: "files"},
	{name: "policy_merge"},
	{name: "values"},
	{name: "bounds"},
	{name: "split_files"},
}

// iampolicyReady reports whether parsers/iampolicy is implemented yet
// (its stub panics): the cases with policies wait for it.
func iampolicyReady() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	iampolicy.FromValue(model.NewUnknown("probe", model.Range{}), model.IdentityPolicy, nil, "policy")
	return true
}

// parse runs ParseModule, skipping the test when it reaches the
// unimplemented policy normalizer.
func parse(t *testing.T, fsys fs.FS, dir string, opts Options) (u *model.Unit) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			if !iampolicyReady() {
				t.Skipf("needs parsers/iampolicy (%v)", r)
			}
			panic(r)
		}
	}()
	return ParseModule(fsys, dir, opts)
}

func TestGolden(t *testing.T) {
	fsys := os.DirFS(testdataRoot)
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			u := parse(t, fsys, c.name, c.opts)
			got := model.Dump(u) + dumpExtras(u)
			golden := filepath.Join(testdataRoot, c.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run with -update and read the diff):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 20; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// dumpExtras renders what model.Dump leaves out: the files read and the
// entities with their links.
func dumpExtras(u *model.Unit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "files %s\n", strings.Join(u.Files, " "))
	if len(u.Modules) > 0 {
		fmt.Fprintf(&b, "modules %s\n", strings.Join(u.Modules, " "))
	}
	for _, n := range u.Notes {
		fmt.Fprintf(&b, "note %s: %s: %s\n", n.Range, n.Summary, n.Detail)
	}
	for _, d := range u.Diagnostics {
		if d.Detail != "" && detailed[d.Summary] {
			fmt.Fprintf(&b, "diag-detail %s: %s\n", d.Range, d.Detail)
		}
	}
	for _, r := range u.Resources {
		if r.Region != nil {
			fmt.Fprintf(&b, "region %s %s\n", r.Address, short(r.Region))
		}
	}
	e := u.Entities
	addr := func(r *model.Resource) string {
		if r == nil {
			return "-"
		}
		return r.Address
	}
	pol := func(p *model.Policy) string {
		if p == nil {
			return "-"
		}
		return p.Subject() + ":" + p.Property
	}
	pols := func(ps []*model.Policy) string {
		var s []string
		for _, p := range ps {
			s = append(s, pol(p))
		}
		return "[" + strings.Join(s, " ") + "]"
	}
	vals := func(vs []*model.Value) string {
		var s []string
		for _, v := range vs {
			s = append(s, short(v))
		}
		return "[" + strings.Join(s, " ") + "]"
	}
	for _, x := range e.Recorders {
		var role *model.Resource
		if x.Role != nil {
			role = x.Role.Resource
		}
		fmt.Fprintf(&b, "recorder %s role_arn=%s group=%s status=%s enabled=%s role=%s\n", x.Address, short(x.RoleARN), short(x.RecordingGroup), addr(x.Status), short(x.IsEnabled), addr(role))
	}
	for _, x := range e.DeliveryChannels {
		var bk, tp, ky *model.Resource
		if x.Bucket != nil {
			bk = x.Bucket.Resource
		}
		if x.Topic != nil {
			tp = x.Topic.Resource
		}
		if x.Key != nil {
			ky = x.Key.Resource
		}
		fmt.Fprintf(&b, "channel %s bucket_name=%s prefix=%s kms=%s topic_arn=%s -> bucket=%s topic=%s key=%s\n", x.Address, short(x.BucketName), short(x.KeyPrefix), short(x.KMSKeyARN), short(x.TopicARN), addr(bk), addr(tp), addr(ky))
	}
	for _, x := range e.ConfigRules {
		fmt.Fprintf(&b, "config-rule %s owner=%s source=%s params=%s\n", x.Address, short(x.Owner), short(x.SourceID), short(x.InputParameters))
	}
	for _, x := range e.Aggregators {
		fmt.Fprintf(&b, "aggregator %s accounts=%s org=%s\n", x.Address, short(x.AccountSources), short(x.OrganizationSources))
	}
	for _, x := range e.AggregationAuthorizations {
		fmt.Fprintf(&b, "authorization %s account=%s region=%s\n", x.Address, short(x.AccountID), short(x.Region))
	}
	for _, x := range e.ConformancePacks {
		fmt.Fprintf(&b, "conformance-pack %s bucket=%s\n", x.Address, short(x.DeliveryBucket))
	}
	for _, x := range e.Remediations {
		fmt.Fprintf(&b, "remediation %s automatic=%s attempts=%s retry=%s params=%s\n", x.Address, short(x.Automatic), short(x.MaxAttempts), short(x.RetrySecs), short(x.Parameters))
	}
	for _, x := range e.Buckets {
		var prs []string
		for _, r := range x.PolicyResources {
			prs = append(prs, r.Address)
		}
		var chs []string
		for _, c := range x.DeliveryChannels {
			chs = append(chs, c.Address)
		}
		fmt.Fprintf(&b, "bucket %s name=%s sse=%s sse_key=%s versioning=%s pab=%s logging=%s lifecycle=%s lock_retention=%s ownership=%s policies=%s from=%v channels=%v\n",
			x.Address, short(x.Name), short(x.SSEAlgorithm), short(x.SSEKeyID), short(x.VersioningStatus), short(x.AccessBlock.Block), short(x.Logging), short(x.Lifecycle), short(x.ObjectLockRetention), short(x.ObjectOwnership), pols(x.Policies), prs, chs)
	}
	for _, x := range e.Topics {
		fmt.Fprintf(&b, "topic %s name=%s kms=%s policies=%s\n", x.Address, short(x.Name), short(x.KMSKeyID), pols(x.Policies))
	}
	for _, x := range e.Queues {
		fmt.Fprintf(&b, "queue %s name=%s kms=%s sqs_managed=%s policies=%s\n", x.Address, short(x.Name), short(x.KMSKeyID), short(x.SQSManaged), pols(x.Policies))
	}
	for _, x := range e.Keys {
		fmt.Fprintf(&b, "key %s rotation=%s spec=%s origin=%s policy=%s aliases=%v\n", x.Address, short(x.Rotation), short(x.Spec), short(x.Origin), pol(x.Policy), x.Aliases)
	}
	for _, x := range e.Roles {
		fmt.Fprintf(&b, "role %s name=%s path=%s slr=%v trust=%s inline=%s managed=%s\n", x.Address, short(x.Name), short(x.Path), x.ServiceLinked, pol(x.Trust), pols(x.InlinePolicies), vals(x.ManagedPolicyARNs))
	}
	for _, x := range e.ManagedPolicies {
		fmt.Fprintf(&b, "managed-policy %s policy=%s roles=%s\n", x.Address, pol(x.Policy), vals(x.Roles))
	}
	for _, x := range e.LambdaFunctions {
		fmt.Fprintf(&b, "lambda %s name=%s role=%s\n", x.Address, short(x.Name), short(x.RoleARN))
	}
	for _, x := range e.LambdaPermissions {
		fmt.Fprintf(&b, "lambda-permission %s action=%s principal=%s account=%s arn=%s org=%s function=%s\n", x.Address, short(x.Action), short(x.Principal), short(x.SourceAccount), short(x.SourceArn), short(x.OrgID), short(x.Function))
	}
	for _, x := range e.VPCEndpoints {
		fmt.Fprintf(&b, "vpc-endpoint %s service=%s type=%s private_dns=%s policy=%s\n", x.Address, short(x.ServiceName), short(x.Type), short(x.PrivateDNS), pol(x.Policy))
	}
	for _, x := range e.Trails {
		fmt.Fprintf(&b, "trail %s multi_region=%s validation=%s kms=%s selectors=%s\n", x.Address, short(x.MultiRegion), short(x.LogValidation), short(x.KMSKeyID), short(x.EventSelectors))
	}
	for _, x := range e.LogGroups {
		fmt.Fprintf(&b, "log-group %s kms=%s\n", x.Address, short(x.KMSKeyID))
	}
	return b.String()
}

// detailed are the diagnostics whose detail the goldens show.
var detailed = map[string]bool{
	"Path outside the scan root":          true,
	"Module source outside the scan root": true,
	"Too large to evaluate":               true,
	"Cycle in local values":               true,
	"Cycle in module values":              true,
	"Module cycle":                        true,
}

// short renders a value in one word for the entity lines.
func short(x model.Valued) string {
	v := x.V()
	if v == nil {
		return "-"
	}
	at := fmt.Sprintf("@%d", v.Range.Start.Line)
	switch v.Kind {
	case model.String, model.Number, model.Bool:
		return fmt.Sprintf("%q%s", v.Str, at)
	case model.Unknown:
		s := "unknown"
		if v.Ref != nil {
			s += "(" + v.Ref.Target + ")"
		}
		return s + at
	case model.List:
		return fmt.Sprintf("list[%d]%s", len(v.Items), at)
	case model.Object:
		return fmt.Sprintf("object{%d}%s", len(v.Fields), at)
	}
	return v.Kind.String() + at
}

// TestDotDir reads a module at the root of the file system: file names
// carry no directory.
func TestDotDir(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf":      {Data: []byte("resource \"aws_sns_topic\" \"t\" {\n  name = \"t\"\n}\n")},
		"notes.txt":    {Data: []byte("not terraform")},
		"sub/other.tf": {Data: []byte("resource \"aws_sns_topic\" \"sub\" {}\n")},
	}
	u := ParseModule(fsys, ".", Options{})
	if len(u.Resources) != 1 || u.Resources[0].DefRange.Filename != "main.tf" {
		t.Fatalf("resources = %v", u.Resources)
	}
	if u.Path != "." || strings.Join(u.Files, ",") != "main.tf" {
		t.Errorf("path %q files %v", u.Path, u.Files)
	}
	if len(u.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", u.Diagnostics)
	}
}

// recordingFS records every name opened or listed.
type recordingFS struct {
	fs.FS
	names []string
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.names = append(r.names, name)
	return r.FS.Open(name)
}

// TestStaysInsideFS checks that only the module directory and the given
// var files are read, that paths leaving the root are refused, and that
// symlinks are not followed.
func TestStaysInsideFS(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.tf"), `resource "aws_sns_topic" "leak" { name = "secret" }`)
	write(filepath.Join(outside, "secret.tfvars"), `name = "secret"`)
	write(filepath.Join(root, "mod", "main.tf"), `
variable "name" { default = "default" }
resource "aws_sns_topic" "t" { name = var.name }
`)
	write(filepath.Join(root, "vars", "ok.tfvars"), `name = "from-var-file"`)
	links := map[string]string{
		filepath.Join(root, "mod", "linked.tf"):        filepath.Join(outside, "secret.tf"),
		filepath.Join(root, "mod", "terraform.tfvars"): filepath.Join(outside, "secret.tfvars"),
		filepath.Join(root, "vars", "linked.tfvars"):   filepath.Join(outside, "secret.tfvars"),
		filepath.Join(root, "mod", "z.auto.tfvars"):    filepath.Join(outside, "secret.tfvars"),
		filepath.Join(root, "mod", "dirlink"):          outside,
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	rec := &recordingFS{FS: os.DirFS(root)}
	u := ParseModule(rec, "mod", Options{VarFiles: []string{"../outside.tfvars", "/etc/passwd", "vars/linked.tfvars", "vars/ok.tfvars"}})
	dump := model.Dump(u)
	if strings.Contains(dump, "secret") {
		t.Errorf("content from outside the root leaked:\n%s", dump)
	}
	if !strings.Contains(dump, `"from-var-file"`) {
		t.Errorf("the var file inside the root was not applied:\n%s", dump)
	}
	for _, n := range rec.names {
		// "." is listed to check that mod and vars are not symbolic links.
		if !fs.ValidPath(n) || (n != "." && n != "mod" && n != "vars" && !strings.HasPrefix(n, "mod/") && !strings.HasPrefix(n, "vars/")) {
			t.Errorf("opened %q", n)
		}
		if strings.Contains(n, "linked") || strings.Contains(n, "secret") || n == "mod/terraform.tfvars" || n == "mod/z.auto.tfvars" {
			t.Errorf("opened a symlink: %q", n)
		}
	}
	var bad int
	for _, d := range u.Diagnostics {
		if strings.Contains(d.Summary, "variable file") || strings.Contains(d.Summary, "regular file") {
			bad++
		}
	}
	if bad != 3 {
		t.Errorf("want 3 refused var files, got diagnostics %v", u.Diagnostics)
	}
}

// TestUnreadableDir gives a diagnostic, not a panic.
func TestUnreadableDir(t *testing.T) {
	u := ParseModule(fstest.MapFS{}, "nope", Options{})
	if len(u.Diagnostics) != 1 || u.Diagnostics[0].Range.Filename != "nope" {
		t.Fatalf("diagnostics = %v", u.Diagnostics)
	}
	u = ParseModule(fstest.MapFS{}, "../up", Options{})
	if len(u.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %v", u.Diagnostics)
	}
}

// TestHeredocLines checks, independently of the goldens, that statement
// elements of heredoc and jsonencode policies point at their own lines.
func TestHeredocLines(t *testing.T) {
	src := "resource \"aws_iam_policy\" \"p\" {\n" + // 1
		"  policy = <<-EOT\n" + // 2
		"    {\n" + // 3
		"      \"Statement\": [{\n" + // 4
		"        \"Effect\": \"Allow\",\n" + // 5
		"        \"Action\": \"s3:*\"\n" + // 6
		"      }]\n" + // 7
		"    }\n" + // 8
		"  EOT\n" + // 9
		"}\n"
	cfg := newConfig(fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", Options{})
	ev := newRootEvaluator(cfg, cfg.loadModule("."))
	w := ev.walker()
	w.walkResources()
	expr := w.resources[0].blk.Syntax.Body.Attributes["policy"].Expr
	doc := w.policyDoc(expr, nil, 0)
	if len(cfg.diags) != 0 {
		t.Fatalf("diagnostics: %v", cfg.diags)
	}
	st := doc.Get("Statement").Items[0]
	for key, want := range map[string]model.Pos{
		"Effect": {Line: 5, Column: 9},
		"Action": {Line: 6, Column: 9},
	} {
		f := st.Field(key)
		if f.KeyRange.Start.Line != want.Line || f.KeyRange.Start.Column != want.Column {
			t.Errorf("%s key at %v, want line %d column %d", key, f.KeyRange, want.Line, want.Column)
		}
		if got := src[f.KeyRange.Start.Byte:f.KeyRange.End.Byte]; got != `"`+key+`"` {
			t.Errorf("%s key range covers %q", key, got)
		}
	}
	if v := st.Get("Action"); src[v.Range.Start.Byte:v.Range.End.Byte] != `"s3:*"` {
		t.Errorf("Action value range %v", v.Range)
	}
}

// addGoldenSeeds seeds a fuzz target with every .tf file of the golden cases.
func addGoldenSeeds(f *testing.F) {
	for _, c := range goldenCases {
		entries, err := os.ReadDir(filepath.Join(testdataRoot, c.name))
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tf") {
				src, err := os.ReadFile(filepath.Join(testdataRoot, c.name, e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(src)
			}
		}
	}
}

func FuzzParseModule(f *testing.F) {
	addGoldenSeeds(f)
	ready := iampolicyReady()
	f.Fuzz(func(t *testing.T, src []byte) {
		defer func() {
			if r := recover(); r != nil {
				if !ready {
					return // the policy normalizer is still a stub
				}
				panic(r)
			}
		}()
		var u *model.Unit
		done := make(chan bool)
		go func() { u = ParseModule(fstest.MapFS{"main.tf": {Data: src}}, ".", Options{}); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second): // a hang, reported with every stack
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("hang on %q:\n%s", src, buf[:n])
		}
		for _, d := range u.Diagnostics {
			if d.Range.Filename == "" {
				t.Errorf("diagnostic without a file: %+v", d)
			}
		}
		_ = model.Dump(u)
	})
}

// TestTooDeep checks that input nested beyond what the recursive parser
// and evaluator can take is reported instead of crashing the process.
func TestTooDeep(t *testing.T) {
	for name, src := range map[string]string{
		"brackets.tf":     "locals {\n x = " + strings.Repeat("[", 1<<14) + "\n}\n",
		"templates.tf":    "locals {\n x = " + strings.Repeat(`"${`, 1<<12) + "\n}\n",
		"unary.tf":        "locals {\n x = " + strings.Repeat("!", 1<<14) + "true\n}\n",
		"binary.tf":       "locals {\n x = [1" + strings.Repeat("+\n1", 1<<14) + "]\n}\n",
		"deep.tf.json":    `{"locals": {"x": ` + strings.Repeat("[", 1<<14) + "}}",
		"fine.tf":         "locals {\n x = [[[[1 + 2 + 3]]]]\n}\n",
		"many_attrs.tf":   "locals {\n" + strings.Repeat(" a = 1 + 2\n", 12000) + "}\n",
		"escaped.tf.json": `{"locals": {"x": "` + strings.Repeat(`\"[`, 1000) + `"}}`,
	} {
		u := ParseModule(fstest.MapFS{name: {Data: []byte(src)}}, ".", Options{})
		deep := false
		for _, d := range u.Diagnostics {
			deep = deep || d.Summary == "Configuration too deeply nested"
		}
		if want := !strings.HasPrefix(name, "fine") && !strings.HasPrefix(name, "many") && !strings.HasPrefix(name, "escaped"); deep != want {
			t.Errorf("%s: too-deep diagnostic %v, want %v (%v)", name, deep, want, u.Diagnostics)
		}
	}
}

// TestExpansion checks that locals doubling each other neither hang nor
// exhaust memory.
func TestExpansion(t *testing.T) {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = [\"x\"]\n  s0 = \"xxxxxxxx\"\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "  l%d = [local.l%d, local.l%d]\n  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1, i, i-1, i-1)
	}
	b.WriteString("}\nresource \"aws_sns_topic\" \"t\" {\n  a = local.l60\n  b = local.s60\n  c = jsonencode(local.l60)\n}\n")
	// A hang is caught by go test's -timeout, not by a wall clock here: on
	// a loaded machine under the race detector this takes a minute.
	u := ParseModule(fstest.MapFS{"main.tf": {Data: []byte(b.String())}}, ".", Options{})
	if !u.Resources[0].Body.Get("b").IsUnknown() {
		t.Errorf("a string over the size limit should be unknown")
	}
}

// TestPlanGolden reads plans made by terraform 1.11 (terraform show -json):
// with the configuration beside it, resources point at their .tf blocks;
// without, at the plan's JSON.
func TestPlanGolden(t *testing.T) {
	fsys := os.DirFS(testdataRoot)
	for _, name := range []string{"plan", "plan_only"} {
		t.Run(name, func(t *testing.T) {
			file := name + "/plan.json"
			src, err := fs.ReadFile(fsys, file)
			if err != nil {
				t.Fatal(err)
			}
			if !IsPlan(file, src) {
				t.Fatalf("%s is not recognized as a plan", file)
			}
			u := ParsePlan(fsys, file, src)
			got := model.Dump(u) + dumpExtras(u)
			golden := filepath.Join(testdataRoot, name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run with -update and read the diff):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
	for _, src := range []string{`{"format_version": "1.0"}`, `{"planned_values": {}}`, `[1]`, `{"format_version": "1.2", "values": {}}`} {
		if IsPlan("x.json", []byte(src)) {
			t.Errorf("IsPlan(%s) = true", src)
		}
	}
}

// TestSplitEncryptionAcrossFiles: a bucket in a module called with for_each
// whose encryption lives in a split resource in another file of the module
// is linked to it, per instance; without the split resource it has none.
func TestSplitEncryptionAcrossFiles(t *testing.T) {
	files := fstest.MapFS{
		"main.tf": {Data: []byte(`module "store" {
  source   = "./modules/store"
  for_each = { logs = "acme-logs", audit = "acme-audit" }
  name     = each.value
}
`)},
		"modules/store/bucket.tf": {Data: []byte(`variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}
`)},
		"modules/store/encryption.tf": {Data: []byte(`resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`)},
	}
	for _, split := range []bool{true, false} {
		fsys := fstest.MapFS{}
		for n, f := range files {
			if split || n != "modules/store/encryption.tf" {
				fsys[n] = f
			}
		}
		u := ParseModule(fsys, ".", Options{})
		if len(u.Diagnostics) != 0 {
			t.Fatalf("diagnostics: %v", u.Diagnostics)
		}
		var got []string
		for _, b := range u.Entities.Buckets {
			enc := "none"
			if !b.SSEAlgorithm.Absent() {
				enc = b.SSEAlgorithm.Value.Range.Filename
			}
			got = append(got, fmt.Sprintf("%s@%s:%d=%s", b.Address, b.DefRange.Filename, b.DefRange.Start.Line, enc))
		}
		want := `module.store["audit"].aws_s3_bucket.this@modules/store/bucket.tf:5=modules/store/encryption.tf module.store["logs"].aws_s3_bucket.this@modules/store/bucket.tf:5=modules/store/encryption.tf`
		if !split {
			want = `module.store["audit"].aws_s3_bucket.this@modules/store/bucket.tf:5=none module.store["logs"].aws_s3_bucket.this@modules/store/bucket.tf:5=none`
		}
		if strings.Join(got, " ") != want {
			t.Errorf("split=%v: buckets\n%s\nwant\n%s", split, strings.Join(got, " "), want)
		}
		if strings.Join(u.Modules, ",") != "modules/store" {
			t.Errorf("modules = %v", u.Modules)
		}
	}
}

// TestSymlinksNotFollowed: file(), fileset() and module sources never
// follow a symbolic link, even one that stays inside the root.
func TestSymlinksNotFollowed(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.txt"), "secret-token")
	write(filepath.Join(outside, "mod", "main.tf"), `output "x" { value = "secret-token" }`)
	write(filepath.Join(root, "main.tf"), `
resource "aws_ssm_parameter" "a" { value = file("link.txt") }
resource "aws_ssm_parameter" "b" { value = file("dirlink/secret.txt") }
resource "aws_ssm_parameter" "c" { value = jsonencode(fileset(path.module, "**")) }
module "m" { source = "./modlink" }
resource "aws_ssm_parameter" "d" { value = module.m.x }
`)
	for link, target := range map[string]string{
		"link.txt": filepath.Join(outside, "secret.txt"),
		"dirlink":  outside,
		"modlink":  filepath.Join(outside, "mod"),
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	u := ParseModule(os.DirFS(root), ".", Options{})
	dump := model.Dump(u) + dumpExtras(u)
	if strings.Contains(dump, "secret-token") {
		t.Errorf("content through a symlink leaked:\n%s", dump)
	}
	var refused int
	for _, d := range u.Diagnostics {
		if d.Summary == "Not a regular file" || d.Summary == "Module source outside the scan root" {
			refused++
		}
	}
	if refused != 3 {
		t.Errorf("want 3 refusals, got %v", u.Diagnostics)
	}
}

// TestLongChain: a chain of locals longer than maxEvalDepth is reported,
// not followed to the end (each step is a Go stack frame).
func TestLongChain(t *testing.T) {
	var b strings.Builder
	// l0000 refers to l0001, and so on: evaluating in name order follows
	// the whole chain at once.
	b.WriteString("locals {\n  l5000 = \"x\"\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "  l%04d = local.l%04d\n", i, i+1)
	}
	b.WriteString("}\nresource \"aws_sns_topic\" \"t\" {\n  name = local.l0000\n}\n")
	u := ParseModule(fstest.MapFS{"main.tf": {Data: []byte(b.String())}}, ".", Options{})
	found := false
	for _, d := range u.Diagnostics {
		found = found || d.Summary == tooLargeSummary
	}
	if !found {
		t.Errorf("no diagnostic: %v", u.Diagnostics)
	}
}

// TestModuleFileTooLarge: a file of the module over the size limit is a
// diagnostic at the file, is not read, and the other files still are.
func TestModuleFileTooLarge(t *testing.T) {
	big := append([]byte("# padding\n"), bytes.Repeat([]byte("#\n"), maxFileSize/2)...)
	fsys := fstest.MapFS{
		"m/big.tf":  {Data: big},
		"m/main.tf": {Data: []byte(`resource "aws_sns_topic" "t" {}`)},
	}
	u := ParseModule(fsys, "m", Options{})
	if len(u.Resources) != 1 || u.Resources[0].Address != "aws_sns_topic.t" {
		t.Errorf("resources: %v", u.Resources)
	}
	if len(u.Diagnostics) != 1 || u.Diagnostics[0].Summary != "File too large" || u.Diagnostics[0].Range.Filename != "m/big.tf" {
		t.Errorf("diagnostics: %+v", u.Diagnostics)
	}
	if slices.Contains(u.Files, "m/big.tf") {
		t.Errorf("the large file is recorded as read: %v", u.Files)
	}
}
