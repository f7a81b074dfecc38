package model

import "strings"

// The entity tables: one per entity, read by both adapters (see table.go).
// A plan JSON reports every attribute where the configuration writes it
// (nested blocks as lists of objects, as the walker makes them), so a row
// names a Plan place only where the two differ.

// Tables lists every entity table, for the adapters and the linker.
var Tables = []Spelling{
	RecorderTable, DeliveryChannelTable, ConfigRuleTable, AggregatorTable, AggregationAuthorizationTable,
	ConformancePackTable, RemediationTable, BucketTable, AccountAccessBlockTable, TopicTable, QueueTable,
	KeyTable, KeyAliasTable, RoleTable, ManagedPolicyTable, LambdaFunctionTable, LambdaPermissionTable,
	VPCEndpointTable, TrailTable, LogGroupTable, EventRuleTable, MetricFilterTable, RetentionTable,
}

// TableFor returns the table that makes resources of type typ in format f,
// or nil.
func TableFor(f Format, typ string) Spelling {
	for _, t := range Tables {
		if t.Makes(f, typ) {
			return t
		}
	}
	return nil
}

// PolicyPath is the canonical path of a policy document property written
// natively: CloudFormation's PolicyDocument, KeyPolicy,
// AssumeRolePolicyDocument and Policies[N].PolicyDocument are Terraform's
// policy, assume_role_policy and inline_policy[N].policy, which are
// canonical.
func PolicyPath(native string) string {
	switch native {
	case "PolicyDocument", "KeyPolicy":
		return "policy"
	case "AssumeRolePolicyDocument":
		return "assume_role_policy"
	}
	if rest, ok := strings.CutPrefix(native, "Policies["); ok {
		if i, tail, ok := strings.Cut(rest, "]"); ok && tail == ".PolicyDocument" {
			return "inline_policy[" + i + "].policy"
		}
	}
	return native
}

// at is a place in the entity's own resource.
func at(path string) Loc { return Loc{Path: path} }

// block is a Terraform nested block read as its one object (a block that
// may appear once is a list of one in the value tree).
func block(path string) Loc { return Loc{Path: path, Conv: First} }

// part is a place in a separate resource of type typ.
func part(typ, path string) Loc { return Loc{Type: typ, Path: path} }

var RecorderTable = &Table[Recorder]{
	Kind:           "config_recorder",
	CloudFormation: []string{"AWS::Config::ConfigurationRecorder"},
	Terraform:      []string{"aws_config_configuration_recorder"},
	Parts:          []Part{{"aws_config_configuration_recorder_status", "name"}},
	New: func(r *Resource, es *Entities) *Recorder {
		e := &Recorder{Resource: r}
		es.Recorders = append(es.Recorders, e)
		return e
	},
	Props: []Prop[Recorder]{
		{Path: "name", CloudFormation: at("Name"), Terraform: []Loc{{Path: "name", Default: "default"}},
			Field: func(e *Recorder) **Property { return &e.Name }},
		{Path: "role_arn", CloudFormation: at("RoleARN"), Terraform: []Loc{{Path: "role_arn"}},
			Field: func(e *Recorder) **Property { return &e.RoleARN }},
		{Path: "recording_group", CloudFormation: at("RecordingGroup"), Terraform: []Loc{block("recording_group")},
			Field: func(e *Recorder) **Property { return &e.RecordingGroup }},
		{Path: "recording_group.all_supported", CloudFormation: at("RecordingGroup.AllSupported"),
			Terraform: []Loc{{Path: "recording_group.all_supported"}},
			Field:     func(e *Recorder) **Property { return &e.AllSupported }},
		{Path: "recording_group.include_global_resource_types", CloudFormation: at("RecordingGroup.IncludeGlobalResourceTypes"),
			Terraform: []Loc{{Path: "recording_group.include_global_resource_types"}},
			Field:     func(e *Recorder) **Property { return &e.IncludeGlobal }},
		{Path: "recording_group.resource_types", CloudFormation: at("RecordingGroup.ResourceTypes"),
			Terraform: []Loc{{Path: "recording_group.resource_types"}},
			Field:     func(e *Recorder) **Property { return &e.ResourceTypes }},
		{Path: "recording_group.recording_strategy.use_only", CloudFormation: at("RecordingGroup.RecordingStrategy.UseOnly"),
			Terraform: []Loc{{Path: "recording_group.recording_strategy.use_only"}},
			Field:     func(e *Recorder) **Property { return &e.Strategy }},
		{Path: "recording_group.exclusion_by_resource_types.resource_types",
			CloudFormation: at("RecordingGroup.ExclusionByResourceTypes.ResourceTypes"),
			Terraform:      []Loc{{Path: "recording_group.exclusion_by_resource_types.resource_types"}},
			Field:          func(e *Recorder) **Property { return &e.ExcludedTypes }},
		{Path: "status.is_enabled", Terraform: []Loc{part("aws_config_configuration_recorder_status", "is_enabled")},
			Field: func(e *Recorder) **Property { return &e.IsEnabled }},
	},
}

