package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

//go:embed docs/CW702.md
var docCW702 string

// DeliveryBucketAccessNotLogged reports AWS Config delivery buckets whose
// access is recorded nowhere: no server access logging, and no CloudTrail
// trail of the scanned set logging their S3 data events.
var DeliveryBucketAccessNotLogged = &analyzer.Rule{
	ID:        "CW702",
	Name:      "delivery-bucket-access-not-logged",
	Title:     "AWS Config delivery bucket access is not logged",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "logging", "aws-config"},
	Precision: "high",
	Doc:       docCW702,
	Set:       &analyzer.SetCheck[accessLogging]{Summarize: summarizeAccessLogging, Judge: judgeAccessLogging},
}

// accessLogging is what CW702 keeps of a unit: which buckets the S3 data
// events of its logging trails may cover, and its delivery buckets without
// server access logging, reported when no trail of the set covers them.
type accessLogging struct {
	events   dataEvents
	unlogged []unloggedBucket
}

// dataEvents summarizes the S3 data-event ARN prefixes of trails: whether
// one may cover every bucket (it names every bucket of a partition, or is
// unknown), and the bucket names the others name.
type dataEvents struct {
	any     bool
	buckets []string
}

// unloggedBucket is a delivery bucket without server access logging.
type unloggedBucket struct {
	name      string
	nameKnown bool
	finding   analyzer.Finding
}

func summarizeAccessLogging(pass *analyzer.Pass) (accessLogging, error) {
	u := pass.Unit
	var a accessLogging
	for _, t := range u.Entities.Trails {
		if on, ok := t.IsLogging.AsBool(); ok && !on {
			continue
		}
		if t.IsLogging.IsUnknown() && len(t.S3DataEvents) > 0 {
			a.events.add(t.IsLogging.V())
			continue
		}
		for _, v := range t.S3DataEvents {
			a.events.add(v)
		}
	}
	for _, b := range u.Entities.Buckets {
		ch := configpath.DeliveryBucket(b)
		if ch == nil || !b.Logging.Absent() {
			continue
		}
		name, nameKnown := b.Name.AsString()
		nameKnown = nameKnown && b.Name.Kind == model.String && name != ""
		a.unlogged = append(a.unlogged, unloggedBucket{name: name, nameKnown: nameKnown, finding: propFinding(b.Resource, b.Logging, analyzer.None,
			"bucket "+quote(b.Address)+" has no server access logging, and no CloudTrail trail in this set logs its S3 data events ("+configpath.Because("delivery bucket", ch)+")")})
	}
	return a, nil
}

func judgeAccessLogging(pass *analyzer.SetPass, units []accessLogging) error {
	var events dataEvents
	for _, a := range units {
		events.any = events.any || a.events.any
		events.buckets = append(events.buckets, a.events.buckets...)
	}
	for i, a := range units {
		for _, b := range a.unlogged {
			if !events.cover(b) {
				pass.Report(i, b.finding)
			}
		}
	}
	return nil
}

// add records one S3 data-event ARN prefix of a logging trail: every
// bucket ("arn:aws:s3", "arn:aws:s3:::"), one bucket, or anything unknown.
func (e *dataEvents) add(v *model.Value) {
	s, ok := v.AsString()
	if !ok {
		if !v.IsNull() {
			e.any = true // unknown: may name any bucket
		}
		return
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "arn:") && strings.HasSuffix(s, ":s3") {
		e.any = true // every bucket of the partition
		return
	}
	rest, ok := s3Resource(s)
	if !ok {
		return
	}
	bucket, _, _ := strings.Cut(rest, "/")
	if bucket == "" {
		e.any = true
		return
	}
	e.buckets = append(e.buckets, bucket)
}

// cover reports whether some data event may cover objects of b.
func (e *dataEvents) cover(b unloggedBucket) bool {
	if e.any || (len(e.buckets) > 0 && !b.nameKnown) {
		return true
	}
	for _, n := range e.buckets {
		if n == b.name {
			return true
		}
	}
	return false
}
