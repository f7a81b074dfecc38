package terraform

import (
	"testing"
	"testing/fstest"
)

// TestAdapterConfigLinks checks the entities the AWS Config rules read:
// attachments with their own ranges, template globs, function roles,
// remediation and aggregator roles, event rules with their targets, trail
// selectors and Object Lock retention.
func TestAdapterConfigLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"m/main.tf": {Data: []byte(`data "aws_partition" "p" {}

resource "aws_iam_role" "r" {
  name               = "config"
  assume_role_policy = "{}"
  managed_policy_arns = ["arn:${data.aws_partition.p.partition}:iam::aws:policy/ReadOnlyAccess"]
}

resource "aws_lambda_function" "fn" {
  function_name = "rule-fn"
  role          = aws_iam_role.r.arn
}

resource "aws_lambda_permission" "p" {
  function_name = "rule-fn"
  principal     = "config.amazonaws.com"
}

resource "aws_config_config_rule" "rule" {
  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.fn.arn
  }
}

resource "aws_config_remediation_configuration" "rem" {
  parameter {
    name         = "AutomationAssumeRole"
    static_value = aws_iam_role.r.arn
  }
}

resource "aws_config_configuration_aggregator" "agg" {
  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.r.arn
  }
}

resource "aws_cloudwatch_event_rule" "ev" {
  event_pattern = jsonencode({ source = ["aws.config"] })
}

resource "aws_cloudwatch_event_target" "t" {
  rule = aws_cloudwatch_event_rule.ev.name
  arn  = "arn:aws:sns:us-east-1:111122223333:t"
}

resource "aws_cloudtrail" "trail" {
  event_selector {
    read_write_type = "ReadOnly"
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_object_lock_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 1
    }
  }
}
`)},
		"m/attach.tf": {Data: []byte(`resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`)},
	}
	u := parse(t, fsys, "m", Options{})
	e := u.Entities
	role := e.Roles[0]
	if len(role.Attachments) != 2 {
		t.Fatalf("attachments: %d, want 2", len(role.Attachments))
	}
	if at := role.Attachments[0]; at.ARN.Glob != "arn:*:iam::aws:policy/ReadOnlyAccess" || at.Property != "managed_policy_arns[0]" {
		t.Errorf("inline attachment: glob %q property %q", at.ARN.Glob, at.Property)
	}
	if at := role.Attachments[1]; at.Via.Address != "aws_iam_role_policy_attachment.admin" || at.Range.Filename != "m/attach.tf" || at.Range.Start.Line != 3 {
		t.Errorf("attachment resource: via %s at %s:%d", at.Via.Address, at.Range.Filename, at.Range.Start.Line)
	}
	fn := e.LambdaFunctions[0]
	if fn.Role != role || e.ConfigRules[0].Function != fn || e.LambdaPermissions[0].Target != fn {
		t.Error("function links")
	}
	if e.Remediations[0].AutomationRole != role || e.Aggregators[0].OrgRole != role {
		t.Error("remediation or aggregator role")
	}
	if src := e.Aggregators[0].Sources; len(src) != 1 || !src[0].Organization || src[0].AllRegions.Path != "all_regions" {
		t.Errorf("aggregation sources: %+v", src)
	}
	if r := e.EventRules[0]; r.Pattern.Get("source") == nil || len(r.Targets) != 1 {
		t.Errorf("event rule: pattern %v targets %d", r.Pattern, len(r.Targets))
	}
	if s := e.Trails[0].Selectors; len(s) != 1 {
		t.Errorf("trail selectors: %+v", s)
	} else if rw, _ := s[0].ReadWriteType.AsString(); rw != "ReadOnly" {
		t.Errorf("read_write_type %q", rw)
	}
	if e.Buckets[0].ObjectLockRetention.Get("mode") == nil {
		t.Error("object lock retention")
	}
}
