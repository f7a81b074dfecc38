package checker

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/configward/configward/parsers/cloudformation"
	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/parsers/terraform"
)

// load classifies and parses one job; nil means "not IaC", skipped silently.
func load(fsys fs.FS, j job, opts Options) *model.Unit {
	if j.tfDir {
		tf := terraform.Options{Vars: opts.TerraformVars, VarFiles: opts.TerraformVarFiles}
		if opts.parsed != nil {
			tf.Cache = opts.parsed.terraform
		}
		return terraform.ParseModule(fsys, j.path, tf)
	}
	if size := j.size(); size > opts.MaxFileSize {
		if !looksLikeIaCName(j.path) {
			return nil
		}
		return tooLarge(j.path, size, opts.MaxFileSize)
	}
	src, err := opts.parsed.readFile(fsys, j.path, true)
	if err != nil {
		return &model.Unit{Format: formatByName(j.path), Path: j.path, Files: []string{j.path}, Diagnostics: []model.Diagnostic{{
			Summary: "cannot read file: " + err.Error(),
			Range:   model.Range{Filename: j.path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
		}}}
	}
	if terraform.IsPlan(j.path, src) {
		return terraform.ParsePlan(fsys, j.path, src)
	}
	cfn := cloudformation.Options{Params: opts.Params, ReadFile: readInRoot(fsys, opts.MaxFileSize, opts.parsed)}
	if opts.parsed != nil {
		cfn.Cache = opts.parsed.cloudformation
	}
	if u, ok := cloudformation.Parse(j.path, src, cfn); ok {
		return u
	}
	if strings.EqualFold(path.Ext(j.path), ".json") {
		if u, ok := iampolicy.ParseFile(j.path, src); ok {
			return u
		}
	}
	return nil
}

// readInRoot reads a file of the scanned root for a parser (the templates
// of nested stacks): fsys confines it to the root, symbolic links are not
// followed (as discover does not follow them) and the size limit holds.
func readInRoot(fsys fs.FS, limit int64, parsed *parsedRoot) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !fs.ValidPath(name) {
			return nil, fmt.Errorf("%s is outside the scanned directory", name)
		}
		info, err := fs.Lstat(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s does not exist", name)
		} else if err != nil {
			return nil, err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symbolic link, not followed", name)
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("%s is not a regular file", name)
		case info.Size() > limit:
			return nil, fmt.Errorf("%s is too large: %d bytes, over the limit of %d", name, info.Size(), limit)
		}
		// As load reads it: a template read as a nested stack and as a unit
		// of its own is one text, read and parsed once.
		return parsed.readFile(fsys, name, false)
	}
}

// looksLikeIaCName is the only hint available for a file too large to read.
func looksLikeIaCName(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template"
}

func formatByName(p string) model.Format {
	if strings.EqualFold(path.Ext(p), ".json") {
		return model.IAMPolicy
	}
	return model.CloudFormation
}

func tooLarge(p string, size, limit int64) *model.Unit {
	return &model.Unit{Format: formatByName(p), Path: p, Files: []string{p}, Diagnostics: []model.Diagnostic{{
		Summary: fmt.Sprintf("file too large: %d bytes, over the limit of %d (--max-file-size); not read", size, limit),
		Range:   model.Range{Filename: p, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
	}}}
}
