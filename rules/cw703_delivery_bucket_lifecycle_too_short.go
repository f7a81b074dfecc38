package rules

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

//go:embed docs/CW703.md
var docCW703 string

// DeliveryBucketLifecycleTooShort reports lifecycle rules that expire the
// objects AWS Config delivers before the configuration history retention
// period ends.
var DeliveryBucketLifecycleTooShort = &analyzer.Rule{
	ID:        "CW703",
	Name:      "delivery-bucket-lifecycle-too-short",
	Title:     "Lifecycle rule expires AWS Config history too early",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "resilience", "retention", "aws-config"},
	Precision: "high",
	Doc:       docCW703,
	Run: func(pass *analyzer.Pass) error {
		u := pass.Unit
		retention, source := 2557, "the default 2557-day (7-year) AWS Config retention period"
		for _, rc := range u.Entities.Retentions {
			if d, ok := knownInt(rc.Days.V()); ok {
				retention, source = d, "the "+strconv.Itoa(d)+"-day retention period of "+quote(rc.Address)
			}
		}
		for _, b := range u.Entities.Buckets {
			if len(b.DeliveryChannels) == 0 || b.LifecycleUnknown {
				continue
			}
			for _, lr := range b.LifecycleRules {
				days, ok := knownInt(lr.ExpirationDays.V())
				if !ok || days >= retention || !lr.Narrowed.Absent() {
					continue
				}
				if st, ok := lr.Status.AsString(); !ok || !strings.EqualFold(st, "Enabled") {
					continue
				}
				for _, ch := range b.DeliveryChannels {
					if !prefixMayHoldConfig(lr.Prefix.V(), ch.KeyPrefix.V()) {
						continue
					}
					pass.Report(wholeFinding(b.Resource, lr.ExpirationDays.At(), b.Lifecycle.Path+".rule."+lr.ExpirationDays.Path, analyzer.None,
						"a lifecycle rule of bucket "+quote(b.Address)+" expires AWS Config history after "+strconv.Itoa(days)+" days, before "+source+" ("+configpath.Because("delivery bucket", ch)+")"))
					break
				}
			}
		}
		return nil
	},
}

func knownInt(v *model.Value) (int, bool) {
	s, ok := v.AsString()
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// prefixMayHoldConfig reports whether a lifecycle rule limited to prefix
// (nil: the whole bucket) is known to reach the objects AWS Config writes
// under [keyPrefix/]AWSLogs/<account>/Config/.
func prefixMayHoldConfig(prefix, keyPrefix *model.Value) bool {
	p := ""
	if prefix != nil {
		s, ok := prefix.AsString()
		if !ok {
			return false
		}
		p = s
	}
	if p == "" {
		return true
	}
	base := "AWSLogs/"
	if keyPrefix != nil {
		kp, ok := keyPrefix.AsString()
		if !ok {
			return false
		}
		if kp = strings.Trim(kp, "/"); kp != "" {
			base = kp + "/" + base
		}
	}
	if strings.HasPrefix(base, p) {
		return true
	}
	if !strings.HasPrefix(p, base) {
		return false
	}
	acct, after, slash := strings.Cut(p[len(base):], "/")
	if strings.Trim(acct, "0123456789") != "" {
		return false
	}
	return !slash || strings.HasPrefix("Config/", after) || strings.HasPrefix(after, "Config/")
}
