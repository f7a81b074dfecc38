package rules

import (
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

// What CW503 and CW504 share: whether an EventBridge rule or a CloudWatch
// Logs metric filter of the scanned set would see a given AWS Config event.
// Both matchers answer Yes, No or Unknown; unknown is never a finding.

// configEvent is an event as EventBridge delivers it: the top-level fields
// and the detail object.
type configEvent struct {
	source, detailType string
	detail             map[string]string
}

// apiCallEvent is the CloudTrail event of an AWS Config API call.
func apiCallEvent(name string) configEvent {
	return configEvent{source: "aws.config", detailType: "AWS API Call via CloudTrail",
		detail: map[string]string{"eventSource": "config.amazonaws.com", "eventName": name}}
}

// tamperEvents are the AWS Config API calls that stop or remove recording
// and delivery (research §3.8): a set that alerts must catch each one.
var tamperEvents = []string{"StopConfigurationRecorder", "DeleteConfigurationRecorder", "DeleteDeliveryChannel"}

// notificationTypes are the detail-types of AWS Config's own events
// (monitor-config-with-cloudwatchevents.md).
var notificationTypes = []string{
	"Config Configuration Item Change",
	"Config Rules Compliance Change",
	"Config Rules Re-evaluation Status",
	"Config Configuration Snapshot Delivery Status",
	"Config Configuration History Delivery Status",
}

// ruleAlerts says whether an EventBridge rule is enabled and has a target:
// a rule that matches but goes nowhere alerts no one.
func ruleAlerts(r *model.EventRule) policycheck.Tri {
	res := policycheck.Yes
	if r.State.IsUnknown() || r.IsEnabled.IsUnknown() || r.TargetsUnknown {
		res = policycheck.Unknown
	}
	if s, ok := r.State.AsString(); ok && r.State.Kind == model.String && strings.EqualFold(s, "DISABLED") {
		return policycheck.No
	}
	if on, ok := r.IsEnabled.AsBool(); ok && !on {
		return policycheck.No
	}
	if len(r.Targets) == 0 && !r.TargetsUnknown {
		return policycheck.No
	}
	return res
}

// ruleMatches says whether a rule's event pattern matches ev.
func ruleMatches(r *model.EventRule, ev configEvent) policycheck.Tri {
	if r.Pattern == nil || r.Pattern.Kind == model.Null {
		return policycheck.No
	}
	return patternMatches(r.Pattern, ev)
}

func triAnd(a, b policycheck.Tri) policycheck.Tri {
	switch {
	case a == policycheck.No || b == policycheck.No:
		return policycheck.No
	case a == policycheck.Unknown || b == policycheck.Unknown:
		return policycheck.Unknown
	}
	return policycheck.Yes
}

// patternMatches evaluates an EventBridge event pattern against ev.
func patternMatches(p *model.Value, ev configEvent) policycheck.Tri {
	if p.IsUnknown() {
		return policycheck.Unknown
	}
	if p.Kind != model.Object {
		return policycheck.No
	}
	res := policycheck.Yes
	for _, f := range p.Fields {
		var m policycheck.Tri
		switch f.Key {
		case "source":
			m = leafMatches(f.Value, ev.source, true)
		case "detail-type":
			m = leafMatches(f.Value, ev.detailType, true)
		case "detail":
			m = detailMatches(f.Value, ev)
		case "account", "region", "time", "id", "version", "resources":
			// The deploying account and Region, or per-event values.
			m = policycheck.Unknown
			if f.Value.IsKnown() {
				m = policycheck.Yes
			}
		case "$or":
			m = orMatches(f.Value, func(alt *model.Value) policycheck.Tri { return patternMatches(alt, ev) })
		default:
			m = policycheck.Unknown
		}
		res = triAnd(res, m)
	}
	return res
}

func detailMatches(p *model.Value, ev configEvent) policycheck.Tri {
	if p.IsUnknown() {
		return policycheck.Unknown
	}
	if p.Kind != model.Object {
		return policycheck.No
	}
	res := policycheck.Yes
	for _, f := range p.Fields {
		var m policycheck.Tri
		if f.Key == "$or" {
			m = orMatches(f.Value, func(alt *model.Value) policycheck.Tri { return detailMatches(alt, ev) })
		} else if v, ok := ev.detail[f.Key]; ok {
			m = leafMatches(f.Value, v, true)
		} else {
			// A field this sketch of the event does not carry
			// (userIdentity, requestParameters): it may narrow the rule.
			m = policycheck.Unknown
		}
		res = triAnd(res, m)
	}
	return res
}

func orMatches(alts *model.Value, fn func(*model.Value) policycheck.Tri) policycheck.Tri {
	if alts.IsUnknown() {
		return policycheck.Unknown
	}
	res := policycheck.No
	for _, alt := range alts.Elements() {
		switch fn(alt) {
		case policycheck.Yes:
			return policycheck.Yes
		case policycheck.Unknown:
			res = policycheck.Unknown
		}
	}
	return res
}

// leafMatches evaluates the array of matchers of one field against a
// string value that is present.
func leafMatches(p *model.Value, value string, present bool) policycheck.Tri {
	if p.IsUnknown() {
		return policycheck.Unknown
	}
	if p.Kind != model.List {
		return policycheck.No // patterns are arrays
	}
	return orMatches(p, func(it *model.Value) policycheck.Tri {
		switch it.Kind {
		case model.Unknown:
			return policycheck.Unknown
		case model.String:
			return tri(present && it.Str == value)
		case model.Object:
			return operatorMatches(it, value, present)
		}
		return policycheck.No
	})
}

// operatorMatches evaluates one content-filter object: prefix, suffix,
// anything-but, equals-ignore-case, wildcard, exists.
func operatorMatches(op *model.Value, value string, present bool) policycheck.Tri {
	if len(op.Fields) != 1 {
		return policycheck.Unknown
	}
	f := op.Fields[0]
	arg := f.Value
	if arg.IsUnknown() {
		return policycheck.Unknown
	}
	s, isStr := arg.AsString()
	isStr = isStr && arg.Kind == model.String
	switch f.Key {
	case "exists":
		b, ok := arg.AsBool()
		if !ok {
			return policycheck.Unknown
		}
		return tri(b == present)
	case "prefix":
		if isStr {
			return tri(present && strings.HasPrefix(value, s))
		}
	case "suffix":
		if isStr {
			return tri(present && strings.HasSuffix(value, s))
		}
	case "equals-ignore-case":
		if isStr {
			return tri(present && strings.EqualFold(value, s))
		}
	case "wildcard":
		if isStr {
			return tri(present && policycheck.Glob(s, value))
		}
	case "anything-but":
		if !present {
			return policycheck.No
		}
		switch {
		case isStr:
			return tri(value != s)
		case arg.Kind == model.List:
			for _, it := range arg.Items {
				t, ok := it.AsString()
				if !ok {
					return policycheck.Unknown
				}
				if t == value {
					return policycheck.No
				}
			}
			return policycheck.Yes
		case arg.Kind == model.Object:
			if inner := operatorMatches(arg, value, present); inner != policycheck.Unknown {
				return tri(inner == policycheck.No)
			}
		}
	case "numeric", "cidr":
		return policycheck.No
	}
	return policycheck.Unknown
}

func tri(b bool) policycheck.Tri {
	if b {
		return policycheck.Yes
	}
	return policycheck.No
}

// filterMatches evaluates a CloudWatch Logs metric filter pattern against
// the CloudTrail record of an AWS Config API call. JSON patterns
// ("{ ($.eventSource = config.amazonaws.com) && ($.eventName = Stop*) }") are
// evaluated; other patterns are Unknown, an empty one matches everything.
func filterMatches(f *model.MetricFilter, ev configEvent) policycheck.Tri {
	s, ok := f.Pattern.AsString()
	if !ok || f.Pattern.Kind != model.String {
		return policycheck.Unknown
	}
	s = strings.TrimSpace(s)
	if s == "" || s == `""` {
		return policycheck.Yes
	}
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return policycheck.Unknown
	}
	p := &filterParser{src: s[1 : len(s)-1], ev: ev}
	res := p.or()
	p.space()
	if p.err || p.pos != len(p.src) {
		return policycheck.Unknown
	}
	return res
}

