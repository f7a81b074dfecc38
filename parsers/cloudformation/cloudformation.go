// Package cloudformation reads CloudFormation templates (YAML and JSON) into
// the common model with exact positions.
//
// A template is read into a value tree (short-form YAML tags rewritten to
// their long form), its parameters, mappings and conditions are evaluated,
// and each resource's Properties become its Body: known where the template
// says enough to know them, model.Unknown elsewhere. adapter.go then builds
// the typed entities and policy documents.
package cloudformation

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// Options are the inputs of a template's evaluation.
type Options struct {
	// Params overrides parameter values (from --param-file, then --param).
	// They apply to the template given to Parse, not to its nested stacks,
	// which get the Parameters their parent passes.
	Params map[string]string
	// ReadFile reads another file of the scanned tree, named like Parse's
	// path (slash-separated, relative to the scan root): the templates of
	// nested stacks whose TemplateURL is a local relative path. The caller
	// confines it to the scanned root; Parse never asks for a name that
	// leaves it (one that would is reported instead). When nil, nested
	// templates are not read and their outputs stay unknown.
	ReadFile func(name string) ([]byte, error)
	// Cache, when set, shares parsed templates with the other units of the
	// scan root: each file is parsed once, as a template of its own or as
	// the nested stack of any parent.
	Cache *Cache

	// passed holds the parameter values a parent stack passes to a nested
	// one (nil for the template given to Parse); passedUnknown is set when
	// the parent's Parameters cannot be known as a whole.
	passed        map[string]*model.Value
	passedUnknown bool
	// calls are the nested stack resources from the top template to this
	// one, outermost first, for the resources' Calls.
	calls []model.Call
}

// Parse reads one template file. ok is false when the file is not
// CloudFormation (the checker then tries other formats or skips it).
func Parse(path string, src []byte, opts Options) (unit *model.Unit, ok bool) {
	if cannotBeTemplate(src) {
		return nil, false
	}
	unit = &model.Unit{Format: model.CloudFormation, Path: path, Files: []string{path}}
	decided := false
	defer func() {
		if r := recover(); r != nil {
			if !decided && !looksLikeTemplate(src) {
				unit, ok = nil, false
				return
			}
			unit.Diagnostics = append(unit.Diagnostics, model.Diagnostic{
				Summary: fmt.Sprintf("internal error while reading the template: %v", r),
				Range:   model.Range{Filename: path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 1}},
			})
			ok = true
		}
	}()

	t := opts.Cache.own(path, src)
	if t.failed {
		if !looksLikeTemplate(src) {
			return nil, false
		}
		unit.Diagnostics = append([]model.Diagnostic(nil), t.diags...)
		return unit, true
	}
	if !isTemplate(t.root) {
		return nil, false
	}
	decided = true
	unit.Diagnostics = append([]model.Diagnostic(nil), t.diags...)
	l := newLoader(unit, opts)
	l.addSource(path, t.src, t.lineTable())
	l.build(path, t.root, "", opts)
	for _, doc := range t.more {
		if isTemplate(doc) {
			l.build(path, doc, "", opts)
		}
	}
	unit.Suppressions = append(unit.Suppressions, t.suppressions...)
	adapt(unit, l.sources)
	model.SortDiagnostics(unit.Diagnostics)
	return unit, true
}

// read parses JSON or YAML. failed is set when the file cannot be read as a
// value tree; diags then say why.
func read(path string, src []byte) (root *model.Value, yr *yamlReader, diags []model.Diagnostic, failed bool) {
	if looksLikeJSON(src) {
		v, jd := jsonvalue.Parse(path, src)
		if v != nil {
			return v, nil, jd, false
		}
		if strings.HasSuffix(strings.ToLower(path), ".json") {
			return nil, nil, jd, true
		}
		// Flow-style YAML that is not JSON.
		t := newLineTable(path, src)
		if yv, r, d := parseYAML(t); d == nil && yv != nil {
			return yv, r, r.diags, false
		}
		return nil, nil, jd, true
	}
	t := newLineTable(path, src)
	v, r, d := parseYAML(t)
	switch {
	case d != nil:
		return nil, nil, []model.Diagnostic{*d}, true
	case r.tooLarge:
		return nil, r, r.diags, true
	}
	return v, r, r.diags, false
}

func looksLikeJSON(src []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(s) > 0 && s[0] == '{'
}

var (
	versionKey = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?m)(^|[{,\s])["']?AWSTemplateFormatVersion["']?\s*:`)
	})
	resourcesKey = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)(^|[{,\s])["']?Resources["']?\s*:`) })
	awsType      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`["']?Type["']?\s*:\s*["']?AWS::`) })
)

// looksLikeTemplate says whether a file that cannot be parsed was meant to
// be a template, so that its syntax error is reported rather than the file
// skipped.
func looksLikeTemplate(src []byte) bool {
	return versionKey().Match(src) || resourcesKey().Match(src) && awsType().Match(src)
}

// isTemplate says whether a parsed document is a template: a mapping with
// AWSTemplateFormatVersion, or with a Resources mapping whose entries have
// resource types.
func isTemplate(root *model.Value) bool {
	if root == nil || root.Kind != model.Object {
		return false
	}
	if root.Field("AWSTemplateFormatVersion") != nil {
		return true
	}
	res := root.Get("Resources")
	if res == nil || res.Kind != model.Object {
		return false
	}
	for _, f := range res.Fields {
		if t, ok := f.Value.Get("Type").AsString(); ok && strings.Contains(t, "::") {
			return true
		}
	}
	return false
}

// startRange is an empty range at the start of v.
func startRange(v *model.Value) model.Range {
	return model.Range{Filename: v.Range.Filename, Start: v.Range.Start, End: v.Range.Start}
}

// cannotBeTemplate tells from the bytes alone that a file is not a template,
// so policies and other JSON or YAML are not parsed twice: a template names
// AWSTemplateFormatVersion or Resources, and a key can only hide its name
// behind an escape, which needs a backslash.
func cannotBeTemplate(src []byte) bool {
	return !bytes.Contains(src, []byte("Resources")) &&
		!bytes.Contains(src, []byte("AWSTemplateFormatVersion")) &&
		!bytes.Contains(src, []byte("\\"))
}
