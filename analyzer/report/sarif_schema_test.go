package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// TestSARIFSchema validates our exact bytes against the official SARIF 2.1.0
// schema, offline. testdata/sarif-schema-2.1.0.json is the copy go-sarif
// v3.3.1 embeds (pkg/report/v210/sarif/schema.go), validated with the same
// library its Report.Validate uses. Report.Validate itself cannot judge our
// output: it validates its own re-encoding of the decoded report, which
// writes "language": "" and nulls for fields we omit, and drops the nulls
// go-sarif v2 would write.
func TestSARIFSchema(t *testing.T) {
	schemaText, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schemaText))
	if err != nil {
		t.Fatal(err)
	}
	validate := func(raw []byte) []string {
		res, err := schema.Validate(gojsonschema.NewBytesLoader(raw))
		if err != nil {
			t.Fatal(err)
		}
		var errs []string
		for _, e := range res.Errors() {
			errs = append(errs, e.String())
		}
		return errs
	}

	withError := emptyInput()
	withError.Notifications = []Notification{
		{Level: "error", Message: "rule CW101 failed", RuleID: "CW101"},
		{Level: "warning", Message: "file unreadable", Range: fixtureInput().Notifications[0].Range},
	}
	cases := []struct {
		name string
		in   *Input
	}{{"full", fixtureInput()}, {"empty", emptyInput()}, {"nothing", &Input{}}, {"error", withError}}
	for _, tc := range cases {
		if errs := validate(write(t, "sarif", tc.in)); len(errs) > 0 {
			t.Errorf("%s: SARIF does not validate against the 2.1.0 schema:\n%s", tc.name, strings.Join(errs, "\n"))
		}
	}

	// The oracle catches go-sarif v2's traps.
	raw := write(t, "sarif", fixtureInput())
	for _, broken := range []struct{ from, to string }{
		{`"guid": "e41f0da8-66fd-526e-81db-adacafcf121c"`, `"guid": null`},
		{`"guid": "e41f0da8-66fd-526e-81db-adacafcf121c"`, `"guid": "e41f0da8-66fd-026e-81db-adacafcf121c"`},
		{`"startLine": 3`, `"startLine": 0`},
		{`"results": [`, `"results": null, "x": [`},
	} {
		bad := bytes.Replace(raw, []byte(broken.from), []byte(broken.to), 1)
		if bytes.Equal(bad, raw) {
			t.Fatalf("fixture lacks %s", broken.from)
		}
		if errs := validate(bad); len(errs) == 0 {
			t.Errorf("schema accepts %s", broken.to)
		}
	}
}
