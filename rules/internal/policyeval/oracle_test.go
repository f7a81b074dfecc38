package policyeval_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policyeval"
)

// The oracle: every generated case runs through configward's evaluation
// core and through @cloud-copilot/iam-simulate (testdata/iamsim, installed
// by `npm ci` there; AGPL, test-time only, never linked or shipped), and the
// two must agree on allowed or not. Cases where the simulator departs from
// the AWS documentation are listed, with the documentation's words, in
// testdata/iamsim/known-differences.json; a listed case must still differ
// (so the list cannot go stale) and configward must give the documented
// answer.

const (
	acctA = "111111111111" // the resource's account
	acctB = "222222222222" // another account
)

type obj = map[string]any

// simCase is one request with the policies AWS consults. The JSON form is
// what testdata/iamsim/simulate.mjs reads.
type simCase struct {
	Name            string         `json:"name"`
	Principal       string         `json:"principal"` // "" is anonymous
	Action          string         `json:"action"`
	Resource        string         `json:"resource"`
	ResourceAccount string         `json:"resourceAccount"`
	Context         map[string]any `json:"context,omitempty"`
	Identity        []obj          `json:"identity,omitempty"`
	ResourcePolicy  obj            `json:"resourcePolicy,omitempty"`
	Endpoint        obj            `json:"endpoint,omitempty"`
	SCP             []obj          `json:"scp,omitempty"`
	RCP             []obj          `json:"rcp,omitempty"`

	trust, key bool
	caller     policyeval.Caller
}

func doc(stmts ...obj) obj {
	list := make([]any, len(stmts))
	for i, s := range stmts {
		list[i] = s
	}
	return obj{"Version": "2012-10-17", "Statement": list}
}

var allowAll = doc(obj{"Effect": "Allow", "Action": "*", "Resource": "*"})

func role(acct, name string) policyeval.Caller {
	return policyeval.Caller{Kind: policyeval.Role, ARN: "arn:aws:iam::" + acct + ":role/" + name, Account: acct}
}

func service(name string) policyeval.Caller {
	return policyeval.Caller{Kind: policyeval.Service, ARN: name}
}

func principalString(c policyeval.Caller) string {
	if c.Kind == policyeval.Anonymous {
		return ""
	}
	return c.ARN
}

