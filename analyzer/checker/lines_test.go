package checker

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// countingFS counts the bytes read from the files it opens.
type countingFS struct {
	fstest.MapFS
	read *int
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return countingFile{f, c.read}, nil
}

type countingFile struct {
	fs.File
	read *int
}

func (f countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	*f.read += n
	return n, err
}

// firstLine reports a finding at line 1 of every unit read.
var firstLine = &analyzer.Rule{ID: "T001", Formats: model.Formats, Run: func(p *analyzer.Pass) error {
	if len(p.Unit.Diagnostics) > 0 {
		return nil
	}
	for _, f := range p.Unit.Files {
		p.Report(analyzer.Finding{Range: model.Range{Filename: f, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2}}})
	}
	return nil
}}

// TestLinesReadsOnlyWhatItShows: a snippet's lines are read up to the last
// one shown and no further; a file the scan reported too large is never
// read for one, even once it has shrunk under the limit; a file grown past
// the limit since the scan is not read either.
func TestLinesReadsOnlyWhatItShows(t *testing.T) {
	read := 0
	tail := strings.Repeat("# padding line\n", 60_000) // 900 KB
	fsys := countingFS{MapFS: fstest.MapFS{
		"t.yaml":   {Data: []byte("Resources:\r\n  T:\r\n    Type: AWS::SNS::Topic\n" + tail)},
		"big.yaml": {Data: []byte("Resources: {}\n" + tail + tail)},
	}, read: &read}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{invalidInput, firstLine}, MaxFileSize: 1 << 20})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Range.Filename+" "+f.RuleID)
	}
	if strings.Join(got, ",") != "big.yaml CW001,t.yaml T001" {
		t.Fatalf("findings %v", got)
	}

	read = 0
	if got := string(res.Lines("t.yaml", 2)); got != "Resources:\r\n  T:\r\n" {
		t.Errorf("lines 1-2: %q", got)
	}
	if read > 4096 {
		t.Errorf("read %d bytes for two lines", read)
	}
	if got := string(res.Lines("t.yaml", 3)); got != "Resources:\r\n  T:\r\n    Type: AWS::SNS::Topic\n" {
		t.Errorf("lines 1-3: %q", got)
	}
	// Lines end at LF, CRLF or a lone CR, as the parsers count them.
	lf := fstest.MapFS{"x": {Data: []byte("a\rb\r\nc\nd")}}
	for last, want := range []string{"", "a\r", "a\rb\r\n", "a\rb\r\nc\n", "a\rb\r\nc\nd", "a\rb\r\nc\nd"} {
		if got := string(readLines(lf, "x", 100, last)); last > 0 && got != want {
			t.Errorf("through line %d: %q, want %q", last, got, want)
		}
	}

	fsys.MapFS["big.yaml"] = &fstest.MapFile{Data: []byte("Resources: {}\n")}
	read = 0
	if got := res.Lines("big.yaml", 1); got != nil || read != 0 {
		t.Errorf("the file reported too large was read (%d bytes): %q", read, got)
	}
	if res.Source("big.yaml") != nil {
		t.Error("Source read the file reported too large")
	}

	fsys.MapFS["t.yaml"] = &fstest.MapFile{Data: []byte(strings.Repeat("x", 2<<20))}
	if got := res.Lines("t.yaml", 1); got != nil {
		t.Errorf("a file grown past the limit was read: %d bytes", len(got))
	}
}
