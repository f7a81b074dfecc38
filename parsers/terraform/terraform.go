// Package terraform reads a Terraform root module directory, with the
// modules it calls, into the common model, evaluating what can be known
// offline as Terraform would at plan time; plan.go reads the JSON output of
// `terraform show -json` for a plan.
//
// The work is split in parts, each in its own files:
//
//   - load.go reads the .tf and .tf.json files of a directory through the
//     fs.FS, merges override files and collects the top-level blocks;
//   - eval.go, instances.go and the funcs*.go files evaluate expressions
//     to cty values for each module instance (input variables, locals,
//     module calls and outputs, count and for_each, the function table),
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
	// Cache, when set, shares parsed modules and read files with the other
	// units of the scan root (nil: a cache of this call's own).
	Cache *Cache
	// MaxFileSize is the largest file read (module files, variable files,
	// files read by functions); 0 means the package's own limit.
	MaxFileSize int64
	// SkimBodies says that the caller reads the unit's entities and
	// policies, as the checker does, and not the body of every resource:
	// a resource of a type that makes no entity, policy, split part or
	// attachment (aws_subnet, null_resource: bodyRead) then has a body
	// of its sensitive values only, for masking. What its attributes
	// refer to is computed as ever, and the attributes that may record a
	// problem are evaluated, so the unit's diagnostics are the same.
	SkimBodies bool
}

// ParseModule reads the root module in dir (slash-separated, relative to
// fsys's root) with every .tf and .tf.json file in it and the modules it
// calls. fsys is the scan root: the parser never reads outside it. Problems
// with the input are returned as the unit's Diagnostics, modules that are
// not available as its Notes; ParseModule always returns a unit.
func ParseModule(fsys fs.FS, dir string, opts Options) *model.Unit {
	dir = cleanDir(dir)
	cfg := newConfig(fsys, dir, opts)
	m := cfg.loadModule(dir)
	root := newRootEvaluator(cfg, m)
	u := &model.Unit{Format: model.Terraform, Path: m.dir}

	// Walk every module instance, depth first in declaration order.
	var walkers []*walker
	var visit func(ev *evaluator)
	visit = func(ev *evaluator) {
		ev.finish()
		w := ev.walker()
		w.walkResources()
		walkers = append(walkers, w)
		for i := range ev.calls {
			c := &ev.calls[i]
			c.instantiate()
			for _, child := range c.instances {
				visit(child)
			}
		}
	}
	visit(root)
	for _, w := range walkers {
		for _, r := range w.resources {
			u.Resources = append(u.Resources, r.res)
		}
	}
	for _, w := range walkers {
		u.Policies = append(u.Policies, w.extractPolicies()...)
	}
	adapt(u, cfg.policyIndex, false)
	cfg.finishUnit(u)
	dirs := make([]string, 0, len(cfg.modules))
	for d := range cfg.modules {
		dirs = append(dirs, d)
	}
	cfg.cache.used(dirs)
	return u
}

// finishUnit fills in what every unit of the configuration carries: its
// files, suppressions, diagnostics, notes and called modules.
func (cfg *config) finishUnit(u *model.Unit) {
	dirs := make([]string, 0, len(cfg.modules))
	for d := range cfg.modules {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		u.Suppressions = append(u.Suppressions, cfg.modules[d].parsed.suppressions()...)
	}
	u.Files = append([]string(nil), cfg.files...)
	sort.Strings(u.Files)
	u.Diagnostics = dedupeDiags(cfg.diags)
	model.SortDiagnostics(u.Diagnostics)
	u.Notes = dedupeDiags(cfg.notes)
	model.SortDiagnostics(u.Notes)
	seen := map[string]bool{u.Path: true}
	for _, d := range cfg.called {
		if !seen[d] {
			seen[d] = true
			u.Modules = append(u.Modules, d)
		}
	}
	sort.Strings(u.Modules)
}

// dedupeDiags drops repeats: a module called twice reports its problems
// once.
func dedupeDiags(ds []model.Diagnostic) []model.Diagnostic {
	type key struct {
		rng             model.Range
		summary, detail string
	}
	seen := map[key]bool{}
	var out []model.Diagnostic
	for _, d := range ds {
		k := key{d.Range, d.Summary, d.Detail}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
