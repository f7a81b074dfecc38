package terraform

// The Terraform built-ins that go-cty's standard library does not have,
// written for configward from the functions' documented behaviour.

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"net/netip"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// maxGenerated bounds the collections range and setproduct build.
const maxGenerated = 1 << 16

func moreFunctions() map[string]function.Function {
	return map[string]function.Function{
		"alltrue":          allTrueFunc(),
		"anytrue":          anyTrueFunc(),
		"base64decode":     base64DecodeFunc(),
		"base64encode":     stringFunc("Encodes a string with Base64.", func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64gzip":       stringFunc("Compresses a string with gzip and encodes it with Base64.", base64Gzip),
		"base64sha256":     hashFunc(sha256.New, true),
		"base64sha512":     hashFunc(sha512.New, true),
		"basename":         stringFunc("Returns the last element of a path.", func(s string) (string, error) { return path.Base(s), nil }),
		"cidrhost":         cidrHostFunc(),
		"cidrnetmask":      cidrNetmaskFunc(),
		"cidrsubnet":       cidrSubnetFunc(),
		"cidrsubnets":      cidrSubnetsFunc(),
		"dirname":          stringFunc("Returns all but the last element of a path.", func(s string) (string, error) { return path.Dir(s), nil }),
		"endswith":         stringPredicate(strings.HasSuffix),
		"ephemeralasnull":  identityFunc(),
		"index":            indexFunc(),
		"issensitive":      isSensitiveFunc(),
		"matchkeys":        matchKeysFunc(),
		"md5":              hashFunc(md5.New, false),
		"nonsensitive":     nonSensitiveFunc(),
		"one":              oneFunc(),
		"pathexpand":       pathExpandFunc(),
		"sensitive":        sensitiveFunc(),
		"sha1":             hashFunc(sha1.New, false),
		"sha256":           hashFunc(sha256.New, false),
		"sha512":           hashFunc(sha512.New, false),
		"startswith":       stringPredicate(strings.HasPrefix),
		"strcontains":      stringPredicate(strings.Contains),
		"sum":              sumFunc(),
		"textdecodebase64": textDecodeFunc(),
		"textencodebase64": textEncodeFunc(),
		"timecmp":          timeCmpFunc(),
		"transpose":        transposeFunc(),
		"urldecode":        stringFunc("Decodes a URL query string.", url.QueryUnescape),
		"urlencode":        stringFunc("Encodes a string for a URL query.", func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"uuidv5":           uuidV5Func(),
		"abspath":          unknownFunc(cty.String),
		"bcrypt":           unknownFunc(cty.String),
		"plantimestamp":    unknownFunc(cty.String),
		"rsadecrypt":       unknownFunc(cty.String),
		"timestamp":        unknownFunc(cty.String),
		"uuid":             unknownFunc(cty.String),
		"yamlencode":       unknownFunc(cty.String),
	}
}

// unknownFunc is a function whose result cannot be known offline: the
// time, random values, an absolute path of the machine that plans.
func unknownFunc(ret cty.Type) function.Function {
	return function.New(&function.Spec{
		Description: "Returns a value configward cannot know offline.",
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true},
		Type: function.StaticReturnType(ret),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ret), nil },
	})
}

