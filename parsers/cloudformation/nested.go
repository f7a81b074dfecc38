package cloudformation

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/configward/configward/parsers/model"
)

// Nested stacks. An AWS::CloudFormation::Stack (or a SAM
// AWS::Serverless::Application) whose TemplateURL (Location) is a local
// relative path, as `aws cloudformation package` and rain read them before
// upload, or whose Metadata names the template as a CDK asset
// (aws:asset:path), is read into the same unit with the Parameters the
// parent passes. Its resources get addresses "Parent/ChildLogicalId"
// (deeper: "A/B/C"), its references stay inside it, and the parent's
// Fn::GetAtt Stack.Outputs.X reads the child's output X.

const (
	// maxNestedDepth bounds stacks within stacks.
	maxNestedDepth = 8
	// maxTemplates bounds the templates read for one unit, so that stacks
	// that nest the same template many times at every level end quickly.
	maxTemplates = 200
)

// loader reads the templates of one unit: the one given to Parse and its
// nested stacks.
type loader struct {
	unit    *model.Unit
	opts    Options
	sources map[string]*sourceFile
	// chain holds the templates being read, outermost first.
	chain []string
	read  int
	// budget bounds what evaluation builds for the unit (budget.go);
	// indexes are the lookup tables of objects searched by key.
	budget  budget
	indexes map[*model.Value]map[string]*model.Value
	costs   map[string]int64 // each nested template's cost, once measured
}

// sourceFile is what the adapter needs to map a JSON string back to its
// source: the file's bytes and, for YAML, its line table.
type sourceFile struct {
	src []byte
	t   *lineTable // nil for JSON
}

func newLoader(unit *model.Unit, opts Options) *loader {
	return &loader{unit: unit, opts: opts, sources: map[string]*sourceFile{}, budget: budget{left: unitBudget}, indexes: map[*model.Value]map[string]*model.Value{}, costs: map[string]int64{}}
}

func (l *loader) addSource(name string, src []byte, t *lineTable) {
	l.sources[name] = &sourceFile{src: src, t: t}
}

// nest is the part of an evaluator that knows where its template sits.
type nest struct {
	loader *loader
	path   string // the template's file
	prefix string // "" for the top template, "Parent/" below it
	calls  []model.Call
	stacks map[string]*stack
	// assumed is the condition known true while one resource is
	// evaluated (its own Condition holds wherever it is deployed), ""
	// for none. Only the conditions that name it, directly or through
	// others, can change under it: scoped caches those per assumed
	// condition, for every resource under it; the others keep their one
	// value in condState.
	assumed    string
	scoped     map[string]map[string]tri
	affected   map[string]map[string]bool
	dependents map[string][]string // condition -> the conditions that name it
}

// stack is a nested stack resource, loaded on first use: where the build
// reaches it, or earlier when a Fn::GetAtt reads one of its outputs.
type stack struct {
	name    string
	typ     string
	def     *model.Value // the resource definition
	keyRng  model.Range
	cond    string
	state   uint8 // 0 not loaded, 1 loading, 2 done
	body    *model.Value
	removed bool
	outputs map[string]*model.Value
}

