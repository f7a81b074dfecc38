# configward: `make test` is what CI runs (through .ci/run).
GO      ?= go
PKGS    := ./...

.PHONY: all build test vet fmt-check update generate install clean integration fuzz bench hostile-scaling fixtures graphs

all: build

build:
	$(GO) build -o bin/configward ./cmd/configward

install:
	$(GO) install ./cmd/configward

## test: vet, formatting and every test with the race detector, but for
## TestHostile: its inputs are built to cost seconds of CPU each, which the
## race detector multiplies several times over (it ran over 10 minutes
## alone), and the same scanner runs concurrently under -race in every other
## test; it runs once more without the detector, with TestHostileScaling
## (the bytes the algorithmic hostile cases allocate at n and 4n, which the
## detector would inflate).
test: vet fmt-check
	$(GO) test -race -count=1 -timeout 30m -skip '^TestHostile(Scaling)?$$' $(PKGS)
	$(GO) test -count=1 -timeout 30m -run '^TestHostile(Scaling)?$$' ./cmd/configward
	$(GO) test -count=1 -run '^TestAlloc' ./analyzer/report ./rules ./rules/internal/iamactions ./cmd/configward ./parsers/jsonvalue ./parsers/cloudformation ./parsers/iampolicy

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './testdata/*') | grep -v '^testdata/' || true); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## update: rewrite golden files (parsers, reports, CLI scripts); review the diff.
update:
	$(GO) test ./parsers/... ./analyzer/report/ -update
	$(GO) test ./cmd/configward/ -run TestScript -update
	$(GO) test ./cmd/configward/ -run TestGolden -update

## generate: the README rule index from rules.All().
generate:
	$(GO) test ./cmd/configward/ -run TestREADMERuleIndex -update

## fixtures: synthesize the CDK app of testdata/cdkapp (its own module) into
## testdata/cdk/, keys sorted. Needs node; the first run downloads ~455 MB of
## Go modules and builds for over a minute. Never part of `test` or CI.
CACHE := $(CURDIR)/.cache
fixtures:
	cd testdata/cdkapp && \
	JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 \
	JSII_RUNTIME_PACKAGE_CACHE_ROOT=$(CACHE)/jsii \
	CDK_OUTDIR=$(CACHE)/cdk.out \
	$(GO) run . -fixtures $(CURDIR)/testdata/cdk

## fuzz: every fuzz target for FUZZTIME each (CI runs them briefly, by a
## count of runs: Go 1.26 can fail a target that found nothing when a time
## limit ends, golang/go#75804).
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 5s
FUZZ_TARGETS := \
	./parsers/jsonvalue:FuzzParse \
	./parsers/cloudformation:FuzzParse \
	./parsers/cloudformation:FuzzFastYAML \
	./parsers/terraform:FuzzParseModule \
	./parsers/terraform:FuzzShallow \
	./parsers/terraform:FuzzVarFile \
	./parsers/terraform:FuzzTemplate \
	./analyzer/config:FuzzParse \
	./cmd/configward:FuzzBaseline \
	./parsers/iampolicy:FuzzFromJSON \
	./analyzer/report:FuzzWriters \
	./cmd/configward:FuzzScanFile
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) || exit 1; \
	done

## bench: every benchmark, 5 runs each (one package at a time), kept in
## testdata/bench/latest.txt and compared with the previous run; then the
## pipeline and the parse-only floor, alternating over 6 runs so that a change
## in the machine's load falls on both, compared by benchstat.
BENCHSTAT := $(GO) run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCHTIME ?= 300ms
PIPELINE := ^Benchmark(Scan|ParseFloor)$$
bench:
	@mkdir -p testdata/bench
	@[ ! -f testdata/bench/latest.txt ] || cp testdata/bench/latest.txt testdata/bench/previous.txt
	$(GO) test -p 1 ./... -run '^$$' -bench . -skip '$(PIPELINE)' -benchmem -count 5 -benchtime $(BENCHTIME) | tee testdata/bench/latest.txt
	@for i in 1 2 3 4 5 6; do \
		$(GO) test ./cmd/configward -run '^$$' -bench '$(PIPELINE)' -benchmem -count 1 -benchtime $(BENCHTIME) | grep '^Benchmark' | tee -a testdata/bench/latest.txt; \
	done
	@[ ! -f testdata/bench/previous.txt ] || $(BENCHSTAT) testdata/bench/previous.txt testdata/bench/latest.txt
	@grep -E '^BenchmarkParseFloor/' testdata/bench/latest.txt | sed 's/^BenchmarkParseFloor/BenchmarkStage/' > testdata/bench/floor.txt
	@grep -E '^BenchmarkScan/' testdata/bench/latest.txt | sed 's/^BenchmarkScan/BenchmarkStage/' > testdata/bench/scan.txt
	$(BENCHSTAT) floor=testdata/bench/floor.txt scan=testdata/bench/scan.txt

## hostile-scaling: for each hostile input of issue 14 (BenchmarkHostile's
## generators), wall time, CPU time and allocated bytes at sizes n and 4n
## and their ratios (over 4.5 marked '!'), each scan in a process of its
## own, ROUNDS runs each (medians). Run it on a quiet machine; a regexp of
## case names narrows it: sh testdata/bench/hostile-scaling.sh 'iam-'.
hostile-scaling:
	GO=$(GO) sh testdata/bench/hostile-scaling.sh

## graphs: render the delivery path goldens (testdata/golden/*.mmd) to PNG
## in .cache/graphs with mermaid-cli and Debian's chromium, to look at them
## before committing a changed golden. Not part of test or CI.
graphs:
	@mkdir -p $(CACHE)/graphs $(CACHE)/mmdc
	@[ -x $(CACHE)/mmdc/node_modules/.bin/mmdc ] || (cd $(CACHE)/mmdc && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund @mermaid-js/mermaid-cli)
	@echo '{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox"]}' > $(CACHE)/mmdc/puppeteer.json
	@for f in testdata/golden/*.mmd; do \
		$(CACHE)/mmdc/node_modules/.bin/mmdc -p $(CACHE)/mmdc/puppeteer.json -b white -w 2400 -i $$f -o $(CACHE)/graphs/$$(basename $$f .mmd).png || exit 1; \
		echo "$(CACHE)/graphs/$$(basename $$f .mmd).png"; \
	done

## integration: the pre-commit hook run for real through pre-commit.
integration:
	bash .ci/integration-precommit.sh

clean:
	rm -rf bin
