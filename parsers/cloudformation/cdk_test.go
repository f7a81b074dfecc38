package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// cdkDir holds the cloud assembly that `make fixtures` synthesizes from
// testdata/cdkapp with the real CDK.
const cdkDir = "../../testdata/cdk"

func parseCDK(t testing.TB) *model.Unit {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(cdkDir, "ConfigStack.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := Parse("ConfigStack.template.json", src, Options{ReadFile: dirReader(cdkDir)})
	if !ok {
		t.Fatal("the CDK template is not recognized")
	}
	return u
}

// TestCDKAssembly reads the synthesized stack with its nested stack asset:
// every resource names its construct, references to the template's own
// resources (Ref, Fn::GetAtt, the nested stack's outputs) are typed links
// that the adapter follows, and the model dump is stable.
func TestCDKAssembly(t *testing.T) {
	u := parseCDK(t)
	for _, d := range u.Diagnostics {
		t.Errorf("diagnostic: %s at %s", d.Summary, d.Range)
	}
	if len(u.Files) != 2 || !strings.HasSuffix(u.Files[1], ".nested.template.json") {
		t.Errorf("files = %v, want the stack and its nested template", u.Files)
	}
	nested := 0
	for _, r := range u.Resources {
		if !strings.HasPrefix(r.CDKPath, "ConfigStack/") {
			t.Errorf("%s has construct path %q", r.Address, r.CDKPath)
		}
		if strings.Contains(r.Address, "/") {
			nested++
			if !strings.HasPrefix(r.Address, "AlertsNestedStackAlertsNestedStackResource77835435/") {
				t.Errorf("nested resource address %s", r.Address)
			}
		}
	}
	if nested != 2 {
		t.Errorf("%d resources of the nested stack, want 2", nested)
	}
	e := u.Entities
	if len(e.DeliveryChannels) != 1 || len(e.Recorders) != 1 || len(e.Topics) != 1 || len(e.Buckets) != 1 {
		t.Fatalf("entities: %+v", e)
	}
	dc := e.DeliveryChannels[0]
	if dc.Bucket == nil || dc.Bucket.CDKPath != "ConfigStack/ConfigBucket/Resource" {
		t.Errorf("channel bucket = %+v", dc.Bucket)
	}
	// Fn::GetAtt Alerts.Outputs.X is the nested stack's output: a Ref to
	// its topic.
	if dc.Topic == nil || dc.Topic.CDKPath != "ConfigStack/Alerts/Topic/Resource" {
		t.Errorf("channel topic = %+v (SnsTopicARN %+v)", dc.Topic, dc.TopicARN)
	}
	if r := e.Recorders[0].Role; r == nil || r.CDKPath != "ConfigStack/ConfigRole/Resource" || len(r.InlinePolicies) != 1 {
		t.Errorf("recorder role = %+v", r)
	}
	if b := e.Buckets[0]; len(b.Policies) != 1 || len(b.Policies[0].Statements) != 2 {
		t.Errorf("bucket policies = %+v", b.Policies)
	}
	if len(e.Topics[0].Policies) != 1 {
		t.Errorf("topic policies = %+v", e.Topics[0].Policies)
	}

	golden := filepath.Join(testdataDir, "cdk", "ConfigStack.template.json.golden")
	got := model.Dump(u)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./parsers/cloudformation -update)", err)
	}
	if got != string(want) {
		t.Errorf("dump differs from %s (run with -update and read the diff):\n%s", golden, got)
	}
}
