// Package terraform reads a Terraform module directory into the common
// model, evaluating what can be known offline.
package terraform

import (
	"io/fs"

	"github.com/configward/configward/parsers/model"
)

// Options are the inputs of a module's evaluation.
type Options struct {
	// Vars are --var values (HCL expressions as text, as Terraform reads them).
	Vars map[string]string
	// VarFiles are --var-file paths relative to the scan root, read after
	// terraform.tfvars and *.auto.tfvars.
	VarFiles []string
}

// ParseModule reads the module in dir (slash-separated, relative to fsys's
// root) with every .tf and .tf.json file in it. fsys is the scan root: the
// parser never reads outside it.
func ParseModule(fsys fs.FS, dir string, opts Options) *model.Unit {
	panic("TODO")
}
