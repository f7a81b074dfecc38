// Package trails reads CloudTrail event selectors into the model for both
// format adapters: the shapes are the same in CloudFormation and Terraform,
// only the property names differ.
package trails

import "github.com/configward/configward/parsers/model"

// Keys spells the selector properties of one format.
type Keys struct {
	IncludeManagementEvents, ReadWriteType string
	DataResources, Type, Values            string
	FieldSelectors, Field                  string
	Equals, NotEquals, StartsWith          string
}

// CloudFormation and Terraform are the two spellings.
var (
	CloudFormation = Keys{"IncludeManagementEvents", "ReadWriteType", "DataResources", "Type", "Values",
		"FieldSelectors", "Field", "Equals", "NotEquals", "StartsWith"}
	Terraform = Keys{"include_management_events", "read_write_type", "data_resource", "type", "values",
		"field_selector", "field", "equals", "not_equals", "starts_with"}
)

// Selectors reads a trail's basic and advanced event selectors; their
// settings come from the selector tables (model.TrailSelectorTable,
// model.AdvancedFieldTable).
func Selectors(t *model.Trail, basic, advanced *model.Value, k Keys) {
	format := model.Terraform
	if k == CloudFormation {
		format = model.CloudFormation
	}
	if basic.IsUnknown() || advanced.IsUnknown() {
		t.SelectorsUnknown = true
		return
	}
	for _, s := range basic.Elements() {
		sel := &model.TrailSelector{Value: s}
		model.TrailSelectorTable.FillFrom(sel, t.Resource, s, format, false, "")
		t.Selectors = append(t.Selectors, sel)
	}
	for _, s := range advanced.Elements() {
		sel := &model.AdvancedSelector{Value: s}
		fs := s.Get(k.FieldSelectors)
		if fs.IsUnknown() {
			t.SelectorsUnknown = true
		}
		for _, f := range fs.Elements() {
			af := &model.AdvancedField{}
			model.AdvancedFieldTable.FillFrom(af, t.Resource, f, format, false, "")
			sel.Fields = append(sel.Fields, af)
		}
		t.Advanced = append(t.Advanced, sel)
	}
}

// S3DataEvents lists the S3 object ARN prefixes whose data events a
// trail's selectors log (see model.Trail.S3DataEvents).
func S3DataEvents(basic, advanced *model.Value, k Keys) []*model.Value {
	var out []*model.Value
	for _, sel := range basic.Elements() {
		if sel.IsUnknown() {
			out = append(out, sel)
			continue
		}
		for _, dr := range sel.Get(k.DataResources).Elements() {
			typ := dr.Get(k.Type)
			if t, ok := typ.AsString(); ok && t != "AWS::S3::Object" {
				continue
			}
			if typ.IsUnknown() || dr.IsUnknown() {
				out = append(out, dr)
				continue
			}
			out = append(out, dr.Get(k.Values).Elements()...)
		}
	}
	for _, sel := range advanced.Elements() {
		out = append(out, advancedS3(sel, k)...)
	}
	return out
}

// advancedS3 reads one advanced selector: the ARN prefixes it logs S3
// object events for, "arn:aws:s3" for all of them, or unknown values.
func advancedS3(sel *model.Value, k Keys) []*model.Value {
	if sel.IsUnknown() {
		return []*model.Value{sel}
	}
	fields := sel.Get(k.FieldSelectors)
	if fields.IsUnknown() {
		return []*model.Value{fields}
	}
	isS3 := false
	var arns []*model.Value
	for _, f := range fields.Elements() {
		name, ok := f.Get(k.Field).AsString()
		if !ok {
			return []*model.Value{model.NewUnknown("unknown field selector", f.Range)}
		}
		switch name {
		case "resources.type":
			for _, v := range f.Get(k.Equals).Elements() {
				if s, ok := v.AsString(); !ok || s == "AWS::S3::Object" {
					isS3 = true
				}
			}
		case "resources.ARN":
			for _, fl := range f.Fields {
				switch fl.Key {
				case k.Equals, k.StartsWith:
					arns = append(arns, fl.Value.Elements()...)
				case k.Field:
				default:
					// Another operator (NotEquals, EndsWith): which
					// buckets it covers is not known.
					if !fl.Value.IsNull() {
						arns = append(arns, model.NewUnknown("ARN selector "+fl.Key, fl.KeyRange))
					}
				}
			}
		}
	}
	if !isS3 {
		return nil
	}
	if len(arns) == 0 {
		return []*model.Value{model.NewString("arn:aws:s3", sel.Range)}
	}
	return arns
}
