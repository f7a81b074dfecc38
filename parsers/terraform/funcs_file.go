package terraform

// The file functions read only inside the scan root, through the fs.FS
// the parser is given: an absolute path, a path that climbs out of the
// root, or a symbolic link anywhere on the way reads nothing and is
// reported (CW001).

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/parsers/pathglob"
)

// maxFileset bounds the directory entries fileset looks at.
const maxFileset = 10000

func fileFunctions(cfg *config) map[string]function.Function {
	hashed := func(h func() hash.Hash, b64 bool) function.Function {
		return cfg.fileFunc("Hashes the content of a file.", func(b []byte) (cty.Value, error) {
			return cty.StringVal(digest(h, b, b64)), nil
		})
	}
	return map[string]function.Function{
		"file": cfg.fileFunc("Reads a file of the module as a UTF-8 string.", func(b []byte) (cty.Value, error) {
			if !utf8.Valid(b) {
				return cty.UnknownVal(cty.String), errors.New("the file is not valid UTF-8; use filebase64")
			}
			return cty.StringVal(string(b)), nil
		}),
		"filebase64": cfg.fileFunc("Reads a file as Base64.", func(b []byte) (cty.Value, error) {
			return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
		}),
		"filemd5":          hashed(md5.New, false),
		"filesha1":         hashed(sha1.New, false),
		"filesha256":       hashed(sha256.New, false),
		"filesha512":       hashed(sha512.New, false),
		"filebase64sha256": hashed(sha256.New, true),
		"filebase64sha512": hashed(sha512.New, true),
		"fileexists":       cfg.fileExistsFunc(),
		"fileset":          cfg.filesetFunc(),
		"templatefile":     cfg.templateFileFunc(),
	}
}

// resolvePath turns a path given to a file function into a path of the
// scan root: relative paths are relative to the root module, as Terraform
// resolves them from its working directory. ok is false for a path that
// leaves the scan root.
func (cfg *config) resolvePath(p string) (string, bool) {
	p = strings.ReplaceAll(p, "\\", "/")
	if path.IsAbs(p) || (len(p) > 1 && p[1] == ':') {
		return "", false
	}
	rel := path.Join(cfg.root, p)
	if !fs.ValidPath(rel) {
		return "", false
	}
	return rel, true
}

// outside records a path that leaves the scan root and returns the error
// the function fails with.
func (cfg *config) outside(fn, p string) error {
	msg := fmt.Sprintf("Path outside the scan root: %s(%q) names a path outside the scanned directory; it is not read, and the value is unknown", fn, p)
	cfg.pending = append(cfg.pending, msg)
	return errors.New(msg)
}

// readForFunc reads a file for a function, recording why it could not.
func (cfg *config) readForFunc(fn, p string) ([]byte, string, error) {
	rel, ok := cfg.resolvePath(p)
	if !ok {
		return nil, "", cfg.outside(fn, p)
	}
	if src, ok := cfg.sources[rel]; ok {
		return src.src, rel, nil
	}
	mark := len(cfg.diags)
	src, ok := cfg.readFile(rel, model.Range{})
	if ok {
		return src, rel, nil
	}
	// readFile reported at no position: move its diagnostic to the call.
	var msg string
	for _, d := range cfg.diags[mark:] {
		msg = fmt.Sprintf("%s: %s(%q): %s", d.Summary, fn, p, d.Detail)
	}
	cfg.diags = cfg.diags[:mark]
	if msg == "" {
		msg = fmt.Sprintf("Cannot read file: %s(%q) could not be read", fn, p)
	}
	cfg.pending = append(cfg.pending, msg)
	return nil, rel, errors.New(msg)
}

func (cfg *config) fileFunc(desc string, f func([]byte) (cty.Value, error)) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, _, err := cfg.readForFunc("file", args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return f(b)
		},
	})
}

func (cfg *config) fileExistsFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Reports whether a file exists in the module.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			rel, ok := cfg.resolvePath(p)
			if !ok {
				return cty.UnknownVal(cty.Bool), cfg.outside("fileexists", p)
			}
			regular, found := cfg.isReal(rel, false)
			if !found {
				return cty.False, nil
			}
			if !regular {
				if isDir, _ := cfg.isReal(rel, true); isDir {
					return cty.UnknownVal(cty.Bool), errors.New("the path is a directory")
				}
				// A symbolic link: whether its target exists is not
				// looked at.
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.True, nil
		},
	})
}