// build evaluates one template into the unit: its resources (with
// addresses under prefix) and, for a nested template, its outputs.
func (l *loader) build(file string, root *model.Value, prefix string, opts Options) map[string]*model.Value {
	unit := l.unit
	l.chain = append(l.chain, file)
	defer func() { l.chain = l.chain[:len(l.chain)-1] }()
	e := newEvaluator(root, opts)
	e.nest = nest{loader: l, path: file, prefix: prefix, calls: opts.calls, stacks: map[string]*stack{}}
	diag := func(rng model.Range, format string, args ...any) {
		unit.Diagnostics = append(unit.Diagnostics, model.Diagnostic{Summary: fmt.Sprintf(format, args...), Range: rng})
	}
	defer func() { unit.Diagnostics = append(unit.Diagnostics, e.diags...) }()
	if at, ok := firstRainDirective(root); ok {
		unit.Notes = append(unit.Notes, model.Diagnostic{Severity: model.DiagWarning, Range: at,
			Summary: "template written for rain (" + rainName(root) + "): what its directives produce is unknown here, the rest is checked; scan the output of `rain pkg` to check it fully"})
		unit.Transforms = append(unit.Transforms, "rain")
	}
	if tr := root.Get("Transform"); tr != nil {
		for _, t := range append([]*model.Value{tr}, tr.Items...) {
			if name, ok := t.AsString(); ok && t.Kind == model.String {
				unit.Transforms = append(unit.Transforms, name)
			} else if t.Kind != model.List {
				unit.Transforms = append(unit.Transforms, "?") // unknown, or a macro with parameters
			}
		}
	}
	resField := root.Field("Resources")
	switch {
	case resField == nil:
		diag(startRange(root), "the template has no Resources section")
		return nil
	case resField.Value.Kind != model.Object:
		diag(resField.KeyRange, "Resources must be a mapping of logical ids to resources, not a %s", resField.Value.Kind)
		return nil
	}
	for _, f := range resField.Value.Fields {
		typ, _ := f.Value.Get("Type").AsString()
		if typ == "AWS::CloudFormation::Stack" || typ == "AWS::Serverless::Application" {
			cond, _ := f.Value.Get("Condition").AsString()
			e.stacks[f.Key] = &stack{name: f.Key, typ: typ, def: f.Value, keyRng: f.KeyRange, cond: cond}
		}
	}
	globals := samGlobals(root)
	var globalsCost int64
	if globals != nil {
		globalsCost = cost(globals)
	}
	for _, f := range resField.Value.Fields {
		if strings.HasPrefix(f.Key, "Fn::ForEach::") {
			continue // AWS::LanguageExtensions loops are not expanded
		}
		def := f.Value
		if def.Kind != model.Object {
			diag(f.KeyRange, "resource %s must be a mapping, not a %s", f.Key, def.Kind)
			continue
		}
		if name, _ := intrinsicName(def.Get("Type")); isRainDirective(name) {
			continue // a rain module: what it expands to is unknown
		}
		typ, ok := def.Get("Type").AsString()
		if !ok || def.Get("Type").Kind != model.String {
			diag(f.KeyRange, "resource %s has no Type", f.Key)
			continue
		}
		var cond string
		if cf := def.Field("Condition"); cf != nil {
			name, ok := cf.Value.AsString()
			if ok {
				switch e.condition(name, cf.Value.Range) {
				case triFalse:
					continue
				case triUnknown:
					cond = name
				}
			}
		}
		e.assume(cond)
		r := &model.Resource{Type: typ, Name: f.Key, Address: prefix + f.Key, DefRange: f.KeyRange, Calls: e.calls}
		var body *model.Value
		removed := false
		if st := e.stacks[f.Key]; st != nil {
			e.loadStack(st)
			body, removed = st.body, st.removed
		} else if props := def.Field("Properties"); props != nil || typ == samFunction && globals != nil {
			var raw *model.Value
			if props != nil {
				raw = props.Value
			}
			if typ == samFunction && globals != nil {
				// The globals are shared, not copied, but the rules read
				// them in every function.
				if e.charge(globalsCost, f.KeyRange, "Globals.Function merged into "+f.Key) {
					raw = mergeGlobals(globals, raw)
				} else {
					raw = unknown("too large to evaluate", f.KeyRange)
				}
			}
			body, removed = e.eval(raw)
			if !removed && props != nil && body.Kind != model.Object && body.Kind != model.Unknown && body.Kind != model.Null {
				diag(props.KeyRange, "Properties of %s must be a mapping, not a %s", f.Key, body.Kind)
			}
		}
		if !removed {
			r.Body = body
		}
		if md := def.Get("Metadata"); md != nil {
			r.Metadata, _ = e.eval(md)
			if p, ok := r.Metadata.Get("aws:cdk:path").AsString(); ok {
				r.CDKPath = p
			}
			unit.Suppressions = append(unit.Suppressions, metadataSuppressions(r)...)
		}
		e.assume("")
		unit.Resources = append(unit.Resources, r)
		if typ == samFunction {
			if role := samRole(r); role != nil {
				unit.Resources = append(unit.Resources, role)
			}
		}
	}
	if prefix == "" {
		return nil
	}
	outputs := map[string]*model.Value{}
	outs := root.Get("Outputs")
	if outs == nil || outs.Kind != model.Object {
		return outputs
	}
	for _, f := range outs.Fields {
		// An output under a false condition does not exist; under an
		// unknown one it exists wherever a parent reads it.
		if name, ok := f.Value.Get("Condition").AsString(); ok && e.condition(name, f.Value.Range) == triFalse {
			continue
		}
		if v := f.Value.Get("Value"); v != nil {
			outputs[f.Key] = e.evalValue(v)
		}
	}
	return outputs
}