var DeliveryChannelTable = &Table[DeliveryChannel]{
	Kind:           "config_delivery_channel",
	CloudFormation: []string{"AWS::Config::DeliveryChannel"},
	Terraform:      []string{"aws_config_delivery_channel"},
	New: func(r *Resource, es *Entities) *DeliveryChannel {
		e := &DeliveryChannel{Resource: r}
		es.DeliveryChannels = append(es.DeliveryChannels, e)
		return e
	},
	Props: []Prop[DeliveryChannel]{
		{Path: "name", CloudFormation: at("Name"), Terraform: []Loc{{Path: "name"}},
			Field: func(e *DeliveryChannel) **Property { return &e.Name }},
		{Path: "s3_bucket_name", CloudFormation: at("S3BucketName"), Terraform: []Loc{{Path: "s3_bucket_name"}},
			Field: func(e *DeliveryChannel) **Property { return &e.BucketName }},
		{Path: "s3_key_prefix", CloudFormation: at("S3KeyPrefix"), Terraform: []Loc{{Path: "s3_key_prefix"}},
			Field: func(e *DeliveryChannel) **Property { return &e.KeyPrefix }},
		{Path: "s3_kms_key_arn", CloudFormation: at("S3KmsKeyArn"), Terraform: []Loc{{Path: "s3_kms_key_arn"}},
			Field: func(e *DeliveryChannel) **Property { return &e.KMSKeyARN }},
		{Path: "sns_topic_arn", CloudFormation: at("SnsTopicARN"), Terraform: []Loc{{Path: "sns_topic_arn"}},
			Field: func(e *DeliveryChannel) **Property { return &e.TopicARN }},
	},
}

var ConfigRuleTable = &Table[ConfigRule]{
	Kind:           "config_rule",
	CloudFormation: []string{"AWS::Config::ConfigRule", "AWS::Config::OrganizationConfigRule"},
	Terraform: []string{"aws_config_config_rule", "aws_config_organization_managed_rule",
		"aws_config_organization_custom_rule", "aws_config_organization_custom_policy_rule"},
	New: func(r *Resource, es *Entities) *ConfigRule {
		e := &ConfigRule{Resource: r}
		es.ConfigRules = append(es.ConfigRules, e)
		return e
	},
	Props: []Prop[ConfigRule]{
		{Path: "source", CloudFormation: at("Source"), Terraform: []Loc{block("source")},
			Field: func(e *ConfigRule) **Property { return &e.Source }},
		{Path: "source.owner", CloudFormation: at("Source.Owner"), Terraform: []Loc{{Path: "source.owner"}},
			Field: func(e *ConfigRule) **Property { return &e.Owner }},
		{Path: "source.source_identifier", CloudFormation: at("Source.SourceIdentifier"), Terraform: []Loc{{Path: "source.source_identifier"}},
			Field: func(e *ConfigRule) **Property { return &e.SourceID }},
		{Path: "input_parameters", CloudFormation: at("InputParameters"), Terraform: []Loc{{Path: "input_parameters"}},
			Field: func(e *ConfigRule) **Property { return &e.InputParameters }},
	},
}

var AggregatorTable = &Table[Aggregator]{
	Kind:           "config_aggregator",
	CloudFormation: []string{"AWS::Config::ConfigurationAggregator"},
	Terraform:      []string{"aws_config_configuration_aggregator"},
	New: func(r *Resource, es *Entities) *Aggregator {
		e := &Aggregator{Resource: r}
		es.Aggregators = append(es.Aggregators, e)
		return e
	},
	Props: []Prop[Aggregator]{
		{Path: "account_aggregation_sources", CloudFormation: at("AccountAggregationSources"),
			Terraform: []Loc{block("account_aggregation_source")},
			Field:     func(e *Aggregator) **Property { return &e.AccountSources }},
		{Path: "organization_aggregation_source", CloudFormation: at("OrganizationAggregationSource"),
			Terraform: []Loc{block("organization_aggregation_source")},
			Field:     func(e *Aggregator) **Property { return &e.OrganizationSources }},
		{Path: "organization_aggregation_source.role_arn", CloudFormation: at("OrganizationAggregationSource.RoleArn"),
			Terraform: []Loc{{Path: "organization_aggregation_source.role_arn"}},
			Field:     func(e *Aggregator) **Property { return &e.OrgRoleARN }},
	},
}

// AggregationSourceTable reads one aggregation source (Table.FillFrom).
var AggregationSourceTable = &Table[AggregationSource]{
	Kind: "config_aggregation_source",
	Props: []Prop[AggregationSource]{
		{Path: "all_regions", CloudFormation: at("AllAwsRegions"), Terraform: []Loc{{Path: "all_regions"}},
			Field: func(e *AggregationSource) **Property { return &e.AllRegions }},
		{Path: "regions", CloudFormation: at("AwsRegions"), Terraform: []Loc{{Path: "regions"}},
			Field: func(e *AggregationSource) **Property { return &e.Regions }},
	},
}

