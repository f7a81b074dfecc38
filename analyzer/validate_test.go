package analyzer

import (
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

func TestValidateChecks(t *testing.T) {
	rule := func(id string) *Rule {
		return &Rule{
			ID: id, Name: "r" + strings.ToLower(id), Title: "A rule", Severity: Low, Precision: "high",
			Formats: []model.Format{model.IAMPolicy},
			Doc:     "## Why\n\n## How to fix\n\n## References\n",
		}
	}
	none := rule("CW901")
	half := rule("CW902")
	half.Set = &SetCheck[int]{Summarize: func(*Pass) (int, error) { return 0, nil }}
	set := rule("CW903")
	set.Set = &SetCheck[int]{Summarize: func(*Pass) (int, error) { return 0, nil }, Judge: func(*SetPass, []int) error { return nil }}
	err := Validate([]*Rule{none, half, set})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"CW901: neither Run nor Set", "CW902: Set lacks Summarize or Judge"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "CW903") {
		t.Errorf("complete set rule rejected: %v", err)
	}
}
