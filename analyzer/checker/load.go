package checker

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/configward/configward/parsers/cloudformation"
	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/parsers/terraform"
)

// load classifies and parses one job; nil means "not IaC", skipped silently.
func load(fsys fs.FS, j job, opts Options) *model.Unit {
	if j.tfDir {
		tf := terraform.Options{Vars: opts.TerraformVars, VarFiles: opts.TerraformVarFiles, MaxFileSize: opts.MaxFileSize, SkimBodies: true}
		if opts.parsed != nil {
			tf.Cache = opts.parsed.terraform
		}
		return terraform.ParseModule(fsys, j.path, tf)
	}
	if j.err != nil {
		// Fail closed: what cannot be listed or named may hold IaC.
		return &model.Unit{Format: formatByName(j.path), Path: j.path, Files: []string{j.path}, Diagnostics: []model.Diagnostic{{
			Summary: "cannot read: " + j.err.Error() + "; nothing under it was scanned",
			Range:   model.Range{Filename: j.path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
			Unread:  true,
		}}}
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
			Unread:  true,
		}}}
	}
	src = blankWrapperLine(src)
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
		return brokenJSON(j.path, src)
	}
	return nil
}

// wrapperPrefix starts the line hashicorp/setup-terraform's wrapper prints
// before a command's output (`terraform show -json plan > plan.json`).
var wrapperPrefix = []byte("[command]")

// blankWrapperLine turns the wrapper's first line, and the workflow
// command lines ("::debug::...") it may print after the output, into
// spaces, so the JSON between parses with its lines and columns unchanged.
func blankWrapperLine(src []byte) []byte {
	if !bytes.HasPrefix(src, wrapperPrefix) {
		return src
	}
	end := bytes.IndexAny(src, "\r\n")
	if end < 0 {
		return src
	}
	out := bytes.Clone(src)
	for i := range end {
		out[i] = ' '
	}
	for {
		body := bytes.TrimRight(out, " \t\r\n")
		start := bytes.LastIndexAny(body, "\r\n") + 1
		if start == 0 || !bytes.HasPrefix(body[start:], []byte("::")) {
			return out
		}
		for i := start; i < len(body); i++ {
			out[i] = ' '
		}
	}
}

// brokenJSON is a CW001 for a JSON file that does not parse when what
// comes before the error shows it is a plan, a template or a policy: it
// cannot pass as "not IaC".
func brokenJSON(name string, src []byte) *model.Unit {
	doc, diags := jsonvalue.Parse(name, src)
	if doc != nil || len(diags) == 0 {
		return nil
	}
	head := src[:min(max(diags[0].Range.Start.Byte, 0), len(src))]
	format := model.Format("")
	switch {
	case bytes.Contains(head, []byte(`"format_version"`)), bytes.Contains(head, []byte(`"planned_values"`)), bytes.Contains(head, []byte(`"resource_changes"`)):
		format = model.Terraform
	case bytes.Contains(head, []byte(`"Resources"`)), bytes.Contains(head, []byte(`"AWSTemplateFormatVersion"`)):
		format = model.CloudFormation
	case bytes.Contains(head, []byte(`"Statement"`)):
		format = model.IAMPolicy
	default:
		return nil
	}
	return &model.Unit{Format: format, Path: name, Files: []string{name}, Diagnostics: diags}
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
		Unread:  true,
	}}}
}