var AggregationAuthorizationTable = &Table[AggregationAuthorization]{
	Kind:           "config_aggregation_authorization",
	CloudFormation: []string{"AWS::Config::AggregationAuthorization"},
	Terraform:      []string{"aws_config_aggregate_authorization"},
	New: func(r *Resource, es *Entities) *AggregationAuthorization {
		e := &AggregationAuthorization{Resource: r}
		es.AggregationAuthorizations = append(es.AggregationAuthorizations, e)
		return e
	},
	Props: []Prop[AggregationAuthorization]{
		{Path: "authorized_account_id", CloudFormation: at("AuthorizedAccountId"), Terraform: []Loc{{Path: "account_id"}},
			Field: func(e *AggregationAuthorization) **Property { return &e.AccountID }},
		// Provider 5 spells the region "region", provider 6
		// "authorized_aws_region".
		{Path: "authorized_aws_region", CloudFormation: at("AuthorizedAwsRegion"), Terraform: []Loc{{Path: "authorized_aws_region"}, {Path: "region"}},
			Field: func(e *AggregationAuthorization) **Property { return &e.Region }},
	},
}

var ConformancePackTable = &Table[ConformancePack]{
	Kind:           "config_conformance_pack",
	CloudFormation: []string{"AWS::Config::ConformancePack", "AWS::Config::OrganizationConformancePack"},
	Terraform:      []string{"aws_config_conformance_pack", "aws_config_organization_conformance_pack"},
	New: func(r *Resource, es *Entities) *ConformancePack {
		e := &ConformancePack{Resource: r}
		es.ConformancePacks = append(es.ConformancePacks, e)
		return e
	},
	Props: []Prop[ConformancePack]{
		{Path: "delivery_s3_bucket", CloudFormation: at("DeliveryS3Bucket"), Terraform: []Loc{{Path: "delivery_s3_bucket"}},
			Field: func(e *ConformancePack) **Property { return &e.DeliveryBucket }},
	},
}

var RemediationTable = &Table[Remediation]{
	Kind:           "config_remediation",
	CloudFormation: []string{"AWS::Config::RemediationConfiguration"},
	Terraform:      []string{"aws_config_remediation_configuration"},
	New: func(r *Resource, es *Entities) *Remediation {
		e := &Remediation{Resource: r}
		es.Remediations = append(es.Remediations, e)
		return e
	},
	Props: []Prop[Remediation]{
		{Path: "automatic", CloudFormation: at("Automatic"), Terraform: []Loc{{Path: "automatic"}},
			Field: func(e *Remediation) **Property { return &e.Automatic }},
		{Path: "maximum_automatic_attempts", CloudFormation: at("MaximumAutomaticAttempts"), Terraform: []Loc{{Path: "maximum_automatic_attempts"}},
			Field: func(e *Remediation) **Property { return &e.MaxAttempts }},
		{Path: "retry_attempt_seconds", CloudFormation: at("RetryAttemptSeconds"), Terraform: []Loc{{Path: "retry_attempt_seconds"}},
			Field: func(e *Remediation) **Property { return &e.RetrySecs }},
		{Path: "parameters", CloudFormation: at("Parameters"), Terraform: []Loc{{Path: "parameter"}},
			Field: func(e *Remediation) **Property { return &e.Parameters }},
		// The AutomationAssumeRole parameter: a map entry in
		// CloudFormation, a named parameter block in Terraform (the
		// adapter picks the block).
		{Path: "parameters.AutomationAssumeRole", CloudFormation: at("Parameters.AutomationAssumeRole.StaticValue.Values.0"),
			Field: func(e *Remediation) **Property { return &e.AutomationRoleARN }},
	},
}

// The S3 bucket split resources of Terraform, each naming its bucket.
const (
	s3Encryption  = "aws_s3_bucket_server_side_encryption_configuration"
	s3Versioning  = "aws_s3_bucket_versioning"
	s3AccessBlock = "aws_s3_bucket_public_access_block"
	s3Ownership   = "aws_s3_bucket_ownership_controls"
	s3ACL         = "aws_s3_bucket_acl"
	s3Logging     = "aws_s3_bucket_logging"
	s3Lifecycle   = "aws_s3_bucket_lifecycle_configuration"
	s3ObjectLock  = "aws_s3_bucket_object_lock_configuration"
)

