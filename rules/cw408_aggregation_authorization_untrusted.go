package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW408.md
var docCW408 string

// AggregationAuthorizationUntrusted reports aggregation authorizations for
// an account that is not listed in trusted-accounts of .configward.yml. It
// reports nothing while that list is not set.
var AggregationAuthorizationUntrusted = &analyzer.Rule{
	ID:        "CW408",
	Name:      "aggregation-authorization-untrusted",
	Title:     "AWS Config data shared with an untrusted aggregator account",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "data-sharing"},
	Precision: "very-high",
	Doc:       docCW408,
	Run:       runAggregationAuthorizationUntrusted,
}

func runAggregationAuthorizationUntrusted(pass *analyzer.Pass) error {
	if pass.Config == nil || len(pass.Config.TrustedAccounts) == 0 {
		return nil
	}
	trusted := map[string]bool{}
	for _, a := range pass.Config.TrustedAccounts {
		trusted[normalizeAccount(a)] = true
	}
	for _, auth := range pass.Unit.Entities.AggregationAuthorizations {
		id, ok := auth.AccountID.AsString()
		if !ok || auth.AccountID.IsUnknown() {
			continue
		}
		if trusted[normalizeAccount(id)] {
			continue
		}
		reportProp(pass, auth.Resource, auth.AccountID, analyzer.None,
			"aggregation authorization "+quote(auth.Address)+" lets account "+normalizeAccount(id)+", which is not in trusted-accounts, aggregate this account's AWS Config data")
	}
	return nil
}

// normalizeAccount writes an account id as 12 digits: YAML and JSON may
// carry it as a number that lost its leading zeros (research edge case 11).
func normalizeAccount(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && len(s) < 12 && strings.Trim(s, "0123456789") == "" {
		s = strings.Repeat("0", 12-len(s)) + s
	}
	return s
}
