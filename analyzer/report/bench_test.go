package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// BenchmarkWrite writes 10,000 findings over 1,000 files in each format, as
// a large scan's report does.
func BenchmarkWrite(b *testing.B) {
	base := fixtureInput()
	in := *base
	in.Findings = nil
	src := []byte("resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n")
	in.Sources = func(string) []byte { return src }
	for i := range 10000 {
		r := base.Rules[i%len(base.Rules)]
		in.Findings = append(in.Findings, &analyzer.Finding{
			RuleID:      r.ID,
			Severity:    r.Severity,
			Message:     fmt.Sprintf("bucket \"aws_s3_bucket.logs%d\" has no default encryption configuration", i),
			Range:       model.Range{Filename: fmt.Sprintf("mod%04d/main.tf", i/10), Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 33}},
			Format:      model.Terraform,
			Resource:    fmt.Sprintf("aws_s3_bucket.logs%d", i),
			Fingerprint: fmt.Sprintf("%032x", i),
		})
	}
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, format, &in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
