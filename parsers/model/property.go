package model

import "strings"

// Property is one setting of an entity with its own place: the canonical
// path that names it in every format, where it is written (the key and the
// value), and its value. The adapters fill every property an entity's table
// lists (table.go), so a rule never meets a nil *Property: an absent one has
// a nil Value and points at the entity's resource.
//
// Property embeds its *Value, so the value's accessors (IsUnknown, AsString,
// AsBool, Elements...) read it directly; they all accept an absent value.
type Property struct {
	*Value
	// Path is the canonical path, the same in every format
	// ("encryption.sse_algorithm", "delivery.s3_kms_key_arn"). Findings
	// carry it as their property, and fingerprints use it.
	Path string
	// Name is the native spelling of the place, for messages: the key path
	// as the format writes it ("S3KmsKeyArn",
	// "recording_group.all_supported"), or the separate resource type that
	// holds the setting when it is absent there
	// ("aws_s3_bucket_versioning").
	Name string
	// Holder is the resource whose body holds the property: the entity's
	// own resource, or a separate resource that configures it (Terraform's
	// split aws_s3_bucket_* resources, a recorder status).
	Holder *Resource
	// KeyRange is the range of the key as written, zero when absent.
	KeyRange Range
}

// Absent reports whether the property is not written at all.
func (p *Property) Absent() bool { return p == nil || p.Value == nil }

// V returns the value, nil when absent (for functions that take a *Value).
func (p *Property) V() *Value {
	if p == nil {
		return nil
	}
	return p.Value
}

// At is the place to point at for a finding about the property: its key
// when written, else its value, else its holder's header.
func (p *Property) At() Range {
	switch {
	case p == nil:
		return Range{}
	case !p.KeyRange.IsZero():
		return p.KeyRange
	case p.Value != nil && !p.Value.Range.IsZero():
		return p.Value.Range
	case p.Holder != nil:
		return p.Holder.DefRange
	}
	return Range{}
}

// Leaf is the last step of Name ("AllSupported" of
// "RecordingGroup.AllSupported"), for messages about one key.
func (p *Property) Leaf() string {
	if p == nil {
		return ""
	}
	return p.Name[strings.LastIndexByte(p.Name, '.')+1:]
}

// Resource is the resource a finding about the property is on: its holder.
func (p *Property) Resource() *Resource {
	if p == nil {
		return nil
	}
	return p.Holder
}
