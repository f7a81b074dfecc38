package model

import (
	"strings"
)

// An entity's table says, for each of its properties, where CloudFormation
// keeps it, where Terraform keeps it (split resources included) and how a
// plan JSON reports it. The adapters fill entities from the tables only
// (tables.go lists them), so a rule reads a property the same way whatever
// the format, and a new entity is one table.

// Loc is where one format keeps a property.
type Loc struct {
	// Type is the separate resource type that holds the property (a
	// Terraform split resource such as aws_s3_bucket_versioning); empty for
	// the entity's own resource.
	Type string
	// Path is the key path in the holder's body, dotted. A step into a
	// list takes its first element (a Terraform nested block, a
	// CloudFormation list of one rule); a number step indexes the list.
	Path string
	// Conv turns the written value into the canonical one (Terraform's
	// legacy versioning.enabled flag into a status); nil keeps it.
	Conv func(*Value) *Value
	// Default is the value the format takes when the key is absent, when
	// another resource may name the entity by it (Terraform names a
	// recorder "default"); empty for none.
	Default string
}

// Prop is one row of an entity's table.
type Prop[E any] struct {
	// Path is the canonical path (Property.Path).
	Path string
	// CloudFormation is where a template keeps it; a zero Loc when it has
	// no such setting.
	CloudFormation Loc
	// Terraform lists where a module keeps it: the resource's own block
	// first, then split resources; the last one written wins, as the
	// provider lets a split resource override the inline block.
	Terraform []Loc
	// Plan is where a plan JSON reports it when not where Terraform's
	// configuration writes it; nil for the same places.
	Plan []Loc
	// Field is the entity's field that holds it.
	Field func(*E) **Property
}

// Table is the declarative description of one entity type.
type Table[E any] struct {
	// Kind names the entity in every format ("bucket"); equivalence tests
	// and findings' entity kinds use it.
	Kind string
	// CloudFormation and Terraform are the native resource types the
	// entity is made from.
	CloudFormation, Terraform []string
	// Parts are the resource types that hold some of the entity's
	// settings apart from it, with the attribute that names the entity
	// (aws_s3_bucket_versioning: bucket). The linker resolves that name.
	Parts []Part
	Props []Prop[E]
	// New makes the entity for resource r and adds it to es.
	New func(r *Resource, es *Entities) *E
}

// Part is a resource type that holds some of an entity's settings, and
// the attribute of it that names the entity.
type Part struct{ Type, Attr string }

// Spelling is a table's format-neutral face, for the adapters and the
// linker.
type Spelling interface {
	// EntityKind is Table.Kind.
	EntityKind() string
	// Makes reports whether resources of type typ of format f are this
	// entity.
	Makes(f Format, typ string) bool
	// Build makes the entity of r, fills its properties and returns it.
	Build(r *Resource, f Format, plan bool, es *Entities) any
	// PartAttr is the attribute of a part resource of type typ that names
	// the entity, "" when typ is not a part of it.
	PartAttr(typ string) string
	// ApplyPart fills the properties that part holds into entity e (as
	// returned by Build), for a part the linker resolved to e.
	ApplyPart(e any, part *Resource, plan bool)
	// Spellings lists the native keys and resource types the table reads
	// (every step of every place) and the canonical paths it gives, for
	// the test that keeps native names out of the rules.
	Spellings() (native, canonical []string)
	// Places lists where format f keeps the property of canonical path
	// path, in the table's order (for fixes that write it).
	Places(path string, f Format) []Loc
	// UnknownPart marks the properties a part of type typ holds as
	// unknown on e where they are absent: a part whose entity cannot be
	// told may be e's.
	UnknownPart(e any, typ string, why *Value)
}

func (t *Table[E]) EntityKind() string { return t.Kind }

func (t *Table[E]) Makes(f Format, typ string) bool {
	types := t.Terraform
	if f == CloudFormation {
		types = t.CloudFormation
	}
	for _, x := range types {
		if x == typ {
			return true
		}
	}
	return false
}

func (t *Table[E]) Build(r *Resource, f Format, plan bool, es *Entities) any {
	e := t.New(r, es)
	t.FillFrom(e, r, r.Body, f, plan, "")
	return e
}