// filterParser is a small recursive-descent reader of JSON metric filter
// expressions: terms ($.field op value), && and || (&& binds tighter),
// parentheses.
type filterParser struct {
	src string
	pos int
	err bool
	ev  configEvent
}

func (p *filterParser) space() {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\r\n", rune(p.src[p.pos])) {
		p.pos++
	}
}

func (p *filterParser) eat(tok string) bool {
	p.space()
	if strings.HasPrefix(p.src[p.pos:], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

func (p *filterParser) or() policycheck.Tri {
	res := p.and()
	for !p.err && p.eat("||") {
		r := p.and()
		switch {
		case res == policycheck.Yes || r == policycheck.Yes:
			res = policycheck.Yes
		case res == policycheck.Unknown || r == policycheck.Unknown:
			res = policycheck.Unknown
		default:
			res = policycheck.No
		}
	}
	return res
}

func (p *filterParser) and() policycheck.Tri {
	res := p.term()
	for !p.err && p.eat("&&") {
		res = triAnd(res, p.term())
	}
	return res
}

func (p *filterParser) term() policycheck.Tri {
	if p.eat("(") {
		res := p.or()
		if !p.eat(")") {
			p.err = true
		}
		return res
	}
	if !p.eat("$.") {
		p.err = true
		return policycheck.Unknown
	}
	start := p.pos
	for p.pos < len(p.src) && !strings.ContainsRune(" \t=!<>)", rune(p.src[p.pos])) {
		p.pos++
	}
	field := p.src[start:p.pos]
	var op string
	for _, o := range []string{"!=", "<=", ">=", "=", "<", ">", "IS", "NOT"} {
		if p.eat(o) {
			op = o
			break
		}
	}
	if op == "" {
		p.err = true
		return policycheck.Unknown
	}
	p.space()
	value := p.value()
	actual, known := map[string]string{
		"eventSource": p.ev.detail["eventSource"], "eventName": p.ev.detail["eventName"],
	}[field]
	switch {
	case op == "IS" || op == "NOT":
		return policycheck.Unknown
	case !known:
		return policycheck.Unknown
	case op == "=":
		return tri(policycheck.Glob(value, actual))
	case op == "!=":
		return tri(!policycheck.Glob(value, actual))
	}
	return policycheck.No // a numeric comparison on a string field
}

// value reads a quoted or bare value.
func (p *filterParser) value() string {
	if p.pos < len(p.src) && p.src[p.pos] == '"' {
		end := strings.IndexByte(p.src[p.pos+1:], '"')
		if end < 0 {
			p.err = true
			return ""
		}
		v := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return v
	}
	start := p.pos
	for p.pos < len(p.src) && !strings.ContainsRune(" \t\r\n)&|", rune(p.src[p.pos])) {
		p.pos++
	}
	return p.src[start:p.pos]
}
