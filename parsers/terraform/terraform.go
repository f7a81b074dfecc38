// Package terraform reads a Terraform module directory into the common
// model, evaluating what can be known offline.
//
// The work is split in four parts, each in its own files:
//
//   - load.go reads the .tf and .tf.json files of the directory through the
//     fs.FS and collects the top-level blocks;
//   - eval.go and funcs.go build the evaluation context (input variables,
//     locals, the function table) and evaluate expressions to cty values,
//     where anything that cannot be known offline is unknown;
//   - walk.go, template.go, policydoc.go and policies.go turn blocks into
//     model resources and policy documents, walking object and tuple
//     constructors as syntax so every element keeps its range;
//   - adapter.go builds the typed entities and links split resources.
//
// Suppression comments are read by suppress.go.
package terraform

import (
	"io/fs"
	"sort"

	"github.com/configward/configward/parsers/model"
)

// Options are the inputs of a module's evaluation.
type Options struct {
	// Vars are --var values (HCL expressions as text, as Terraform reads them).
	// A value that is not a constant expression is taken as a string.
	Vars map[string]string
	// VarFiles are --var-file paths relative to the scan root, read after
	// terraform.tfvars and *.auto.tfvars.
	VarFiles []string
}

// ParseModule reads the module in dir (slash-separated, relative to fsys's
// root) with every .tf and .tf.json file in it. fsys is the scan root: the
// parser never reads outside it. Problems with the input are returned as the
// unit's Diagnostics; ParseModule always returns a unit.
func ParseModule(fsys fs.FS, dir string, opts Options) *model.Unit {
	m := loadModule(fsys, dir)
	ev := newEvaluator(m, opts)
	w := newWalker(m, ev)
	u := &model.Unit{Format: model.Terraform, Path: m.dir}

	w.walkResources()
	for _, r := range w.resources {
		u.Resources = append(u.Resources, r.res)
	}
	u.Policies = w.extractPolicies()
	u.Entities = adapt(u.Resources, w.policyIndex)
	u.Suppressions = m.suppressions()

	u.Files = append([]string(nil), m.files...)
	sort.Strings(u.Files)
	u.Diagnostics = m.diags
	model.SortDiagnostics(u.Diagnostics)
	return u
}