// assume sets the condition that holds while one resource is evaluated
// ("" for none).
func (e *evaluator) assume(cond string) {
	e.assumed = cond
}

// underAssumption returns the cache for a condition evaluated while
// e.assumed holds: condState when the condition cannot depend on it.
func (e *evaluator) underAssumption(name string) map[string]tri {
	if e.assumed == "" {
		return e.condState
	}
	aff, ok := e.affected[e.assumed]
	if !ok {
		aff = e.dependsOn(e.assumed)
		if e.affected == nil {
			e.affected = map[string]map[string]bool{}
		}
		e.affected[e.assumed] = aff
	}
	if !aff[name] {
		return e.condState
	}
	if e.scoped == nil {
		e.scoped = map[string]map[string]tri{}
	}
	c := e.scoped[e.assumed]
	if c == nil {
		c = map[string]tri{}
		e.scoped[e.assumed] = c
	}
	return c
}

// dependsOn returns the conditions whose value may depend on cond: those
// whose expression names it, directly or through others. A name is any
// string of the expression that is a condition's name (Condition, Fn::If),
// so the set may hold more than those that do.
func (e *evaluator) dependsOn(cond string) map[string]bool {
	if e.dependents == nil {
		e.dependents = map[string][]string{}
		if e.conditions != nil && e.conditions.Kind == model.Object {
			for _, f := range e.conditions.Fields {
				named := map[string]bool{}
				f.Value.Walk(func(v *model.Value) bool {
					if s, ok := v.AsString(); ok && v.Kind == model.String && !named[s] && e.member(e.conditions, s) != nil {
						named[s] = true
						e.dependents[s] = append(e.dependents[s], f.Key)
					}
					return true
				})
			}
		}
	}
	out := map[string]bool{}
	todo := []string{cond}
	for len(todo) > 0 {
		c := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, d := range e.dependents[c] {
			if !out[d] {
				out[d] = true
				todo = append(todo, d)
			}
		}
	}
	return out
}

// loadStack evaluates a nested stack resource's properties once and reads
// its template when it is local.
func (e *evaluator) loadStack(st *stack) {
	if st.state != 0 {
		return // done, or a cycle through outputs: those stay unknown
	}
	st.state = 1
	defer func() { st.state = 2 }()
	if st.cond != "" && e.condition(st.cond, st.keyRng) == triFalse {
		return // not deployed: reached only from a Fn::GetAtt under the same condition
	}
	saved := e.assumed
	e.assume(st.cond)
	defer func() { e.assumed = saved }()
	if props := st.def.Get("Properties"); props != nil {
		st.body, st.removed = e.eval(props)
	}
	urlKey := "TemplateURL"
	if st.typ == "AWS::Serverless::Application" {
		urlKey = "Location"
	}
	url := st.body.Get(urlKey)
	at := st.keyRng
	if f := st.body.Field(urlKey); f != nil {
		at = f.Value.Range
	}
	name, ok := url.AsString()
	if !ok || url.Kind == model.Unknown {
		// A CDK assembly names the nested template as an asset.
		md := st.def.Get("Metadata")
		if p, _ := md.Get("aws:asset:property").AsString(); p != urlKey {
			return
		}
		if name, ok = md.Get("aws:asset:path").AsString(); !ok {
			return
		}
	}
	if name == "" || strings.Contains(name, "://") || strings.HasPrefix(name, "s3:") {
		return // a template already uploaded is not ours to read
	}
	l := e.loader
	child := path.Join(path.Dir(e.path), name)
	if path.IsAbs(name) || !fs.ValidPath(child) {
		e.diagf(at, "nested stack %s: template %q is outside the scanned directory; not read", st.name, name)
		return
	}
	if l.opts.ReadFile == nil {
		return
	}
	for _, c := range l.chain {
		if c == child {
			e.diagf(at, "nested stack %s: template %s includes itself through its nested stacks; not read again", st.name, child)
			return
		}
	}
	if len(l.chain) > maxNestedDepth {
		e.diagf(at, "nested stack %s: stacks nested more than %d deep; %s not read", st.name, maxNestedDepth, child)
		return
	}
	if l.read >= maxTemplates {
		e.diagf(at, "nested stack %s: more than %d nested templates; %s not read", st.name, maxTemplates, child)
		return
	}
	if c, ok := l.costs[child]; ok && c > l.budget.left {
		e.refuse(c, at, "nested stack "+st.name+" ("+child+")")
		return // known too large: not read again
	}
	l.read++
	t := l.opts.Cache.template(child, func() *parsedTemplate {
		src, err := l.opts.ReadFile(child)
		if err != nil {
			return &parsedTemplate{readErr: err}
		}
		return parseTemplate(child, src)
	})
	if t.readErr != nil {
		e.diagf(at, "nested stack %s: cannot read template %s: %v", st.name, child, t.readErr)
		return
	}
	if !t.failed {
		c, ok := l.costs[child]
		if !ok {
			c = cost(t.root)
			l.costs[child] = c
		}
		if !e.charge(c, at, "nested stack "+st.name+" ("+child+")") {
			return
		}
	}
	l.unit.Diagnostics = append(l.unit.Diagnostics, t.diags...)
	failed := t.failed
	if !failed && !isTemplate(t.root) {
		e.diagf(at, "nested stack %s: %s is not a CloudFormation template", st.name, child)
		failed = true
	}
	if !contains(l.unit.Files, child) {
		l.unit.Files = append(l.unit.Files, child)
		l.unit.Suppressions = append(l.unit.Suppressions, t.suppressions...)
	}
	if failed {
		return
	}
	if l.sources[child] == nil {
		l.addSource(child, t.src, t.lineTable())
	}
	opts := Options{ReadFile: l.opts.ReadFile, Cache: l.opts.Cache, passed: map[string]*model.Value{},
		calls: append(slices.Clone(e.calls), model.Call{Address: e.prefix + st.name, Range: st.keyRng})}
	params := st.body.Get("Parameters")
	switch {
	case params.IsUnknown():
		opts.passedUnknown = true
	case params != nil && params.Kind == model.Object:
		for _, f := range params.Fields {
			opts.passed[f.Key] = f.Value
		}
	}
	st.outputs = l.build(child, t.root, e.prefix+st.name+"/", opts)
}

