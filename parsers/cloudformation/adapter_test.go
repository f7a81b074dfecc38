package cloudformation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/configward/configward/parsers/model"
)

func str(x model.Valued) string {
	v := x.V()
	s, _ := v.AsString()
	return s
}

func TestAdapterEntitiesAndLinks(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdataDir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := Parse("config.yaml", src, Options{})
	if !ok {
		t.Fatal("not recognized")
	}
	for _, d := range u.Diagnostics {
		t.Errorf("diagnostic: %s at %s", d.Summary, d.Range)
	}
	e := u.Entities
	counts := map[string]int{
		"Recorders": len(e.Recorders), "DeliveryChannels": len(e.DeliveryChannels), "ConfigRules": len(e.ConfigRules),
		"Aggregators": len(e.Aggregators), "AggregationAuthorizations": len(e.AggregationAuthorizations),
		"ConformancePacks": len(e.ConformancePacks), "Remediations": len(e.Remediations), "Buckets": len(e.Buckets),
		"Topics": len(e.Topics), "Queues": len(e.Queues), "Keys": len(e.Keys), "Roles": len(e.Roles),
		"ManagedPolicies": len(e.ManagedPolicies), "LambdaFunctions": len(e.LambdaFunctions),
		"LambdaPermissions": len(e.LambdaPermissions), "VPCEndpoints": len(e.VPCEndpoints), "Trails": len(e.Trails),
		"LogGroups": len(e.LogGroups),
	}
	want := map[string]int{"Buckets": 1, "Roles": 2, "ManagedPolicies": 2}
	for k, n := range counts {
		w := want[k]
		if w == 0 {
			w = 1
		}
		if n != w {
			t.Errorf("%s: %d entities, want %d", k, n, w)
		}
	}
	if len(u.Policies) != 10 {
		t.Errorf("%d policies, want 10", len(u.Policies))
	}
	if t.Failed() {
		return
	}

	b := e.Buckets[0]
	if str(b.Name) != "config-logs" || b.SSEAlgorithm.Absent() || b.VersioningStatus.Absent() || b.AccessBlock.Block.Absent() || b.ObjectOwnership.Absent() || !b.Logging.Absent() {
		t.Errorf("bucket fields: %+v", b)
	}
	// One policy by Ref, one by the literal bucket name.
	if len(b.Policies) != 2 || len(b.PolicyResources) != 2 || b.PolicyResources[0].Name != "ConfigBucketPolicy" || b.PolicyResources[1].Name != "LiteralPolicy" {
		t.Errorf("bucket policies: %v %v", b.Policies, b.PolicyResources)
	}
	dc := e.DeliveryChannels[0]
	if dc.Bucket != b || len(b.DeliveryChannels) != 1 || dc.Topic != e.Topics[0] || dc.Key != e.Keys[0] || str(dc.KeyPrefix) != "config" {
		t.Errorf("delivery channel links: bucket=%v topic=%v key=%v", dc.Bucket, dc.Topic, dc.Key)
	}
	if len(e.Topics[0].Policies) != 1 || str(e.Topics[0].KMSKeyID) != "alias/config" {
		t.Errorf("topic: %+v", e.Topics[0])
	}
	if q := e.Queues[0]; len(q.Policies) != 1 || str(q.SQSManaged) != "true" {
		t.Errorf("queue (linked by URL): %+v", q)
	}
	k := e.Keys[0]
	if k.Policy == nil || k.Policy.Property != "KeyPolicy" || len(k.Aliases) != 1 || k.Aliases[0] != "alias/config" || str(k.Rotation) != "true" {
		t.Errorf("key: %+v", k)
	}
	role := e.Roles[0]
	if role.Name.Absent() || role.Trust == nil || role.Trust.Kind != model.TrustPolicy || len(role.ManagedPolicyARNs) != 2 {
		t.Fatalf("role: %+v", role)
	}
	// Its own inline policy, the managed policy it references and the
	// policy attached to it (by name and by Ref: once).
	if len(role.InlinePolicies) != 3 {
		t.Errorf("role inline policies: %d", len(role.InlinePolicies))
	}
	for i, want := range []string{"ConfigRole", "ExtraPolicy", "AttachedPolicy"} {
		if i < len(role.InlinePolicies) && role.InlinePolicies[i].Owner.Name != want {
			t.Errorf("inline policy %d from %s, want %s", i, role.InlinePolicies[i].Owner.Name, want)
		}
	}
	if !e.Roles[1].ServiceLinked || e.Roles[1].Trust != nil {
		t.Errorf("service-linked role: %+v", e.Roles[1])
	}
	if e.Recorders[0].Role != role || e.Recorders[0].RecordingGroup == nil {
		t.Errorf("recorder role link: %v", e.Recorders[0].Role)
	}
	if mp := e.ManagedPolicies[1]; len(mp.Roles) != 2 || mp.Policy == nil {
		t.Errorf("attached policy: %+v", mp)
	}
	if p := e.LambdaPermissions[0]; str(p.Principal) != "config.amazonaws.com" || p.SourceAccount.Hint != model.ThisAccount || p.Function.Ref.Target != "Function" {
		t.Errorf("permission: %+v", p)
	}
	if ep := e.VPCEndpoints[0]; ep.Policy == nil || str(ep.Type) != "Interface" || str(ep.PrivateDNS) != "true" {
		t.Errorf("endpoint: %+v", ep)
	}
	if tr := e.Trails[0]; str(tr.MultiRegion) != "true" || tr.KMSKeyID.Ref.Target != "Key" {
		t.Errorf("trail: %+v", tr)
	}
	if r := e.ConfigRules[0]; str(r.Owner) != "AWS" || str(r.SourceID) != "S3_BUCKET_VERSIONING_ENABLED" || r.InputParameters == nil {
		t.Errorf("rule: %+v", r)
	}
	if a := e.AggregationAuthorizations[0]; str(a.AccountID) != "444455556666" || str(a.Region) != "eu-west-1" {
		t.Errorf("authorization: %+v", a)
	}
	if r := e.Remediations[0]; str(r.MaxAttempts) != "5" || str(r.RetrySecs) != "60" || str(r.Automatic) != "true" {
		t.Errorf("remediation: %+v", r)
	}
	if e.ConformancePacks[0].DeliveryBucket.Ref.Target != "ConfigBucket" || e.Aggregators[0].AccountSources == nil {
		t.Errorf("pack/aggregator")
	}
	if e.LogGroups[0].KMSKeyID.Ref.Attr != "Arn" || str(e.LambdaFunctions[0].Name) != "fn" {
		t.Errorf("log group / function")
	}
}

func TestAdapterAmbiguousLiteral(t *testing.T) {
	src := "AWSTemplateFormatVersion: x\nResources:\n" +
		"  A: {Type: AWS::S3::Bucket, Properties: {BucketName: same}}\n" +
		"  B: {Type: AWS::S3::Bucket, Properties: {BucketName: same}}\n" +
		"  P: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: same, PolicyDocument: {Statement: []}}}\n"
	u := mustParse(t, src, Options{})
	for _, b := range u.Entities.Buckets {
		if len(b.Policies) != 0 {
			t.Errorf("an ambiguous name links nothing: %s has %d", b.Name.Str, len(b.Policies))
		}
	}
}
