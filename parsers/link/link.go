// Package link is configward's one linker: after a format's adapter has
// built a unit's entities, it connects them (a delivery channel to its
// bucket, a split S3 setting to its bucket, a policy to its role) through
// format-neutral references, with the same rules for every format:
//
//   - A reference (!Ref, !GetAtt, a Terraform traversal) names a resource
//     address. An index into a resource whose instances are not known
//     (x[0] when x has count = var.n) links to those unknown instances
//     (x[*]); an address without an index links to the one resource or
//     instance of that name.
//   - A literal links by name, or by an ARN in any partition (aws, aws-cn,
//     aws-us-gov); a role only by a name or a ":role/" ARN.
//   - Two candidates or more make a link unknown, as does a value that
//     cannot be known. An unknown link is never a finding: rules see no
//     target, and a separate setting whose target is unknown makes that
//     setting unknown on every entity it may belong to.
package link

import (
	"strings"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/model"
)

// Attachment is a resource that configures an entity it names: a split S3
// setting, a bucket, topic or queue policy, a role policy or a policy
// attachment, a KMS alias, an event target. The adapters describe them;
// Unit resolves them.
type Attachment struct {
	// Via is the attaching resource.
	Via *model.Resource
	// Kind is the kind of entity it names (model.Table.Kind).
	Kind string
	// Target is the reference, name or ARN of that entity.
	Target *model.Value
	// Apply receives the entity Target resolves to.
	Apply func(entity any)
	// Unknown, when set, receives every entity of Kind when Target
	// cannot be resolved to one or none of them.
	Unknown func(entity any)
	// NotFound, when set, runs when Target is not an entity of the unit
	// (it names another stack's or module's resource, or cannot be told).
	NotFound func()
}

// Result is what resolving a reference gives.
type Result uint8

const (
	// None: the reference names no entity of the unit.
	None Result = iota
	// One: the reference names exactly one entity.
	One
	// Unknown: the reference may name one of several entities, or cannot
	// be read.
	Unknown
)

// Unit links the entities of u, then resolves atts in order.
func Unit(u *model.Unit, atts []*Attachment) {
	l := newLinker(u)
	for _, at := range atts {
		l.attach(at)
	}
	l.entities()
}

// PartAttachments makes the attachments of the resources of u that hold a
// part of an entity's settings apart from it (model.Table.Parts), in
// resource order. plan tells that the unit is a Terraform plan.
func PartAttachments(u *model.Unit, plan bool) []*Attachment {
	var out []*Attachment
	for _, r := range u.Resources {
		for _, t := range model.Tables {
			attr := t.PartAttr(r.Type)
			if attr == "" {
				continue
			}
			t, r := t, r
			out = append(out, &Attachment{Via: r, Kind: t.EntityKind(), Target: r.Prop(attr),
				Apply:   func(e any) { t.ApplyPart(e, r, plan) },
				Unknown: func(e any) { t.UnknownPart(e, r.Type, r.Prop(attr)) }})
		}
	}
	return out
}

type linker struct {
	u *model.Unit
	// addrs holds every resource address of the unit, so a reference to
	// a resource that is not an entity is known to name none.
	addrs map[string]bool
}

func newLinker(u *model.Unit) *linker {
	l := &linker{u: u, addrs: map[string]bool{}}
	for _, r := range u.Resources {
		l.addrs[r.Address] = true
	}
	return l
}

// candidate is an entity with what the linker matches it by.
type candidate struct {
	entity any
	res    *model.Resource
	// names are the literal spellings that name it: its name, and the
	// forms that reduce to it.
	name *model.Value
}

