package cloudformation

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/configward/configward/parsers/model"
)

// maxEvalDepth bounds the evaluator's recursion.
const maxEvalDepth = 2000

// maxString bounds the strings that Fn::Sub, Fn::Join and Fn::Base64 build,
// so that aliases of long strings cannot blow memory up.
const maxString = 1 << 20

// pseudoParams are the pseudo parameters and what their values are known
// to be (AWS::NoValue is handled apart: it removes the property).
var pseudoParams = map[string]model.Hint{
	"AWS::AccountId":        model.ThisAccount,
	"AWS::Region":           model.ThisRegion,
	"AWS::Partition":        model.ThisPartition,
	"AWS::URLSuffix":        model.NoHint,
	"AWS::StackName":        model.NoHint,
	"AWS::StackId":          model.NoHint,
	"AWS::NotificationARNs": model.NoHint,
}

// tri is a condition's value: unknown, false or true.
type tri uint8

const (
	triUnknown tri = iota
	triFalse
	triTrue
)

type param struct {
	sizes  *[2]int64 // size and cost of value, once computed
	name   string
	value  *model.Value // nil when the parameter has no value
	noEcho bool
	ssm    bool // an AWS::SSM::Parameter::Value<...> type: the value is read at deploy time
	list   bool // CommaDelimitedList or List<...>
	// sensitive is the value's copy marked sensitive, for a NoEcho value
	// too large to copy at each reference.
	sensitive *model.Value
}

// evaluator evaluates the intrinsic functions of one template.
type evaluator struct {
	params     map[string]*param
	mappings   *model.Value
	conditions *model.Value
	condState  map[string]tri
	condBusy   map[string]bool
	resources  map[string]bool
	diags      []model.Diagnostic
	depth      int
	// nest holds what nested.go needs: the template's file, the address
	// prefix of its resources and its nested stacks.
	nest
}

func newEvaluator(root *model.Value, opts Options) *evaluator {
	e := &evaluator{
		params:     map[string]*param{},
		mappings:   root.Get("Mappings"),
		conditions: root.Get("Conditions"),
		condState:  map[string]tri{},
		condBusy:   map[string]bool{},
		resources:  map[string]bool{},
	}
	if res := root.Get("Resources"); res != nil {
		for _, f := range res.Fields {
			e.resources[f.Key] = true
		}
	}
	if ps := root.Get("Parameters"); ps != nil {
		for _, f := range ps.Fields {
			e.params[f.Key] = newParam(f, opts)
		}
	}
	return e
}

func newParam(f *model.Field, opts Options) *param {
	p := &param{name: f.Key}
	def := f.Value
	typ, _ := def.Get("Type").AsString()
	p.ssm = strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<")
	p.list = typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<")
	if b, ok := def.Get("NoEcho").AsBool(); ok && b {
		p.noEcho = true
	}
	if v, ok := passedParam(f, opts); ok {
		p.value = v
	} else if s, ok := opts.Params[f.Key]; ok && opts.passed == nil {
		p.value = model.NewString(s, f.KeyRange)
	} else if d := def.Get("Default"); d != nil && d.Kind != model.Null && !isIntrinsic(d) {
		p.value = d
	}
	if p.list && p.value != nil && p.value.Kind != model.List {
		if s, ok := p.value.AsString(); ok {
			l := &model.Value{Kind: model.List, Range: p.value.Range, Items: []*model.Value{}}
			for _, part := range strings.Split(s, ",") {
				l.Items = append(l.Items, model.NewString(strings.TrimSpace(part), p.value.Range))
			}
			p.value = l
		}
	}
	return p
}

// isIntrinsic reports whether v is an intrinsic function call: an object
// with one key that is Ref or Fn::*.
func isIntrinsic(v *model.Value) bool {
	name, _ := intrinsicName(v)
	return name != ""
}

