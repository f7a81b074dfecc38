#!/usr/bin/env bash
# Runs the pre-commit hook for real: pre-commit (Debian package) builds
# configward from this checkout with `language: golang` and runs it on a small
# git repository made here. Slow (pre-commit builds in its own GOPATH), so
# it runs under `make integration`, not `make test`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v pre-commit >/dev/null; then
  apt-get update -qq && apt-get install -y -qq pre-commit >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q -b main .
git config user.email ci@example.com
git config user.name ci
mkdir -p infra templates
cat > infra/channel.tf <<'TF'
resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
}
TF
cat > infra/bucket.tf <<'TF'
resource "aws_s3_bucket" "config" {
  bucket = "config-history"
}
TF
cat > templates/clean.yaml <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKey
  TopicKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
YAML
echo '{"name": "web"}' > package.json
git add -A && git commit -q -m init

export PRE_COMMIT_HOME="$work/.pre-commit-cache"
status=0
out=$(pre-commit try-repo "$repo" configward --files infra/bucket.tf templates/clean.yaml package.json 2>&1) || status=$?
printf '%s\n' "$out"
# Only bucket.tf was named, but its module's other file has the finding.
if [ "$status" -eq 0 ] || ! grep -q 'infra/channel.tf:1:1: medium \[CW101\]' <<<"$out"; then
  echo "FAIL: the hook should fail with CW101 in infra/channel.tf" >&2
  exit 1
fi
status=0
out=$(pre-commit try-repo "$repo" configward --files templates/clean.yaml package.json 2>&1) || status=$?
printf '%s\n' "$out"
if [ "$status" -ne 0 ]; then
  echo "FAIL: the hook should pass on clean files" >&2
  exit 1
fi
echo "pre-commit integration: ok"