func stringFunc(desc string, f func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{{Name: "str", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func stringPredicate(f func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Description: "Tests a string against another.",
		Params:      []function.Parameter{{Name: "str", Type: cty.String}, {Name: "other", Type: cty.String}},
		Type:        function.StaticReturnType(cty.Bool),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func base64DecodeFunc() function.Function {
	return stringFunc("Decodes a Base64 string.", func(s string) (string, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return "", errors.New("the string is not valid Base64")
		}
		if !utf8.Valid(b) {
			return "", errors.New("the decoded bytes are not valid UTF-8")
		}
		return string(b), nil
	})
}

func base64Gzip(s string) (string, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// hashFunc hashes a string's UTF-8 bytes: hex digest, or Base64 of the
// raw digest.
func hashFunc(h func() hash.Hash, b64 bool) function.Function {
	return stringFunc("Hashes a string.", func(s string) (string, error) { return digest(h, []byte(s), b64), nil })
}

func digest(h func() hash.Hash, data []byte, b64 bool) string {
	x := h()
	x.Write(data)
	sum := x.Sum(nil)
	if b64 {
		return base64.StdEncoding.EncodeToString(sum)
	}
	return hex.EncodeToString(sum)
}

func identityFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns its argument.",
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
}

func sensitiveFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Marks a value as sensitive.",
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0].Mark(sensitiveMark), nil },
	})
}

func nonSensitiveFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Removes the sensitive mark of a value.",
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, marks := args[0].Unmark()
			delete(marks, sensitiveMark)
			return v.WithMarks(marks), nil
		},
	})
}

func isSensitiveFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Reports whether a value is sensitive.",
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type: function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(args[0].HasMark(sensitiveMark)), nil
		},
	})
}

func pathExpandFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Expands a leading ~ in a path; the home directory is not known offline.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if strings.HasPrefix(args[0].AsString(), "~") {
				return cty.UnknownVal(cty.String), nil
			}
			return args[0], nil
		},
	})
}

// boolList reads a list of booleans for alltrue and anytrue: unknown when
// an element is unknown; a null element counts as false.
func boolElems(v cty.Value) (vals []cty.Value, err error) {
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsKnown() && !e.IsNull() {
			if e, err = convert.Convert(e, cty.Bool); err != nil {
				return nil, errors.New("the elements must be booleans")
			}
		}
		vals = append(vals, e)
	}
	return vals, nil
}

func allTrueFunc() function.Function {
	return boolReduce("Returns true when every element is true (or the list is empty).", false)
}

func anyTrueFunc() function.Function {
	return boolReduce("Returns true when an element is true.", true)
}

// boolReduce makes alltrue (decisive false) and anytrue (decisive true):
// the first known element equal to decisive decides; otherwise an unknown
// element makes the result unknown, and without one it is !decisive. A
// null counts as false.
func boolReduce(description string, decisive bool) function.Function {
	return function.New(&function.Spec{
		Description: description,
		Params:      []function.Parameter{{Name: "list", Type: cty.List(cty.DynamicPseudoType)}},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			vals, err := boolElems(args[0])
			if err != nil {
				return cty.UnknownVal(cty.Bool), err
			}
			unknown := false
			for _, e := range vals {
				switch {
				case !e.IsKnown():
					unknown = true
				case (!e.IsNull() && e.True()) == decisive:
					return cty.BoolVal(decisive), nil
				}
			}
			if unknown {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.BoolVal(!decisive), nil
		},
	})
}

// indexFunc is Terraform's index: the position of a value in a list.
func indexFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the position of the first element equal to a value.",
		Params: []function.Parameter{
			{Name: "list", Type: cty.DynamicPseudoType},
			{Name: "value", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			l := args[0]
			if ty := l.Type(); !ty.IsListType() && !ty.IsTupleType() {
				return cty.UnknownVal(cty.Number), errors.New("the first argument must be a list or a tuple")
			}
			if !l.IsWhollyKnown() || !args[1].IsWhollyKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			i := 0
			for it := l.ElementIterator(); it.Next(); i++ {
				_, e := it.Element()
				if e.Type().Equals(args[1].Type()) || e.Type() == cty.DynamicPseudoType {
					if eq := e.Equals(args[1]); eq.IsKnown() && eq.True() {
						return cty.NumberIntVal(int64(i)), nil
					}
				} else if c, err := convert.Convert(args[1], e.Type()); err == nil {
					if eq := e.Equals(c); eq.IsKnown() && eq.True() {
						return cty.NumberIntVal(int64(i)), nil
					}
				}
			}
			return cty.UnknownVal(cty.Number), errors.New("the value is not in the list")
		},
	})
}

func matchKeysFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the values whose keys, at the same index, are in the search set.",
		Params: []function.Parameter{
			{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
			{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
			{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
		},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			vals, keys, search := args[0], args[1], args[2]
			if vals.LengthInt() != keys.LengthInt() {
				return cty.UnknownVal(ret), errors.New("values and keys must have the same length")
			}
			if !keys.IsWhollyKnown() || !search.IsWhollyKnown() {
				return cty.UnknownVal(ret), nil
			}
			ks := keys.AsValueSlice()
			ss := search.AsValueSlice()
			var out []cty.Value
			for i, v := range vals.AsValueSlice() {
				for _, s := range ss {
					k := ks[i]
					if !k.Type().Equals(s.Type()) {
						c, err := convert.Convert(s, k.Type())
						if err != nil {
							continue
						}
						s = c
					}
					if eq := k.Equals(s); eq.IsKnown() && eq.True() {
						out = append(out, v)
						break
					}
				}
			}
			if len(out) == 0 {
				return cty.ListValEmpty(ret.ElementType()), nil
			}
			return cty.ListVal(out), nil
		},
	})
}

func oneFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the only element of a collection, or null when it is empty.",
		Params:      []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty := args[0].Type()
			switch {
			case ty.IsListType(), ty.IsSetType():
				return ty.ElementType(), nil
			case ty.IsTupleType():
				switch n := len(ty.TupleElementTypes()); n {
				case 0:
					return cty.DynamicPseudoType, nil
				case 1:
					return ty.TupleElementTypes()[0], nil
				}
				return cty.NilType, errors.New("the tuple has more than one element")
			}
			return cty.NilType, errors.New("the argument must be a list, a set or a tuple")
		},
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			v := args[0]
			if !v.IsKnown() {
				return cty.UnknownVal(ret), nil
			}
			switch v.LengthInt() {
			case 0:
				return cty.NullVal(ret), nil
			case 1:
				it := v.ElementIterator()
				it.Next()
				_, e := it.Element()
				return e, nil
			}
			return cty.UnknownVal(ret), errors.New("the collection has more than one element")
		},
	})
}

func sumFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Adds the numbers of a collection.",
		Params:      []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:        function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			ty := v.Type()
			if !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
				return cty.UnknownVal(cty.Number), errors.New("the argument must be a list, a set or a tuple of numbers")
			}
			if v.LengthInt() == 0 {
				return cty.UnknownVal(cty.Number), errors.New("the collection is empty")
			}
			if !v.IsWhollyKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			total := cty.Zero
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				n, err := convert.Convert(e, cty.Number)
				if err != nil || n.IsNull() {
					return cty.UnknownVal(cty.Number), errors.New("the elements must be numbers")
				}
				total = total.Add(n)
			}
			return total, nil
		},
	})
}

func transposeFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Swaps the keys and values of a map of lists of strings.",
		Params:      []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
		Type:        function.StaticReturnType(cty.Map(cty.List(cty.String))),
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			if !args[0].IsWhollyKnown() {
				return cty.UnknownVal(ret), nil
			}
			out := map[string][]cty.Value{}
			for it := args[0].ElementIterator(); it.Next(); {
				k, l := it.Element()
				if l.IsNull() {
					return cty.UnknownVal(ret), errors.New("the lists must not be null")
				}
				for _, e := range l.AsValueSlice() {
					if e.IsNull() {
						return cty.UnknownVal(ret), errors.New("the lists must not hold null")
					}
					out[e.AsString()] = append(out[e.AsString()], k)
				}
			}
			if len(out) == 0 {
				return cty.MapValEmpty(cty.List(cty.String)), nil
			}
			m := map[string]cty.Value{}
			for k, ks := range out {
				m[k] = cty.ListVal(ks)
			}
			return cty.MapVal(m), nil
		},
	})
}

func timeCmpFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Compares two RFC 3339 timestamps: -1, 0 or 1.",
		Params:      []function.Parameter{{Name: "a", Type: cty.String}, {Name: "b", Type: cty.String}},
		Type:        function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			a, err := time.Parse(time.RFC3339, args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), fmt.Errorf("the first timestamp is not RFC 3339: %w", err)
			}
			b, err := time.Parse(time.RFC3339, args[1].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), fmt.Errorf("the second timestamp is not RFC 3339: %w", err)
			}
			return cty.NumberIntVal(int64(a.Compare(b))), nil
		},
	})
}

// uuidV5Func builds a name-based UUID (RFC 4122 version 5).
func uuidV5Func() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the version 5 UUID of a name in a namespace.",
		Params:      []function.Parameter{{Name: "namespace", Type: cty.String}, {Name: "name", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			ns := args[0].AsString()
			known := map[string]string{
				"dns":  "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
				"url":  "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
				"oid":  "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
				"x500": "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
			}
			if u, ok := known[ns]; ok {
				ns = u
			}
			raw, err := hex.DecodeString(strings.ReplaceAll(ns, "-", ""))
			if err != nil || len(raw) != 16 {
				return cty.UnknownVal(cty.String), errors.New("the namespace must be dns, url, oid, x500 or a UUID")
			}
			h := sha1.New()
			h.Write(raw)
			h.Write([]byte(args[1].AsString()))
			sum := h.Sum(nil)[:16]
			sum[6] = sum[6]&0x0f | 0x50
			sum[8] = sum[8]&0x3f | 0x80
			x := hex.EncodeToString(sum)
			return cty.StringVal(x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]), nil
		},
	})
}

// textEncodeFunc encodes a string in UTF-8 or UTF-16 and then Base64;
// other encodings are not known offline without a character set table.
func textEncodeFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Encodes a string in a character encoding, then with Base64.",
		Params:      []function.Parameter{{Name: "str", Type: cty.String}, {Name: "encoding", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s := args[0].AsString()
			var b []byte
			switch enc := strings.ToUpper(args[1].AsString()); enc {
			case "UTF-8", "UTF8":
				b = []byte(s)
			case "UTF-16LE", "UTF-16BE":
				for _, u := range utf16.Encode([]rune(s)) {
					if enc == "UTF-16BE" {
						b = binary.BigEndian.AppendUint16(b, u)
					} else {
						b = binary.LittleEndian.AppendUint16(b, u)
					}
				}
			default:
				return cty.UnknownVal(cty.String), nil
			}
			return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
		},
	})
}

func textDecodeFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Decodes Base64, then a character encoding.",
		Params:      []function.Parameter{{Name: "source", Type: cty.String}, {Name: "encoding", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, err := base64.StdEncoding.DecodeString(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), errors.New("the string is not valid Base64")
			}
			switch enc := strings.ToUpper(args[1].AsString()); enc {
			case "UTF-8", "UTF8":
				if !utf8.Valid(b) {
					return cty.UnknownVal(cty.String), errors.New("the bytes are not valid UTF-8")
				}
				return cty.StringVal(string(b)), nil
			case "UTF-16LE", "UTF-16BE":
				if len(b)%2 != 0 {
					return cty.UnknownVal(cty.String), errors.New("the bytes are not valid UTF-16")
				}
				var order binary.ByteOrder = binary.LittleEndian
				if enc == "UTF-16BE" {
					order = binary.BigEndian
				}
				u := make([]uint16, len(b)/2)
				for i := range u {
					u[i] = order.Uint16(b[2*i:])
				}
				return cty.StringVal(string(utf16.Decode(u))), nil
			}
			return cty.UnknownVal(cty.String), nil
		},
	})
}

