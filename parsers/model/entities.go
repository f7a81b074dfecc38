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
	Days *Property // retention_period_in_days
}

// Recorder is AWS::Config::ConfigurationRecorder / aws_config_configuration_recorder.
type Recorder struct {
	*Resource
	Name           *Property
	RoleARN        *Property // RoleARN / role_arn
	RecordingGroup *Property // the group as a whole
	// Status is the Terraform aws_config_configuration_recorder_status
	// linked to the recorder (nil when none; CloudFormation has none).
	Status    *Resource
	IsEnabled *Property // is_enabled of the status resource
	Role      *Role     // linked role, when declared in the unit
	// StartedWithChannel is set where no status resource exists because
	// the recorder starts once a delivery channel exists (CloudFormation).
	StartedWithChannel bool
	// The recording group's settings, nil when absent (each is unknown
	// when the group is).
	AllSupported  *Property // RecordingGroup.AllSupported / recording_group.all_supported
	IncludeGlobal *Property // RecordingGroup.IncludeGlobalResourceTypes / recording_group.include_global_resource_types
	ResourceTypes *Property // RecordingGroup.ResourceTypes / recording_group.resource_types
	Strategy      *Property // RecordingGroup.RecordingStrategy.UseOnly / recording_group.recording_strategy.use_only
	ExcludedTypes *Property // RecordingGroup.ExclusionByResourceTypes.ResourceTypes / recording_group.exclusion_by_resource_types.resource_types
}

// DeliveryChannel is AWS::Config::DeliveryChannel / aws_config_delivery_channel.
type DeliveryChannel struct {
	*Resource
	Name       *Property
	BucketName *Property // S3BucketName / s3_bucket_name
	KeyPrefix  *Property // S3KeyPrefix / s3_key_prefix
	KMSKeyARN  *Property // S3KmsKeyArn / s3_kms_key_arn
	TopicARN   *Property // SnsTopicARN / sns_topic_arn
	Bucket     *Bucket
	Topic      *Topic
	Key        *Key
}

// ConfigRule is AWS::Config::ConfigRule / aws_config_config_rule.
type ConfigRule struct {
	*Resource
	Source          *Property // the source block as a whole
	Owner           *Property // Source.Owner / source.owner
	SourceID        *Property // Source.SourceIdentifier / source.source_identifier
	InputParameters *Property
	// Function is the Lambda function of a CUSTOM_LAMBDA rule, when
	// declared in the unit.
	Function *LambdaFunction
}

// Aggregator is AWS::Config::ConfigurationAggregator / aws_config_configuration_aggregator.
type Aggregator struct {
	*Resource
	AccountSources      *Property
	OrganizationSources *Property
	// Sources are the aggregation sources one by one.
	Sources []*AggregationSource
	// OrgRoleARN is OrganizationAggregationSource.RoleArn /
	// organization_aggregation_source.role_arn; OrgRole the role it names.
	OrgRoleARN *Property
	OrgRole    *Role
}

// AggregationSource is one account or organization aggregation source.
type AggregationSource struct {
	// Value is the source object, for ranges.
	Value        *Value
	Organization bool
	AllRegions   *Property // AllAwsRegions / all_regions
	Regions      *Property // AwsRegions / regions
}

// AggregationAuthorization is AWS::Config::AggregationAuthorization / aws_config_aggregate_authorization.
type AggregationAuthorization struct {
	*Resource
	AccountID *Property
	Region    *Property
}

// ConformancePack is AWS::Config::ConformancePack / aws_config_conformance_pack.
type ConformancePack struct {
	*Resource
	DeliveryBucket *Property
	Bucket         *Bucket // the delivery bucket, when declared in the unit
}

// Remediation is AWS::Config::RemediationConfiguration / aws_config_remediation_configuration.
type Remediation struct {
	*Resource
	Automatic   *Property
	MaxAttempts *Property
	RetrySecs   *Property
	Parameters  *Property
	// AutomationRoleARN is the AutomationAssumeRole parameter's static
	// value; AutomationRole the role it names.
	AutomationRoleARN *Property
	AutomationRole    *Role
}

