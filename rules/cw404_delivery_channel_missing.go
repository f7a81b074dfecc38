package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW404.md
var docCW404 string

// DeliveryChannelMissing reports recorders with no delivery channel in the
// scanned set, and delivery channels whose bucket cannot be the bucket the
// same template or module prepares for AWS Config delivery.
var DeliveryChannelMissing = &analyzer.Rule{
	ID:        "CW404",
	Name:      "delivery-channel-missing",
	Title:     "AWS Config recorder without a usable delivery channel",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "logging"},
	Precision: "high",
	Doc:       docCW404,
	Set:       &analyzer.SetCheck[channelCheck]{Summarize: summarizeChannels, Judge: judgeChannels},
}

// channelCheck is what CW404 keeps of a unit: its number of delivery
// channels, a finding for each recorder (reported when the set has no
// channel at all) and the findings on its channels' buckets.
type channelCheck struct {
	channels  int
	recorders []analyzer.Finding
	buckets   []analyzer.Finding
}

func summarizeChannels(pass *analyzer.Pass) (channelCheck, error) {
	u := pass.Unit
	c := channelCheck{channels: len(u.Entities.DeliveryChannels)}
	for _, rec := range u.Entities.Recorders {
		c.recorders = append(c.recorders, analyzer.Finding{
			Range:    rec.DefRange,
			Message:  "configuration recorder " + quote(rec.Address) + " has no delivery channel in this set: it cannot start, and nothing it records is delivered",
			Resource: rec.Address,
			CDKPath:  rec.CDKPath,
		})
	}
	for _, ch := range u.Entities.DeliveryChannels {
		if f, ok := checkChannelBucket(u, ch); ok {
			c.buckets = append(c.buckets, f)
		}
	}
	return c, nil
}

func judgeChannels(pass *analyzer.SetPass, units []channelCheck) error {
	channels := 0
	for _, c := range units {
		channels += c.channels
	}
	for i, c := range units {
		if channels == 0 {
			for _, f := range c.recorders {
				pass.Report(i, f)
			}
		}
		for _, f := range c.buckets {
			pass.Report(i, f)
		}
	}
	return nil
}

// checkChannelBucket finds a channel whose bucket name is empty, or is a
// literal that differs from the one bucket of the unit that grants AWS
// Config delivery and no channel uses.
func checkChannelBucket(u *model.Unit, ch *model.DeliveryChannel) (analyzer.Finding, bool) {
	name, ok := ch.BucketName.AsString()
	if ch.BucketName.Absent() || ch.BucketName.Kind != model.String || !ok || ch.Bucket != nil {
		return analyzer.Finding{}, false
	}
	finding := func(msg string) (analyzer.Finding, bool) {
		return propFinding(ch.Resource, ch.BucketName, analyzer.None, "delivery channel "+quote(ch.Address)+" "+msg), true
	}
	if name == "" {
		return finding("has an empty " + ch.BucketName.Name + ": AWS Config has nowhere to deliver")
	}
	var prepared []*model.Bucket
	for _, b := range u.Entities.Buckets {
		if len(b.DeliveryChannels) == 0 && grantsConfigDelivery(b) {
			prepared = append(prepared, b)
		}
	}
	if len(prepared) != 1 {
		return analyzer.Finding{}, false
	}
	b := prepared[0]
	bn, known := b.Name.AsString()
	switch {
	case b.Name.Absent():
		return finding("names bucket " + quote(name) + ", but the bucket this " + crUnitNoun(u) + " prepares for AWS Config delivery, " + quote(b.Address) + ", gets a generated name")
	case known && b.Name.Kind == model.String && bn != name:
		return finding("names bucket " + quote(name) + ", but the bucket this " + crUnitNoun(u) + " prepares for AWS Config delivery is " + quote(bn) + " (" + b.Address + ")")
	}
	return analyzer.Finding{}, false
}

// grantsConfigDelivery reports whether a bucket policy allows the AWS
// Config service principal s3:PutObject.
func grantsConfigDelivery(b *model.Bucket) bool {
	for _, p := range b.Policies {
		if p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			if s.Unknown || !s.IsAllow() || policycheck.AllowsAction(s, "s3:PutObject") != policycheck.Yes {
				continue
			}
			for _, pr := range s.Principal {
				if pr.IsService() && pr.Value.Known && awsfacts.IsConfigPrincipal(pr.Value.Text) {
					return true
				}
			}
		}
	}
	return false
}

// crUnitNoun names a unit's kind for messages.
func crUnitNoun(u *model.Unit) string { return u.Noun() }
