// Package iampolicy reads IAM policy documents into the model's normalized
// Policy type: from raw JSON files and AWS CLI output, and, through FromValue,
// from the value trees of CloudFormation and Terraform.
package iampolicy

import "github.com/configward/configward/parsers/model"

// FromValue normalizes a policy document given as a value tree (a
// CloudFormation object, a parsed JSON string, a Terraform jsonencode
// argument). Unknown parts stay unknown with their ranges.
func FromValue(doc *model.Value, kind model.PolicyKind, owner *model.Resource, property string) (*model.Policy, []model.Diagnostic) {
	panic("TODO")
}

// ParseFile reads a raw policy file or AWS CLI output. ok is false when the
// file is not a policy at all (the checker then skips it silently).
func ParseFile(path string, src []byte) (unit *model.Unit, ok bool) {
	panic("TODO")
}
