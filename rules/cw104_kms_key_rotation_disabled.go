package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW104.md
var docCW104 string

// KMSKeyRotationDisabled reports symmetric customer managed KMS keys with
// AWS-generated key material that do not rotate automatically.
var KMSKeyRotationDisabled = &analyzer.Rule{
	ID:        "CW104",
	Name:      "kms-key-rotation-disabled",
	Title:     "KMS key without automatic rotation",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "kms", "aws-config"},
	Precision: "very-high",
	Doc:       docCW104,
	Run: func(pass *analyzer.Pass) error {
		for _, k := range pass.Unit.Entities.Keys {
			if !rotatable(k) {
				continue
			}
			rot := k.Rotation
			if rot.IsUnknown() {
				continue
			}
			if on, ok := rot.AsBool(); ok && on {
				continue
			}
			if !rot.Absent() {
				if _, ok := rot.AsBool(); !ok && !knownEmpty(rot) {
					continue // not a boolean: leave it to the deployment
				}
			}
			why := ""
			if chs := configpath.ChannelsUsingKey(pass.Unit, k); len(chs) > 0 {
				why = " (" + configpath.Because("delivery key", chs[0]) + ")"
			}
			pass.Report(withFix(propFinding(k.Resource, rot, analyzer.None,
				"KMS key "+quote(k.Address)+" does not rotate its key material automatically ("+rot.Name+" is not true)"+why),
				fixes.Set(pass.Unit, k.Resource, "Turn on automatic key rotation", fixes.Setting{Prop: rot, Value: true})))
		}
		return nil
	},
}

// rotatable reports whether automatic rotation applies to the key: a
// symmetric encryption key (the default spec) whose material AWS KMS
// generated in its own key store. Unknown spec or origin: not decided.
func rotatable(k *model.Key) bool {
	if !k.Spec.Absent() {
		s, ok := k.Spec.AsString()
		if !ok || !strings.EqualFold(s, "SYMMETRIC_DEFAULT") {
			return false
		}
	}
	if !k.Origin.Absent() {
		s, ok := k.Origin.AsString()
		if !ok || !strings.EqualFold(s, "AWS_KMS") {
			return false
		}
	}
	return knownEmpty(k.CustomKeyStore)
}
