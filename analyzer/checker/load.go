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
		return terraform.ParseModule(fsys, j.path, terraform.Options{Vars: opts.TerraformVars, VarFiles: opts.TerraformVarFiles})
	}
	if size := j.size(); size > opts.MaxFileSize {
		if !looksLikeIaCName(j.path) {
			return nil
		}
		return tooLarge(j.path, size, opts.MaxFileSize)
	}
	src, err := fs.ReadFile(fsys, j.path)
	if err != nil {
		return &model.Unit{Format: formatByName(j.path), Path: j.path, Files: []string{j.path}, Diagnostics: []model.Diagnostic{{
			Summary: "cannot read file: " + err.Error(),
			Range:   model.Range{Filename: j.path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
		}}}
	}
	src = utf8Text(src)
	if terraform.IsPlan(j.path, src) {
		return terraform.ParsePlan(fsys, j.path, src)
	}
	if u, ok := cloudformation.Parse(j.path, src, cloudformation.Options{Params: opts.Params, ReadFile: readInRoot(fsys, opts.MaxFileSize)}); ok {
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
func readInRoot(fsys fs.FS, limit int64) func(string) ([]byte, error) {
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
		return fs.ReadFile(fsys, name)
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