func intrinsicName(v *model.Value) (string, *model.Value) {
	if v == nil || v.Kind != model.Object || len(v.Fields) != 1 {
		return "", nil
	}
	k := v.Fields[0].Key
	if k == "Ref" || strings.HasPrefix(k, "Fn::") || isRainDirective(k) {
		return k, v.Fields[0].Value
	}
	return "", nil
}

// isRainDirective reports whether an object key is one of rain's
// pre-processor directives (Rain::Embed, Rain::Module, Rain::S3, ...).
func isRainDirective(k string) bool { return strings.HasPrefix(k, "Rain::") }

// eval returns the evaluated copy of v; removed is true when v is (or
// evaluates to) AWS::NoValue.
func (e *evaluator) eval(v *model.Value) (out *model.Value, removed bool) {
	if v == nil {
		return nil, false
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxEvalDepth {
		return model.NewUnknown("nesting too deep", v.Range), false
	}
	if name, arg := intrinsicName(v); name != "" {
		return e.intrinsic(v, name, arg)
	}
	// Copy on write: a subtree without intrinsics evaluates to itself, so
	// only the objects and lists on the way to one are copied (evaluated
	// values are never mutated afterwards, only new ones are).
	switch v.Kind {
	case model.Object:
		var o *model.Value
		for i, f := range v.Fields {
			fv, rm := e.eval(f.Value)
			if o == nil {
				if !rm && fv == f.Value {
					continue
				}
				o = &model.Value{Kind: model.Object, Range: v.Range, Fields: make([]*model.Field, i, len(v.Fields))}
				copy(o.Fields, v.Fields[:i])
			}
			switch {
			case rm:
			case fv == f.Value:
				o.Fields = append(o.Fields, f)
			default:
				o.Fields = append(o.Fields, &model.Field{Key: f.Key, KeyRange: f.KeyRange, Value: fv})
			}
		}
		if o == nil {
			return v, false
		}
		return o, false
	case model.List:
		var l *model.Value
		for i, it := range v.Items {
			iv, rm := e.eval(it)
			if l == nil {
				if !rm && iv == it {
					continue
				}
				l = &model.Value{Kind: model.List, Range: v.Range, Items: make([]*model.Value, i, len(v.Items))}
				copy(l.Items, v.Items[:i])
			}
			if !rm {
				l.Items = append(l.Items, iv)
			}
		}
		if l == nil {
			return v, false
		}
		return l, false
	}
	return v, false
}

// evalValue is eval for argument positions, where AWS::NoValue makes no
// sense and counts as unknown.
func (e *evaluator) evalValue(v *model.Value) *model.Value {
	out, removed := e.eval(v)
	if removed {
		return model.NewUnknown("!Ref AWS::NoValue", v.Range)
	}
	return out
}

func unknown(reason string, rng model.Range) *model.Value { return model.NewUnknown(reason, rng) }

func (e *evaluator) intrinsic(v *model.Value, name string, arg *model.Value) (*model.Value, bool) {
	rng := v.Range
	switch name {
	case "Ref":
		s, ok := arg.AsString()
		if !ok || arg.Kind != model.String {
			return unknown("!Ref with a non-literal name", rng), false
		}
		return e.ref(s, rng)
	case "Fn::GetAtt":
		return e.getAtt(arg, rng), false
	case "Fn::Sub":
		return e.sub(arg, rng), false
	case "Fn::Join":
		return e.join(arg, rng), false
	case "Fn::Select":
		return e.selectFn(arg, rng)
	case "Fn::Split":
		return e.split(arg, rng), false
	case "Fn::FindInMap":
		return e.findInMap(arg, rng), false
	case "Fn::If":
		return e.ifFn(arg, rng)
	case "Fn::Base64":
		in := e.evalValue(arg)
		if s, ok := in.AsString(); ok && len(s) <= maxString {
			out := model.NewString(base64.StdEncoding.EncodeToString([]byte(s)), rng)
			out.Sensitive = in.Sensitive
			return out, false
		}
		return unknown("!Base64 of an unknown value", rng), false
	case "Fn::ImportValue":
		if s, ok := arg.AsString(); ok {
			return unknown("!ImportValue "+shorten(s), rng), false
		}
	}
	return unknown("!"+strings.TrimPrefix(name, "Fn::"), rng), false
}

// ref resolves Ref name: a parameter, a pseudo parameter or a resource.
func (e *evaluator) ref(name string, rng model.Range) (*model.Value, bool) {
	if name == "AWS::NoValue" {
		return nil, true
	}
	if h, ok := pseudoParams[name]; ok {
		u := unknown("!Ref "+name, rng)
		u.Hint = h
		return u, false
	}
	if p, ok := e.params[name]; ok {
		return e.paramValue(p, rng), false
	}
	u := unknown("!Ref "+name, rng)
	u.Ref = &model.Ref{Target: e.prefix + name}
	return u, false
}

func (e *evaluator) paramValue(p *param, rng model.Range) *model.Value {
	var out *model.Value
	switch {
	case p.ssm:
		out = unknown("!Ref "+p.name+" (an SSM parameter)", rng)
	case p.value == nil:
		out = unknown("!Ref "+p.name+" (a parameter without a value)", rng)
	case !e.charge(p.cost(), rng, "!Ref "+p.name):
		out = unknown("!Ref "+p.name+" (too large to evaluate)", rng)
	case p.size() <= maxCopy:
		// Small values (every real one) are copied to point at the Ref.
		out = clone(p.value)
		out.Walk(func(n *model.Value) bool { n.Range = rng; return true })
	case p.noEcho:
		// A large value is shared, not copied: the one copy marked
		// sensitive, never the template's own nodes (parsed templates are
		// shared by the units of a scan and never changed).
		if p.sensitive == nil {
			p.sensitive = clone(p.value)
			p.sensitive.Walk(func(n *model.Value) bool { n.Sensitive = true; return true })
		}
		c := *p.sensitive
		out = &c
		out.Range = rng
		return out
	default:
		c := *p.value
		out = &c
		out.Range = rng
	}
	if p.noEcho {
		out.Walk(func(n *model.Value) bool { n.Sensitive = true; return true })
	}
	return out
}

// size and cost are those of the parameter's value, computed once: every
// Ref to it needs them.
func (p *param) size() int64 { p.measure(); return p.sizes[0] }
func (p *param) cost() int64 { p.measure(); return p.sizes[1] }

func (p *param) measure() {
	if p.sizes == nil {
		p.sizes = &[2]int64{int64(size(p.value)), cost(p.value)}
	}
}

// maxCopy is the largest parameter value copied at each use.
const maxCopy = 1000

// size counts the nodes of v, stopping past maxCopy.
func size(v *model.Value) int {
	n := 0
	v.Walk(func(*model.Value) bool { n++; return n <= maxCopy })
	return n
}

// clone copies a value tree.
func clone(v *model.Value) *model.Value {
	if v == nil {
		return nil
	}
	c := *v
	if v.Items != nil {
		c.Items = make([]*model.Value, len(v.Items))
		for i, it := range v.Items {
			c.Items[i] = clone(it)
		}
	}
	if v.Fields != nil {
		c.Fields = make([]*model.Field, len(v.Fields))
		for i, f := range v.Fields {
			c.Fields[i] = &model.Field{Key: f.Key, KeyRange: f.KeyRange, Value: clone(f.Value)}
		}
	}
	return &c
}

func (e *evaluator) getAtt(arg *model.Value, rng model.Range) *model.Value {
	var target, attr string
	switch {
	case arg.Kind == model.String:
		target, attr, _ = strings.Cut(arg.Str, ".")
	case arg.Kind == model.List && len(arg.Items) >= 1:
		target, _ = arg.Items[0].AsString()
		if len(arg.Items) >= 2 {
			attr, _ = e.evalValue(arg.Items[1]).AsString()
		}
	}
	if target == "" {
		return unknown("!GetAtt", rng)
	}
	return e.attr(target, attr, rng)
}

// piece is one part of a string built by Fn::Sub or Fn::Join: literal text,
// or a value.
type piece struct {
	text string
	v    *model.Value
}

// concat joins pieces into a string when every one is known. Otherwise the
// result is unknown with reason, and keeps the Hint and Ref of a lone
// unknown piece that makes the whole string.
// concat measures the string first: one longer than maxString is not
// built (a CW001 once its cost is refused).
func (e *evaluator) concat(pieces []piece, reason string, rng model.Range) *model.Value {
	n := 0
	for _, p := range pieces {
		switch {
		case p.v == nil:
			n += len(p.text)
		case p.v.Kind == model.String || p.v.Kind == model.Number || p.v.Kind == model.Bool:
			n += len(p.v.Str)
		}
	}
	if n > maxString {
		e.refuse(int64(n), rng, reason)
		return unknown(reason+" (too long)", rng)
	}
	if !e.charge(int64(n), rng, reason) {
		return unknown(reason+" (too long)", rng)
	}
	return concat(pieces, reason, rng)
}

func concat(pieces []piece, reason string, rng model.Range) *model.Value {
	var b strings.Builder
	var unknowns []*model.Value
	sensitive, nonEmpty := false, 0
	for _, p := range pieces {
		if b.Len() > maxString {
			break
		}
		if p.v == nil {
			b.WriteString(p.text)
			if p.text != "" {
				nonEmpty++
			}
			continue
		}
		sensitive = sensitive || p.v.Sensitive
		switch p.v.Kind {
		case model.String, model.Number, model.Bool:
			b.WriteString(p.v.Str)
			if p.v.Str != "" {
				nonEmpty++
			}
		case model.Null:
		default:
			unknowns = append(unknowns, p.v)
			nonEmpty++
		}
	}
	if b.Len() > maxString {
		return unknown(reason+" (too long)", rng)
	}
	if len(unknowns) == 0 {
		out := model.NewString(b.String(), rng)
		out.Sensitive = sensitive
		return out
	}
	out := unknown(reason, rng)
	out.Sensitive = sensitive
	out.Glob = globOf(pieces)
	if len(unknowns) == 1 && nonEmpty == 1 && unknowns[0].Kind == model.Unknown {
		out.Hint = unknowns[0].Hint
		out.Ref = unknowns[0].Ref
	}
	return out
}

// globOf renders pieces with every unknown one as "*" (see model.Value.Glob);
// "" when no piece is literal text.
func globOf(pieces []piece) string {
	var b strings.Builder
	literal := false
	for _, p := range pieces {
		switch {
		case p.v == nil:
			b.WriteString(p.text)
			literal = literal || p.text != ""
		case p.v.Kind == model.String || p.v.Kind == model.Number || p.v.Kind == model.Bool:
			b.WriteString(p.v.Str)
			literal = literal || p.v.Str != ""
		case p.v.Kind == model.Null:
		default:
			if !strings.HasSuffix(b.String(), "*") {
				b.WriteByte('*')
			}
		}
		if b.Len() > maxString {
			return ""
		}
	}
	if !literal {
		return ""
	}
	return b.String()
}

func (e *evaluator) sub(arg *model.Value, rng model.Range) *model.Value {
	tmpl := arg
	vars := map[string]*model.Value{}
	if arg.Kind == model.List {
		if len(arg.Items) == 0 {
			return unknown("!Sub", rng)
		}
		tmpl = arg.Items[0]
		if len(arg.Items) > 1 {
			for _, f := range arg.Items[1].Fields {
				vars[f.Key] = e.evalValue(f.Value)
			}
		}
	}
	if tmpl.Kind != model.String {
		return unknown("!Sub", rng)
	}
	reason := "!Sub " + strconv.Quote(shorten(tmpl.Str))
	var pieces []piece
	s := tmpl.Str
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			pieces = append(pieces, piece{text: s})
			break
		}
		pieces = append(pieces, piece{text: s[:i]})
		rest := s[i+2:]
		if strings.HasPrefix(rest, "!") {
			pieces = append(pieces, piece{text: "${"})
			s = rest[1:]
			continue
		}
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			pieces = append(pieces, piece{text: s[i:]})
			break
		}
		pieces = append(pieces, piece{v: e.subVar(strings.TrimSpace(rest[:j]), vars, rng)})
		s = rest[j+1:]
	}
	return e.concat(pieces, reason, rng)
}

