package model

// Entities are the typed resources the rules reason about, built from the
// value tree by each format's adapter so that one rule covers every format.
// A *Value field is nil when the property is absent and Unknown when it
// cannot be known; each field names the CloudFormation and Terraform
// property it comes from.
type Entities struct {
	Recorders                 []*Recorder
	DeliveryChannels          []*DeliveryChannel
	ConfigRules               []*ConfigRule
	Aggregators               []*Aggregator
	AggregationAuthorizations []*AggregationAuthorization
	ConformancePacks          []*ConformancePack
	Remediations              []*Remediation
	Buckets                   []*Bucket
	Topics                    []*Topic
	Queues                    []*Queue
	Keys                      []*Key
	Roles                     []*Role
	ManagedPolicies           []*ManagedPolicy
	LambdaFunctions           []*LambdaFunction
	LambdaPermissions         []*LambdaPermission
	VPCEndpoints              []*VPCEndpoint
	Trails                    []*Trail
	LogGroups                 []*LogGroup
	EventRules                []*EventRule
	MetricFilters             []*MetricFilter
	// AccountAccessBlocks are account-wide S3 Block Public Access settings
	// (aws_s3_account_public_access_block; CloudFormation has no such
	// resource).
	AccountAccessBlocks []*AccessBlock
	KeyAliases          []*KeyAlias
	// Retentions are AWS Config retention configurations
	// (aws_config_retention_configuration; CloudFormation has none).
	Retentions []*RetentionConfig
	// UnlinkedBucketPolicies are bucket policy resources whose bucket is
	// not one of the unit's buckets (an unknown reference, another
	// stack's bucket): a bucket of the unit may be the one they protect.
	UnlinkedBucketPolicies []*Resource
}

// RetentionConfig is an AWS Config retention configuration.
type RetentionConfig struct {
	*Resource
	Days *Value // retention_period_in_days
}

// Recorder is AWS::Config::ConfigurationRecorder / aws_config_configuration_recorder.
type Recorder struct {
	*Resource
	RoleARN        *Value // RoleARN / role_arn
	RecordingGroup *Value // RecordingGroup / recording_group
	// Status is the Terraform aws_config_configuration_recorder_status
	// linked to the recorder (nil when none; CloudFormation has none).
	Status    *Resource
	IsEnabled *Value // is_enabled of the status resource
	Role      *Role  // linked role, when declared in the unit
	// StartedWithChannel is set where no status resource exists because
	// the recorder starts once a delivery channel exists (CloudFormation).
	StartedWithChannel bool
	// The recording group's settings, nil when absent (each is unknown
	// when the group is).
	AllSupported  *Value // RecordingGroup.AllSupported / recording_group.all_supported
	IncludeGlobal *Value // RecordingGroup.IncludeGlobalResourceTypes / recording_group.include_global_resource_types
	ResourceTypes *Value // RecordingGroup.ResourceTypes / recording_group.resource_types
	Strategy      *Value // RecordingGroup.RecordingStrategy.UseOnly / recording_group.recording_strategy.use_only
	ExcludedTypes *Value // RecordingGroup.ExclusionByResourceTypes.ResourceTypes / recording_group.exclusion_by_resource_types.resource_types
}

// DeliveryChannel is AWS::Config::DeliveryChannel / aws_config_delivery_channel.
type DeliveryChannel struct {
	*Resource
	BucketName *Value // S3BucketName / s3_bucket_name
	KeyPrefix  *Value // S3KeyPrefix / s3_key_prefix
	KMSKeyARN  *Value // S3KmsKeyArn / s3_kms_key_arn
	TopicARN   *Value // SnsTopicARN / sns_topic_arn
	Bucket     *Bucket
	Topic      *Topic
	Key        *Key
}

// ConfigRule is AWS::Config::ConfigRule / aws_config_config_rule.
type ConfigRule struct {
	*Resource
	Owner           *Value // Source.Owner / source.owner
	SourceID        *Value // Source.SourceIdentifier / source.source_identifier
	InputParameters *Value
	// Function is the Lambda function of a CUSTOM_LAMBDA rule, when
	// declared in the unit.
	Function *LambdaFunction
}

