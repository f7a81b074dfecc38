package analyzer

import "github.com/configward/configward/parsers/model"

// Fix is what a rule proposes to make a finding go away: changes stated on
// the model (set this key, add this block), which package analyzer/fix
// turns into text edits of the source files. A change holds ranges and
// plain values only, never model pointers, so a finding keeps no unit
// alive.
type Fix struct {
	// Description says what the fix does, in the imperative ("Enable
	// versioning").
	Description string
	Changes     []Change
}

// Change is one change of a fix, one of three kinds:
//
//   - Set: Anchor is the key (CloudFormation) or the block header
//     (Terraform) whose mapping or body holds Path, or with AtValue the
//     mapping itself (a policy statement in a list); the keys of Path
//     that are missing are added, with Value at the end. Changes of
//     several findings with the same anchor merge into one insertion.
//   - Replace: Replace is the range of a value written in the source,
//     replaced by Value (Anchor and Path are unused).
//   - Block: a Terraform block to add after the block whose header is
//     Anchor. Blocks of one anchor with the same type and labels merge
//     into one.
//   - Append: Value is a new item at the end of the list at Anchor (a
//     YAML sequence, a JSON array, an HCL tuple: a statement added to a
//     policy); with Path in Terraform, a new nested block Path[0] at the
//     end of the block whose header is Anchor (a statement block of an
//     aws_iam_policy_document).
//   - After: Value is a new member Path[0] of the mapping that holds the
//     key at Anchor, right after that key's value (a CloudFormation
//     resource added after the one it belongs with).
//
// Changes at one place are written inner first: keys added to a mapping
// before an item added to the list that holds it, before a member added
// after the list's key.
type Change struct {
	Anchor  model.Range
	AtValue bool
	Path    []string
	Value   FixValue
	Replace model.Range
	Block   *FixBlock
	Append  bool
	After   bool
}

// FixBlock is a Terraform block: its type, labels and body (an argument
// per scalar or expression member, a nested block per object member).
type FixBlock struct {
	Type   string
	Labels []string
	Body   FixObject
	// Free are the files of the block's module, none of which may declare
	// a block of this type and labels already: one with no instance
	// (count = 0) is not in the model, yet its name is taken.
	Free []string
}

// FixValue is a value a fix writes: a string, a bool, an int, a []FixValue,
// a FixObject, a FixExpr or a FixCall. The fix package spells it in the file's
// syntax.
type FixValue = any

// FixObject is a mapping written in this key order.
type FixObject []FixMember

// FixMember is one member of a FixObject.
type FixMember struct {
	Key   string
	Value FixValue
}

// FixCall is a Terraform function call (jsonencode of a new policy),
// spelled in HCL only.
type FixCall struct {
	Name string
	Args []FixValue
}

// FixExpr is an expression spelled per syntax: an intrinsic function in
// CloudFormation, a reference in Terraform. A syntax left empty cannot
// hold the expression, and the fix is not offered there.
type FixExpr struct {
	YAML, JSON, HCL string
}

// Edit is a fix spelled as text: replace the bytes [Start, End) of File
// with Text.
type Edit struct {
	File       string
	Start, End int
	Text       string
}
