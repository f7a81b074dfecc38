package rules

import (
	"path"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
	"github.com/configward/configward/rules/internal/policyeval"
)

// keyFix is the fix that encrypts own with the customer managed key of
// the set (prop set to the key's ARN), offered only when there is no
// choice to make and the key can do the job: the unit declares exactly one
// KMS key, in own's module, of one instance, and its key policy lets the
// service that writes through it (a service principal matching the glob
// service, "logs.*.amazonaws.com") generate data keys. configward never
// invents a key.
func keyFix(u *model.Unit, own *model.Resource, prop *model.Property, service, desc string) *analyzer.Fix {
	if len(u.Entities.Keys) != 1 || own == nil {
		return nil
	}
	k := u.Entities.Keys[0]
	if fixes.Instanced(k.Resource) || !keyUsableBy(k, service) || len(k.Calls) != len(own.Calls) || len(own.Calls) > 0 && k.Calls[len(k.Calls)-1].Address != own.Calls[len(own.Calls)-1].Address {
		return nil
	}
	arn, ok := fixes.ARN(u, k.Resource, "")
	if !ok {
		return nil
	}
	return fixes.Set(u, own, desc, fixes.Setting{Prop: prop, Value: arn})
}

// keyUsableBy reports whether the key policy of k has a known Allow
// statement for a service principal matching service that covers
// kms:GenerateDataKey (its conditions, which scope the service to an
// account or a resource, are the author's).
func keyUsableBy(k *model.Key, service string) bool {
	p := k.Policy
	if p == nil || p.Unknown {
		return false
	}
	for _, s := range p.Statements {
		if !s.IsAllow() || policyeval.ActionMatches(s, "kms:GenerateDataKey") != policyeval.Yes {
			continue
		}
		for _, pr := range s.Principal {
			if !pr.IsService() {
				continue
			}
			// An interpolated name (logs.${region}.amazonaws.com) is
			// read through its glob (logs.*.amazonaws.com).
			text := pr.Value.Text
			if !pr.Value.Known {
				text = pr.Value.Glob
			}
			if ok, _ := path.Match(service, strings.TrimSpace(text)); ok && text != "" {
				return true
			}
		}
	}
	return false
}