var BucketTable = &Table[Bucket]{
	Kind:           "s3_bucket",
	CloudFormation: []string{"AWS::S3::Bucket"},
	Terraform:      []string{"aws_s3_bucket"},
	Parts: []Part{{s3Encryption, "bucket"}, {s3Versioning, "bucket"}, {s3AccessBlock, "bucket"},
		{s3Ownership, "bucket"}, {s3ACL, "bucket"}, {s3Logging, "bucket"}, {s3Lifecycle, "bucket"}, {s3ObjectLock, "bucket"}},
	New: func(r *Resource, es *Entities) *Bucket {
		e := &Bucket{Resource: r, AccessBlock: &AccessBlock{Resource: r}}
		es.Buckets = append(es.Buckets, e)
		return e
	},
	Props: []Prop[Bucket]{
		{Path: "name", CloudFormation: at("BucketName"), Terraform: []Loc{{Path: "bucket"}},
			Field: func(e *Bucket) **Property { return &e.Name }},
		{Path: "encryption.sse_algorithm",
			CloudFormation: at("BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm"),
			Terraform: []Loc{at("server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm"),
				part(s3Encryption, "rule.apply_server_side_encryption_by_default.sse_algorithm")},
			Field: func(e *Bucket) **Property { return &e.SSEAlgorithm }},
		{Path: "encryption.kms_master_key_id",
			CloudFormation: at("BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID"),
			Terraform: []Loc{at("server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id"),
				part(s3Encryption, "rule.apply_server_side_encryption_by_default.kms_master_key_id")},
			Field: func(e *Bucket) **Property { return &e.SSEKeyID }},
		{Path: "versioning.status", CloudFormation: at("VersioningConfiguration.Status"),
			Terraform: []Loc{{Path: "versioning", Conv: legacyVersioning}, {Path: "versioning.enabled", Conv: legacyVersioningEnabled},
				part(s3Versioning, "versioning_configuration.status")},
			Field: func(e *Bucket) **Property { return &e.VersioningStatus }},
		{Path: "public_access_block", CloudFormation: at("PublicAccessBlockConfiguration"),
			Terraform: []Loc{part(s3AccessBlock, "")},
			Field:     func(e *Bucket) **Property { return &e.AccessBlock.Block }},
		{Path: "public_access_block.block_public_acls", CloudFormation: at("PublicAccessBlockConfiguration.BlockPublicAcls"),
			Terraform: []Loc{part(s3AccessBlock, "block_public_acls")},
			Field:     func(e *Bucket) **Property { return &e.AccessBlock.BlockPublicACLs }},
		{Path: "public_access_block.ignore_public_acls", CloudFormation: at("PublicAccessBlockConfiguration.IgnorePublicAcls"),
			Terraform: []Loc{part(s3AccessBlock, "ignore_public_acls")},
			Field:     func(e *Bucket) **Property { return &e.AccessBlock.IgnorePublicACLs }},
		{Path: "public_access_block.block_public_policy", CloudFormation: at("PublicAccessBlockConfiguration.BlockPublicPolicy"),
			Terraform: []Loc{part(s3AccessBlock, "block_public_policy")},
			Field:     func(e *Bucket) **Property { return &e.AccessBlock.BlockPublicPolicy }},
		{Path: "public_access_block.restrict_public_buckets", CloudFormation: at("PublicAccessBlockConfiguration.RestrictPublicBuckets"),
			Terraform: []Loc{part(s3AccessBlock, "restrict_public_buckets")},
			Field:     func(e *Bucket) **Property { return &e.AccessBlock.RestrictPublicBuckets }},
		{Path: "ownership_controls.object_ownership", CloudFormation: at("OwnershipControls.Rules.ObjectOwnership"),
			Terraform: []Loc{part(s3Ownership, "rule.object_ownership")},
			Field:     func(e *Bucket) **Property { return &e.ObjectOwnership }},
		{Path: "acl", CloudFormation: at("AccessControl"),
			Terraform: []Loc{at("grant"), at("acl"), part(s3ACL, "access_control_policy"), part(s3ACL, "acl")},
			Field:     func(e *Bucket) **Property { return &e.ACL }},
		{Path: "logging", CloudFormation: at("LoggingConfiguration"),
			Terraform: []Loc{block("logging"), part(s3Logging, "")},
			Field:     func(e *Bucket) **Property { return &e.Logging }},
		{Path: "lifecycle", CloudFormation: at("LifecycleConfiguration.Rules"),
			Terraform: []Loc{at("lifecycle_rule"), part(s3Lifecycle, "rule")},
			Field:     func(e *Bucket) **Property { return &e.Lifecycle }},
		{Path: "object_lock.default_retention", CloudFormation: at("ObjectLockConfiguration.Rule.DefaultRetention"),
			Terraform: []Loc{block("object_lock_configuration.rule.default_retention"),
				{Type: s3ObjectLock, Path: "rule.default_retention", Conv: First}},
			Field: func(e *Bucket) **Property { return &e.ObjectLockRetention }},
	},
}

// legacyVersioning reads Terraform's legacy inline versioning block
// without an enabled flag as "Suspended" (nil when it has one:
// legacyVersioningEnabled reads it).
func legacyVersioning(v *Value) *Value {
	v = First(v)
	if v == nil || v.Kind == Unknown {
		return v
	}
	if v.Get("enabled") == nil {
		return NewString("Suspended", v.Range)
	}
	return nil
}

// legacyVersioningEnabled reads the legacy enabled flag as a status: true
// is "Enabled", false "Suspended".
func legacyVersioningEnabled(en *Value) *Value {
	if on, ok := en.AsBool(); ok && on {
		return NewString("Enabled", en.Range)
	} else if ok {
		return NewString("Suspended", en.Range)
	}
	return en
}

