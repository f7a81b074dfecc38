package cloudformation

import (
	"testing"
)

// TestAdapterConfigLinks checks the entities the AWS Config rules read:
// attachments with their ranges, function roles, remediation and aggregator
// roles, event rules and selectors.
func TestAdapterConfigLinks(t *testing.T) {
	src := []byte(`AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
      ManagedPolicyArns:
        - !Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"
  Extra:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: rule-fn
      Role: !GetAtt Role.Arn
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: arn:aws:lambda:us-east-1:111122223333:function:rule-fn:live
      Principal: config.amazonaws.com
  Rule:
    Type: AWS::Config::ConfigRule
    Properties:
      Source: {Owner: CUSTOM_LAMBDA, SourceIdentifier: !GetAtt Fn.Arn}
  Rem:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      Automatic: true
      Parameters: {AutomationAssumeRole: {StaticValue: {Values: [!GetAtt Role.Arn]}}}
  Agg:
    Type: AWS::Config::ConfigurationAggregator
    Properties:
      OrganizationAggregationSource: {RoleArn: !GetAtt Role.Arn, AwsRegions: [us-east-1]}
  Events:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source": ["aws.config"]}'
      Targets: [{Id: a, Arn: arn:aws:sns:us-east-1:111122223333:t}]
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      EventSelectors: [{IncludeManagementEvents: false}]
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockConfiguration: {Rule: {DefaultRetention: {Mode: GOVERNANCE, Days: 1}}}
`)
	u, ok := Parse("t.yaml", src, Options{})
	if !ok {
		t.Fatal("not recognized")
	}
	e := u.Entities
	role := e.Roles[0]
	if len(role.Attachments) != 2 {
		t.Fatalf("attachments: %d, want 2", len(role.Attachments))
	}
	if at := role.Attachments[0]; at.ARN.Glob != "arn:*:iam::aws:policy/AdministratorAccess" || at.Property != "managed_policy_arns[0]" || at.Range.Start.Line != 8 {
		t.Errorf("managed attachment: glob %q property %q line %d", at.ARN.Glob, at.Property, at.Range.Start.Line)
	}
	if at := role.Attachments[1]; at.Policy != e.ManagedPolicies[0] || at.Via.Name != "Extra" || at.Property != "roles[0]" {
		t.Errorf("policy attachment: %+v", at)
	}
	if e.LambdaFunctions[0].Role != role || e.ConfigRules[0].Function != e.LambdaFunctions[0] || e.LambdaPermissions[0].Target != e.LambdaFunctions[0] {
		t.Error("function links")
	}
	if e.Remediations[0].AutomationRole != role || e.Aggregators[0].OrgRole != role {
		t.Error("remediation or aggregator role")
	}
	if src := e.Aggregators[0].Sources; len(src) != 1 || !src[0].Organization || src[0].Regions.Absent() || !src[0].AllRegions.Absent() {
		t.Errorf("aggregation sources: %+v", src)
	}
	if r := e.EventRules[0]; r.Pattern.Get("source") == nil || len(r.Targets) != 1 {
		t.Errorf("event rule: pattern %v targets %d", r.Pattern, len(r.Targets))
	}
	if s := e.Trails[0].Selectors; len(s) != 1 || str(s[0].IncludeManagementEvents) != "false" {
		t.Errorf("trail selectors: %+v", s)
	}
	if e.Buckets[0].ObjectLockRetention.Get("Mode") == nil {
		t.Error("object lock retention")
	}
}