// templateStringFunc renders a string as a template with the given
// variables.
func templateStringFunc(cfg *config) function.Function {
	return function.New(&function.Spec{
		Description: "Renders a string as a template.",
		Params: []function.Parameter{
			{Name: "template", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src := []byte(args[0].AsString())
			if d := templateTooDeep(src, "<templatestring>"); d != nil {
				return cty.UnknownVal(cty.String), errors.New(d.Detail)
			}
			expr, diags := hclsyntax.ParseTemplate(src, "<templatestring>", hcl.InitialPos)
			if diags.HasErrors() {
				return cty.UnknownVal(cty.String), diags
			}
			return cfg.renderTemplate(expr, args[1])
		},
	})
}

// bounded refuses calls whose result would have more than maxGenerated
// elements, recording a "too large to evaluate" problem.
func bounded(cfg *config, name string, f function.Function, size func([]cty.Value) (float64, bool)) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if n, ok := size(args); ok && n > maxGenerated {
				msg := fmt.Sprintf("%s: %s() would build %.0f elements; configward evaluates at most %d, and the value is unknown", tooLargeSummary, name, n, maxGenerated)
				cfg.pending = append(cfg.pending, msg)
				return cty.NilType, errors.New(msg)
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return f.Call(args) },
	})
}

func knownNumber(v cty.Value) (float64, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return 0, false
	}
	f, _ := n.AsBigFloat().Float64()
	return f, true
}

// rangeSize is the length of range(...)'s result.
func rangeSize(args []cty.Value) (float64, bool) {
	start, limit, step := 0.0, 0.0, 1.0
	var ok bool
	switch len(args) {
	case 1:
		limit, ok = knownNumber(args[0])
	case 2, 3:
		var ok1, ok2 bool
		start, ok1 = knownNumber(args[0])
		limit, ok2 = knownNumber(args[1])
		ok = ok1 && ok2
		if len(args) == 3 {
			var ok3 bool
			step, ok3 = knownNumber(args[2])
			ok = ok && ok3
		} else if limit < start {
			step = -1
		}
	}
	if !ok || step == 0 {
		return 0, false
	}
	n := (limit - start) / step
	if n < 0 {
		return 0, true
	}
	return n, true
}

// productSize is the number of elements setproduct would build.
func productSize(args []cty.Value) (float64, bool) {
	total := 1.0
	for _, a := range args {
		a, _ = a.Unmark()
		if !a.IsKnown() || a.IsNull() {
			return 0, false
		}
		ty := a.Type()
		if !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
			return 0, false
		}
		total *= float64(a.LengthInt())
	}
	return total, true
}

// cidrs: addresses as big integers over 32 or 128 bits.

func parsePrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid CIDR prefix %q", s)
	}
	return p.Masked(), nil
}

func addrInt(a netip.Addr) *big.Int { return new(big.Int).SetBytes(a.AsSlice()) }

func intAddr(n *big.Int, v4 bool) netip.Addr {
	size := 16
	if v4 {
		size = 4
	}
	b := n.FillBytes(make([]byte, size))
	a, _ := netip.AddrFromSlice(b)
	return a
}

func wholeInt(v cty.Value) (*big.Int, error) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return nil, errors.New("the number must be whole")
	}
	i, _ := bf.Int(nil)
	return i, nil
}

func cidrSubnetFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Computes a subnet address within a CIDR prefix.",
		Params: []function.Parameter{
			{Name: "prefix", Type: cty.String},
			{Name: "newbits", Type: cty.Number},
			{Name: "netnum", Type: cty.Number},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, err := parsePrefix(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			nb, err := wholeInt(args[1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			num, err := wholeInt(args[2])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			s, err := subnet(p, int(nb.Int64()), num)
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s.String()), nil
		},
	})
}