// LifecycleRuleTable reads one lifecycle rule (Table.FillFrom): a
// CloudFormation Rules item, a legacy Terraform lifecycle_rule block, or a
// rule block of aws_s3_bucket_lifecycle_configuration. The filter rows are
// in the order the rule reads them; the last one written wins.
var LifecycleRuleTable = &Table[LifecycleRule]{
	Kind: "s3_lifecycle_rule",
	Props: []Prop[LifecycleRule]{
		{Path: "status", CloudFormation: at("Status"),
			Terraform: []Loc{{Path: "enabled", Conv: legacyEnabled}, part(s3Lifecycle, "status")},
			Field:     func(e *LifecycleRule) **Property { return &e.Status }},
		{Path: "prefix", CloudFormation: at("Prefix"),
			Terraform: []Loc{at("prefix"), part(s3Lifecycle, "prefix"), part(s3Lifecycle, "filter.prefix"),
				part(s3Lifecycle, "filter.and.prefix")},
			Field: func(e *LifecycleRule) **Property { return &e.Prefix }},
		{Path: "filter.narrowed", CloudFormation: at("TagFilters"),
			Terraform: []Loc{at("tags"), part(s3Lifecycle, "filter.tag"),
				part(s3Lifecycle, "filter.object_size_greater_than"), part(s3Lifecycle, "filter.object_size_less_than"),
				part(s3Lifecycle, "filter.and.tags"), part(s3Lifecycle, "filter.and.object_size_greater_than"),
				part(s3Lifecycle, "filter.and.object_size_less_than")},
			Field: func(e *LifecycleRule) **Property { return &e.Narrowed }},
		{Path: "expiration.days", CloudFormation: at("ExpirationInDays"),
			Terraform: []Loc{at("expiration.days"), part(s3Lifecycle, "expiration.days")},
			Field:     func(e *LifecycleRule) **Property { return &e.ExpirationDays }},
	},
}

// TrailSelectorTable reads one basic event selector of a trail.
var TrailSelectorTable = &Table[TrailSelector]{
	Kind: "cloudtrail_event_selector",
	Props: []Prop[TrailSelector]{
		{Path: "include_management_events", CloudFormation: at("IncludeManagementEvents"), Terraform: []Loc{{Path: "include_management_events"}},
			Field: func(e *TrailSelector) **Property { return &e.IncludeManagementEvents }},
		{Path: "read_write_type", CloudFormation: at("ReadWriteType"), Terraform: []Loc{{Path: "read_write_type"}},
			Field: func(e *TrailSelector) **Property { return &e.ReadWriteType }},
	},
}

// AdvancedFieldTable reads one field selector of an advanced event
// selector.
var AdvancedFieldTable = &Table[AdvancedField]{
	Kind: "cloudtrail_field_selector",
	Props: []Prop[AdvancedField]{
		{Path: "field", CloudFormation: at("Field"), Terraform: []Loc{{Path: "field"}},
			Field: func(e *AdvancedField) **Property { return &e.Field }},
		{Path: "equals", CloudFormation: at("Equals"), Terraform: []Loc{{Path: "equals"}},
			Field: func(e *AdvancedField) **Property { return &e.Equals }},
		{Path: "not_equals", CloudFormation: at("NotEquals"), Terraform: []Loc{{Path: "not_equals"}},
			Field: func(e *AdvancedField) **Property { return &e.NotEquals }},
	},
}

// legacyEnabled reads a legacy lifecycle_rule's enabled flag as a status.
func legacyEnabled(en *Value) *Value {
	if on, ok := en.AsBool(); ok && on {
		return NewString("Enabled", en.Range)
	} else if ok {
		return NewString("Disabled", en.Range)
	}
	return en
}

var AccountAccessBlockTable = &Table[AccessBlock]{
	Kind:      "s3_account_public_access_block",
	Terraform: []string{"aws_s3_account_public_access_block"},
	New: func(r *Resource, es *Entities) *AccessBlock {
		e := &AccessBlock{Resource: r}
		es.AccountAccessBlocks = append(es.AccountAccessBlocks, e)
		return e
	},
	Props: []Prop[AccessBlock]{
		{Path: "public_access_block", Terraform: []Loc{{Path: ""}},
			Field: func(e *AccessBlock) **Property { return &e.Block }},
		{Path: "public_access_block.block_public_acls", Terraform: []Loc{{Path: "block_public_acls"}},
			Field: func(e *AccessBlock) **Property { return &e.BlockPublicACLs }},
		{Path: "public_access_block.ignore_public_acls", Terraform: []Loc{{Path: "ignore_public_acls"}},
			Field: func(e *AccessBlock) **Property { return &e.IgnorePublicACLs }},
		{Path: "public_access_block.block_public_policy", Terraform: []Loc{{Path: "block_public_policy"}},
			Field: func(e *AccessBlock) **Property { return &e.BlockPublicPolicy }},
		{Path: "public_access_block.restrict_public_buckets", Terraform: []Loc{{Path: "restrict_public_buckets"}},
			Field: func(e *AccessBlock) **Property { return &e.RestrictPublicBuckets }},
	},
}

var TopicTable = &Table[Topic]{
	Kind:           "sns_topic",
	CloudFormation: []string{"AWS::SNS::Topic"},
	Terraform:      []string{"aws_sns_topic"},
	New: func(r *Resource, es *Entities) *Topic {
		e := &Topic{Resource: r}
		es.Topics = append(es.Topics, e)
		return e
	},
	Props: []Prop[Topic]{
		{Path: "name", CloudFormation: at("TopicName"), Terraform: []Loc{{Path: "name"}},
			Field: func(e *Topic) **Property { return &e.Name }},
		{Path: "kms_master_key_id", CloudFormation: at("KmsMasterKeyId"), Terraform: []Loc{{Path: "kms_master_key_id"}},
			Field: func(e *Topic) **Property { return &e.KMSKeyID }},
	},
}