// generate builds the cases: every condition operator family with keys
// absent, single- and multi-valued; NotAction and NotResource; Allow with
// Deny; principals of every kind; the confused-deputy requests; trust, key,
// endpoint and organization policies.
func generate() []*simCase {
	var out []*simCase
	add := func(c *simCase) {
		c.Name = fmt.Sprintf("%03d %s", len(out), c.Name)
		if c.Principal == "" && c.caller.Kind != policyeval.Anonymous {
			c.Principal = principalString(c.caller)
		}
		out = append(out, c)
	}
	me := role(acctA, "app")
	object := "arn:aws:s3:::bucket/key"

	// Identity policy with one condition, per operator family.
	identityCond := func(name, op, key string, vals any, ctx any) {
		c := &simCase{Name: name, caller: me, Action: "s3:GetObject", Resource: object, ResourceAccount: acctA,
			Identity: []obj{doc(obj{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": obj{op: obj{key: vals}}})}}
		if ctx != nil {
			c.Context = map[string]any{key: ctx}
		}
		add(c)
	}
	type family struct {
		ops   []string
		key   string
		vals  []any
		ctxs  []any
		multi bool
	}
	families := []family{
		{[]string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"},
			"aws:PrincipalTag/team", []any{"dev", "d*", "*", []any{"ops", "DEV"}}, []any{nil, "dev", "DEV", "prod", "*"}, false},
		{[]string{"ForAllValues:StringEquals", "ForAnyValue:StringEquals", "ForAllValues:StringLike", "ForAnyValue:StringLike", "ForAllValues:StringNotEquals", "ForAnyValue:StringNotEquals"},
			"aws:TagKeys", []any{"a", []any{"a", "b"}, "a*"}, []any{nil, []any{"a"}, []any{"a", "b"}, []any{"c"}, []any{"a", "c"}}, true},
		{[]string{"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"},
			"aws:MultiFactorAuthAge", []any{"3600"}, []any{nil, "100", "3600", "7200"}, false},
		{[]string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"},
			"aws:CurrentTime", []any{"2020-01-01T00:00:00Z"}, []any{nil, "2019-06-01T00:00:00Z", "2020-01-01T00:00:00Z", "2021-03-01T12:00:00Z"}, false},
		{[]string{"Bool"}, "aws:SecureTransport", []any{"true", "false"}, []any{nil, "true", "false"}, false},
		{[]string{"Bool"}, "aws:MultiFactorAuthPresent", []any{"true"}, []any{nil, "true", "false"}, false},
		{[]string{"IpAddress", "NotIpAddress"}, "aws:SourceIp", []any{"10.0.0.0/8", []any{"192.0.2.0/24", "203.0.113.7/32"}},
			[]any{nil, "10.1.2.3", "192.0.2.9", "203.0.113.7", "198.51.100.1"}, false},
		{[]string{"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"}, "aws:PrincipalArn",
			[]any{"arn:aws:iam::" + acctA + ":role/app", "arn:aws:iam::*:role/ap*", "arn:aws:iam::" + acctB + ":*"},
			[]any{nil, "arn:aws:iam::" + acctA + ":role/app", "arn:aws:iam::" + acctB + ":role/app"}, false},
		{[]string{"Null"}, "aws:PrincipalTag/team", []any{"true", "false"}, []any{nil, "dev"}, false},
	}
	for _, f := range families {
		for _, op := range f.ops {
			ops := []string{op}
			if !f.multi && op != "Null" {
				ops = append(ops, op+"IfExists")
			}
			for _, o := range ops {
				for _, v := range f.vals {
					for _, ctx := range f.ctxs {
						identityCond(fmt.Sprintf("condition %s %s=%v ctx=%v", o, f.key, v, ctx), o, f.key, v, ctx)
					}
				}
			}
		}
	}
	// Two conditions must both hold; two keys in one block too.
	for _, ctx := range []map[string]any{nil, {"aws:SourceIp": "10.0.0.1"}, {"aws:SourceIp": "10.0.0.1", "aws:SecureTransport": "true"}, {"aws:SecureTransport": "true"}} {
		add(&simCase{Name: fmt.Sprintf("two conditions ctx=%v", ctx), caller: me, Action: "s3:GetObject", Resource: object, ResourceAccount: acctA, Context: ctx,
			Identity: []obj{doc(obj{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": obj{
				"IpAddress": obj{"aws:SourceIp": "10.0.0.0/8"}, "Bool": obj{"aws:SecureTransport": "true"}}})}})
	}

	// NotAction and NotResource.
	actions := []struct{ action, resource string }{
		{"s3:GetObject", object}, {"s3:PutObject", "arn:aws:s3:::other/key"}, {"ec2:RunInstances", "arn:aws:ec2:us-east-1:" + acctA + ":instance/i-1"},
		{"iam:PassRole", "arn:aws:iam::" + acctA + ":role/admin"}, {"iam:CreatePolicyVersion", "arn:aws:iam::" + acctA + ":policy/p"},
	}
	stmts := []obj{
		{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": []any{"iam:*", "organizations:*"}, "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "NotResource": "*"},
		{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::bucket/*"},
		{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::other/*"},
		{"Effect": "Allow", "Action": []any{"s3:Get*", "IAM:pass*"}, "Resource": []any{"arn:aws:s3:::bucket/*", "arn:aws:iam::*:role/a*"}},
		{"Effect": "Allow", "Action": "s3:?etObject", "Resource": "arn:aws:s3:::b?cket/*"},
	}
	for i, s := range stmts {
		for _, a := range actions {
			add(&simCase{Name: fmt.Sprintf("not-elements %d %s", i, a.action), caller: me, Action: a.action, Resource: a.resource, ResourceAccount: acctA, Identity: []obj{doc(s)}})
		}
	}

	// Allow with Deny in the same policy.
	denies := []obj{
		{"Effect": "Deny", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "arn:aws:s3:::bucket/*"},
		{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"},
		{"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:s3:::bucket/*"},
		{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": obj{"Bool": obj{"aws:SecureTransport": "false"}}},
		{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": obj{"BoolIfExists": obj{"aws:SecureTransport": "false"}}},
		{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": obj{"StringNotEquals": obj{"aws:PrincipalTag/team": "dev"}}},
	}
	reqs := []struct {
		action, resource string
		ctx              map[string]any
	}{
		{"s3:GetObject", object, nil}, {"s3:DeleteObject", object, nil}, {"s3:GetObject", "arn:aws:s3:::other/k", nil},
		{"s3:GetObject", object, map[string]any{"aws:SecureTransport": "false"}}, {"s3:GetObject", object, map[string]any{"aws:SecureTransport": "true", "aws:PrincipalTag/team": "dev"}},
		{"ec2:DescribeInstances", "*", nil},
	}
	for i, d := range denies {
		for _, r := range reqs {
			add(&simCase{Name: fmt.Sprintf("allow-deny %d %s %s %v", i, r.action, r.resource, r.ctx), caller: me, Action: r.action, Resource: r.resource, ResourceAccount: acctA, Context: r.ctx,
				Identity: []obj{doc(obj{"Effect": "Allow", "Action": "*", "Resource": "*"}, d)}})
		}
	}

	// Principals of every kind in a bucket policy, and callers of every
	// kind: same account, a session, another account (whose identity
	// policy allows everything), anonymous, services.
	principals := []any{
		"*", obj{"AWS": "*"}, obj{"AWS": acctA}, obj{"AWS": "arn:aws:iam::" + acctB + ":root"}, obj{"AWS": "arn:aws:iam::" + acctA + ":role/app"},
		obj{"AWS": "arn:aws:iam::" + acctB + ":role/app"}, obj{"AWS": "arn:aws:iam::" + acctA + ":user/alice"},
		obj{"Service": "config.amazonaws.com"}, obj{"Service": []any{"cloudtrail.amazonaws.com", "config.amazonaws.com"}},
		obj{"AWS": []any{acctB, "arn:aws:iam::" + acctA + ":role/app"}},
	}
	callers := []policyeval.Caller{
		me, {Kind: policyeval.Session, ARN: "arn:aws:sts::" + acctA + ":assumed-role/app/s1", Account: acctA},
		{Kind: policyeval.User, ARN: "arn:aws:iam::" + acctA + ":user/alice", Account: acctA},
		role(acctB, "app"), {Kind: policyeval.Anonymous}, service("config.amazonaws.com"), service("cloudtrail.amazonaws.com"),
	}
	for i, pr := range principals {
		for _, c := range callers {
			for _, effect := range []string{"Allow"} {
				sc := &simCase{Name: fmt.Sprintf("principal %d %s %v", i, effect, c.ARN), caller: c, Action: "s3:GetObject", Resource: object, ResourceAccount: acctA,
					ResourcePolicy: doc(obj{"Effect": effect, "Principal": pr, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"})}
				if c.Kind != policyeval.Anonymous && c.Kind != policyeval.Service && c.Account != acctA {
					sc.Identity = []obj{allowAll}
				}
				add(sc)
			}
		}
	}
	// NotPrincipal with Deny: everyone but the named role is refused.
	for _, c := range callers[:4] {
		add(&simCase{Name: "deny notprincipal " + c.ARN, caller: c, Action: "s3:GetObject", Resource: object, ResourceAccount: acctA,
			Identity:       []obj{allowAll},
			ResourcePolicy: doc(obj{"Effect": "Deny", "NotPrincipal": obj{"AWS": []any{"arn:aws:iam::" + acctA + ":role/app", "arn:aws:sts::" + acctA + ":assumed-role/app/s1"}}, "Action": "s3:*", "Resource": "*"})})
	}

	// Confused deputy: the Config service delivering to a bucket, on
	// behalf of this account and of another account; and Principal "*"
	// with aws:PrincipalIsAWSService.
	configFor := func(acct string) map[string]any {
		return map[string]any{"aws:SourceAccount": acct, "aws:SourceArn": "arn:aws:config:us-east-1:" + acct + ":*", "aws:PrincipalIsAWSService": "true", "aws:PrincipalServiceName": "config.amazonaws.com"}
	}
	conds := []any{
		nil,
		obj{"StringEquals": obj{"aws:SourceAccount": acctA}},
		obj{"StringEquals": obj{"aws:SourceAccount": "*"}},
		obj{"StringLike": obj{"aws:SourceAccount": "*"}},
		obj{"StringEqualsIfExists": obj{"aws:SourceAccount": acctA}},
		obj{"ForAllValues:StringEquals": obj{"aws:SourceAccount": acctA}},
		obj{"ForAnyValue:StringEquals": obj{"aws:SourceAccount": acctA}},
		obj{"ArnLike": obj{"aws:SourceArn": "arn:aws:config:*:" + acctA + ":*"}},
		obj{"ArnLike": obj{"aws:SourceArn": "arn:aws:config:*:*:*"}},
		obj{"StringEquals": obj{"aws:SourceArn": "arn:aws:config:*:" + acctA + ":*"}},
		obj{"StringLike": obj{"aws:SourceArn": "arn:aws:config:*:" + acctA + ":*"}},
		obj{"StringEquals": obj{"aws:PrincipalOrgID": "o-aaaaaaaaaa"}},
		obj{"StringEquals": obj{"aws:SourceOrgID": "o-aaaaaaaaaa"}},
		obj{"StringEquals": obj{"aws:SourceAccount": acctA, "aws:SourceArn": "arn:aws:config:us-east-1:" + acctB + ":*"}},
		obj{"Bool": obj{"aws:PrincipalIsAWSService": "true"}},
		obj{"Null": obj{"aws:SourceAccount": "false"}},
	}
	for i, cond := range conds {
		for _, pr := range []any{obj{"Service": "config.amazonaws.com"}, "*"} {
			st := obj{"Effect": "Allow", "Principal": pr, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bucket/AWSLogs/*"}
			if cond != nil {
				st["Condition"] = cond
			}
			for _, on := range []string{acctA, acctB} {
				ctx := configFor(on)
				if on == acctA {
					ctx["aws:SourceOrgID"] = "o-aaaaaaaaaa"
				}
				add(&simCase{Name: fmt.Sprintf("deputy %d principal=%v config for %s", i, pr, on), caller: service("config.amazonaws.com"), Action: "s3:PutObject",
					Resource: "arn:aws:s3:::bucket/AWSLogs/" + on + "/Config/x", ResourceAccount: acctA, Context: ctx, ResourcePolicy: doc(st)})
			}
			// The same policy against an anonymous and a foreign caller.
			add(&simCase{Name: fmt.Sprintf("deputy %d principal=%v anonymous", i, pr), caller: policyeval.Caller{Kind: policyeval.Anonymous}, Action: "s3:PutObject",
				Resource: "arn:aws:s3:::bucket/AWSLogs/x", ResourceAccount: acctA, Context: map[string]any{"aws:PrincipalIsAWSService": "false"}, ResourcePolicy: doc(st)})
			add(&simCase{Name: fmt.Sprintf("deputy %d principal=%v role of B", i, pr), caller: role(acctB, "x"), Action: "s3:PutObject",
				Resource: "arn:aws:s3:::bucket/AWSLogs/x", ResourceAccount: acctA, Identity: []obj{allowAll},
				Context: map[string]any{"aws:PrincipalIsAWSService": "false", "aws:PrincipalAccount": acctB, "aws:PrincipalOrgID": "o-aaaaaaaaaa"}, ResourcePolicy: doc(st)})
		}
	}

	// Trust policies: sts:AssumeRole on the role, by services, roles of
	// this and another account.
	target := "arn:aws:iam::" + acctA + ":role/target"
	trusts := []obj{
		{"Effect": "Allow", "Principal": obj{"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": obj{"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": obj{"StringEquals": obj{"aws:SourceAccount": acctA}}},
		{"Effect": "Allow", "Principal": obj{"AWS": acctB}, "Action": "sts:AssumeRole", "Condition": obj{"StringEquals": obj{"sts:ExternalId": "x1"}}},
		{"Effect": "Allow", "Principal": obj{"AWS": acctA}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": obj{"AWS": "arn:aws:iam::" + acctA + ":role/app"}, "Action": "sts:*"},
		{"Effect": "Allow", "Principal": obj{"AWS": "*"}, "Action": "sts:AssumeRole"},
	}
	for i, tp := range trusts {
		for _, c := range []policyeval.Caller{service("config.amazonaws.com"), me, role(acctB, "ops")} {
			for _, withIdentity := range []bool{false, true} {
				if c.Kind == policyeval.Service && withIdentity {
					continue
				}
				for _, ctx := range []map[string]any{nil, {"sts:ExternalId": "x1", "aws:SourceAccount": acctA}} {
					sc := &simCase{Name: fmt.Sprintf("trust %d %s identity=%v ctx=%v", i, c.ARN, withIdentity, ctx), caller: c, Action: "sts:AssumeRole", Resource: target, ResourceAccount: acctA,
						Context: ctx, ResourcePolicy: doc(tp), trust: true}
					if withIdentity {
						sc.Identity = []obj{allowAll}
					}
					add(sc)
				}
			}
		}
	}

	// Key policies: the account root delegates to IAM policies.
	keyARN := "arn:aws:kms:us-east-1:" + acctA + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyPolicies := []obj{
		{"Effect": "Allow", "Principal": obj{"AWS": "arn:aws:iam::" + acctA + ":root"}, "Action": "kms:*", "Resource": "*"},
		{"Effect": "Allow", "Principal": obj{"AWS": "arn:aws:iam::" + acctA + ":role/app"}, "Action": "kms:Decrypt", "Resource": "*"},
		{"Effect": "Allow", "Principal": obj{"Service": "config.amazonaws.com"}, "Action": []any{"kms:Decrypt", "kms:GenerateDataKey"}, "Resource": "*"},
	}
	for i, kp := range keyPolicies {
		for _, c := range []policyeval.Caller{me, role(acctB, "app"), service("config.amazonaws.com")} {
			for _, withIdentity := range []bool{false, true} {
				if c.Kind == policyeval.Service && withIdentity {
					continue
				}
				sc := &simCase{Name: fmt.Sprintf("key %d %s identity=%v", i, c.ARN, withIdentity), caller: c, Action: "kms:Decrypt", Resource: keyARN, ResourceAccount: acctA,
					ResourcePolicy: doc(kp), key: true}
				if withIdentity {
					sc.Identity = []obj{allowAll}
				}
				add(sc)
			}
		}
	}

	// VPC endpoint policies narrow what the identity policy grants; AWS's
	// default endpoint policy (Principal "*", every action) grants nothing
	// by itself.
	endpoints := []obj{
		doc(obj{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}),
		doc(obj{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}),
		doc(obj{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": obj{"ArnEquals": obj{"aws:PrincipalArn": "arn:aws:iam::" + acctA + ":role/app"}}}),
		doc(obj{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": obj{"StringEquals": obj{"aws:PrincipalAccount": acctA}}}),
	}
	for i, ep := range endpoints {
		for _, ident := range [][]obj{nil, {allowAll}} {
			for _, r := range []struct{ action, resource string }{{"s3:GetObject", object}, {"s3:PutObject", object}, {"s3:GetObject", "arn:aws:s3:::other/k"}} {
				for _, c := range []policyeval.Caller{me, role(acctA, "other")} {
					add(&simCase{Name: fmt.Sprintf("endpoint %d identity=%d %s %s %s", i, len(ident), r.action, r.resource, c.ARN), caller: c, Action: r.action, Resource: r.resource, ResourceAccount: acctA,
						Context: map[string]any{"aws:PrincipalAccount": acctA, "aws:PrincipalArn": c.ARN}, Identity: ident, Endpoint: ep})
				}
			}
		}
	}

	// Organization policies: an SCP that denies, one that allows only
	// some services; an RCP that requires TLS.
	scps := [][]obj{
		{doc(obj{"Effect": "Allow", "Action": "*", "Resource": "*"}, obj{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})},
		{doc(obj{"Effect": "Allow", "Action": []any{"s3:*", "ec2:*"}, "Resource": "*"})},
	}
	rcp := doc(obj{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": obj{"BoolIfExists": obj{"aws:SecureTransport": "false"}}})
	for i, scp := range scps {
		for _, a := range []string{"s3:DeleteBucket", "s3:GetObject", "iam:CreateUser"} {
			for _, ctx := range []map[string]any{nil, {"aws:SecureTransport": "false"}} {
				res := object
				switch a {
				case "s3:DeleteBucket":
					res = "arn:aws:s3:::bucket"
				case "iam:CreateUser":
					res = "arn:aws:iam::" + acctA + ":user/u"
				}
				add(&simCase{Name: fmt.Sprintf("org scp %d %s ctx=%v", i, a, ctx), caller: me, Action: a, Resource: res, ResourceAccount: acctA, Context: ctx,
					Identity: []obj{allowAll}, SCP: scp, RCP: []obj{rcp}})
			}
		}
	}
	return out
}

// toPolicy reads a generated document through configward's own policy
// reader, as a scan would.
func toPolicy(t *testing.T, d obj, kind model.PolicyKind) *model.Policy {
	t.Helper()
	if d == nil {
		return nil
	}
	b, _ := json.Marshal(d)
	v, diags := jsonvalue.Parse("case.json", b)
	if v == nil {
		t.Fatalf("case policy: %v", diags)
	}
	p, _ := iampolicy.FromValue(v, kind, nil, "")
	return p
}

func policies(t *testing.T, ds []obj, kind model.PolicyKind) []*model.Policy {
	var out []*model.Policy
	for _, d := range ds {
		out = append(out, toPolicy(t, d, kind))
	}
	return out
}

func contextOf(m map[string]any) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[strings.ToLower(k)] = []string{v}
		case []any:
			var vs []string
			for _, x := range v {
				vs = append(vs, fmt.Sprint(x))
			}
			out[strings.ToLower(k)] = vs
		}
	}
	return out
}

// core answers a case with configward's evaluation core.
func core(t *testing.T, c *simCase) policyeval.Decision {
	kind := model.ResourcePolicy
	if c.trust {
		kind = model.TrustPolicy
	}
	in := policyeval.Inputs{
		Identity:        policies(t, c.Identity, model.IdentityPolicy),
		Resource:        toPolicy(t, c.ResourcePolicy, kind),
		SCP:             policies(t, c.SCP, model.IdentityPolicy),
		RCP:             policies(t, c.RCP, model.ResourcePolicy),
		ResourceAccount: c.ResourceAccount,
		KeyPolicy:       c.key,
	}
	if c.Endpoint != nil {
		in.Endpoint = []*model.Policy{toPolicy(t, c.Endpoint, model.EndpointPolicy)}
	}
	return policyeval.Decide(in, policyeval.Request{Caller: c.caller, Action: c.Action, Resource: c.Resource, Context: contextOf(c.Context)})
}

// knownDifference is a case where the simulator departs from the AWS
// documentation, with the documentation's words.
type knownDifference struct {
	Case string `json:"case"`
	// Documented is the answer the AWS documentation gives: "Allowed" or
	// "Denied".
	Documented string `json:"documented"`
	Quote      string `json:"quote"`
	Source     string `json:"source"`
}

func TestSimulatorAgreement(t *testing.T) {
	dir, err := filepath.Abs("../../../testdata/iamsim")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not installed; .ci/run must install it for the IAM simulator oracle")
		}
		t.Skip("node is not installed: the IAM simulator oracle needs node and `npm ci` in testdata/iamsim")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@cloud-copilot", "iam-simulate")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("@cloud-copilot/iam-simulate is not installed; .ci/run runs `npm ci` in testdata/iamsim")
		}
		t.Skip("@cloud-copilot/iam-simulate is not installed: run `npm ci` in testdata/iamsim")
	}
	cases := generate()
	if len(cases) < 500 {
		t.Fatalf("only %d cases; the oracle needs at least 500", len(cases))
	}
	in := filepath.Join(t.TempDir(), "cases.json")
	b, _ := json.Marshal(cases)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(dir, "simulate.mjs"), in)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("simulator: %v", err)
	}
	var results []string
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(cases) {
		t.Fatalf("simulator output: %v (%d results for %d cases)", err, len(results), len(cases))
	}
	known := map[string]knownDifference{}
	kb, err := os.ReadFile(filepath.Join(dir, "known-differences.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []knownDifference
	if err := json.Unmarshal(kb, &list); err != nil {
		t.Fatal(err)
	}
	for _, k := range list {
		known[k.Case] = k
	}
	seen := map[string]bool{}
	agree := 0
	for i, c := range cases {
		got := core(t, c)
		sim := results[i]
		if strings.HasPrefix(sim, "error") {
			t.Errorf("%s: the simulator rejected the case: %s", c.Name, sim)
			continue
		}
		if got == policyeval.Undecided {
			t.Errorf("%s: the core is undecided on a fully known case", c.Name)
			continue
		}
		coreAllowed, simAllowed := got == policyeval.Allowed, sim == "Allowed"
		if k, ok := known[c.Name]; ok {
			seen[c.Name] = true
			if coreAllowed == simAllowed {
				t.Errorf("%s: listed as a known difference, but the simulator now agrees (%s): remove it", c.Name, sim)
			}
			if (k.Documented == "Allowed") != coreAllowed {
				t.Errorf("%s: the core says %s, the documentation %s", c.Name, got, k.Documented)
			}
			continue
		}
		if coreAllowed != simAllowed {
			t.Errorf("%s: core %s, simulator %s", c.Name, got, sim)
			continue
		}
		agree++
	}
	for name := range known {
		if !seen[name] {
			t.Errorf("known difference %q names no generated case", name)
		}
	}
	t.Logf("%d cases, %d agree, %d known differences", len(cases), agree, len(seen))
}