// FillFrom fills every property of e that the table places in obj, the
// body (or one list element, for sub-tables such as lifecycle rules) of
// holder: the rows of the entity's own resource when partType is empty,
// else those of a part of that type. It leaves the others as they are,
// and makes every property that is still nil absent.
func (t *Table[E]) FillFrom(e *E, holder *Resource, obj *Value, f Format, plan bool, partType string) {
	for i := range t.Props {
		p := &t.Props[i]
		field := p.Field(e)
		if *field == nil {
			*field = &Property{Path: p.Path, Holder: holder, Name: p.spelling(f, plan)}
		}
		prop := *field
		for _, loc := range p.locs(f, plan) {
			if loc.Type != partType {
				continue
			}
			v, key, ok := lookup(obj, loc.Path)
			if !ok {
				continue
			}
			if loc.Conv != nil {
				if v = loc.Conv(v); v == nil {
					continue
				}
			}
			if loc.Path == "" {
				key = holder.DefRange
			}
			// A later place wins: a split resource over the inline block,
			// as the provider applies it last.
			prop.Value, prop.KeyRange, prop.Holder, prop.Name = v, key, holder, loc.spelling()
		}
		if prop.Value == nil && partType == "" {
			for _, loc := range p.locs(f, plan) {
				if loc.Default != "" && loc.Type == "" {
					prop.Value = NewString(loc.Default, holder.DefRange)
				}
			}
		}
	}
}

// spelling names an absent property for messages: the separate resource
// that would hold it, else its first place.
func (p *Prop[E]) spelling(f Format, plan bool) string {
	locs := p.locs(f, plan)
	for _, l := range locs {
		if l.Type != "" {
			return l.Type
		}
	}
	if len(locs) > 0 {
		return locs[0].Path
	}
	return p.Path
}

func (l Loc) spelling() string {
	if l.Path == "" {
		return l.Type
	}
	return l.Path
}

func (t *Table[E]) Spellings() (native, canonical []string) {
	native = append(append(native, t.CloudFormation...), t.Terraform...)
	for _, p := range t.Parts {
		native = append(native, p.Type)
	}
	for _, p := range t.Props {
		canonical = append(canonical, strings.Split(p.Path, ".")...)
		locs := append(append([]Loc{p.CloudFormation}, p.Terraform...), p.Plan...)
		for _, l := range locs {
			if l.Type != "" {
				native = append(native, l.Type)
			}
			if l.Path != "" {
				native = append(native, strings.Split(l.Path, ".")...)
			}
		}
	}
	return native, canonical
}

func (t *Table[E]) Places(path string, f Format) []Loc {
	for i := range t.Props {
		if t.Props[i].Path == path {
			return t.Props[i].locs(f, false)
		}
	}
	return nil
}

func (t *Table[E]) PartAttr(typ string) string {
	for _, p := range t.Parts {
		if p.Type == typ {
			return p.Attr
		}
	}
	return ""
}

func (t *Table[E]) ApplyPart(e any, part *Resource, plan bool) {
	t.FillFrom(e.(*E), part, part.Body, Terraform, plan, part.Type)
}

func (t *Table[E]) UnknownPart(e any, typ string, why *Value) {
	ent := e.(*E)
	for i := range t.Props {
		p := &t.Props[i]
		for _, loc := range p.Terraform {
			if prop := *p.Field(ent); loc.Type == typ && prop.Value == nil {
				prop.Value = NewUnknown("a setting of a separate resource whose target cannot be told", why.Range)
			}
		}
	}
}

func (p *Prop[E]) locs(f Format, plan bool) []Loc {
	switch {
	case f == CloudFormation:
		if p.CloudFormation.Path == "" {
			return nil
		}
		return []Loc{p.CloudFormation}
	case plan && p.Plan != nil:
		return p.Plan
	}
	return p.Terraform
}

// lookup follows a dotted path: it returns the value, the range of the
// last key met, and whether anything was found (an unknown value on the
// way stands for the whole rest of the path).
func lookup(body *Value, path string) (*Value, Range, bool) {
	cur := body
	var key Range
	if path == "" {
		return body, key, body != nil
	}
	// The path is cut step by step, not split: tables look up every
	// property of every resource.
	for rest, more := path, true; more; {
		var step string
		step, rest, more = strings.Cut(rest, ".")
		if cur == nil {
			return nil, key, false
		}
		if cur.Kind == Unknown {
			return cur, key, true
		}
		if cur.Kind == List {
			if i, ok := index(step); ok {
				if i >= len(cur.Items) {
					return nil, key, false
				}
				cur = cur.Items[i]
				continue
			}
			cur = First(cur)
			if cur == nil {
				return nil, key, false
			}
			if cur.Kind == Unknown {
				return cur, key, true
			}
		}
		if step == "0" {
			continue // a single value where a list is allowed
		}
		f := cur.Field(step)
		if f == nil {
			return nil, key, false
		}
		cur, key = f.Value, f.KeyRange
	}
	// An explicit null is written, and reads as absent (IsNull).
	return cur, key, cur != nil
}

// index reads a path step that is a list index: decimal digits only.
func index(step string) (int, bool) {
	if step == "" || len(step) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range []byte(step) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
