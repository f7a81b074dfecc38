package model

import (
	"sort"
	"time"
)

// Format is the input language of a unit.
type Format string

const (
	CloudFormation Format = "cloudformation"
	Terraform      Format = "terraform"
	IAMPolicy      Format = "iam-policy"
	// ConfigFile is configward's own configuration file, a unit only for
	// the rules about the ignore entries in it (its Suppressions).
	ConfigFile Format = "configward-config"
)

// Formats lists every format in a stable order.
var Formats = []Format{CloudFormation, Terraform, IAMPolicy}

// Unit is what one parser call produces and what rules run over: one
// CloudFormation template, one Terraform module directory (with the modules
// it calls) or one IAM policy file.
type Unit struct {
	Format Format
	// Path is the template or policy file, or the module directory,
	// relative to the scan root with forward slashes.
	Path string
	// Files are the source files read for the unit, relative paths.
	Files []string

	Resources []*Resource
	// Policies holds every policy document of the unit, whichever resource
	// property or file it came from.
	Policies []*Policy
	// Entities are the typed resources built by the format's adapter.
	Entities Entities

	// Diagnostics are the problems met while reading the unit; the checker
	// reports them as CW001.
	Diagnostics []Diagnostic
	// Suppressions found in the unit's sources (comments, Metadata).
	Suppressions []Suppression
	// Notes are things the parser could not do that are not errors in the
	// input (a Terraform module that is not installed); the checker passes
	// them on as notifications.
	Notes []Diagnostic
	// Transforms are the macros a template (or a stack it nests) names in
	// its Transform section, and "rain" for rain directives: code that
	// rewrites the template before or at deploy, so a fix may not add a
	// resource that names another by logical id.
	Transforms []string
	// Modules are the directories of the Terraform modules the unit
	// evaluated as called modules, so that the checker does not scan them
	// again as units of their own.
	Modules []string
}

// Resource is one resource (or data source) of a template or module, in its
// native spelling.
type Resource struct {
	// Type is the native type: "AWS::S3::Bucket", "aws_s3_bucket", or
	// "data.aws_iam_policy_document" for a Terraform data source.
	Type string
	// Name is the CloudFormation logical id or the Terraform block name.
	Name string
	// Address is the logical location in findings: "ConfigBucket",
	// "module.config.aws_s3_bucket.logs[0]".
	Address string
	// DefRange is where to point when a property is missing: the logical id
	// key, or the Terraform block header.
	DefRange Range
	// Body holds the properties: CloudFormation Properties, or the
	// Terraform block body (nested blocks become lists of objects).
	Body *Value
	// Metadata is the CloudFormation Metadata element.
	Metadata *Value
	// CDKPath is the aws:cdk:path of a CDK-synthesized resource.
	CDKPath string
	// Region is the AWS region the resource is deployed to when the
	// template or module says (Terraform: the resource's provider
	// configuration or its region argument); nil when it does not.
	Region *Value
	// Calls are the module calls (Terraform) or nested stack resources
	// (CloudFormation) from the unit's root to the resource, outermost
	// first; empty for a resource of the root module or top template.
	Calls []Call
}

// Call is one step of the chain that instantiates a resource: a module
// call or a nested stack.
type Call struct {
	// Address is the instance the call made: "module.a",
	// "module.a[\"x\"].module.b", "Network/Subnets".
	Address string
	// Range is the call site: the module block header, the nested stack's
	// logical id.
	Range Range
}

// Prop returns a property of the resource body, or nil.
func (r *Resource) Prop(path ...string) *Value {
	if r == nil {
		return nil
	}
	return r.Body.Path(path...)
}

// PropRange is where to point for a finding about property key: the key
// when present, else the resource header.
func (r *Resource) PropRange(key string) Range {
	if f := r.Body.Field(key); f != nil {
		return f.KeyRange
	}
	return r.DefRange
}

// Severity of a diagnostic.
type DiagSeverity uint8

const (
	DiagError DiagSeverity = iota
	DiagWarning
)

// Diagnostic is a problem met while reading input: a syntax error, a bad
// intrinsic, an unreadable module. It always has a range.
type Diagnostic struct {
	Severity DiagSeverity
	Summary  string
	Detail   string
	Range    Range
	// Unread marks the file of Range as not read (too large, not a
	// regular file, unreadable): no report reads it for a snippet.
	Unread bool
}

// SuppressionSource tells where a suppression was written.
type SuppressionSource uint8

const (
	// InSource: a comment or a CloudFormation Metadata entry.
	InSource SuppressionSource = iota
	// External: an ignore entry of the configuration file.
	External
)

// Suppression is one ignore directive found in a unit's sources.
type Suppression struct {
	RuleID string
	Reason string
	// Range is the directive itself (for CW002 findings).
	Range Range
	// Lines are the 1-based lines of Range.Filename it covers.
	Lines []int
	// Resource, when set, limits it to findings on that resource address
	// (CloudFormation Metadata entries).
	Resource string
	// Expires is the last day an ignore entry of the configuration file
	// suppresses (zero: no end); Expired is set once that day has passed.
	Expires time.Time
	Expired bool
	// Matched and Checked are set by the driver once every other rule
	// reported on the unit, for the rules that judge suppressions
	// (analyzer.Rule.AfterSuppression): Matched when the directive covers
	// a finding, Checked when its rule ran on the unit.
	Matched, Checked bool
}

// Noun names what the unit is, for messages: "module", "template" or
// "policy file".
func (u *Unit) Noun() string {
	switch u.Format {
	case Terraform:
		return "module"
	case IAMPolicy:
		return "policy file"
	}
	return "template"
}

// ResourceByAddress finds a resource of the unit.
func (u *Unit) ResourceByAddress(addr string) *Resource {
	for _, r := range u.Resources {
		if r.Address == addr {
			return r
		}
	}
	return nil
}

// SortDiagnostics orders diagnostics by position for stable output.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Range, ds[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
}
