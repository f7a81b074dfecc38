package rules

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW604.md
var docCW604 string

// ConfigEndpointPrivateDNSOff reports interface VPC endpoints for AWS
// Config without private DNS.
var ConfigEndpointPrivateDNSOff = &analyzer.Rule{
	ID:        "CW604",
	Name:      "config-endpoint-private-dns-off",
	Title:     "AWS Config interface endpoint without private DNS",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"network", "vpc-endpoint", "aws-config"},
	Precision: "very-high",
	Doc:       docCW604,
	Run: func(pass *analyzer.Pass) error {
		for _, ep := range pass.Unit.Entities.VPCEndpoints {
			if !configInterfaceEndpoint(ep) || ep.PrivateDNS.IsUnknown() {
				continue
			}
			if on, ok := ep.PrivateDNS.AsBool(); ok && on {
				continue
			}
			reportProp(pass, ep.Resource, ep.PrivateDNS, analyzer.None,
				"AWS Config interface endpoint "+quote(ep.Address)+" does not enable private DNS ("+ep.PrivateDNS.Name+"), so calls to the public AWS Config endpoint name do not use it")
		}
		return nil
	},
}

// configServiceName matches the AWS Config endpoint service, with the region
// written or left to an expression ("*" in a value's Glob).
var configServiceName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(cn\.)?com\.amazonaws\.(\*|[a-z]{2}(-[a-z]+)+-\d)\.config$`)
})

// configInterfaceEndpoint reports whether ep is known to be an interface
// endpoint for AWS Config.
func configInterfaceEndpoint(ep *model.VPCEndpoint) bool {
	name, ok := ep.ServiceName.AsString()
	if !ok && ep.ServiceName.IsUnknown() {
		name, ok = ep.ServiceName.Glob, ep.ServiceName.Glob != ""
	}
	if !ok || !configServiceName().MatchString(name) {
		return false
	}
	typ, ok := ep.Type.AsString()
	return ok && strings.EqualFold(typ, "Interface")
}
