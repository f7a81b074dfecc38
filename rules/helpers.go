package rules

import (
	"strconv"

	"github.com/configward/configward/parsers/model"
)

// propName picks the spelling of a property in the unit's format, for
// messages.
func propName(f model.Format, cfn, tf string) string {
	if f == model.Terraform {
		return tf
	}
	return cfn
}

func quote(s string) string { return strconv.Quote(s) }
