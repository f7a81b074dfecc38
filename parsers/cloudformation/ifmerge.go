package cloudformation

import (
	"github.com/configward/configward/parsers/model"
)

// Fn::If under a condition that cannot be decided offline (it depends on
// the account, the region or a parameter without a value) evaluates both
// branches and keeps what they agree on: a value is known where both
// branches give the same value, and unknown where they differ. A rule then
// reports only what holds whichever way the condition goes, and stays
// silent on the rest, as it does for any unknown value.
//
// Presence is agreed on too: a property that one branch sets and the other
// leaves out (or removes with AWS::NoValue) is present but unknown, so that
// neither "the property is missing" nor "the property is wrong" is
// reported. Lists agree item by item when they have the same length.

func (e *evaluator) bothBranches(cond string, arg *model.Value, rng model.Range) (*model.Value, bool) {
	a, ra := e.eval(arg.Items[1])
	b, rb := e.eval(arg.Items[2])
	reason := "!If " + shorten(cond) + " (the condition is unknown)"
	switch {
	case ra && rb:
		return nil, true
	case ra || rb:
		return unknown(reason+" (absent in one branch)", rng), false
	}
	return agree(a, b, reason, rng), false
}

// agree is the value a and b have in common; where they differ it is
// unknown, at the range of the Fn::If (rng) when the whole value differs.
func agree(a, b *model.Value, reason string, rng model.Range) *model.Value {
	if a == nil || b == nil {
		return unknown(reason, rng)
	}
	if a.Kind != b.Kind {
		u := unknown(reason, rng)
		u.Sensitive = a.Sensitive || b.Sensitive
		return u
	}
	switch a.Kind {
	case model.Null:
		return a
	case model.Bool, model.Number, model.String:
		if a.Str != b.Str {
			u := unknown(reason, rng)
			u.Sensitive = a.Sensitive || b.Sensitive
			return u
		}
		if b.Sensitive && !a.Sensitive {
			c := *a
			c.Sensitive = true
			return &c
		}
		return a
	case model.Unknown:
		u := unknown(reason, rng)
		u.Sensitive = a.Sensitive || b.Sensitive
		if sameRef(a.Ref, b.Ref) {
			u.Ref = a.Ref
		}
		if a.Hint == b.Hint {
			u.Hint = a.Hint
		}
		if a.Glob == b.Glob {
			u.Glob = a.Glob
		}
		if a.Reason == b.Reason {
			u.Reason = a.Reason
		}
		return u
	case model.List:
		if len(a.Items) != len(b.Items) {
			return unknown(reason+" (lists of different lengths)", rng)
		}
		l := &model.Value{Kind: model.List, Range: a.Range, Items: make([]*model.Value, len(a.Items))}
		for i := range a.Items {
			l.Items[i] = agree(a.Items[i], b.Items[i], reason, a.Items[i].Range)
		}
		return l
	case model.Object:
		o := &model.Value{Kind: model.Object, Range: a.Range, Fields: make([]*model.Field, 0, len(a.Fields))}
		for _, f := range a.Fields {
			if g := b.Field(f.Key); g != nil {
				o.Fields = append(o.Fields, &model.Field{Key: f.Key, KeyRange: f.KeyRange, Value: agree(f.Value, g.Value, reason, f.Value.Range)})
			} else {
				o.Fields = append(o.Fields, &model.Field{Key: f.Key, KeyRange: f.KeyRange, Value: unknown(reason+" (absent in one branch)", f.Value.Range)})
			}
		}
		for _, g := range b.Fields {
			if a.Field(g.Key) == nil {
				o.Fields = append(o.Fields, &model.Field{Key: g.Key, KeyRange: g.KeyRange, Value: unknown(reason+" (absent in one branch)", g.Value.Range)})
			}
		}
		return o
	}
	return unknown(reason, rng)
}

func sameRef(a, b *model.Ref) bool {
	return a != nil && b != nil && *a == *b
}