// Bucket is an S3 bucket with the settings that may live in split resources
// (Terraform) or a separate policy resource.
type Bucket struct {
	*Resource
	Name *Property
	// SSEAlgorithm and SSEKeyID are the default encryption.
	SSEAlgorithm *Property
	SSEKeyID     *Property
	SSEKey       *Key // the key SSEKeyID names, when declared in the unit
	// VersioningStatus is "Enabled" or "Suspended" (Terraform's legacy
	// versioning.enabled flag is converted).
	VersioningStatus *Property
	// AccessBlock is the bucket's Block Public Access settings.
	AccessBlock *AccessBlock
	// ObjectOwnership is the Object Ownership setting.
	ObjectOwnership *Property
	// ACL is a canned ACL or grant list.
	ACL *Property
	// Logging is the server access logging configuration as a whole.
	Logging *Property
	// ObjectLockRetention is the Object Lock default retention.
	ObjectLockRetention *Property
	// Lifecycle is the lifecycle configuration as a whole (for its place);
	// LifecycleRules its rules one by one.
	Lifecycle      *Property
	LifecycleRules []*LifecycleRule
	// LifecycleUnknown is set when the list of lifecycle rules itself
	// cannot be known.
	LifecycleUnknown bool

	Policies         []*Policy
	PolicyResources  []*Resource // the resources that hold the policies
	DeliveryChannels []*DeliveryChannel
}

// AccessBlock is one set of the four S3 Block Public Access settings: a
// bucket's or the account's. A setting left out is absent (S3 then takes
// it as false).
type AccessBlock struct {
	// Resource is the entity's resource (the bucket, or the account-wide
	// block).
	*Resource
	// Block is the configuration as a whole: absent when the bucket has
	// none.
	Block                 *Property
	BlockPublicACLs       *Property
	IgnorePublicACLs      *Property
	BlockPublicPolicy     *Property
	RestrictPublicBuckets *Property
}

// LifecycleRule is one S3 lifecycle rule (LifecycleConfiguration.Rules[],
// aws_s3_bucket_lifecycle_configuration rule, legacy lifecycle_rule).
type LifecycleRule struct {
	// Rule is the rule object as a whole.
	Rule *Property
	// Status is "Enabled" or "Disabled" (the legacy enabled flag is
	// converted), or Unknown.
	Status *Property
	// Prefix limits the rule to keys that start with it; absent for the
	// whole bucket.
	Prefix *Property
	// Narrowed is the first tag or object-size filter of the rule, absent
	// when it has none.
	Narrowed *Property
	// ExpirationDays is the days after which objects expire.
	ExpirationDays *Property
}

// Topic is an SNS topic.
type Topic struct {
	*Resource
	Name     *Property
	KMSKeyID *Property // KmsMasterKeyId / kms_master_key_id
	Policies []*Policy
}

// Queue is an SQS queue.
type Queue struct {
	*Resource
	Name       *Property
	KMSKeyID   *Property // KmsMasterKeyId / kms_master_key_id
	SQSManaged *Property // SqsManagedSseEnabled / sqs_managed_sse_enabled
	Policies   []*Policy
	// Topics are the SNS topics of the unit with an SQS subscription
	// delivering to the queue (AWS::SNS::Subscription, a topic's
	// Subscription list, aws_sns_topic_subscription).
	Topics []*Topic
}

// Key is a KMS key.
type Key struct {
	*Resource
	Rotation *Property // EnableKeyRotation / enable_key_rotation
	Spec     *Property // KeySpec / customer_master_key_spec (key_spec)
	Origin   *Property
	Policy   *Policy
	Aliases  []string
	// CustomKeyStore is custom_key_store_id (Terraform; CloudFormation
	// keys cannot name one): such keys cannot rotate automatically.
	CustomKeyStore *Property
}

// KeyAlias is a name that stands for a KMS key: AWS::KMS::Alias,
// aws_kms_alias, and the data sources data.aws_kms_alias and
// data.aws_kms_key (whose key_id may name an alias such as alias/aws/s3).
// Rules follow a reference to one (aws_kms_alias.x.arn,
// data.aws_kms_alias.s3.target_key_arn) to learn which key it means.
type KeyAlias struct {
	*Resource
	Name        *Property
	TargetKeyID *Property
	Key         *Key // the target key, when declared in the unit
}

// EmbeddedPolicy is an AWS managed policy whose document configward
// embeds. The document is parsed when a rule first asks for it, not for
// every role that attaches the policy (ReadOnlyAccess alone is 91 KB of
// JSON, a megabyte once parsed).
type EmbeddedPolicy struct {
	// ARN is the policy's ARN in the aws partition.
	ARN string
	// Document returns the policy's document, parsed on the first call of
	// any role's: shared and read-only, its Name is ARN and its ranges
	// point into the embedded document, so report at the ARN that attaches
	// it, never inside it.
	Document func() *Policy
}

