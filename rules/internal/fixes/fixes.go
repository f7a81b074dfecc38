// Package fixes states the fixes of rules on entity properties: a rule
// says which property should hold which value, and this package finds,
// through the entity's table (parsers/model/tables.go), where the unit's
// format keeps it: the value where it is written, the keys to add under
// the deepest one that exists, or (Terraform) the separate resource that
// holds it, added after the entity's own. Package analyzer/fix spells the
// result in the file.
package fixes

import (
	"path"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// Setting is one property and the value it should hold.
type Setting struct {
	Prop  *model.Property
	Value analyzer.FixValue
}

// Set is the fix that gives every setting its value on the entity whose
// resource is own; settings that already hold it are left alone. It is
// nil when any setting cannot be written safely: its value is unknown,
// read through a reference or converted from another setting (a
// parameter, a variable, Terraform's legacy versioning flag), or a
// separate resource that may already hold it cannot be told. A resource of
// several instances (count, for_each) is fixed in its block, for every
// instance (the findings of the instances merge into one edit); a separate
// resource added for it has as many instances (see self). A resource in a
// local module is fixed in the module's file, once however often the
// module is called.
func Set(u *model.Unit, own *model.Resource, desc string, settings ...Setting) *analyzer.Fix {
	return SetAfter(u, own, desc, nil, settings...)
}

// SetAfter is Set, a Terraform resource it adds depending on the
// resources after (a recorder status on the delivery channel: AWS starts
// a recorder only once a channel exists).
func SetAfter(u *model.Unit, own *model.Resource, desc string, after []*model.Resource, settings ...Setting) *analyzer.Fix {
	if own == nil || own.DefRange.IsZero() || strings.HasSuffix(own.DefRange.Filename, ".json") && u.Format == model.Terraform {
		return nil // a plan JSON
	}
	table := model.TableFor(u.Format, own.Type)
	if table == nil {
		return nil
	}
	fix := &analyzer.Fix{Description: desc}
	for _, s := range settings {
		p := s.Prop
		if p == nil || p.IsUnknown() {
			return nil
		}
		if holds(p, s.Value) {
			continue
		}
		places := table.Places(p.Path, u.Format)
		if len(places) == 0 {
			return nil
		}
		var c *analyzer.Change
		switch {
		case !p.Absent():
			c = replace(p, places, s.Value)
		case u.Format == model.Terraform:
			c = terraformSet(u, table, own, places, s.Value, after)
		default:
			c = templateSet(own, places[0].Path, s.Value)
		}
		if c == nil {
			return nil
		}
		fix.Changes = append(fix.Changes, *c)
	}
	if len(fix.Changes) == 0 {
		return nil
	}
	return fix
}

// holds reports whether p already holds the scalar v.
func holds(p *model.Property, v analyzer.FixValue) bool {
	switch v := v.(type) {
	case bool:
		b, ok := p.AsBool()
		return ok && b == v
	case string:
		s, ok := p.AsString()
		return ok && s == v
	}
	return false
}

// replace writes v where p's value is written, when p was read as
// written in its holder (not converted from another setting).
func replace(p *model.Property, places []model.Loc, v analyzer.FixValue) *analyzer.Change {
	holder := p.Holder
	if holder == nil {
		return nil
	}
	var loc *model.Loc
	for i := range places {
		l := &places[i]
		if l.Type != "" && l.Type == holder.Type || l.Type == "" && l.Path == p.Name {
			loc = l
			break
		}
	}
	if loc == nil || loc.Conv != nil {
		return nil
	}
	r := p.Value.Range
	if r.IsZero() || r.Filename != holder.DefRange.Filename || r.Start.Byte <= holder.DefRange.Start.Byte {
		return nil // written elsewhere: a parameter's default, a variable
	}
	return &analyzer.Change{Replace: r, Value: v}
}

// templateSet adds the keys of path under the deepest one the resource
// has (CloudFormation): its Properties, or its logical id when it has
// none.
func templateSet(own *model.Resource, path string, v analyzer.FixValue) *analyzer.Change {
	steps := strings.Split(path, ".")
	if own.Body == nil {
		return &analyzer.Change{Anchor: own.DefRange, Path: append([]string{"Properties"}, steps...), Value: v}
	}
	cur := own.Body
	for i, step := range steps {
		if cur == nil || cur.Kind != model.Object || cur.Range.IsZero() {
			return nil
		}
		f := cur.Field(step)
		if f == nil {
			return &analyzer.Change{Anchor: cur.Range, AtValue: true, Path: steps[i:], Value: v}
		}
		cur = f.Value
	}
	return nil
}

// terraformSet writes v in the separate resource that holds the setting
// when the format has one (the one of the entity, or a new one), else in
// the entity's own block.
func terraformSet(u *model.Unit, table model.Spelling, own *model.Resource, places []model.Loc, v analyzer.FixValue, after []*model.Resource) *analyzer.Change {
	var split *model.Loc
	for i := range places {
		if places[i].Type != "" {
			split = &places[i]
		}
	}
	if split == nil {
		return &analyzer.Change{Anchor: own.DefRange, Path: strings.Split(places[0].Path, "."), Value: v}
	}
	attr := table.PartAttr(split.Type)
	if attr == "" || own.Name == "" {
		return nil
	}
	part, known := partOf(u, own, split.Type, attr)
	if !known {
		return nil
	}
	path := strings.Split(split.Path, ".")
	if part != nil {
		if strings.Contains(part.Address, "[") {
			return nil
		}
		return &analyzer.Change{Anchor: part.DefRange, Path: path, Value: v}
	}
	ref, meta, ok := self(own)
	if !ok {
		return nil
	}
	body := append(meta, analyzer.FixMember{Key: attr, Value: analyzer.FixExpr{HCL: ref + ".id"}})
	body = append(body, nest(path, v)...)
	var deps []string
	for _, r := range after {
		if r != nil && !strings.Contains(r.Address, "[") && len(r.Calls) == len(own.Calls) {
			deps = append(deps, r.Type+"."+r.Name)
		}
	}
	if len(deps) > 0 {
		body = append(body, analyzer.FixMember{Key: "depends_on", Value: analyzer.FixExpr{HCL: "[" + strings.Join(deps, ", ") + "]"}})
	}
	return &analyzer.Change{Anchor: own.DefRange, Block: &analyzer.FixBlock{Type: "resource", Labels: []string{split.Type, own.Name}, Body: body, Free: moduleFiles(u, own)}}
}

// moduleFiles are the Terraform files of the module that declares r.
func moduleFiles(u *model.Unit, r *model.Resource) []string {
	dir := path.Dir(r.DefRange.Filename)
	var out []string
	for _, f := range u.Files {
		if path.Dir(f) == dir && (strings.HasSuffix(f, ".tf") || strings.HasSuffix(f, ".tf.json")) {
			out = append(out, f)
		}
	}
	return out
}

// nest is v at path as nested members.
func nest(path []string, v analyzer.FixValue) analyzer.FixObject {
	if len(path) == 1 {
		return analyzer.FixObject{{Key: path[0], Value: v}}
	}
	return analyzer.FixObject{{Key: path[0], Value: nest(path[1:], v)}}
}

// partOf finds the separate resource of type typ of the unit that names
// own (by a reference in attr): nil when there is none, and known false
// when one may name it but cannot be told (a literal name, an unknown).
// A new resource is named as own, so that name must be free too.
func partOf(u *model.Unit, own *model.Resource, typ, attr string) (part *model.Resource, known bool) {
	for _, r := range u.Resources {
		if r.Type != typ || len(r.Calls) != len(own.Calls) {
			continue
		}
		f := r.Body.Field(attr)
		switch {
		case f != nil && f.Value != nil && f.Value.Ref != nil && f.Value.Ref.Target == own.Address:
			return r, true
		case f != nil && f.Value != nil && f.Value.Ref != nil && r.Name != own.Name:
			continue // another entity's
		}
		return nil, false
	}
	return nil, true
}

// ThisAccount is the id of the deploying account as the unit's format
// spells it: `!Sub "${AWS::AccountId}"` in a template, and in Terraform
// the account_id of the module's aws_caller_identity data source, with
// the change that declares one (data.aws_caller_identity.current, after
// the module's first resource, so that every fix of the module adds the
// same one) when the module has none. ok is false where it cannot be
// told (a resource inside a called module).
func ThisAccount(u *model.Unit, own *model.Resource) (v analyzer.FixValue, declare *analyzer.Change, ok bool) {
	if u.Format == model.CloudFormation {
		return analyzer.FixExpr{YAML: `!Sub "${AWS::AccountId}"`, JSON: `{"Fn::Sub": "${AWS::AccountId}"}`}, nil, true
	}
	if u.Format != model.Terraform || own == nil || len(own.Calls) > 0 {
		return nil, nil, false
	}
	var first *model.Resource
	for _, r := range u.Resources {
		if len(r.Calls) > 0 || r.DefRange.IsZero() || strings.HasSuffix(r.DefRange.Filename, ".json") {
			continue
		}
		if r.Type == "data.aws_caller_identity" {
			if strings.Contains(r.Address, "[") {
				return nil, nil, false
			}
			return terraformExpr("data.aws_caller_identity." + r.Name + ".account_id"), nil, true
		}
		if first == nil || before(r.DefRange, first.DefRange) {
			first = r
		}
	}
	if first == nil {
		return nil, nil, false
	}
	return terraformExpr("data.aws_caller_identity.current.account_id"),
		&analyzer.Change{Anchor: first.DefRange, Block: &analyzer.FixBlock{Type: "data", Labels: []string{"aws_caller_identity", "current"}, Free: moduleFiles(u, first)}}, true
}

func before(a, b model.Range) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	return a.Start.Byte < b.Start.Byte
}

// terraformExpr spells a Terraform reference: as itself in HCL, and as an
// interpolated string in JSON, which in a .tf file is a heredoc template.
func terraformExpr(ref string) analyzer.FixExpr {
	return analyzer.FixExpr{HCL: ref, JSON: `"${` + ref + `}"`}
}