func (e *evaluator) diagf(rng model.Range, format string, args ...any) {
	e.diags = append(e.diags, model.Diagnostic{Summary: fmt.Sprintf(format, args...), Range: rng})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// passedParam is the value a parent stack passes for parameter f.
func passedParam(f *model.Field, opts Options) (*model.Value, bool) {
	if opts.passedUnknown {
		return unknown("!Ref "+f.Key+" (passed by the parent stack)", f.KeyRange), true
	}
	v, ok := opts.passed[f.Key]
	return v, ok
}

// attr resolves Fn::GetAtt target.attr (and ${target.attr} in Fn::Sub): a
// nested stack's output when it can be read, else a typed link.
func (e *evaluator) attr(target, attr string, rng model.Range) *model.Value {
	if st := e.stacks[target]; st != nil && strings.HasPrefix(attr, "Outputs.") {
		e.loadStack(st)
		if v := st.outputs[strings.TrimPrefix(attr, "Outputs.")]; v != nil {
			return relocate(v, rng)
		}
	}
	reason := "!GetAtt " + target
	if attr != "" {
		reason += "." + attr
	}
	u := unknown(reason, rng)
	u.Ref = &model.Ref{Target: e.prefix + target, Attr: attr}
	return u
}

// relocate is a copy of v whose nodes point at rng, where it is used.
func relocate(v *model.Value, rng model.Range) *model.Value {
	if size(v) > maxCopy {
		c := *v
		c.Range = rng
		return &c
	}
	out := clone(v)
	out.Walk(func(n *model.Value) bool { n.Range = rng; return true })
	return out
}

// firstRainDirective returns where the first rain directive of a template
// is (a Rain:: key, or the !Rain:: tag that became one).
func firstRainDirective(root *model.Value) (model.Range, bool) {
	var at model.Range
	found := false
	root.Walk(func(n *model.Value) bool {
		if found {
			return false
		}
		for _, f := range n.Fields {
			if isRainDirective(f.Key) {
				at, found = f.KeyRange, true
				return false
			}
		}
		return true
	})
	return at, found
}

// rainName names the directive kinds a template uses, for the note.
func rainName(root *model.Value) string {
	seen := map[string]bool{}
	var names []string
	root.Walk(func(n *model.Value) bool {
		for _, f := range n.Fields {
			if isRainDirective(f.Key) && !seen[f.Key] {
				seen[f.Key] = true
				names = append(names, f.Key)
			}
		}
		return true
	})
	sort.Strings(names)
	return strings.Join(names, ", ")
}
