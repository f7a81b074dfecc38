package terraform

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// IsPlan reports whether a JSON file is the output of `terraform show
// -json` for a saved plan: an object with format_version and
// planned_values or resource_changes.
func IsPlan(name string, src []byte) bool {
	head := bytes.TrimLeft(src, " \t\r\n\ufeff")
	if len(head) == 0 || head[0] != '{' || !bytes.Contains(src, []byte(`"format_version"`)) ||
		(!bytes.Contains(src, []byte(`"planned_values"`)) && !bytes.Contains(src, []byte(`"resource_changes"`))) {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(src, &top) != nil {
		return false
	}
	_, fv := top["format_version"]
	_, pv := top["planned_values"]
	_, rc := top["resource_changes"]
	return fv && (pv || rc)
}

// ParsePlan reads a plan in JSON (`terraform show -json plan.out`): the
// planned values of every resource instance, what is unknown until apply
// (resource_changes' after_unknown), sensitive values, and the
// configuration's references, so split resources link as they do in HCL.
// The data sources of the prior state that the planned values leave out
// are read too. When the configuration's .tf files are in the scanned tree
// (the plan's directory, and the modules it calls), each resource points
// at its block and each attribute at its argument there; otherwise at the
// plan's JSON.
func ParsePlan(fsys fs.FS, name string, src []byte) *model.Unit {
	u := &model.Unit{Format: model.Terraform, Path: name, Files: []string{name}}
	doc, diags := jsonvalue.Parse(name, src)
	if doc == nil {
		u.Diagnostics = diags
		return u
	}
	p := &planReader{
		doc:     doc,
		changes: map[string]*model.Value{},
		config:  map[string]*model.Value{},
		mods:    map[string]*module{},
	}
	dir := path.Dir(name)
	p.cfg = newConfig(fsys, dir, Options{})
	p.cfg.addFile(name)
	p.loadConfig(dir)
	for _, rc := range doc.Get("resource_changes").Elements() {
		if a, ok := rc.Get("address").AsString(); ok {
			p.changes[a] = rc.Get("change")
		}
	}
	p.readConfig("", doc.Path("configuration", "root_module"))
	// The plan's own blocks are read for positions only: problems in the
	// .tf files are the module unit's to report.
	p.cfg.diags = nil

	seen := map[string]bool{}
	p.readModule(doc.Path("planned_values", "root_module"), seen, false)
	p.readModule(doc.Path("prior_state", "values", "root_module"), seen, true)

	root := p.cfg.modules[dir]
	if root == nil {
		root = &module{cfg: p.cfg, dir: dir}
	}
	ev := newEvaluator(p.cfg, root, nil)
	w := ev.walker()
	w.resources = p.resources
	for _, r := range p.resources {
		u.Resources = append(u.Resources, r.res)
	}
	u.Policies = w.extractPolicies()
	adapt(u, p.cfg.policyIndex, true)
	p.cfg.finishUnit(u)
	// The configuration directories the plan points into are Terraform's
	// own evaluation of those modules: the checker then does not scan them
	// again as root modules, which would report the same findings twice.
	u.Modules = nil
	for _, m := range p.mods {
		u.Modules = append(u.Modules, m.dir)
	}
	sort.Strings(u.Modules)
	return u
}

type planReader struct {
	cfg     *config
	doc     *model.Value
	changes map[string]*model.Value
	// config holds the configuration's resources by module key and
	// address ("store/aws_s3_bucket.this"), for their references.
	config map[string]*model.Value
	// mods holds the module directories of the configuration by module
	// key ("" for the root, "a.b" for module.b in module.a).
	mods      map[string]*module
	resources []*resource
}

// loadConfig loads the root module's .tf files when the plan's directory
// has them.
func (p *planReader) loadConfig(dir string) {
	entries, err := p.cfg.list(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && isTerraformFile(e.Name()) {
			p.mods[""] = p.cfg.loadModule(dir)
			return
		}
	}
}

func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// readConfig indexes the configuration's resources and finds the
// directories of the modules it calls.
func (p *planReader) readConfig(key string, m *model.Value) {
	if m == nil || m.Kind != model.Object {
		return
	}
	for _, r := range m.Get("resources").Elements() {
		if a, ok := r.Get("address").AsString(); ok {
			p.config[key+"/"+a] = r
		}
	}
	calls := m.Get("module_calls")
	if calls == nil || calls.Kind != model.Object {
		return
	}
	for _, f := range calls.Fields {
		child := f.Key
		if key != "" {
			child = key + "." + f.Key
		}
		if parent := p.mods[key]; parent != nil && p.mods[child] == nil {
			if src, ok := f.Value.Get("source").AsString(); ok {
				var dir string
				if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") {
					dir = path.Join(parent.dir, src)
				} else if d, ok := p.cfg.installed(child); ok {
					dir = d
				}
				if dir != "" && fs.ValidPath(dir) {
					if real, found := p.cfg.isReal(dir, true); found && real {
						p.mods[child] = p.cfg.loadModule(dir)
					}
				}
			}
		}
		p.readConfig(child, f.Value.Get("module"))
	}
}

