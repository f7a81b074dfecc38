package rules

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW108.md
var docCW108 string

// SecretInConfigField reports secret-looking values written into AWS Config
// resources: rule input parameters, remediation and conformance-pack
// parameters, tags and descriptions. AWS Config keeps these fields in
// configuration items and API responses, where secrets do not belong.
var SecretInConfigField = &analyzer.Rule{
	ID:        "CW108",
	Name:      "secret-in-config-field",
	Title:     "Secret-looking value in an AWS Config resource field",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"secrets", "data-protection", "aws-config"},
	Precision: "medium",
	Doc:       docCW108,
	Run: func(pass *analyzer.Pass) error {
		e := pass.Unit.Entities
		var subjects []secretSubject
		for _, x := range e.ConfigRules {
			subjects = append(subjects, secretSubject{x.Resource, "config rule"})
		}
		for _, x := range e.Remediations {
			subjects = append(subjects, secretSubject{x.Resource, "remediation configuration"})
		}
		for _, x := range e.ConformancePacks {
			subjects = append(subjects, secretSubject{x.Resource, "conformance pack"})
		}
		for _, x := range e.Recorders {
			subjects = append(subjects, secretSubject{x.Resource, "configuration recorder"})
		}
		for _, x := range e.DeliveryChannels {
			subjects = append(subjects, secretSubject{x.Resource, "delivery channel"})
		}
		for _, x := range e.Aggregators {
			subjects = append(subjects, secretSubject{x.Resource, "configuration aggregator"})
		}
		for _, x := range e.AggregationAuthorizations {
			subjects = append(subjects, secretSubject{x.Resource, "aggregation authorization"})
		}
		// The way down is kept in one array, each level writing its step
		// after its parent's.
		var way [16]propStep
		for _, s := range subjects {
			scanSecrets(pass, s, s.r.Body, way[:0], 0, s.r.DefRange)
		}
		return nil
	},
}

type secretSubject struct {
	r    *model.Resource
	noun string
}

// Words of a key name that announce a secret, and words that announce
// something about a secret (its name, ARN, length, age) rather than the
// secret itself. Switches, not maps: nothing to build at start-up.
func secretWord(w []byte) bool {
	switch string(w) {
	case "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "credentials":
		return true
	}
	return false
}

// secretPairFirst is a word that names a secret when "key" follows it
// ("api key", "private key", "access key", "secret key", "auth key").
func secretPairFirst(w []byte) bool {
	switch string(w) {
	case "api", "private", "access", "secret", "auth":
		return true
	}
	return false
}

func aboutSecretWord(w []byte) bool {
	switch string(w) {
	case "arn", "arns", "name", "names", "id", "ids", "length", "age", "reuse", "rotation", "rotate",
		"require", "required", "minimum", "maximum", "max", "min", "policy", "parameter", "param", "path",
		"ssm", "enabled", "expiry", "expiration", "type", "count", "days", "kms", "header", "ttl",
		"duration", "symbols", "numbers", "lowercase", "uppercase", "characters", "prevention",
		"location", "version":
		return true
	}
	return false
}

// keyWords splits a key name into lower-case words: camelCase, snake_case,
// kebab-case and dotted names.
func keyWords(k string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(k)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// appendKeyWords appends keyWords(k) to ws, in k's own case: an ASCII key
// (nearly all) is split in place, its words slices of k, so that nothing
// is allocated (words are compared through lowerWord).
func appendKeyWords(ws []string, k string) []string {
	for i := 0; i < len(k); i++ {
		if k[i] >= utf8.RuneSelf {
			return append(ws, keyWords(k)...)
		}
	}
	start := -1 // of the current word, -1 between words
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case !isASCIILetter(c) && !('0' <= c && c <= '9'):
			if start >= 0 {
				ws = append(ws, k[start:i])
				start = -1
			}
		case isASCIIUpper(c) && i > 0 && (isASCIILower(k[i-1]) || i+1 < len(k) && isASCIILower(k[i+1]) && isASCIIUpper(k[i-1])):
			if start >= 0 {
				ws = append(ws, k[start:i])
			}
			start = i
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		ws = append(ws, k[start:])
	}
	return ws
}

