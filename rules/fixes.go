package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// Fixes are stated on the model (analyzer.Fix); package analyzer/fix
// spells them in the file. A fix is offered only where the change is
// certain to be the one the finding asks for and needs no choice the user
// must make.

// setFix sets property p of the entity whose resource is own to v: the
// value replaced where it is written, else the missing keys added under
// the deepest one that exists. Nil when that cannot be done safely: an
// unknown value, a value read through a reference (a parameter, a
// variable) whose change would reach other users, or a setting Terraform
// keeps in a separate resource (the rule adds that resource itself).
func setFix(desc string, own *model.Resource, p *model.Property, v analyzer.FixValue) *analyzer.Fix {
	if own == nil || p == nil || p.IsUnknown() || strings.Contains(own.Address, "[") {
		return nil
	}
	holder := p.Holder
	if holder == nil {
		holder = own
	}
	if !p.Absent() {
		r := p.Value.Range
		if r.IsZero() || r.Filename != holder.DefRange.Filename || r.Start.Byte <= holder.DefRange.Start.Byte {
			return nil
		}
		return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Replace: r, Value: v}}}
	}
	if holder != own || own.DefRange.IsZero() {
		return nil
	}
	steps := strings.Split(p.Name, ".")
	if own.Body == nil || strings.HasPrefix(own.Type, "aws_") {
		// Terraform: the block and path; CloudFormation without
		// Properties: the logical id.
		if !strings.HasPrefix(own.Type, "aws_") {
			steps = append([]string{"Properties"}, steps...)
		} else if strings.HasPrefix(p.Name, "aws_") {
			return nil // a separate resource
		}
		return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: own.DefRange, Path: steps, Value: v}}}
	}
	cur := own.Body
	for i, step := range steps {
		if cur.Kind != model.Object || cur.Range.IsZero() {
			return nil
		}
		f := cur.Field(step)
		if f == nil {
			return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: cur.Range, AtValue: true, Path: steps[i:], Value: v}}}
		}
		cur = f.Value
		if cur == nil {
			return nil
		}
	}
	return nil
}

// addBlockFix adds a Terraform resource of type typ, named as the
// entity's resource own, after it: the separate resource that holds a
// setting (aws_s3_bucket_versioning). body is its content after the
// argument that names the entity (attr = own's address + "." + ref).
// Nil when own is not a plain Terraform resource or the name is taken.
func addBlockFix(desc string, u *model.Unit, own *model.Resource, typ, attr, ref, body string) *analyzer.Fix {
	if own == nil || !strings.HasPrefix(own.Type, "aws_") || strings.Contains(own.Address, "[") || own.Name == "" {
		return nil
	}
	for _, r := range u.Resources {
		if r.Type == typ && r.Name == own.Name && r.DefRange.Filename == own.DefRange.Filename {
			return nil
		}
	}
	text := "resource \"" + typ + "\" \"" + own.Name + "\" {\n  " + attr + " = " + own.Type + "." + own.Name + "." + ref + "\n"
	if body != "" {
		text += "\n" + body
	}
	text += "}\n"
	return &analyzer.Fix{Description: desc, Changes: []analyzer.Change{{Anchor: own.DefRange, Block: text}}}
}

// withFix returns f with fix attached (nil leaves it without).
func withFix(f analyzer.Finding, fix *analyzer.Fix) analyzer.Finding {
	f.Fix = fix
	return f
}