// subVar resolves a ${name} of Fn::Sub: a variable of the list form, a
// parameter, a pseudo parameter, a resource or a resource attribute.
func (e *evaluator) subVar(name string, vars map[string]*model.Value, rng model.Range) *model.Value {
	if v, ok := vars[name]; ok {
		return v
	}
	_, pseudo := pseudoParams[name]
	if target, attr, ok := strings.Cut(name, "."); ok && !pseudo {
		return e.attr(target, attr, rng)
	}
	v, removed := e.ref(name, rng)
	if removed {
		return unknown("!Ref AWS::NoValue", rng)
	}
	return v
}

func (e *evaluator) join(arg *model.Value, rng model.Range) *model.Value {
	if arg.Kind != model.List || len(arg.Items) != 2 {
		return unknown("!Join", rng)
	}
	delim, ok := e.evalValue(arg.Items[0]).AsString()
	if !ok {
		return unknown("!Join with an unknown delimiter", rng)
	}
	list := e.evalValue(arg.Items[1])
	if list.Kind != model.List {
		return unknown("!Join of an unknown list", rng)
	}
	var pieces []piece
	for i, it := range list.Items {
		if i > 0 {
			pieces = append(pieces, piece{text: delim})
		}
		pieces = append(pieces, piece{v: it})
	}
	return e.concat(pieces, "!Join "+strconv.Quote(shorten(delim)), rng)
}