// Role is an IAM role with its trust policy and permissions.
type Role struct {
	*Resource
	Name              *Property
	Path              *Property
	Trust             *Policy
	InlinePolicies    []*Policy
	ManagedPolicyARNs []*Value // from the role and from attachments
	// ManagedPolicies are the AWS managed policies among ManagedPolicyARNs
	// whose documents configward embeds (iampolicy.ManagedPolicies), in the
	// same order, known ARNs only. They are not in Unit.Policies.
	ManagedPolicies []EmbeddedPolicy
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
	// Property is the attaching property of Via, canonical ("managed_policy_arns[1]",
	// "policy_arn", "roles[0]").
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
	// Name is the policy's name (ManagedPolicyName / name): the last part
	// of its ARN.
	Name   *Property
	Policy *Policy
	Roles  []*Value // roles it is attached to, as written
}

// LambdaFunction is AWS::Lambda::Function / aws_lambda_function.
type LambdaFunction struct {
	*Resource
	Name    *Property
	RoleARN *Property
	Role    *Role // the execution role, when declared in the unit
}

// LambdaPermission is AWS::Lambda::Permission / aws_lambda_permission: a
// resource policy statement written as fields.
type LambdaPermission struct {
	*Resource
	Action        *Property
	Principal     *Property
	SourceAccount *Property
	SourceArn     *Property
	OrgID         *Property // PrincipalOrgID / principal_org_id
	Function      *Property
	Target        *LambdaFunction // the function, when declared in the unit
}

// VPCEndpoint is AWS::EC2::VPCEndpoint / aws_vpc_endpoint.
type VPCEndpoint struct {
	*Resource
	ServiceName *Property
	Type        *Property
	PrivateDNS  *Property
	// PolicyDocument is the endpoint policy as written (Policy is the
	// document read).
	PolicyDocument *Property
	Policy         *Policy
}

// Trail is AWS::CloudTrail::Trail / aws_cloudtrail.
type Trail struct {
	*Resource
	MultiRegion            *Property
	LogValidation          *Property
	KMSKeyID               *Property
	EventSelectors         *Property
	AdvancedEventSelectors *Property
	// Selectors are the basic event selectors (EventSelectors /
	// event_selector) and Advanced the advanced ones
	// (AdvancedEventSelectors / advanced_event_selector); nil when absent.
	Selectors []*TrailSelector
	Advanced  []*AdvancedSelector
	// SelectorsUnknown is set when the selector list itself is unknown.
	SelectorsUnknown bool

	// IsLogging is IsLogging / enable_logging (nil: Terraform's default,
	// logging on).
	IsLogging *Property
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
	IncludeManagementEvents *Property // default true
	ReadWriteType           *Property // default All
}

// AdvancedSelector is one advanced event selector with its field selectors.
type AdvancedSelector struct {
	Value  *Value
	Fields []*AdvancedField
}

// AdvancedField is one field selector of an advanced event selector.
type AdvancedField struct {
	Field     *Property
	Equals    *Property
	NotEquals *Property
}

// EventRule is AWS::Events::Rule / aws_cloudwatch_event_rule.
type EventRule struct {
	*Resource
	Name *Property
	// Pattern is the event pattern as a value tree (a JSON string is
	// read), nil when absent.
	Pattern *Value
	State   *Property // State / state
	// IsEnabled is the older Terraform is_enabled, nil elsewhere.
	IsEnabled *Property
	// Targets are the rule's targets: CloudFormation Targets items, or the
	// aws_cloudwatch_event_target resources that name the rule.
	Targets []*Value
	// TargetsUnknown is set when the target list cannot be known.
	TargetsUnknown bool
}

// MetricFilter is AWS::Logs::MetricFilter / aws_cloudwatch_log_metric_filter.
type MetricFilter struct {
	*Resource
	Pattern  *Property // FilterPattern / pattern
	LogGroup *Property // LogGroupName / log_group_name
}

// LogGroup is AWS::Logs::LogGroup / aws_cloudwatch_log_group.
type LogGroup struct {
	*Resource
	KMSKeyID *Property
}