// Aggregator is AWS::Config::ConfigurationAggregator / aws_config_configuration_aggregator.
type Aggregator struct {
	*Resource
	AccountSources      *Value
	OrganizationSources *Value
	// Sources are the aggregation sources one by one.
	Sources []*AggregationSource
	// OrgRoleARN is OrganizationAggregationSource.RoleArn /
	// organization_aggregation_source.role_arn; OrgRole the role it names.
	OrgRoleARN *Value
	OrgRole    *Role
}

// AggregationSource is one account or organization aggregation source.
type AggregationSource struct {
	// Value is the source object, for ranges.
	Value        *Value
	Organization bool
	AllRegions   *Value // AllAwsRegions / all_regions
	Regions      *Value // AwsRegions / regions
	// AllRegionsKey and RegionsKey are the property names as written.
	AllRegionsKey, RegionsKey string
}

// AggregationAuthorization is AWS::Config::AggregationAuthorization / aws_config_aggregate_authorization.
type AggregationAuthorization struct {
	*Resource
	AccountID *Value
	Region    *Value
}

// ConformancePack is AWS::Config::ConformancePack / aws_config_conformance_pack.
type ConformancePack struct {
	*Resource
	DeliveryBucket *Value
	Bucket         *Bucket // the delivery bucket, when declared in the unit
}

// Remediation is AWS::Config::RemediationConfiguration / aws_config_remediation_configuration.
type Remediation struct {
	*Resource
	Automatic   *Value
	MaxAttempts *Value
	RetrySecs   *Value
	Parameters  *Value
	// AutomationRoleARN is the AutomationAssumeRole parameter's static
	// value; AutomationRole the role it names.
	AutomationRoleARN *Value
	AutomationRole    *Role
}

// Bucket is an S3 bucket with the settings that may live in split resources
// (Terraform) or a separate policy resource.
type Bucket struct {
	*Resource
	Name              *Value // BucketName / bucket
	Encryption        *Value // BucketEncryption / server_side_encryption_configuration (inline or split)
	Versioning        *Value
	PublicAccessBlock *Value
	Logging           *Value
	Lifecycle         *Value
	ObjectLock        *Value
	Ownership         *Value
	Policies          []*Policy
	PolicyResources   []*Resource // the resources that hold the policies
	DeliveryChannels  []*DeliveryChannel

	// ObjectLockRetention is the Object Lock default retention
	// (ObjectLockConfiguration.Rule.DefaultRetention /
	// rule.default_retention, inline or split), nil when absent.
	ObjectLockRetention *Value

	// The bucket's settings read the same way in every format: from the
	// bucket's own properties, Terraform's legacy inline blocks, or the
	// split aws_s3_bucket_* resource (which wins). Each is nil when absent
	// and Unknown when it cannot be known.
	SSEAlgorithm *Value // ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm / rule.apply_server_side_encryption_by_default.sse_algorithm
	SSEKeyID     *Value // ... .KMSMasterKeyID / ... .kms_master_key_id
	SSEKey       *Key   // the key SSEKeyID names, when declared in the unit
	// VersioningStatus is VersioningConfiguration.Status /
	// versioning_configuration.status; the legacy versioning.enabled
	// becomes "Enabled" or "Suspended".
	VersioningStatus *Value
	AccessBlock      *AccessBlock // PublicAccessBlockConfiguration / aws_s3_bucket_public_access_block
	ObjectOwnership  *Value       // OwnershipControls.Rules[0].ObjectOwnership / rule.object_ownership
	// ACL is a canned ACL or grant list: AccessControl / acl (legacy
	// inline), or aws_s3_bucket_acl's acl or access_control_policy.
	ACL            *Value
	LifecycleRules []*LifecycleRule
	// LifecycleUnknown is set when the list of lifecycle rules itself
	// cannot be known.
	LifecycleUnknown bool
}

// AccessBlock is one set of the four S3 Block Public Access settings: a
// bucket's PublicAccessBlockConfiguration, an
// aws_s3_bucket_public_access_block, or the account-wide
// aws_s3_account_public_access_block. A setting left out is nil (S3 then
// takes it as false).
type AccessBlock struct {
	// Resource holds the settings (the bucket itself in CloudFormation).
	*Resource
	// Body is the object holding the four settings.
	Body                  *Value
	BlockPublicACLs       *Value // BlockPublicAcls / block_public_acls
	IgnorePublicACLs      *Value // IgnorePublicAcls / ignore_public_acls
	BlockPublicPolicy     *Value // BlockPublicPolicy / block_public_policy
	RestrictPublicBuckets *Value // RestrictPublicBuckets / restrict_public_buckets
}