func (e *evaluator) selectFn(arg *model.Value, rng model.Range) (*model.Value, bool) {
	if arg.Kind != model.List || len(arg.Items) != 2 {
		return unknown("!Select", rng), false
	}
	is, ok := e.evalValue(arg.Items[0]).AsString()
	idx, err := strconv.Atoi(strings.TrimSpace(is))
	if !ok || err != nil {
		return unknown("!Select with an unknown index", rng), false
	}
	list := e.evalValue(arg.Items[1])
	if list.Kind != model.List {
		return unknown(fmt.Sprintf("!Select %d of an unknown list", idx), rng), false
	}
	if idx < 0 || idx >= len(list.Items) {
		e.diags = append(e.diags, model.Diagnostic{
			Summary: fmt.Sprintf("Fn::Select index %d is out of range (the list has %d items)", idx, len(list.Items)),
			Range:   rng,
		})
		return unknown("!Select out of range", rng), false
	}
	return list.Items[idx], false
}

func (e *evaluator) split(arg *model.Value, rng model.Range) *model.Value {
	if arg.Kind != model.List || len(arg.Items) != 2 {
		return unknown("!Split", rng)
	}
	delim, ok1 := e.evalValue(arg.Items[0]).AsString()
	src := e.evalValue(arg.Items[1])
	s, ok2 := src.AsString()
	if !ok1 || !ok2 || delim == "" {
		return unknown("!Split of an unknown string", rng)
	}
	if !e.charge(int64(strings.Count(s, delim)+1)*nodeCost, rng, "Fn::Split") {
		return unknown("!Split (too large to evaluate)", rng)
	}
	l := &model.Value{Kind: model.List, Range: rng, Items: []*model.Value{}}
	for _, part := range strings.Split(s, delim) {
		it := model.NewString(part, rng)
		it.Sensitive = src.Sensitive
		l.Items = append(l.Items, it)
	}
	return l
}

