// Package rules holds configward's checks: one file per rule, each an
// exported *analyzer.Rule value, with its prose embedded from docs/ID.md.
// All is the one list of them; nothing registers itself.
package rules

import (
	"embed"
	"strings"
	"unsafe"

	"github.com/configward/configward/analyzer"
)

//go:embed docs/*.md
var docs embed.FS

// doc returns the embedded documentation of a rule; a missing file yields an
// empty doc, which analyzer.Validate rejects.
func doc(id string) string {
	b, err := docs.ReadFile("docs/" + id + ".md")
	if err != nil || len(b) == 0 {
		return ""
	}
	// ReadFile made b a copy of its own, that nothing else holds: the
	// string shares it rather than copying the doc again (a SARIF report
	// reads every rule's doc).
	s := unsafe.String(&b[0], len(b))
	if t := strings.TrimSpace(s); len(t)+1 != len(s) || s[len(t)] != '\n' || !strings.HasPrefix(s, t) {
		return t + "\n"
	}
	return s
}

// All returns every rule, sorted by id.
func All() []*analyzer.Rule { return allRules() }

// allRules is All for the rules themselves (CW002 checks rule ids).
func allRules() []*analyzer.Rule {
	return []*analyzer.Rule{
		InvalidInput,
		SuppressionWithoutReason,
		IgnoreExpired,
		DeliveryChannelWithoutKMS,
		BucketEncryptionNotExplicit,
		AWSManagedKeyOnDeliveryPath,
		KMSKeyRotationDisabled,
		SNSTopicNotEncrypted,
		BucketAllowsInsecureTransport,
		CloudTrailNotEncrypted,
		SecretInConfigField,
		SQSQueueNotEncrypted,
		LogGroupNotEncrypted,
		TrustPolicyServicePrincipalUnscoped,
		ResourcePolicyServicePrincipalUnscoped,
		SourceConditionIneffective,
		ConfigRoleOverbroad,
		ConfigRoleTrustsMoreThanConfig,
		ConfigRoleManagedPolicy,
		ConfigRoleDeliveryUnscoped,
		ServiceLinkedPolicyOnCustomerRole,
		PolicyFullAdmin,
		PolicyWildcardAction,
		PolicyNotActionAllow,
		PassRoleUnrestricted,
		PrivilegeEscalationPath,
		ConfigDisablingActions,
		PolicyPublicPrincipal,
		ServicePrincipalExcessActions,
		UnknownAction,
		RecorderNotStarted,
		RecorderNotAllResources,
		RecorderGlobalResourcesOff,
		DeliveryChannelMissing,
		DeliveryPathNotWritable,
		DeliveryBucketObjectLockRetention,
		AggregatorNotAllRegions,
		AggregationAuthorizationUntrusted,
		CustomRuleWithoutPermission,
		RemediationUnbounded,
		ConformancePackBucketExposed,
		CloudTrailNotMultiRegion,
		CloudTrailLogValidationOff,
		ConfigTamperingNotAlerted,
		DeliveryChannelWithoutNotification,
		BucketPublicAccessNotBlocked,
		BucketACLsEnabled,
		DenyBlocksConfigDelivery,
		ConfigEndpointPrivateDNSOff,
		ConfigEndpointPolicyFullAccess,
		BucketVersioningOff,
		DeliveryBucketAccessNotLogged,
		DeliveryBucketLifecycleTooShort,
	}
}
