package fixes

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// instanceKey is the index of a Terraform resource of several instances
// in its address (`[0]`, `["a"]`), "" for one of a single instance. The
// instance keys of the module calls before it do not count: an edit in
// the module's file holds for every call.
func instanceKey(r *model.Resource) string {
	local := r.Type + "." + r.Name
	i := strings.LastIndex(r.Address, local)
	if i < 0 {
		return ""
	}
	return r.Address[i+len(local):]
}

// Instanced reports whether r is one of several instances (count,
// for_each).
func Instanced(r *model.Resource) bool { return instanceKey(r) != "" }

// self is how a block made for r refers to it, and the meta-argument that
// gives that block one instance per instance of r: nothing for a single
// instance; `count = length(x)` and `x[count.index]` for count; and
// `for_each = x` and `each.value` for for_each (the chaining the Terraform
// documentation shows). ok is false for a key it cannot tell.
func self(r *model.Resource) (ref string, meta analyzer.FixObject, ok bool) {
	local := r.Type + "." + r.Name
	switch key := instanceKey(r); {
	case key == "":
		return local, nil, true
	case strings.HasPrefix(key, `["`):
		return "each.value", analyzer.FixObject{{Key: "for_each", Value: analyzer.FixExpr{HCL: local}}}, true
	case strings.HasPrefix(key, "[") && strings.Trim(key, "[]0123456789") == "":
		return local + "[count.index]", analyzer.FixObject{{Key: "count", Value: analyzer.FixExpr{HCL: "length(" + local + ")"}}}, true
	}
	return "", nil, false
}
