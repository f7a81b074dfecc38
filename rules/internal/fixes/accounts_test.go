package fixes

import "testing"

func TestLogsPrefixesOneAccount(t *testing.T) {
	for text, want := range map[string]bool{
		"arn:aws:s3:::b": true,
		"arn:aws:s3:::b/AWSLogs/111122223333/Config/*":             true,
		`!Sub "${B.Arn}/AWSLogs/${AWS::AccountId}/*"`:              true,
		`"${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_ide...`: true,
		`"${aws_s3_bucket.b.arn}/AWSLogs/${da...`:                  false,
		"arn:aws:s3:::b/AWSLogs/*":                                 false,
		"arn:aws:s3:::b/AWSLogs/o-a1b2c3d4e5/*":                    false,
		"arn:aws:s3:::b/AWSLogs/1111222233334/*":                   false,
		`"${aws_s3_bucket.b.arn}/AWSLogs/${var.account}/*"`:        false,
		"b/AWSLogs/111122223333/x b/AWSLogs/*":                     false,
	} {
		if got := logsPrefixesOneAccount(text); got != want {
			t.Errorf("logsPrefixesOneAccount(%q) = %v, want %v", text, got, want)
		}
	}
}