// readModule reads the resources of a planned_values or prior_state
// module and of its child modules.
func (p *planReader) readModule(m *model.Value, seen map[string]bool, dataOnly bool) {
	if m == nil || m.Kind != model.Object {
		return
	}
	for _, r := range m.Get("resources").Elements() {
		addr, ok := r.Get("address").AsString()
		if !ok || seen[addr] {
			continue
		}
		mode, _ := r.Get("mode").AsString()
		if dataOnly && mode != "data" {
			continue
		}
		seen[addr] = true
		p.resource(addr, mode, r)
	}
	for _, c := range m.Get("child_modules").Elements() {
		p.readModule(c, seen, dataOnly)
	}
}

// resource builds one planned resource instance.
func (p *planReader) resource(addr, mode string, r *model.Value) {
	typ, _ := r.Get("type").AsString()
	name, _ := r.Get("name").AsString()
	if mode == "data" {
		typ = "data." + typ
	}
	modKey, prefix, local := splitAddress(addr)
	body := r.Get("values")
	if body == nil || body.Kind != model.Object {
		body = &model.Value{Kind: model.Object, Range: r.Range, Fields: []*model.Field{}}
	}
	ch := p.changes[addr]
	if ch != nil {
		markUnknown(body, ch.Get("after_unknown"), "known after apply")
		markSensitive(body, ch.Get("after_sensitive"))
	}
	markSensitive(body, r.Get("sensitive_values"))

	res := &model.Resource{Type: typ, Name: name, Address: addr, Body: body, DefRange: r.KeyRangeOf("address")}
	if a := r.Field("address"); a != nil {
		res.DefRange = a.Value.Range
	}
	// References of the configuration give unknown values their targets.
	// An attribute the configuration does not set and the provider computes
	// (arn, id, a bucket's policy) is left out, as it is when the .tf is
	// read: only the provider knows it.
	if conf := p.config[modKey+"/"+local]; conf != nil {
		key := r.Get("index")
		exprs := conf.Get("expressions")
		kept := body.Fields[:0]
		for _, f := range body.Fields {
			if f.Value.Kind != model.Unknown {
				kept = append(kept, f)
				continue
			}
			if exprs.Get(f.Key) == nil {
				continue
			}
			refs := exprs.Path(f.Key, "references")
			f.Value.Ref, f.Value.Hint = planRef(refs, conf.Path("for_each_expression", "references"), key, prefix)
			kept = append(kept, f)
		}
		body.Fields = kept
		if pk, ok := conf.Get("provider_config_key").AsString(); ok {
			if v := p.doc.Path("configuration", "provider_config", pk, "expressions", "region", "constant_value"); v != nil && v.Kind == model.String {
				res.Region = v
			}
		}
	}
	blk := &block{Type: "resource", Labels: []string{typ, name}}
	if m := p.mods[modKey]; m != nil {
		if b := findBlock(m, mode, strings.TrimPrefix(typ, "data."), name); b != nil {
			blk = b
			res.DefRange = toRange(b.DefRange)
			relocate(body, b, res.DefRange)
		}
	}
	p.resources = append(p.resources, &resource{res: res, blk: &block{Type: blk.Type, Labels: blk.Labels, DefRange: blk.DefRange}})
}