func (e *evaluator) findInMap(arg *model.Value, rng model.Range) *model.Value {
	if arg.Kind != model.List || len(arg.Items) < 3 {
		return unknown("!FindInMap", rng)
	}
	var keys [3]string
	for i := range keys {
		s, ok := e.evalValue(arg.Items[i]).AsString()
		if !ok {
			return unknown("!FindInMap with an unknown key", rng)
		}
		keys[i] = s
	}
	reason := fmt.Sprintf("!FindInMap [%s, %s, %s]", shorten(keys[0]), shorten(keys[1]), shorten(keys[2]))
	found := e.member(e.member(e.member(e.mappings, keys[0]), keys[1]), keys[2])
	if found == nil && len(arg.Items) > 3 {
		// Fn::FindInMap with DefaultValue (AWS::LanguageExtensions).
		if d := arg.Items[3].Get("DefaultValue"); d != nil {
			return e.evalValue(d)
		}
	}
	if found == nil {
		return unknown(reason+" (no such entry)", rng)
	}
	// Mappings hold literals only, so the entry is not evaluated (which also
	// keeps a mapping that names itself from recursing). It is shared, not
	// copied: an entry used many times costs nothing more.
	out := *found
	out.Range = rng
	return &out
}

func (e *evaluator) ifFn(arg *model.Value, rng model.Range) (*model.Value, bool) {
	if arg.Kind != model.List || len(arg.Items) != 3 {
		return unknown("!If", rng), false
	}
	name, ok := arg.Items[0].AsString()
	if !ok {
		return unknown("!If", rng), false
	}
	switch e.condition(name, arg.Items[0].Range) {
	case triTrue:
		return e.eval(arg.Items[1])
	case triFalse:
		return e.eval(arg.Items[2])
	}
	return e.bothBranches(name, arg, rng)
}