var QueueTable = &Table[Queue]{
	Kind:           "sqs_queue",
	CloudFormation: []string{"AWS::SQS::Queue"},
	Terraform:      []string{"aws_sqs_queue"},
	New: func(r *Resource, es *Entities) *Queue {
		e := &Queue{Resource: r}
		es.Queues = append(es.Queues, e)
		return e
	},
	Props: []Prop[Queue]{
		{Path: "name", CloudFormation: at("QueueName"), Terraform: []Loc{{Path: "name"}},
			Field: func(e *Queue) **Property { return &e.Name }},
		{Path: "kms_master_key_id", CloudFormation: at("KmsMasterKeyId"), Terraform: []Loc{{Path: "kms_master_key_id"}},
			Field: func(e *Queue) **Property { return &e.KMSKeyID }},
		{Path: "sqs_managed_sse_enabled", CloudFormation: at("SqsManagedSseEnabled"), Terraform: []Loc{{Path: "sqs_managed_sse_enabled"}},
			Field: func(e *Queue) **Property { return &e.SQSManaged }},
	},
}

var KeyTable = &Table[Key]{
	Kind:           "kms_key",
	CloudFormation: []string{"AWS::KMS::Key"},
	Terraform:      []string{"aws_kms_key", "aws_kms_external_key"},
	New: func(r *Resource, es *Entities) *Key {
		e := &Key{Resource: r}
		es.Keys = append(es.Keys, e)
		return e
	},
	Props: []Prop[Key]{
		{Path: "enable_key_rotation", CloudFormation: at("EnableKeyRotation"), Terraform: []Loc{{Path: "enable_key_rotation"}},
			Field: func(e *Key) **Property { return &e.Rotation }},
		{Path: "key_spec", CloudFormation: at("KeySpec"), Terraform: []Loc{{Path: "key_spec"}, {Path: "customer_master_key_spec"}},
			Field: func(e *Key) **Property { return &e.Spec }},
		// An aws_kms_external_key's origin is EXTERNAL (the adapter
		// says so); Terraform's aws_kms_key has no origin argument.
		{Path: "origin", CloudFormation: at("Origin"),
			Field: func(e *Key) **Property { return &e.Origin }},
		{Path: "custom_key_store_id", Terraform: []Loc{{Path: "custom_key_store_id"}},
			Field: func(e *Key) **Property { return &e.CustomKeyStore }},
	},
}

var KeyAliasTable = &Table[KeyAlias]{
	Kind:           "kms_alias",
	CloudFormation: []string{"AWS::KMS::Alias"},
	Terraform:      []string{"aws_kms_alias", "data.aws_kms_alias", "data.aws_kms_key"},
	New: func(r *Resource, es *Entities) *KeyAlias {
		e := &KeyAlias{Resource: r}
		es.KeyAliases = append(es.KeyAliases, e)
		return e
	},
	Props: []Prop[KeyAlias]{
		// data.aws_kms_key's key_id may name an alias (alias/aws/s3).
		{Path: "name", CloudFormation: at("AliasName"), Terraform: []Loc{{Path: "key_id"}, {Path: "name"}},
			Field: func(e *KeyAlias) **Property { return &e.Name }},
		{Path: "target_key_id", CloudFormation: at("TargetKeyId"), Terraform: []Loc{{Path: "target_key_id"}},
			Field: func(e *KeyAlias) **Property { return &e.TargetKeyID }},
	},
}

var RoleTable = &Table[Role]{
	Kind:           "iam_role",
	CloudFormation: []string{"AWS::IAM::Role", "AWS::IAM::ServiceLinkedRole"},
	Terraform:      []string{"aws_iam_role", "aws_iam_service_linked_role"},
	New: func(r *Resource, es *Entities) *Role {
		e := &Role{Resource: r}
		es.Roles = append(es.Roles, e)
		return e
	},
	Props: []Prop[Role]{
		{Path: "name", CloudFormation: at("RoleName"), Terraform: []Loc{{Path: "name"}},
			Field: func(e *Role) **Property { return &e.Name }},
		{Path: "path", CloudFormation: at("Path"), Terraform: []Loc{{Path: "path"}},
			Field: func(e *Role) **Property { return &e.Path }},
	},
}

var ManagedPolicyTable = &Table[ManagedPolicy]{
	Kind:           "iam_policy",
	CloudFormation: []string{"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"},
	Terraform:      []string{"aws_iam_policy"},
	New: func(r *Resource, es *Entities) *ManagedPolicy {
		e := &ManagedPolicy{Resource: r}
		es.ManagedPolicies = append(es.ManagedPolicies, e)
		return e
	},
	Props: []Prop[ManagedPolicy]{
		{Path: "name", CloudFormation: at("ManagedPolicyName"), Terraform: []Loc{{Path: "name"}},
			Field: func(e *ManagedPolicy) **Property { return &e.Name }},
	},
}

var LambdaFunctionTable = &Table[LambdaFunction]{
	Kind:           "lambda_function",
	CloudFormation: []string{"AWS::Lambda::Function", "AWS::Serverless::Function"},
	Terraform:      []string{"aws_lambda_function"},
	New: func(r *Resource, es *Entities) *LambdaFunction {
		e := &LambdaFunction{Resource: r}
		es.LambdaFunctions = append(es.LambdaFunctions, e)
		return e
	},
	Props: []Prop[LambdaFunction]{
		{Path: "function_name", CloudFormation: at("FunctionName"), Terraform: []Loc{{Path: "function_name"}},
			Field: func(e *LambdaFunction) **Property { return &e.Name }},
		{Path: "role", CloudFormation: at("Role"), Terraform: []Loc{{Path: "role"}},
			Field: func(e *LambdaFunction) **Property { return &e.RoleARN }},
	},
}

