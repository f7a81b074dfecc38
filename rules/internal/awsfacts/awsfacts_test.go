package awsfacts_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/configward/configward/rules/internal/awsfacts"
)

// Edge case 20: service-linked roles are recognized by their path.
func TestServiceLinkedRolePath(t *testing.T) {
	for _, s := range []string{"/aws-service-role/config.amazonaws.com/", "role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", "arn:aws:iam::1:role/aws-service-role/x/y"} {
		if !awsfacts.IsServiceLinkedRolePath(s) {
			t.Errorf("%q not recognized as a service-linked role", s)
		}
	}
	for _, s := range []string{"/", "/service-role/", "role/ConfigRole"} {
		if awsfacts.IsServiceLinkedRolePath(s) {
			t.Errorf("%q taken for a service-linked role", s)
		}
	}
}

func TestAwsFacts(t *testing.T) {
	tests := []struct {
		p                       string
		service, config, exempt bool
		normalized              string
	}{
		{"config.amazonaws.com", true, true, false, "config.amazonaws.com"},
		// Edge case 2: service principals are case-sensitive.
		{"Config.AmazonAWS.com", false, false, false, "Config.AmazonAWS.com"},
		{"config.amazonaws.com.cn", true, true, false, "config.amazonaws.com"},
		{"states.us-east-1.amazonaws.com", true, false, false, "states.amazonaws.com"},
		{"ec2.amazonaws.com", true, false, true, "ec2.amazonaws.com"},
		{"lambda.amazonaws.com", true, false, true, "lambda.amazonaws.com"},
		{"ecs-tasks.amazonaws.com", true, false, true, "ecs-tasks.amazonaws.com"},
		{"arn:aws:iam::1:root", false, false, false, "arn:aws:iam::1:root"},
		{"*", false, false, false, "*"},
	}
	for _, tt := range tests {
		if got := awsfacts.IsServicePrincipal(tt.p); got != tt.service {
			t.Errorf("IsServicePrincipal(%q) = %v", tt.p, got)
		}
		if got := awsfacts.IsConfigPrincipal(tt.p); got != tt.config {
			t.Errorf("IsConfigPrincipal(%q) = %v", tt.p, got)
		}
		if got := awsfacts.IsTrustExempt(tt.p); got != tt.exempt {
			t.Errorf("IsTrustExempt(%q) = %v", tt.p, got)
		}
		if got := awsfacts.NormalizePrincipal(tt.p); got != tt.normalized {
			t.Errorf("NormalizePrincipal(%q) = %q", tt.p, got)
		}
	}
	for _, list := range [][]awsfacts.Fact{awsfacts.TrustScopable, awsfacts.TrustExempt, awsfacts.ResourceScopable, awsfacts.ResourceExempt} {
		for _, f := range list {
			if f.Source == "" || awsfacts.NormalizePrincipal(f.Principal) != f.Principal {
				t.Errorf("entry %+v: needs a source and a normalized principal", f)
			}
		}
	}
	for _, f := range awsfacts.TrustScopable {
		if awsfacts.IsTrustExempt(f.Principal) {
			t.Errorf("%s is both scopable and exempt", f.Principal)
		}
	}
}

// TestNormalizeRegional holds NormalizePrincipal to the pattern it used to
// be, on regional spellings, near misses and mutations of each.
func TestNormalizeRegional(t *testing.T) {
	pattern := regexp.MustCompile(`^([a-z0-9-]+(?:\.[a-z0-9-]+)*?)\.([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d)\.amazonaws\.com(\.cn)?$`)
	want := func(p string) string {
		p = strings.TrimSpace(p)
		if m := pattern.FindStringSubmatch(p); m != nil {
			return m[1] + ".amazonaws.com"
		}
		return strings.TrimSuffix(p, ".cn")
	}
	seeds := []string{
		"states.us-east-1.amazonaws.com", "logs.eu-west-1.amazonaws.com.cn", "a.b-c.us-gov-west-1.amazonaws.com",
		"x.us-isob-east-1.amazonaws.com", "x.us-iso-east-1.amazonaws.com", "x.us-isoeast-1.amazonaws.com",
		"x.cn-north-1.amazonaws.com.cn", "x.us-east-12.amazonaws.com", "x.u-east-1.amazonaws.com", "x.use-east-1.amazonaws.com",
		".us-east-1.amazonaws.com", "a..b.us-east-1.amazonaws.com", "A.us-east-1.amazonaws.com", "x.us-East-1.amazonaws.com",
		"x.us-gov-1.amazonaws.com", "x.us-gov-west-east-1.amazonaws.com", "x.us-isoB-east-1.amazonaws.com",
		"x.us-east-1.amazonaws.com.cn.cn", " x.us-east-1.amazonaws.com ", "us-east-1.amazonaws.com", "x_y.us-east-1.amazonaws.com",
		"config.amazonaws.com", "config.amazonaws.com.cn", "x.us--1.amazonaws.com", "x.us-a-b.amazonaws.com",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := "ab.-1_Xuseo"
	for _, s := range seeds {
		cases := []string{s}
		for range 200 {
			b := []byte(s)
			i := rng.IntN(len(b))
			switch rng.IntN(3) {
			case 0:
				b[i] = alphabet[rng.IntN(len(alphabet))]
			case 1:
				b = append(b[:i], b[i+1:]...)
			default:
				b = append(b[:i], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[i:]...)...)
			}
			cases = append(cases, string(b))
		}
		for _, p := range cases {
			if got, w := awsfacts.NormalizePrincipal(p), want(p); got != w {
				t.Errorf("NormalizePrincipal(%q) = %q, the pattern gives %q", p, got, w)
			}
		}
	}
}
