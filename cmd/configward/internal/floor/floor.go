// Package floor is the parse-only floor that configward's scan is measured
// against: it finds the files a scan would read and parses each of them once
// with the reference parsers (hcl/v2, yaml.v3, encoding/json) on all cores,
// and does nothing else. It is a measuring tool, never part of a scan.
package floor

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2/hclparse"
	"go.yaml.in/yaml/v3"
)

// skipDirs are the directories a scan does not descend into.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": true}

// Files lists the regular files under dir that a scan reads: Terraform
// (.tf, .tf.json, .tfvars) and the candidates for CloudFormation and
// policies (.json, .yaml, .yml, .template). Symbolic links are not followed.
func Files(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && kind(p) != "" {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// kind is how a file is parsed: "hcl", "hcljson", "yaml", "json" or "" for
// a file a scan does not read.
func kind(p string) string {
	name := strings.ToLower(filepath.Base(p))
	switch {
	case strings.HasSuffix(name, ".tf.json"):
		return "hcljson"
	case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tfvars"):
		return "hcl"
	case strings.HasSuffix(name, ".json"):
		return "json"
	case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"), strings.HasSuffix(name, ".template"):
		return "yaml"
	}
	return ""
}

// Parse reads and parses each file once on all cores. Files that do not
// parse are counted, not reported: the floor measures work, and a scan
// reads broken files too.
func Parse(files []string) (broken int) {
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := hclparse.NewParser()
			bad := 0
			for p := range next {
				if !parseOne(parser, p) {
					bad++
				}
			}
			mu.Lock()
			broken += bad
			mu.Unlock()
		}()
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	return broken
}

func parseOne(parser *hclparse.Parser, p string) bool {
	src, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	switch kind(p) {
	case "hcl":
		_, diags := parser.ParseHCL(src, p)
		return !diags.HasErrors()
	case "hcljson":
		_, diags := parser.ParseJSON(src, p)
		return !diags.HasErrors()
	case "yaml":
		var n yaml.Node
		return yaml.Unmarshal(src, &n) == nil
	case "json":
		var v any
		return json.Unmarshal(src, &v) == nil
	}
	return false
}

// Dir lists and parses the files under dir, the whole floor for a tree.
func Dir(dir string) (files, broken int, err error) {
	list, err := Files(dir)
	if err != nil {
		return 0, 0, fmt.Errorf("floor: %w", err)
	}
	return len(list), Parse(list), nil
}