// LifecycleRule is one S3 lifecycle rule (LifecycleConfiguration.Rules[],
// aws_s3_bucket_lifecycle_configuration rule, legacy lifecycle_rule).
type LifecycleRule struct {
	// Value is the rule object, for ranges.
	Value *Value
	// Status is "Enabled" or "Disabled" (the legacy enabled flag is
	// converted), or Unknown.
	Status *Value
	// Prefix limits the rule to keys that start with it: Prefix /
	// filter.prefix, filter.and.prefix, legacy prefix; nil for the whole
	// bucket.
	Prefix *Value
	// Narrowed is the first tag or object-size filter of the rule, nil
	// when it has none.
	Narrowed *Value
	// ExpirationDays is ExpirationInDays / expiration.days.
	ExpirationDays *Value
}

// Topic is an SNS topic.
type Topic struct {
	*Resource
	Name     *Value
	KMSKeyID *Value // KmsMasterKeyId / kms_master_key_id
	Policies []*Policy
}

// Queue is an SQS queue.
type Queue struct {
	*Resource
	Name       *Value
	KMSKeyID   *Value // KmsMasterKeyId / kms_master_key_id
	SQSManaged *Value // SqsManagedSseEnabled / sqs_managed_sse_enabled
	Policies   []*Policy
	// Topics are the SNS topics of the unit with an SQS subscription
	// delivering to the queue (AWS::SNS::Subscription, a topic's
	// Subscription list, aws_sns_topic_subscription).
	Topics []*Topic
}

// Key is a KMS key.
type Key struct {
	*Resource
	Rotation *Value // EnableKeyRotation / enable_key_rotation
	Spec     *Value // KeySpec / customer_master_key_spec (key_spec)
	Origin   *Value
	Policy   *Policy
	Aliases  []string
	// CustomKeyStore is custom_key_store_id (Terraform; CloudFormation
	// keys cannot name one): such keys cannot rotate automatically.
	CustomKeyStore *Value
}

// KeyAlias is a name that stands for a KMS key: AWS::KMS::Alias,
// aws_kms_alias, and the data sources data.aws_kms_alias and
// data.aws_kms_key (whose key_id may name an alias such as alias/aws/s3).
// Rules follow a reference to one (aws_kms_alias.x.arn,
// data.aws_kms_alias.s3.target_key_arn) to learn which key it means.
type KeyAlias struct {
	*Resource
	Name *Value // AliasName / name / key_id
	Key  *Key   // the target key, when declared in the unit
}

// Role is an IAM role with its trust policy and permissions.
type Role struct {
	*Resource
	Name              *Value
	Path              *Value
	Trust             *Policy
	InlinePolicies    []*Policy
	ManagedPolicyARNs []*Value // from the role and from attachments
	// ManagedPolicies are the documents of the AWS managed policies among
	// ManagedPolicyARNs that configward embeds (iampolicy.ManagedPolicy),
	// in the same order, known ARNs only. They are shared and read-only,
	// their Name is the policy ARN and their ranges point into the
	// embedded document: report at the ARN, never inside them. They are
	// not in Unit.Policies.
	ManagedPolicies []*Policy
	// Attachments are the managed (and CloudFormation AWS::IAM::Policy)
	// policies attached to the role, each with where it is attached.
	Attachments []*PolicyAttachment
	// ServiceLinked is set for AWS::IAM::ServiceLinkedRole / aws_iam_service_linked_role.
	ServiceLinked bool
}

// PolicyAttachment is one policy attached to a role, with the place that
// attaches it so findings can point there.
type PolicyAttachment struct {
	// ARN is the policy ARN as written: a ManagedPolicyArns /
	// managed_policy_arns item or the policy_arn of an attachment
	// resource; nil when a policy resource lists the role (Roles).
	ARN *Value
	// Via is the resource that makes the attachment: the role itself,
	// aws_iam_role_policy_attachment, aws_iam_policy_attachment, or the
	// AWS::IAM::ManagedPolicy / AWS::IAM::Policy whose Roles name the role.
	Via *Resource
	// Property is the attaching property of Via ("ManagedPolicyArns[1]",
	// "policy_arn", "Roles[0]").
	Property string
	// Range is where to point: the ARN value, or the role's entry in Roles.
	Range Range
	// Policy is the customer policy attached, when declared in the unit.
	Policy *ManagedPolicy
}