var LambdaPermissionTable = &Table[LambdaPermission]{
	Kind:           "lambda_permission",
	CloudFormation: []string{"AWS::Lambda::Permission"},
	Terraform:      []string{"aws_lambda_permission"},
	New: func(r *Resource, es *Entities) *LambdaPermission {
		e := &LambdaPermission{Resource: r}
		es.LambdaPermissions = append(es.LambdaPermissions, e)
		return e
	},
	Props: []Prop[LambdaPermission]{
		{Path: "action", CloudFormation: at("Action"), Terraform: []Loc{{Path: "action"}},
			Field: func(e *LambdaPermission) **Property { return &e.Action }},
		{Path: "principal", CloudFormation: at("Principal"), Terraform: []Loc{{Path: "principal"}},
			Field: func(e *LambdaPermission) **Property { return &e.Principal }},
		{Path: "source_account", CloudFormation: at("SourceAccount"), Terraform: []Loc{{Path: "source_account"}},
			Field: func(e *LambdaPermission) **Property { return &e.SourceAccount }},
		{Path: "source_arn", CloudFormation: at("SourceArn"), Terraform: []Loc{{Path: "source_arn"}},
			Field: func(e *LambdaPermission) **Property { return &e.SourceArn }},
		{Path: "principal_org_id", CloudFormation: at("PrincipalOrgID"), Terraform: []Loc{{Path: "principal_org_id"}},
			Field: func(e *LambdaPermission) **Property { return &e.OrgID }},
		{Path: "function_name", CloudFormation: at("FunctionName"), Terraform: []Loc{{Path: "function_name"}},
			Field: func(e *LambdaPermission) **Property { return &e.Function }},
	},
}

var VPCEndpointTable = &Table[VPCEndpoint]{
	Kind:           "vpc_endpoint",
	CloudFormation: []string{"AWS::EC2::VPCEndpoint"},
	Terraform:      []string{"aws_vpc_endpoint"},
	New: func(r *Resource, es *Entities) *VPCEndpoint {
		e := &VPCEndpoint{Resource: r}
		es.VPCEndpoints = append(es.VPCEndpoints, e)
		return e
	},
	Props: []Prop[VPCEndpoint]{
		{Path: "service_name", CloudFormation: at("ServiceName"), Terraform: []Loc{{Path: "service_name"}},
			Field: func(e *VPCEndpoint) **Property { return &e.ServiceName }},
		{Path: "vpc_endpoint_type", CloudFormation: at("VpcEndpointType"), Terraform: []Loc{{Path: "vpc_endpoint_type"}},
			Field: func(e *VPCEndpoint) **Property { return &e.Type }},
		{Path: "private_dns_enabled", CloudFormation: at("PrivateDnsEnabled"), Terraform: []Loc{{Path: "private_dns_enabled"}},
			Field: func(e *VPCEndpoint) **Property { return &e.PrivateDNS }},
		{Path: "policy", CloudFormation: at("PolicyDocument"), Terraform: []Loc{{Path: "policy"}},
			Field: func(e *VPCEndpoint) **Property { return &e.PolicyDocument }},
	},
}

var TrailTable = &Table[Trail]{
	Kind:           "cloudtrail",
	CloudFormation: []string{"AWS::CloudTrail::Trail"},
	Terraform:      []string{"aws_cloudtrail"},
	New: func(r *Resource, es *Entities) *Trail {
		e := &Trail{Resource: r}
		es.Trails = append(es.Trails, e)
		return e
	},
	Props: []Prop[Trail]{
		{Path: "is_multi_region_trail", CloudFormation: at("IsMultiRegionTrail"), Terraform: []Loc{{Path: "is_multi_region_trail"}},
			Field: func(e *Trail) **Property { return &e.MultiRegion }},
		{Path: "enable_log_file_validation", CloudFormation: at("EnableLogFileValidation"), Terraform: []Loc{{Path: "enable_log_file_validation"}},
			Field: func(e *Trail) **Property { return &e.LogValidation }},
		{Path: "kms_key_id", CloudFormation: at("KMSKeyId"), Terraform: []Loc{{Path: "kms_key_id"}},
			Field: func(e *Trail) **Property { return &e.KMSKeyID }},
		{Path: "is_logging", CloudFormation: at("IsLogging"), Terraform: []Loc{{Path: "enable_logging"}},
			Field: func(e *Trail) **Property { return &e.IsLogging }},
		{Path: "event_selectors", CloudFormation: at("EventSelectors"), Terraform: []Loc{{Path: "event_selector"}},
			Field: func(e *Trail) **Property { return &e.EventSelectors }},
		{Path: "advanced_event_selectors", CloudFormation: at("AdvancedEventSelectors"), Terraform: []Loc{{Path: "advanced_event_selector"}},
			Field: func(e *Trail) **Property { return &e.AdvancedEventSelectors }},
	},
}

