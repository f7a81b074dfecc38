package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/parsers/model"
)

// countingFS counts the files opened through it.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestCacheSameUnits: every golden case parsed twice over one cache, the
// units concurrently (for the race detector), gives the dump it gives alone.
func TestCacheSameUnits(t *testing.T) {
	fsys := os.DirFS(testdataRoot)
	want := map[string]string{}
	for _, c := range goldenCases {
		want[c.name] = model.Dump(parse(t, fsys, c.name, c.opts))
	}
	cache := NewCache()
	var wg sync.WaitGroup
	got := make([]string, 2*len(goldenCases))
	for i := range got {
		c := goldenCases[i%len(goldenCases)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			opts := c.opts
			opts.Cache = cache
			got[i] = model.Dump(ParseModule(fsys, c.name, opts))
		}()
	}
	wg.Wait()
	for i, g := range got {
		name := goldenCases[i%len(goldenCases)].name
		if g != want[name] {
			t.Errorf("%s through a shared cache differs from its own parse:\n%s", name, lineDiff(want[name], g))
		}
	}
}

// TestParseAheadSameUnits: every golden case, its directory and every
// directory its local sources name parsed ahead into the cache (as a scan
// parses every Terraform directory before evaluating), gives the dump it
// gives alone, problems of reading and parsing included, and no module is
// parsed again for the unit (it parses only what no local source names:
// installed modules).
func TestParseAheadSameUnits(t *testing.T) {
	fsys := os.DirFS(testdataRoot)
	for _, c := range goldenCases {
		want := model.Dump(parse(t, fsys, c.name, c.opts))
		cache := NewCache()
		cache.MaxFileSize = c.opts.MaxFileSize
		dirs := []string{c.name}
		for i := 0; i < len(dirs); i++ {
			cache.Parse(fsys, dirs[i])
			for _, d := range cache.LocalCalls(fsys, dirs[i]) {
				if !slices.Contains(dirs, d) {
					dirs = append(dirs, d)
				}
			}
		}
		ahead := len(cache.parses)
		opts := c.opts
		opts.Cache = cache
		if got := model.Dump(parse(t, fsys, c.name, opts)); got != want {
			t.Errorf("%s parsed ahead differs from its own parse:\n%s", c.name, lineDiff(want, got))
		}
		for d, n := range cache.parses {
			if n != 1 {
				t.Errorf("%s: %s parsed %d times, want once", c.name, d, n)
			}
		}
		if ahead == 0 {
			t.Errorf("%s: nothing parsed ahead", c.name)
		}
	}
}

// TestCacheReadsModuleOnce: a module called by many examples through
// relative paths, each example its own unit, is read once per scan, and
// each directory listed once; each unit still evaluates it with its own
// inputs.
func TestCacheReadsModuleOnce(t *testing.T) {
	const examples = 12
	mfs := fstest.MapFS{
		"main.tf": {Data: []byte(`variable "name" {}
variable "versioning" { default = "Suspended" }
resource "aws_s3_bucket" "this" { bucket = var.name }
resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration { status = var.versioning }
}
module "logs" {
  source = "./modules/logs"
  bucket = aws_s3_bucket.this.id
}
`)},
		"modules/logs/main.tf": {Data: []byte(`variable "bucket" {}
resource "aws_s3_bucket_logging" "this" {
  bucket        = var.bucket
  target_bucket = "logs"
}
`)},
	}
	for i := range examples {
		mfs[fmt.Sprintf("examples/e%d/main.tf", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`module "bucket" {
  source     = "../../"
  name       = "bucket-%d"
  versioning = "Enabled"
}
`, i))}
	}
	fsys := &countingFS{FS: mfs, opens: map[string]int{}}
	cache := NewCache()
	for i := range examples {
		u := ParseModule(fsys, fmt.Sprintf("examples/e%d", i), Options{Cache: cache})
		if len(u.Diagnostics) > 0 {
			t.Fatalf("e%d: %v", i, u.Diagnostics)
		}
		name := fmt.Sprintf(`"bucket-%d"`, i)
		var bucket, status string
		for _, r := range u.Resources {
			switch r.Address {
			case "module.bucket.aws_s3_bucket.this":
				bucket = model.Dump(&model.Unit{Resources: []*model.Resource{r}})
			case "module.bucket.aws_s3_bucket_versioning.this":
				status = model.Dump(&model.Unit{Resources: []*model.Resource{r}})
			}
		}
		if !strings.Contains(bucket, name) || !strings.Contains(status, `"Enabled"`) {
			t.Errorf("e%d: the module is not evaluated with the example's inputs:\n%s\n%s", i, bucket, status)
		}
		if !slices.Contains(u.Files, "main.tf") || !slices.Contains(u.Files, "modules/logs/main.tf") {
			t.Errorf("e%d: files %v miss the module's", i, u.Files)
		}
	}
	for name, n := range fsys.opens {
		if strings.HasSuffix(name, ".tf") && n != 1 {
			t.Errorf("%s opened %d times, want once", name, n)
		}
		// A directory is opened to list it: once for every unit.
		if !strings.HasSuffix(name, ".tf") && n != 1 {
			t.Errorf("directory %s listed %d times, want once", name, n)
		}
	}
	if fsys.opens["."] != 1 || fsys.opens["examples"] != 1 {
		t.Errorf("opens %v: the directories are not listed", fsys.opens)
	}
	if fsys.opens["main.tf"] != 1 || fsys.opens["modules/logs/main.tf"] != 1 {
		t.Errorf("opens %v: the module files are not read", fsys.opens)
	}
	if !cache.Module(".") || !cache.Module("modules/logs/") {
		t.Error("the cache does not know the modules the examples called")
	}
}

