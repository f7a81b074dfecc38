// Package configpath answers, for the rules, which resources of a unit are
// on an AWS Config delivery path: the buckets, keys and topics a delivery
// channel points at and the roles Config uses. General rules (bucket
// versioning, topic encryption) raise their severity there and say why.
package configpath

import (
	"strconv"

	"github.com/configward/configward/parsers/model"
)

// DeliveryBucket returns the first delivery channel that delivers to b, or
// nil when b is not a Config delivery bucket of its unit.
func DeliveryBucket(b *model.Bucket) *model.DeliveryChannel {
	if b == nil || len(b.DeliveryChannels) == 0 {
		return nil
	}
	return b.DeliveryChannels[0]
}

// ChannelsUsingKey returns the delivery channels that encrypt with k.
func ChannelsUsingKey(u *model.Unit, k *model.Key) []*model.DeliveryChannel {
	var out []*model.DeliveryChannel
	for _, ch := range u.Entities.DeliveryChannels {
		if ch.Key == k && k != nil {
			out = append(out, ch)
		}
	}
	return out
}

// ChannelsNotifying returns the delivery channels that notify topic t.
func ChannelsNotifying(u *model.Unit, t *model.Topic) []*model.DeliveryChannel {
	var out []*model.DeliveryChannel
	for _, ch := range u.Entities.DeliveryChannels {
		if ch.Topic == t && t != nil {
			out = append(out, ch)
		}
	}
	return out
}

// RecorderRoles returns the roles configuration recorders of the unit
// assume, with the recorder for each.
func RecorderRoles(u *model.Unit) map[*model.Role]*model.Recorder {
	out := map[*model.Role]*model.Recorder{}
	for _, rec := range u.Entities.Recorders {
		if rec.Role != nil {
			out[rec.Role] = rec
		}
	}
	return out
}

// Because renders the reason a resource is on the delivery path, for
// messages: `the AWS Config delivery bucket of channel "main"`.
func Because(what string, ch *model.DeliveryChannel) string {
	return "the AWS Config " + what + " of delivery channel " + strconv.Quote(ch.Address)
}
