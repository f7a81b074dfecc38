// Command cdkapp synthesizes the CDK fixtures of configward's tests. It is
// its own module (see go.mod) so that the root module never depends on the
// CDK: run it through `make fixtures` at the repository root, which writes
// the cloud assembly into testdata/cdk/ with sorted keys.
//
// The stack is an AWS Config setup written the way CDK users write it, with
// the references CDK synthesizes (Ref and Fn::GetAtt to its own resources, a
// nested stack whose outputs the parent reads) and three problems the rules
// must find and name by construct path: a role that config.amazonaws.com may
// assume without an aws:SourceAccount condition (CW201), a bucket policy that
// lets config.amazonaws.com write without one (CW202), and a delivery channel
// without a KMS key (CW101).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconfig"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	fixtures := flag.String("fixtures", "", "copy the assembly's manifest and templates, keys sorted, into this directory")
	flag.Parse()
	dir := synth()
	if *fixtures != "" {
		if err := writeFixtures(dir, *fixtures); err != nil {
			fmt.Fprintln(os.Stderr, "cdkapp:", err)
			os.Exit(1)
		}
	}
}

// synth builds the app and returns the cloud assembly's directory.
func synth() string {
	defer jsii.Close()
	app := awscdk.NewApp(&awscdk.AppProps{
		// The CDK CLI sets these contexts; a bare synth does not. Without
		// them no resource carries aws:cdk:path, and a nested stack's
		// resource does not name its template (aws:asset:path).
		Context: &map[string]interface{}{
			"aws:cdk:enable-path-metadata":  true,
			"aws:cdk:enable-asset-metadata": true,
		},
		AnalyticsReporting: jsii.Bool(false),
	})
	stack := awscdk.NewStack(app, jsii.String("ConfigStack"), &awscdk.StackProps{
		Synthesizer: awscdk.NewDefaultStackSynthesizer(&awscdk.DefaultStackSynthesizerProps{
			GenerateBootstrapVersionRule: jsii.Bool(false),
		}),
	})

	bucket := awss3.NewBucket(stack, jsii.String("ConfigBucket"), &awss3.BucketProps{
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		EnforceSSL:        jsii.Bool(true),
	})
	config := awsiam.NewServicePrincipal(jsii.String("config.amazonaws.com"), nil)
	// CW202: the service may write into the bucket on behalf of any account.
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("ConfigWrite"),
		Principals: &[]awsiam.IPrincipal{config},
		Actions:    jsii.Strings("s3:PutObject"),
		Resources:  jsii.Strings(*bucket.ArnForObjects(jsii.String("AWSLogs/*"))),
	}))

	// CW201: config.amazonaws.com may assume the role for any account.
	role := awsiam.NewRole(stack, jsii.String("ConfigRole"), &awsiam.RoleProps{
		AssumedBy: config,
		ManagedPolicies: &[]awsiam.IManagedPolicy{
			awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("service-role/AWS_ConfigRole")),
		},
	})
	bucket.GrantWrite(role, nil, nil)

	alerts := awscdk.NewNestedStack(stack, jsii.String("Alerts"), nil)
	topic := awssns.NewTopic(alerts, jsii.String("Topic"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	topic.GrantPublish(role)

	recorder := awsconfig.NewCfnConfigurationRecorder(stack, jsii.String("Recorder"), &awsconfig.CfnConfigurationRecorderProps{
		RoleArn: role.RoleArn(),
		RecordingGroup: &awsconfig.CfnConfigurationRecorder_RecordingGroupProperty{
			AllSupported:               jsii.Bool(true),
			IncludeGlobalResourceTypes: jsii.Bool(true),
		},
	})
	// CW101: no S3KmsKeyArn.
	channel := awsconfig.NewCfnDeliveryChannel(stack, jsii.String("DeliveryChannel"), &awsconfig.CfnDeliveryChannelProps{
		S3BucketName: bucket.BucketName(),
		SnsTopicArn:  topic.TopicArn(),
	})
	channel.AddResourceDependency(recorder, jsii.String("the channel needs a recorder"))

	return *app.Synth(nil).Directory()
}

// writeFixtures copies manifest.json and every *.template.json (nested
// stack templates included) of the assembly in dir into out, re-encoded
// with sorted keys so that a new synth gives a small diff. Files of an
// earlier synth are removed first: nested template names carry a hash.
func writeFixtures(dir, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(out, "*.json"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if name != "manifest.json" && !strings.HasSuffix(name, ".template.json") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		// encoding/json writes map keys sorted.
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}
