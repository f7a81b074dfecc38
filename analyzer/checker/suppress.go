package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// SuppressionRuleID is the rule that checks suppressions themselves; the
// checker runs it after the unit's other rules, with their findings.
const SuppressionRuleID = "CW002"

// applySuppressions marks the findings that an in-source directive of the
// unit covers.
func applySuppressions(unit *model.Unit, findings []*analyzer.Finding) {
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		for _, s := range unit.Suppressions {
			if analyzer.SuppressionMatches(s, f) {
				f.Suppression = &analyzer.Suppression{Kind: "inSource", Justification: s.Reason}
				break
			}
		}
	}
}

// fingerprint identifies a finding across runs: rule, unit (the template or
// policy file, or the Terraform module directory, so a resource may move
// between files of a module), resource address and property path. Lines are
// left out so that findings survive code moving.
func fingerprint(f *analyzer.Finding, unitPath string) string {
	what := f.Property
	if what == "" {
		what = f.Message
	}
	b := make([]byte, 0, len(f.RuleID)+len(unitPath)+len(f.Resource)+len(what)+3)
	for i, part := range [...]string{f.RuleID, unitPath, f.Resource, what} {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, part...)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// dedupeFingerprints makes fingerprints unique by numbering repeats in
// output order, so two findings never share one.
func dedupeFingerprints(fs []*analyzer.Finding) {
	sortFindings(fs)
	seen := map[string]int{}
	for _, f := range fs {
		n := seen[f.Fingerprint]
		seen[f.Fingerprint] = n + 1
		if n > 0 {
			h := sha256.Sum256(fmt.Appendf(nil, "%s#%d", f.Fingerprint, n))
			f.Fingerprint = hex.EncodeToString(h[:16])
		}
	}
}