// condition evaluates the named condition once.
func (e *evaluator) condition(name string, at model.Range) tri {
	if e.assumed != "" && name == e.assumed {
		return triTrue
	}
	// What holds under an assumption holds only there.
	cache := e.underAssumption(name)
	if t, ok := cache[name]; ok {
		return t
	}
	expr := e.member(e.conditions, name)
	if expr == nil {
		e.diags = append(e.diags, model.Diagnostic{Summary: fmt.Sprintf("condition %q is not defined", name), Range: at})
		e.condState[name] = triUnknown
		return triUnknown
	}
	if e.condBusy[name] {
		e.diags = append(e.diags, model.Diagnostic{Summary: fmt.Sprintf("condition %q refers to itself", name), Range: at})
		return triUnknown
	}
	e.condBusy[name] = true
	t := e.condExpr(expr)
	delete(e.condBusy, name)
	cache[name] = t
	return t
}

func (e *evaluator) condExpr(v *model.Value) tri {
	if v == nil || v.Kind != model.Object || len(v.Fields) != 1 {
		return triUnknown
	}
	arg := v.Fields[0].Value
	switch v.Fields[0].Key {
	case "Condition":
		if name, ok := arg.AsString(); ok {
			return e.condition(name, arg.Range)
		}
	case "Fn::Equals":
		if arg.Kind != model.List || len(arg.Items) != 2 {
			return triUnknown
		}
		a, b := e.evalValue(arg.Items[0]), e.evalValue(arg.Items[1])
		as, ok1 := a.AsString()
		bs, ok2 := b.AsString()
		if !ok1 || !ok2 {
			return triUnknown
		}
		return triOf(as == bs)
	case "Fn::Not":
		if arg.Kind == model.List && len(arg.Items) == 1 {
			switch e.condExpr(arg.Items[0]) {
			case triTrue:
				return triFalse
			case triFalse:
				return triTrue
			}
		}
	case "Fn::And", "Fn::Or":
		if arg.Kind != model.List || len(arg.Items) == 0 {
			return triUnknown
		}
		// And: one false decides; Or: one true decides.
		decisive := triFalse
		if v.Fields[0].Key == "Fn::Or" {
			decisive = triTrue
		}
		out := triOf(decisive == triFalse) // the value when nothing decides
		for _, it := range arg.Items {
			switch t := e.condExpr(it); t {
			case decisive:
				return decisive
			case triUnknown:
				out = triUnknown
			}
		}
		return out
	}
	return triUnknown
}

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// shorten keeps reasons short: at most 60 code points.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:57]) + "..."
}