// splitAddress splits a resource instance address into the module key
// ("a.b"), the module instance prefix ("module.a[\"x\"].module.b.") and
// the resource address without instance key ("aws_s3_bucket.logs").
func splitAddress(addr string) (key, prefix, local string) {
	t, diags := hclsyntax.ParseTraversalAbs([]byte(addr), "", hcl.InitialPos)
	if diags.HasErrors() {
		return "", "", addr
	}
	var mods []string
	i := 0
	for i+1 < len(t) {
		if root, ok := t[i].(hcl.TraverseRoot); !ok || root.Name != "module" {
			if attr, ok := t[i].(hcl.TraverseAttr); !ok || attr.Name != "module" {
				break
			}
		}
		a, ok := t[i+1].(hcl.TraverseAttr)
		if !ok {
			break
		}
		mods = append(mods, a.Name)
		prefix += "module." + a.Name
		i += 2
		if i < len(t) {
			if ix, ok := t[i].(hcl.TraverseIndex); ok {
				prefix += keyString(ix.Key)
				i++
			}
		}
		prefix += "."
	}
	var names []string
	for _, s := range t[i:] {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		}
	}
	return strings.Join(mods, "."), prefix, strings.Join(names, ".")
}

// planRef reads the target of an attribute from its references in the
// configuration: the first one that names a resource, or each.value of a
// for_each over resources.
func planRef(refs, forEach, key *model.Value, prefix string) (*model.Ref, model.Hint) {
	for _, r := range refs.Elements() {
		s, ok := r.AsString()
		if !ok {
			continue
		}
		t, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
		if diags.HasErrors() {
			continue
		}
		if t.RootName() == "each" && len(t) >= 2 {
			if a, ok := t[1].(hcl.TraverseAttr); ok && a.Name == "value" && key != nil {
				for _, fe := range forEach.Elements() {
					fs, ok := fe.AsString()
					if !ok {
						continue
					}
					ft, diags := hclsyntax.ParseTraversalAbs([]byte(fs), "", hcl.InitialPos)
					if diags.HasErrors() || reservedRoot(ft.RootName()) {
						continue
					}
					t = append(append(append(hcl.Traversal{}, ft...), hcl.TraverseIndex{Key: planKey(key)}), t[2:]...)
					break
				}
			}
		}
		ref, hint := refOf(t)
		if ref != nil {
			ref.Target = prefix + ref.Target
			return ref, hint
		}
		if hint != model.NoHint {
			return nil, hint
		}
	}
	return nil, model.NoHint
}

// planKey is an instance index of the plan as a cty value.
func planKey(v *model.Value) cty.Value {
	switch v.Kind {
	case model.Number:
		if n, err := cty.ParseNumberVal(v.Str); err == nil {
			return n
		}
	case model.String:
		return cty.StringVal(v.Str)
	}
	return cty.UnknownVal(cty.String)
}

// markUnknown replaces what after_unknown marks true with unknown values.
func markUnknown(v *model.Value, mask *model.Value, reason string) {
	if v == nil || mask == nil {
		return
	}
	switch mask.Kind {
	case model.Object:
		if v.Kind != model.Object {
			return
		}
		for _, mf := range mask.Fields {
			f := v.Field(mf.Key)
			if b, ok := mf.Value.AsBool(); ok && b && mf.Value.Kind == model.Bool {
				u := model.NewUnknown(reason, v.Range)
				if f != nil {
					u.Range = f.Value.Range
					f.Value = u
				} else {
					v.Fields = append(v.Fields, &model.Field{Key: mf.Key, KeyRange: v.Range, Value: u})
				}
				continue
			}
			if f != nil {
				markUnknown(f.Value, mf.Value, reason)
			}
		}
	case model.List:
		if v.Kind != model.List {
			return
		}
		for i, m := range mask.Items {
			if i >= len(v.Items) {
				break
			}
			if b, ok := m.AsBool(); ok && b && m.Kind == model.Bool {
				v.Items[i] = model.NewUnknown(reason, v.Items[i].Range)
				continue
			}
			markUnknown(v.Items[i], m, reason)
		}
	}
}