// ManagedPolicy is a customer managed policy (AWS::IAM::ManagedPolicy,
// aws_iam_policy) or an inline AWS::IAM::Policy.
type ManagedPolicy struct {
	*Resource
	Policy *Policy
	Roles  []*Value // roles it is attached to, as written
}

// LambdaFunction is AWS::Lambda::Function / aws_lambda_function.
type LambdaFunction struct {
	*Resource
	Name    *Value
	RoleARN *Value
	Role    *Role // the execution role, when declared in the unit
}

// LambdaPermission is AWS::Lambda::Permission / aws_lambda_permission: a
// resource policy statement written as fields.
type LambdaPermission struct {
	*Resource
	Action        *Value
	Principal     *Value
	SourceAccount *Value
	SourceArn     *Value
	OrgID         *Value // PrincipalOrgID / principal_org_id
	Function      *Value
	Target        *LambdaFunction // the function, when declared in the unit
}

// VPCEndpoint is AWS::EC2::VPCEndpoint / aws_vpc_endpoint.
type VPCEndpoint struct {
	*Resource
	ServiceName *Value
	Type        *Value
	PrivateDNS  *Value
	Policy      *Policy
}

// Trail is AWS::CloudTrail::Trail / aws_cloudtrail.
type Trail struct {
	*Resource
	MultiRegion    *Value
	LogValidation  *Value
	KMSKeyID       *Value
	EventSelectors *Value
	// Selectors are the basic event selectors (EventSelectors /
	// event_selector) and Advanced the advanced ones
	// (AdvancedEventSelectors / advanced_event_selector); nil when absent.
	Selectors []*TrailSelector
	Advanced  []*AdvancedSelector
	// SelectorsUnknown is set when the selector list itself is unknown.
	SelectorsUnknown bool

	// IsLogging is IsLogging / enable_logging (nil: Terraform's default,
	// logging on).
	IsLogging *Value
	// S3DataEvents are the S3 object ARN prefixes whose data events the
	// trail logs: the values of basic selectors' data resources of type
	// AWS::S3::Object, and the resources.ARN StartsWith / Equals values
	// of advanced selectors on AWS::S3::Object ("arn:aws:s3" stands for
	// every bucket, as CloudTrail spells it). An Unknown element means the
	// trail may log any bucket.
	S3DataEvents []*Value
}

// TrailSelector is one basic event selector of a trail.
type TrailSelector struct {
	Value                   *Value
	IncludeManagementEvents *Value // IncludeManagementEvents / include_management_events (default true)
	ReadWriteType           *Value // ReadWriteType / read_write_type (default All)
}

// AdvancedSelector is one advanced event selector with its field selectors.
type AdvancedSelector struct {
	Value  *Value
	Fields []*AdvancedField
}

// AdvancedField is one field selector of an advanced event selector.
type AdvancedField struct {
	Field     *Value // Field / field
	Equals    *Value // Equals / equals
	NotEquals *Value // NotEquals / not_equals
}

// EventRule is AWS::Events::Rule / aws_cloudwatch_event_rule.
type EventRule struct {
	*Resource
	// Pattern is the event pattern as a value tree (a JSON string is
	// read), nil when absent.
	Pattern *Value
	State   *Value // State / state
	// IsEnabled is the older Terraform is_enabled, nil elsewhere.
	IsEnabled *Value
	// Targets are the rule's targets: CloudFormation Targets items, or the
	// aws_cloudwatch_event_target resources that name the rule.
	Targets []*Value
	// TargetsUnknown is set when the target list cannot be known.
	TargetsUnknown bool
}

// MetricFilter is AWS::Logs::MetricFilter / aws_cloudwatch_log_metric_filter.
type MetricFilter struct {
	*Resource
	Pattern  *Value // FilterPattern / pattern
	LogGroup *Value // LogGroupName / log_group_name
}

// LogGroup is AWS::Logs::LogGroup / aws_cloudwatch_log_group.
type LogGroup struct {
	*Resource
	KMSKeyID *Value
}
