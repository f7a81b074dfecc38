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
}

// Aggregator is AWS::Config::ConfigurationAggregator / aws_config_configuration_aggregator.
type Aggregator struct {
	*Resource
	AccountSources      *Value
	OrganizationSources *Value
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
}

// Remediation is AWS::Config::RemediationConfiguration / aws_config_remediation_configuration.
type Remediation struct {
	*Resource
	Automatic   *Value
	MaxAttempts *Value
	RetrySecs   *Value
	Parameters  *Value
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
}

// Key is a KMS key.
type Key struct {
	*Resource
	Rotation *Value // EnableKeyRotation / enable_key_rotation
	Spec     *Value // KeySpec / customer_master_key_spec (key_spec)
	Origin   *Value
	Policy   *Policy
	Aliases  []string
}

// Role is an IAM role with its trust policy and permissions.
type Role struct {
	*Resource
	Name              *Value
	Path              *Value
	Trust             *Policy
	InlinePolicies    []*Policy
	ManagedPolicyARNs []*Value // from the role and from attachments
	// ServiceLinked is set for AWS::IAM::ServiceLinkedRole / aws_iam_service_linked_role.
	ServiceLinked bool
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
}

// LogGroup is AWS::Logs::LogGroup / aws_cloudwatch_log_group.
type LogGroup struct {
	*Resource
	KMSKeyID *Value
}