func subnet(p netip.Prefix, newbits int, num *big.Int) (netip.Prefix, error) {
	total := p.Addr().BitLen()
	length := p.Bits() + newbits
	if newbits < 0 || length > total {
		return netip.Prefix{}, fmt.Errorf("cannot extend a /%d prefix by %d bits", p.Bits(), newbits)
	}
	limit := new(big.Int).Lsh(big.NewInt(1), uint(newbits))
	if num.Sign() < 0 || num.Cmp(limit) >= 0 {
		return netip.Prefix{}, fmt.Errorf("network number %s does not fit in %d bits", num, newbits)
	}
	base := addrInt(p.Addr())
	base.Add(base, new(big.Int).Lsh(num, uint(total-length)))
	return netip.PrefixFrom(intAddr(base, p.Addr().Is4()), length), nil
}

func cidrHostFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Computes a host address within a CIDR prefix.",
		Params: []function.Parameter{
			{Name: "prefix", Type: cty.String},
			{Name: "hostnum", Type: cty.Number},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, err := parsePrefix(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			num, err := wholeInt(args[1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			size := new(big.Int).Lsh(big.NewInt(1), uint(p.Addr().BitLen()-p.Bits()))
			if num.Sign() < 0 {
				num.Add(num, size)
			}
			if num.Sign() < 0 || num.Cmp(size) >= 0 {
				return cty.UnknownVal(cty.String), fmt.Errorf("host number %s does not fit in the prefix %s", args[1].AsBigFloat().Text('f', -1), p)
			}
			a := addrInt(p.Addr())
			a.Add(a, num)
			return cty.StringVal(intAddr(a, p.Addr().Is4()).String()), nil
		},
	})
}

func cidrNetmaskFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Returns the netmask of an IPv4 CIDR prefix.",
		Params:      []function.Parameter{{Name: "prefix", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, err := parsePrefix(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			if !p.Addr().Is4() {
				return cty.UnknownVal(cty.String), errors.New("only IPv4 prefixes have a netmask")
			}
			mask := uint32(0xffffffff) << (32 - p.Bits())
			if p.Bits() == 0 {
				mask = 0
			}
			var b [4]byte
			binary.BigEndian.PutUint32(b[:], mask)
			return cty.StringVal(netip.AddrFrom4(b).String()), nil
		},
	})
}

func cidrSubnetsFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Allocates consecutive subnets of a CIDR prefix.",
		Params:      []function.Parameter{{Name: "prefix", Type: cty.String}},
		VarParam:    &function.Parameter{Name: "newbits", Type: cty.Number},
		Type:        function.StaticReturnType(cty.List(cty.String)),
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			p, err := parsePrefix(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(ret), err
			}
			if len(args) == 1 {
				return cty.ListValEmpty(cty.String), nil
			}
			total := p.Addr().BitLen()
			space := new(big.Int).Lsh(big.NewInt(1), uint(total-p.Bits()))
			cur := new(big.Int)
			base := addrInt(p.Addr())
			var out []cty.Value
			for _, a := range args[1:] {
				nb, err := wholeInt(a)
				if err != nil {
					return cty.UnknownVal(ret), err
				}
				length := p.Bits() + int(nb.Int64())
				if nb.Sign() <= 0 || length > total {
					return cty.UnknownVal(ret), fmt.Errorf("cannot extend a /%d prefix by %s bits", p.Bits(), nb)
				}
				size := new(big.Int).Lsh(big.NewInt(1), uint(total-length))
				// Align the next subnet on its own size.
				rem := new(big.Int).Mod(cur, size)
				if rem.Sign() != 0 {
					cur.Add(cur, new(big.Int).Sub(size, rem))
				}
				if new(big.Int).Add(cur, size).Cmp(space) > 0 {
					return cty.UnknownVal(ret), fmt.Errorf("not enough room in %s for the subnets", p)
				}
				at := new(big.Int).Add(base, cur)
				out = append(out, cty.StringVal(netip.PrefixFrom(intAddr(at, p.Addr().Is4()), length).String()))
				cur.Add(cur, size)
			}
			return cty.ListVal(out), nil
		},
	})
}