func (cfg *config) filesetFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Lists the files under a directory that match a pattern.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:        function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			p, pattern := args[0].AsString(), strings.ReplaceAll(args[1].AsString(), "\\", "/")
			rel, ok := cfg.resolvePath(p)
			if !ok {
				return cty.UnknownVal(ret), cfg.outside("fileset", p)
			}
			if real, found := cfg.isReal(rel, true); !found || !real {
				if found {
					return cty.UnknownVal(ret), cfg.outside("fileset", p)
				}
				return cty.SetValEmpty(cty.String), nil
			}
			if strings.HasPrefix(pattern, "/") || strings.Contains(pattern, "..") {
				return cty.UnknownVal(ret), cfg.outside("fileset", pattern)
			}
			var out []cty.Value
			seen := 0
			var walk func(dir, sub string) error
			walk = func(dir, sub string) error {
				entries, err := cfg.list(dir)
				if err != nil {
					return err
				}
				for _, e := range entries {
					if seen++; seen > maxFileset {
						msg := fmt.Sprintf("%s: fileset(%q, %q) looks at more than %d files; the value is unknown", tooLargeSummary, p, pattern, maxFileset)
						cfg.pending = append(cfg.pending, msg)
						return errors.New(msg)
					}
					name := path.Join(sub, e.Name())
					switch {
					case e.Type()&fs.ModeSymlink != 0:
						// Never followed.
					case e.IsDir():
						if err := walk(path.Join(dir, e.Name()), name); err != nil {
							return err
						}
					case e.Type().IsRegular() && pathglob.Match(pattern, name):
						out = append(out, cty.StringVal(name))
					}
				}
				return nil
			}
			if err := walk(rel, ""); err != nil {
				return cty.UnknownVal(ret), err
			}
			if len(out) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			sort.Slice(out, func(i, j int) bool { return out[i].AsString() < out[j].AsString() })
			return cty.SetVal(out), nil
		},
	})
}

func (cfg *config) templateFileFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Renders a template file of the module.",
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, rel, err := cfg.readForFunc("templatefile", args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			if d := templateTooDeep(src, rel); d != nil {
				return cty.UnknownVal(cty.String), errors.New(d.Detail)
			}
			expr, diags := hclsyntax.ParseTemplate(src, rel, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.UnknownVal(cty.String), diags
			}
			return cfg.renderTemplate(expr, args[1])
		},
	})
}

// templateContext is the context of a template file: its variables and
// the functions, except templatefile itself (Terraform forbids recursion).
func (cfg *config) templateContext(vars cty.Value) (*hcl.EvalContext, error) {
	vars, _ = vars.Unmark()
	ty := vars.Type()
	if !vars.IsKnown() {
		return nil, nil
	}
	if vars.IsNull() || !(ty.IsObjectType() || ty.IsMapType()) {
		return nil, errors.New("the template variables must be an object or a map")
	}
	vs := map[string]cty.Value{}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if !hclsyntax.ValidIdentifier(k.AsString()) {
			return nil, fmt.Errorf("%q is not a valid template variable name", k.AsString())
		}
		vs[k.AsString()] = v
	}
	fns := map[string]function.Function{}
	for n, f := range cfg.funcs {
		if n != "templatefile" {
			fns[n] = f
		}
	}
	return newContext(vs, fns), nil
}

// renderTemplate evaluates a parsed template with its variables.
func (cfg *config) renderTemplate(expr hcl.Expression, vars cty.Value) (cty.Value, error) {
	ctx, err := cfg.templateContext(vars)
	if err != nil {
		return cty.UnknownVal(cty.String), err
	}
	if ctx == nil {
		return cty.UnknownVal(cty.String), nil
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.UnknownVal(cty.String), diags
	}
	return v, nil
}

// parseTemplateFile parses a template file read by policyFile and builds
// the context its interpolations are evaluated in.
func (cfg *config) parseTemplateFile(rel string, src []byte, vars cty.Value) (hcl.Expression, *hcl.EvalContext, bool) {
	if templateTooDeep(src, rel) != nil {
		return nil, nil, false
	}
	expr, diags := hclsyntax.ParseTemplate(src, rel, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, nil, false
	}
	ctx, err := cfg.templateContext(vars)
	if err != nil || ctx == nil {
		return nil, nil, false
	}
	return expr, ctx, true
}