// TestLocalSources: the local source arguments found in a file's text, in
// native syntax at the start of a line and in JSON, and what is not one.
func TestLocalSources(t *testing.T) {
	cases := []struct {
		src  string
		want []string
	}{
		{"module \"a\" {\n  source = \"../../\"\n}\n", []string{"../../"}},
		{"module \"a\" {\n\tsource\t=\t\"./modules/x\" # comment\n}\n", []string{"./modules/x"}},
		{`{"module": {"a": {"source" :` + "\n" + `"../x"}}}`, []string{"../x"}},
		{"source = \".\\\\mods\\\\x\"\n", []string{`.\\mods\\x`}},
		{"source = \"./a\"\nsource = \"./source\"\n  source = \"../b\"\n", []string{"./a", "./source", "../b"}},
		// Not local, not at the start of a line, not closed on the line.
		{"source = \"terraform-aws-modules/vpc/aws\"\n", nil},
		{"x source = \"./a\"\n", nil},
		{"# source = \"./a\"\n", nil},
		{"source = \"..x/\"\n", nil},
		{"source = \"./a\nb\"\n", nil},
		{"source = \"./a", nil},
		{"\"source\" = \"./a\"", nil},
		{"source", nil},
	}
	for _, c := range cases {
		if got := localSources([]byte(c.src)); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.src, got, c.want)
		}
	}
}

// TestDoublingExamplesParsesModuleOnce: units evaluated as a scan
// evaluates them (every unit's modules expected first, the units at once
// over one cache) parse a module and its submodule once, with 12 examples
// calling it and with 24: doubling the callers adds no parse of the
// module, only the new examples' own.
func TestDoublingExamplesParsesModuleOnce(t *testing.T) {
	for _, examples := range []int{12, 24} {
		mfs := fstest.MapFS{
			"mod/main.tf": {Data: []byte(`variable "name" {}
resource "aws_s3_bucket" "this" { bucket = var.name }
module "logs" {
  source = "./modules/logs"
  bucket = aws_s3_bucket.this.id
}
`)},
			"mod/modules/logs/main.tf": {Data: []byte(`variable "bucket" {}
resource "aws_s3_bucket_logging" "this" {
  bucket        = var.bucket
  target_bucket = "logs"
}
`)},
		}
		var units []string
		for i := range examples {
			dir := fmt.Sprintf("mod/examples/e%d", i)
			units = append(units, dir)
			mfs[dir+"/main.tf"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("module \"a\" {\n  source = \"../../\"\n  name   = \"a-%d\"\n}\nmodule \"b\" {\n  source = \"../..\"\n  name   = \"b-%d\"\n}\n", i, i))}
		}
		cache := NewCache()
		for _, u := range units {
			for _, d := range append([]string{u}, "mod", "mod/modules/logs") {
				cache.Expect(d, 1)
			}
		}
		var wg sync.WaitGroup
		resources := make([]int, len(units))
		for i, u := range units {
			wg.Go(func() { resources[i] = len(ParseModule(mfs, u, Options{Cache: cache}).Resources) })
		}
		wg.Wait()
		for i, n := range resources {
			if n != 4 {
				t.Errorf("examples=%d: e%d has %d resources, want the module's 2 for each of its 2 calls", examples, i, n)
			}
		}
		for _, d := range []string{"mod", "mod/modules/logs"} {
			if n := cache.parses[d]; n != 1 {
				t.Errorf("examples=%d: %s parsed %d times, want once", examples, d, n)
			}
		}
		if len(cache.parses) != examples+2 {
			t.Errorf("examples=%d: %d directories parsed, want the module's 2 and the examples' %d", examples, len(cache.parses), examples)
		}
	}
}