var LogGroupTable = &Table[LogGroup]{
	Kind:           "log_group",
	CloudFormation: []string{"AWS::Logs::LogGroup"},
	Terraform:      []string{"aws_cloudwatch_log_group"},
	New: func(r *Resource, es *Entities) *LogGroup {
		e := &LogGroup{Resource: r}
		es.LogGroups = append(es.LogGroups, e)
		return e
	},
	Props: []Prop[LogGroup]{
		{Path: "kms_key_id", CloudFormation: at("KmsKeyId"), Terraform: []Loc{{Path: "kms_key_id"}},
			Field: func(e *LogGroup) **Property { return &e.KMSKeyID }},
	},
}

var EventRuleTable = &Table[EventRule]{
	Kind:           "event_rule",
	CloudFormation: []string{"AWS::Events::Rule"},
	Terraform:      []string{"aws_cloudwatch_event_rule"},
	New: func(r *Resource, es *Entities) *EventRule {
		e := &EventRule{Resource: r}
		es.EventRules = append(es.EventRules, e)
		return e
	},
	Props: []Prop[EventRule]{
		{Path: "name", CloudFormation: at("Name"), Terraform: []Loc{{Path: "name"}},
			Field: func(e *EventRule) **Property { return &e.Name }},
		{Path: "state", CloudFormation: at("State"), Terraform: []Loc{{Path: "state"}},
			Field: func(e *EventRule) **Property { return &e.State }},
		// The older Terraform is_enabled flag.
		{Path: "is_enabled", Terraform: []Loc{{Path: "is_enabled"}},
			Field: func(e *EventRule) **Property { return &e.IsEnabled }},
	},
}

var MetricFilterTable = &Table[MetricFilter]{
	Kind:           "log_metric_filter",
	CloudFormation: []string{"AWS::Logs::MetricFilter"},
	Terraform:      []string{"aws_cloudwatch_log_metric_filter"},
	New: func(r *Resource, es *Entities) *MetricFilter {
		e := &MetricFilter{Resource: r}
		es.MetricFilters = append(es.MetricFilters, e)
		return e
	},
	Props: []Prop[MetricFilter]{
		{Path: "filter_pattern", CloudFormation: at("FilterPattern"), Terraform: []Loc{{Path: "pattern"}},
			Field: func(e *MetricFilter) **Property { return &e.Pattern }},
		{Path: "log_group_name", CloudFormation: at("LogGroupName"), Terraform: []Loc{{Path: "log_group_name"}},
			Field: func(e *MetricFilter) **Property { return &e.LogGroup }},
	},
}

var RetentionTable = &Table[RetentionConfig]{
	Kind:      "config_retention",
	Terraform: []string{"aws_config_retention_configuration"},
	New: func(r *Resource, es *Entities) *RetentionConfig {
		e := &RetentionConfig{Resource: r}
		es.Retentions = append(es.Retentions, e)
		return e
	},
	Props: []Prop[RetentionConfig]{
		{Path: "retention_period_in_days", Terraform: []Loc{{Path: "retention_period_in_days"}},
			Field: func(e *RetentionConfig) **Property { return &e.Days }},
	},
}

// attachmentKinds are the kinds of the resources that are no entity but
// configure one (a policy of a bucket, a role policy), by native type.
var attachmentKinds = map[string]string{
	"AWS::S3::BucketPolicy": "s3_bucket_policy", "aws_s3_bucket_policy": "s3_bucket_policy",
	"AWS::SNS::TopicPolicy": "sns_topic_policy", "aws_sns_topic_policy": "sns_topic_policy",
	"AWS::SNS::TopicInlinePolicy": "sns_topic_policy",
	"AWS::SQS::QueuePolicy":       "sqs_queue_policy", "aws_sqs_queue_policy": "sqs_queue_policy",
	"aws_kms_key_policy":   "kms_key",
	"AWS::IAM::RolePolicy": "iam_role_policy", "aws_iam_role_policy": "iam_role_policy",
	"aws_iam_role_policy_attachment": "iam_policy_attachment", "aws_iam_policy_attachment": "iam_policy_attachment",
	"AWS::IAM::UserPolicy": "iam_user_policy", "aws_iam_user_policy": "iam_user_policy",
	"AWS::IAM::GroupPolicy": "iam_group_policy", "aws_iam_group_policy": "iam_group_policy",
	"AWS::IAM::User": "iam_user", "aws_iam_user": "iam_user",
	"AWS::IAM::Group": "iam_group", "aws_iam_group": "iam_group",
	"AWS::SNS::Subscription": "sns_subscription", "aws_sns_topic_subscription": "sns_subscription",
	"aws_cloudwatch_event_target": "event_rule", "aws_vpc_endpoint_policy": "vpc_endpoint",
}

// KindOf is the format-neutral kind of a resource of native type typ: its
// entity's kind (Table.Kind), the entity's for a resource that holds part
// of its settings, or the kind of a resource that configures one; "" for
// any other.
func KindOf(f Format, typ string) string {
	if t := TableFor(f, typ); t != nil {
		return t.EntityKind()
	}
	for _, t := range Tables {
		if t.PartAttr(typ) != "" {
			return t.EntityKind()
		}
	}
	return attachmentKinds[typ]
}
