// Package rules holds configward's checks: one file per rule, each an
// exported *analyzer.Rule value, with its prose embedded from docs/ID.md
// as a string (read in place: a SARIF report carries every rule's doc).
// All is the one list of them; nothing registers itself.
package rules

import (
	"github.com/configward/configward/analyzer"
)

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
