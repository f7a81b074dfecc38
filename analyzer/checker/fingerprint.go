package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/configward/configward/analyzer"
)

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