// lowerWord is w with its ASCII letters lower-cased, in dst; nil (no word
// of the lists) when w is longer than dst.
func lowerWord(dst *[16]byte, w string) []byte {
	if len(w) > len(dst) {
		return nil
	}
	b := dst[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isASCIIUpper(c) {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

func isASCIIUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isASCIILower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isASCIILetter(c byte) bool { return isASCIIUpper(c) || isASCIILower(c) }

// keyKind says whether a key name names a secret (1), something about a
// secret or anything else that is not one (-1), or says nothing (0).
func keyKind(k string) int {
	var buf [16]string
	var cur, prev [16]byte
	ws := appendKeyWords(buf[:0], k)
	secret := false
	for i, w := range ws {
		lw := lowerWord(&cur, w)
		if aboutSecretWord(lw) {
			return -1
		}
		if secretWord(lw) || i > 0 && string(lw) == "key" && secretPairFirst(lowerWord(&prev, ws[i-1])) {
			secret = true
		}
	}
	if secret {
		return 1
	}
	return 0
}

// Values that are secrets whatever their key (compiled on first use, not
// at start-up). Each pattern is tried only on text holding its needle,
// a piece every match contains: most strings hold none, and a strings
// search is far cheaper than the pattern.
type strongSecret struct {
	needles []string // every match holds one of these
	re      *regexp.Regexp
	what    string
}

var strongSecrets = sync.OnceValue(func() []strongSecret {
	return []strongSecret{
		{[]string{"AKIA", "ASIA"}, regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`), "an AWS access key id"},
		{[]string{"PRIVATE KEY-----"}, regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`), "a private key"},
		{[]string{"://"}, regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:[^/\s@]+@`), "credentials in a URL"},
		{[]string{"gh"}, regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36}\b`), "a GitHub token"},
		{[]string{"xox"}, regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`), "a Slack token"},
		{[]string{"="}, regexp.MustCompile(`(?i)\b(password|passwd|pwd|secret|token|api[-_]?key)\s*=\s*[^\s"'&,;{}<>]{6,}`), "a password or token assignment"},
	}
})

// mayMatch reports whether text holds one of the pattern's needles.
func (s strongSecret) mayMatch(text string) bool {
	for _, n := range s.needles {
		if strings.Contains(text, n) {
			return true
		}
	}
	return false
}

// Placeholders and references that stand for a secret kept elsewhere.
var placeholder = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(<[^>]*>|\*+|x+|\.+|-+|#+|changeme|change[-_ ]?me|replace[-_ ]?me|todo|tbd|placeholder|example|sample|dummy|redacted|none|null|nil|undefined|secret|password|token|your[-_ ].*|\$\{.*\}|\{\{.*\}\}|%.*%)$`)
})

// jsonPair finds "key": "value" pairs in a JSON text held as a string.
var jsonPair = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"([^"\\]{1,100})"\s*:\s*"((?:[^"\\]|\\.){0,500})"`)
})

// nameKeys name the parameter whose value sits in a sibling valueKeys
// field (CloudFormation Key/Value tags, Terraform parameter blocks).
var (
	nameKeys  = []string{"Key", "key", "name", "Name", "parameter_name", "ParameterName"}
	valueKeys = map[string]bool{"Value": true, "value": true, "static_value": true, "static_values": true,
		"StaticValue": true, "parameter_value": true, "ParameterValue": true, "resource_value": true}
)

// scanSecrets reports the secrets in v. under is the keyKind of the
// innermost key on the way to v that says anything (0 when none does):
// worked out once per key on the way down, not again for every string.
func scanSecrets(pass *analyzer.Pass, s secretSubject, v *model.Value, path []propStep, under int, at model.Range) {
	if v == nil || v.Sensitive || v.Kind == model.Unknown {
		return
	}
	switch v.Kind {
	case model.Object:
		label := ""
		for _, k := range nameKeys {
			if n, ok := v.Get(k).AsString(); ok && v.Get(k).Kind == model.String {
				label = n
			}
		}
		labelKind := 0
		if label != "" {
			labelKind = keyKind(label)
		}
		for _, f := range v.Fields {
			k := under
			if kk := keyKind(f.Key); kk != 0 {
				k = kk
			}
			if labelKind != 0 && valueKeys[f.Key] {
				k = labelKind // the label names the value, inside the key
			}
			scanSecrets(pass, s, f.Value, append(path, propStep{key: f.Key, index: -1}), k, f.KeyRange)
		}
	case model.List:
		for i, it := range v.Items {
			scanSecrets(pass, s, it, append(path, propStep{index: i}), under, at)
		}
	case model.String:
		if what := secretIn(v.Str, under); what != "" {
			p := propPath(path)
			reportOn(pass, s.r, at, analyzer.None, p,
				s.noun+" "+quote(s.r.Address)+" has "+what+" in "+p+" (value not shown): keep secrets out of AWS Config fields")
		}
	}
}

// propStep is one step of the way to a value: a key, or a list index
// when index >= 0. The way is written out only for a finding: a scan
// walks every property of every resource.
type propStep struct {
	key   string
	index int
}

// propPath writes a way out as "a.b[0].c".
func propPath(steps []propStep) string {
	var b strings.Builder
	for _, st := range steps {
		switch {
		case st.index >= 0:
			b.WriteString("[" + strconv.Itoa(st.index) + "]")
		case b.Len() > 0:
			b.WriteString("." + st.key)
		default:
			b.WriteString(st.key)
		}
	}
	return b.String()
}

// secretIn says what secret-looking content a string holds under a key of
// the given keyKind, or "".
func secretIn(text string, under int) string {
	for _, s := range strongSecrets() {
		if s.mayMatch(text) && s.re.MatchString(text) {
			return s.what
		}
	}
	if under == 1 && secretValue(text) {
		return "a secret-looking value"
	}
	if strings.Contains(text, "\"") {
		for _, m := range jsonPair().FindAllStringSubmatch(text, -1) {
			if keyKind(m[1]) == 1 && secretValue(m[2]) {
				return "a secret-looking value for " + quote(m[1])
			}
		}
	}
	return ""
}

// secretValue reports whether a value under a secret key looks like a
// secret rather than a placeholder, a reference, a number or prose.
// envName is an environment variable or parameter name
// (AWS_SECRET_ACCESS_KEY): upper case, digits and underscores.
var envName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`) })

// namesOnly reports whether v is a comma-separated list of such names: the
// NAMES of secrets (ECS_NO_ENVIRONMENT_SECRETS's secretKeys lists the
// environment variables that must not hold secrets), not secrets.
func namesOnly(v string) bool {
	if !strings.Contains(v, ",") {
		// One name: only the unmistakable UPPER_SNAKE form.
		return strings.Contains(v, "_") && envName().MatchString(v)
	}
	for _, item := range strings.Split(v, ",") {
		if !identifier().MatchString(strings.TrimSpace(item)) {
			return false
		}
	}
	return true
}

// identifier is a name in a list of names ("password,secret,token").
var identifier = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`) })

func secretValue(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 6 || strings.ContainsAny(v, " \t\n") || placeholder().MatchString(v) {
		return false
	}
	for _, p := range []string{"arn:", "{{resolve:", "${", "/", "ssm:", "secretsmanager:", "alias/", "http://", "https://"} {
		if strings.HasPrefix(v, p) {
			return false
		}
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return false
	}
	if namesOnly(v) {
		return false
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "enabled", "disabled":
		return false
	}
	return true
}