// markSensitive marks what after_sensitive or sensitive_values mark true.
func markSensitive(v *model.Value, mask *model.Value) {
	if v == nil || mask == nil {
		return
	}
	if b, ok := mask.AsBool(); ok && b && mask.Kind == model.Bool {
		v.Walk(func(n *model.Value) bool { n.Sensitive = true; return true })
		return
	}
	switch {
	case mask.Kind == model.Object && v.Kind == model.Object:
		for _, mf := range mask.Fields {
			if f := v.Field(mf.Key); f != nil {
				markSensitive(f.Value, mf.Value)
			}
		}
	case mask.Kind == model.List && v.Kind == model.List:
		for i, m := range mask.Items {
			if i < len(v.Items) {
				markSensitive(v.Items[i], m)
			}
		}
	}
}

// findBlock finds a resource or data block of a module.
func findBlock(m *module, mode, typ, name string) *block {
	want := "resource"
	if mode == "data" {
		want = "data"
	}
	for _, b := range m.blocks {
		if b.Type == want && len(b.Labels) == 2 && b.Labels[0] == typ && b.Labels[1] == name {
			return b
		}
	}
	return nil
}

// relocate points a planned body at its block: an attribute written in the
// block at its argument (every node below at the argument's value), a
// nested block at the block of the same index, anything else (defaults,
// computed attributes) at the block's header.
func relocate(v *model.Value, b *block, header model.Range) {
	var attrs map[string]*hcl.Attribute
	var blocks map[string][]*hclsyntax.Block
	if b.Syntax != nil {
		attrs = map[string]*hcl.Attribute{}
		for n, a := range b.Syntax.Body.Attributes {
			attrs[n] = a.AsHCLAttribute()
		}
		blocks = map[string][]*hclsyntax.Block{}
		for _, nb := range b.Syntax.Body.Blocks {
			blocks[nestedType(nb)] = append(blocks[nestedType(nb)], nb)
		}
	} else if b.Body != nil {
		attrs, _ = b.Body.JustAttributes()
	}
	v.Range = toRange(b.Range)
	if b.Syntax == nil && b.Body == nil {
		v.Range = header
	}
	for _, f := range v.Fields {
		if a := attrs[f.Key]; a != nil {
			f.KeyRange = toRange(a.NameRange)
			at := rangeOf(a.Expr)
			f.Value.Walk(func(n *model.Value) bool {
				n.Range = at
				for _, g := range n.Fields {
					g.KeyRange = at
				}
				return true
			})
			continue
		}
		if nbs := blocks[f.Key]; len(nbs) > 0 {
			f.KeyRange = toRange(nbs[0].TypeRange)
			if f.Value.Kind == model.List {
				f.Value.Range = toRange(nbs[0].Range())
				for i, it := range f.Value.Items {
					if i < len(nbs) && nbs[i].Type != "dynamic" {
						relocate(it, syntaxBlock(nbs[i]), toRange(nbs[i].DefRange()))
					} else {
						pointAt(it, toRange(nbs[0].DefRange()))
					}
				}
				continue
			}
			pointAt(f.Value, toRange(nbs[0].DefRange()))
			continue
		}
		f.KeyRange = header
		pointAt(f.Value, header)
	}
}

func pointAt(v *model.Value, r model.Range) {
	v.Walk(func(n *model.Value) bool {
		n.Range = r
		for _, f := range n.Fields {
			f.KeyRange = r
		}
		return true
	})
}