// candidates lists the entities of a kind.
func (l *linker) candidates(kind string) []candidate {
	e := &l.u.Entities
	var out []candidate
	switch kind {
	case model.BucketTable.Kind:
		for _, x := range e.Buckets {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.TopicTable.Kind:
		for _, x := range e.Topics {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.QueueTable.Kind:
		for _, x := range e.Queues {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.KeyTable.Kind:
		for _, x := range e.Keys {
			out = append(out, candidate{x, x.Resource, nil})
		}
	case model.KeyAliasTable.Kind:
		for _, x := range e.KeyAliases {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.RoleTable.Kind:
		for _, x := range e.Roles {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.ManagedPolicyTable.Kind:
		for _, x := range e.ManagedPolicies {
			out = append(out, candidate{x, x.Resource, nil})
		}
	case model.LambdaFunctionTable.Kind:
		for _, x := range e.LambdaFunctions {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.RecorderTable.Kind:
		for _, x := range e.Recorders {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.EventRuleTable.Kind:
		for _, x := range e.EventRules {
			out = append(out, candidate{x, x.Resource, x.Name.V()})
		}
	case model.VPCEndpointTable.Kind:
		for _, x := range e.VPCEndpoints {
			out = append(out, candidate{x, x.Resource, nil})
		}
	}
	return out
}

// Resolve finds the entity of kind that v names in u.
func Resolve(u *model.Unit, kind string, v *model.Value) (any, Result) {
	return newLinker(u).resolve(kind, v)
}

func (l *linker) resolve(kind string, v *model.Value) (any, Result) {
	if v == nil || v.Kind == model.Null {
		return nil, None
	}
	cands := l.candidates(kind)
	if v.Kind == model.Unknown {
		if v.Ref == nil {
			return nil, Unknown
		}
		return l.byRef(cands, v.Ref.Target)
	}
	s, ok := v.AsString()
	if !ok || s == "" {
		return nil, None
	}
	var match any
	n := 0
	for _, c := range cands {
		if names(kind, c.name, s) {
			match, n = c.entity, n+1
		}
	}
	switch n {
	case 0:
		return nil, None
	case 1:
		return match, One
	}
	return nil, Unknown
}

// byRef resolves a reference to a resource address.
func (l *linker) byRef(cands []candidate, target string) (any, Result) {
	for _, c := range cands {
		if c.res.Address == target {
			return c.entity, One
		}
	}
	base, indexed := strings.CutSuffix(target, "]")
	if indexed {
		// x[0], x["a"]: the instances of x are not known (x[*]), or the
		// key names no instance.
		i := strings.LastIndexByte(base, '[')
		if i < 0 {
			return nil, Unknown
		}
		base = base[:i]
		for _, c := range cands {
			if c.res.Address == base+"[*]" {
				return c.entity, One
			}
		}
		if l.addrs[target] || l.addrs[base+"[*]"] {
			return nil, None // another kind of resource
		}
		if l.instances(base) {
			return nil, None // a known expansion without that key
		}
		return nil, Unknown
	}
	// x without an index: the one instance of x, or several.
	var match any
	n := 0
	for _, c := range cands {
		if strings.HasPrefix(c.res.Address, target+"[") {
			match, n = c.entity, n+1
		}
	}
	switch {
	case n == 1:
		return match, One
	case n > 1:
		return nil, Unknown
	case l.addrs[target] || l.instances(target):
		return nil, None // a resource of another kind
	}
	return nil, Unknown // a module output, another stack's resource
}

// instances reports whether the unit has instances of resource base.
func (l *linker) instances(base string) bool {
	for a := range l.addrs {
		if strings.HasPrefix(a, base+"[") {
			return true
		}
	}
	return false
}

// names reports whether literal s names an entity of kind whose name is
// nameV.
func names(kind string, nameV *model.Value, s string) bool {
	name, ok := nameV.AsString()
	if !ok || nameV.Kind != model.String || name == "" {
		return false
	}
	svc, res, isARN := arn(s)
	switch kind {
	case model.BucketTable.Kind:
		if isARN {
			return svc == "s3" && res == name
		}
		return s == name
	case model.TopicTable.Kind:
		return isARN && svc == "sns" && lastAfter(res, ':') == name
	case model.QueueTable.Kind:
		if isARN {
			return svc == "sqs" && lastAfter(res, ':') == name
		}
		if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
			return lastAfter(s, '/') == name
		}
		return s == name
	case model.KeyAliasTable.Kind:
		if isARN {
			return svc == "kms" && lastAfter(res, ':') == name
		}
		return s == name
	case model.RoleTable.Kind:
		if isARN {
			r := lastAfter(res, ':')
			return svc == "iam" && strings.HasPrefix(r, "role/") && lastAfter(r, '/') == name
		}
		return s == name
	case model.LambdaFunctionTable.Kind:
		if isARN {
			_, fn, ok := strings.Cut(res, ":function:")
			fn, _, _ = strings.Cut(fn, ":")
			return svc == "lambda" && ok && fn == name
		}
		return s == name
	case model.EventRuleTable.Kind:
		if isARN {
			return svc == "events" && strings.TrimPrefix(lastAfter(res, ':'), "rule/") == name
		}
		return s == name
	case model.RecorderTable.Kind:
		return s == name
	}
	return false
}

// partitions are the AWS partitions whose ARNs name resources.
var partitions = map[string]bool{"aws": true, "aws-cn": true, "aws-us-gov": true}

// arn splits an ARN of a known partition into its service and everything
// after the service ("::bucket" is "bucket" for S3: region and account
// are kept for the others, as "region:account:resource").
func arn(s string) (service, rest string, ok bool) {
	parts := strings.SplitN(s, ":", 4)
	if len(parts) < 4 || parts[0] != "arn" || !partitions[parts[1]] {
		return "", "", false
	}
	service, rest = parts[2], parts[3]
	if service == "s3" {
		b, ok := strings.CutPrefix(rest, "::")
		return service, b, ok
	}
	return service, ":" + rest, true
}

func lastAfter(s string, sep byte) string { return s[strings.LastIndexByte(s, sep)+1:] }

func (l *linker) attach(at *Attachment) {
	e, res := l.resolve(at.Kind, at.Target)
	switch res {
	case One:
		at.Apply(e)
		return
	case Unknown:
		if at.Unknown != nil {
			for _, c := range l.candidates(at.Kind) {
				at.Unknown(c.entity)
			}
		}
	}
	if at.NotFound != nil {
		at.NotFound()
	}
}

// one resolves v to an entity of kind, nil unless exactly one.
func one[T any](l *linker, kind string, v *model.Value) *T {
	e, res := l.resolve(kind, v)
	if res != One {
		return nil
	}
	return e.(*T)
}

// Bucket, Key, Role... resolve a property to an entity of u (nil when none
// or unknown), for adapters and tests.
func Bucket(u *model.Unit, v *model.Value) *model.Bucket {
	return one[model.Bucket](newLinker(u), model.BucketTable.Kind, v)
}

// key resolves a key: a reference to it or to one of its aliases, an alias
// name or alias ARN.
func (l *linker) key(v *model.Value) *model.Key {
	if k := one[model.Key](l, model.KeyTable.Kind, v); k != nil {
		return k
	}
	if al := one[model.KeyAlias](l, model.KeyAliasTable.Kind, v); al != nil {
		return al.Key
	}
	return nil
}

// entities links the entities that name each other.
func (l *linker) entities() {
	e := &l.u.Entities
	for _, al := range e.KeyAliases {
		al.Key = one[model.Key](l, model.KeyTable.Kind, al.TargetKeyID.V())
		if name, ok := al.Name.AsString(); ok && al.Key != nil && !al.TargetKeyID.Absent() {
			al.Key.Aliases = append(al.Key.Aliases, name)
		}
	}
	for _, ch := range e.DeliveryChannels {
		ch.Bucket = one[model.Bucket](l, model.BucketTable.Kind, ch.BucketName.V())
		if ch.Bucket != nil {
			ch.Bucket.DeliveryChannels = append(ch.Bucket.DeliveryChannels, ch)
		}
		ch.Topic = one[model.Topic](l, model.TopicTable.Kind, ch.TopicARN.V())
		ch.Key = l.key(ch.KMSKeyARN.V())
	}
	for _, b := range e.Buckets {
		b.SSEKey = l.key(b.SSEKeyID.V())
	}
	for _, rec := range e.Recorders {
		rec.Role = l.role(rec.RoleARN.V())
	}
	for _, agg := range e.Aggregators {
		agg.OrgRole = l.role(agg.OrgRoleARN.V())
	}
	for _, rem := range e.Remediations {
		rem.AutomationRole = l.role(rem.AutomationRoleARN.V())
	}
	for _, pack := range e.ConformancePacks {
		pack.Bucket = one[model.Bucket](l, model.BucketTable.Kind, pack.DeliveryBucket.V())
	}
	for _, fn := range e.LambdaFunctions {
		fn.Role = l.role(fn.RoleARN.V())
	}
	for _, perm := range e.LambdaPermissions {
		perm.Target = one[model.LambdaFunction](l, model.LambdaFunctionTable.Kind, perm.Function.V())
	}
	for _, rule := range e.ConfigRules {
		rule.Function = one[model.LambdaFunction](l, model.LambdaFunctionTable.Kind, rule.SourceID.V())
	}
	// The documents of the AWS managed policies the roles attach, once
	// every attachment is known.
	for _, role := range e.Roles {
		role.ManagedPolicies = iampolicy.ManagedPolicies(role.ManagedPolicyARNs)
	}
}

func (l *linker) role(v *model.Value) *model.Role {
	return one[model.Role](l, model.RoleTable.Kind, v)
}
