package terraform

import (
	"errors"
	"maps"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions is the function table of the evaluation context: the go-cty
// standard library functions whose behaviour matches Terraform's,
// Terraform's own semantics for length, replace, coalesce and index, the
// built-ins go-cty lacks (funcs_more.go), and the file functions, which
// read only inside the scan root (funcs_file.go). Impure functions
// (timestamp, uuid, bcrypt) give unknown values; a function that is not
// listed makes its call unknown: it is never an input error. Functions
// that could allocate without bound on hostile input (range, setproduct)
// are bounded.
// functions are the functions bound to one configuration: its limits and
// its files. The rest, shared by every module of the scan, sit in the
// parent context every evaluation context chains to (see newContext):
// copying a table of some 130 functions per module was a tenth of a small
// module's allocations.
func functions(cfg *config) map[string]function.Function {
	fns := configFunctions(cfg)
	maps.Copy(fns, fileFunctions(cfg))
	maps.Copy(fns, amplifyingFunctions(cfg))
	return fns
}

// sharedContext holds the shared functions; hcl looks a function up
// through the chain of parent contexts.
var sharedContext = sync.OnceValue(func() *hcl.EvalContext {
	return &hcl.EvalContext{Functions: sharedFunctions()}
})

// newContext is an evaluation context with the configuration's own
// functions, chained to the shared ones.
func newContext(vars map[string]cty.Value, fns map[string]function.Function) *hcl.EvalContext {
	ctx := sharedContext().NewChild()
	ctx.Variables = vars
	ctx.Functions = fns
	return ctx
}

// sharedFunctions are the functions that do not depend on a configuration,
// made once for every module of the scan: building each function's spec
// again for every module was a tenth of the Terraform parser's allocations.
var sharedFunctions = sync.OnceValue(func() map[string]function.Function {
	fns := baseFunctions()
	maps.Copy(fns, moreFunctions())
	return fns
})

// configFunctions are the functions bound to one configuration's limits.
func configFunctions(cfg *config) map[string]function.Function {
	return map[string]function.Function{
		"range":          bounded(cfg, "range", stdlib.RangeFunc, rangeSize),
		"setproduct":     bounded(cfg, "setproduct", stdlib.SetProductFunc, productSize),
		"templatestring": templateStringFunc(cfg),
	}
}

func baseFunctions() map[string]function.Function {
	return map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"can":             tryfunc.CanFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        coalesceFunc(),
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          lengthFunc(),
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"try":             tryfunc.TryFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
}

// lengthFunc is Terraform's length: it also counts the characters of a
// string and the attributes of an object.
func lengthFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the number of elements of a collection or characters of a string.",
		Params:      []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType}},
		Type:        function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			ty := v.Type()
			switch {
			case ty == cty.String:
				return stdlib.Strlen(v)
			case ty.IsObjectType():
				return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
			case ty.IsListType(), ty.IsSetType(), ty.IsMapType(), ty.IsTupleType():
				return v.Length(), nil
			}
			return cty.UnknownVal(cty.Number), errors.New("argument must be a string, a collection or a structural value")
		},
	})
}

// replaceFunc is Terraform's replace: a substring written /like this/ is a
// regular expression.
func replaceFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Replaces each occurrence of a substring (or a /regular expression/) in a string.",
		Params: []function.Parameter{
			{Name: "str", Type: cty.String},
			{Name: "substr", Type: cty.String},
			{Name: "replace", Type: cty.String},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			str, sub, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
			if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
				re, err := regexp.Compile(sub[1 : len(sub)-1])
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				return cty.StringVal(re.ReplaceAllString(str, repl)), nil
			}
			return cty.StringVal(strings.ReplaceAll(str, sub, repl)), nil
		},
	})
}

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string.
func coalesceFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the first argument that is not null or an empty string.",
		VarParam: &function.Parameter{
			Name: "vals", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowDynamicType: true, AllowNull: true,
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			types := make([]cty.Type, len(args))
			for i, a := range args {
				types[i] = a.Type()
			}
			ty, _ := convert.UnifyUnsafe(types)
			if ty == cty.NilType {
				return cty.NilType, errors.New("all arguments must have the same type")
			}
			return ty, nil
		},
		Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
			for _, a := range args {
				if !a.IsKnown() {
					return cty.UnknownVal(ty), nil
				}
				if a.IsNull() {
					continue
				}
				if a.Type() == cty.String && a.AsString() == "" {
					continue
				}
				return convert.Convert(a, ty)
			}
			return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
		},
	})
}

// hugeWidth matches a format verb with a width or precision of five digits
// or more, which would make format allocate without bound.
var hugeWidth = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`%[-+# 0]*(\[\d+\])?\d*\.?\d{5,}`) })

// boundedFormat refuses format strings with huge widths.
func boundedFormat(f function.Function) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String && hugeWidth().MatchString(args[0].AsString()) {
				return cty.NilType, errors.New("format width too large")
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return f.Call(args) },
	})
}
