package checker

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/configward/configward/analyzer"
)

// fingerprint identifies a finding across runs from the rule, the file
// (relative to the repository root; for Terraform the module directory, so
// a resource may move between files of its module), the resource address
// inside its module (the same whichever calls instantiate it) and the
// property path. Never the message: rewording it breaks no baseline. Lines
// are left out so that findings survive code moving.
func fingerprint(f *analyzer.Finding, repoPath string) string {
	parts := [...]string{f.RuleID, fingerprintFile(repoPath), f.LocalAddress(), propertyPath(f)}
	b := make([]byte, 0, 128)
	for i, part := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, part...)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// fingerprintFile is the file part of a fingerprint: a Terraform source
// file's module directory, any other file itself.
func fingerprintFile(repoPath string) string {
	if isTerraformFile(path.Base(repoPath)) {
		return path.Dir(repoPath)
	}
	return repoPath
}

// propertyPath is the property a finding is about; "" for a finding about
// the whole resource. Every path a fingerprint uses comes from here.
func propertyPath(f *analyzer.Finding) string {
	return f.Property
}

// dedupeFingerprints makes fingerprints unique by numbering repeats in
// order of place, so two findings never share one (two findings of one
// rule about one resource as a whole). The order leaves the message out.
func dedupeFingerprints(fs []*analyzer.Finding) {
	slices.SortStableFunc(fs, func(a, b *analyzer.Finding) int {
		return cmp.Or(compareRange(a.Range, b.Range),
			cmp.Compare(a.Range.End.Line, b.Range.End.Line), cmp.Compare(a.Range.End.Column, b.Range.End.Column),
			strings.Compare(a.RuleID, b.RuleID), strings.Compare(a.Property, b.Property))
	})
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
