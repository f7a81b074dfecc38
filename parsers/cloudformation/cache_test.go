package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// TestCacheSameUnits: every testdata template (nested stacks included)
// parsed twice over one cache, concurrently (for the race detector), gives
// the unit it gives alone; the nested templates are parsed once for all.
func TestCacheSameUnits(t *testing.T) {
	files := testdataFiles(t)
	srcs := map[string][]byte{}
	want := map[string]string{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(file)
		srcs[name] = src
		want[name] = "not cloudformation\n"
		if u, ok := Parse(name, src, Options{ReadFile: dirReader(testdataDir)}); ok {
			want[name] = model.Dump(u)
		}
	}
	cache := NewCache()
	var wg sync.WaitGroup
	got := make([]string, 2*len(files))
	for i := range got {
		name := filepath.Base(files[i%len(files)])
		wg.Go(func() {
			got[i] = "not cloudformation\n"
			if u, ok := Parse(name, srcs[name], Options{ReadFile: dirReader(testdataDir), Cache: cache}); ok {
				got[i] = model.Dump(u)
			}
		})
	}
	wg.Wait()
	for i, g := range got {
		name := filepath.Base(files[i%len(files)])
		if g != want[name] {
			t.Errorf("%s through a shared cache differs from its own parse:\n%s", name, g)
		}
	}
}

// TestCacheReadsNestedOnce: a template nested by several parents, and a
// unit of its own too, is read and parsed once; each parent still passes
// its own parameters.
func TestCacheReadsNestedOnce(t *testing.T) {
	const parents = 6
	child := `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  BucketName: {Type: String}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref BucketName
Outputs:
  Arn: {Value: !GetAtt Bucket.Arn}
`
	var mu sync.Mutex
	reads := map[string]int{}
	readFile := func(name string) ([]byte, error) {
		mu.Lock()
		reads[name]++
		mu.Unlock()
		if name == "shared/bucket.yaml" {
			return []byte(child), nil
		}
		return nil, fmt.Errorf("%s does not exist", name)
	}
	cache := NewCache()
	opts := Options{ReadFile: readFile, Cache: cache}
	var wg sync.WaitGroup
	units := make([]*model.Unit, parents)
	for i := range parents {
		wg.Go(func() {
			src := fmt.Sprintf(`AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../shared/bucket.yaml
      Parameters: {BucketName: logs-%d}
`, i)
			u, ok := Parse(fmt.Sprintf("p%d/main.yaml", i), []byte(src), opts)
			if !ok {
				t.Errorf("parent %d is not read as a template", i)
			}
			units[i] = u
		})
	}
	wg.Wait()
	if _, ok := Parse("shared/bucket.yaml", []byte(child), opts); !ok {
		t.Fatal("the child is not read as a template")
	}
	if reads["shared/bucket.yaml"] != 1 {
		t.Errorf("the nested template was read %d times, want once", reads["shared/bucket.yaml"])
	}
	for i, u := range units {
		if u == nil {
			continue
		}
		if d := model.Dump(u); !strings.Contains(d, fmt.Sprintf(`"logs-%d"`, i)) {
			t.Errorf("parent %d: the nested bucket does not get the parent's parameter:\n%s", i, d)
		}
	}
}
