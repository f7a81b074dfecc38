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

fail() { echo "FAIL: $*" >&2; exit 1; }
hook() { # hook FILE...: run the hook on those files, set out and status
  status=0
  out=$(pre-commit try-repo "$repo" configward --files "$@" 2>&1) || status=$?
  printf '%s\n' "$out"
}

# A committed file named like a flag is a path, never a flag: the entry
# ends its flags with --, so --output=main.tf neither overwrites main.tf
# nor changes the report.
printf 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n' > main.tf
cp main.tf main.tf.orig
printf '# a file whose name looks like a flag\n' > ./--output=main.tf
git add -A && git commit -q -m flaglike
# --all-files: pre-commit passes the names as git lists them, the flag-like
# one first in the list.
status=0
out=$(pre-commit try-repo "$repo" configward --all-files 2>&1) || status=$?
printf '%s\n' "$out"
cmp -s main.tf main.tf.orig || fail "a staged file name was read as --output"
grep -q 'main.tf:1:1: low \[CW105\]' <<<"$out" || fail "main.tf was not scanned"

# Rules that judge the whole set answer as a CI scan of the repository
# does: recorder a/ does not record global resources, but b/ does, so CW403
# has nothing to say even when only a/ is staged.
mkdir -p a b
cat > a/recorder.tf <<'TF'
resource "aws_config_configuration_recorder" "a" {
  name     = "a"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = true
  }
}
TF
cat > b/recorder.tf <<'TF'
resource "aws_config_configuration_recorder" "b" {
  name     = "b"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}
TF
git add -A && git commit -q -m recorders
hook a/recorder.tf
! grep -q 'CW403' <<<"$out" || fail "CW403 judged the staged files alone, not the repository"

# exclude from .configward.yml applies to staged files; a staged .tfvars
# brings in its module.
mkdir -p legacy env
cp infra/channel.tf legacy/channel.tf
printf 'exclude: ["legacy/**"]\n' > .configward.yml
cat > env/main.tf <<'TF'
variable "bucket" {}
resource "aws_config_delivery_channel" "env" {
  name           = "env"
  s3_bucket_name = var.bucket
}
TF
printf 'bucket = "config-history"\n' > env/terraform.tfvars
git add -A && git commit -q -m more
hook legacy/channel.tf
[ "$status" -eq 0 ] && ! grep -q 'legacy/channel.tf' <<<"$out" || fail "an excluded staged file was reported"
hook env/terraform.tfvars
grep -q 'env/main.tf:2:1: medium \[CW101\]' <<<"$out" || fail "a staged .tfvars did not bring in its module"

# 200 staged files with long names (pre-commit passes them in batches when
# the command line would be too long): each finding of a staged file is
# reported once, and only those.
long=$(printf 'd%.0s' $(seq 1 200))/$(printf 'e%.0s' $(seq 1 200))
mkdir -p "many/$long"
files=()
for i in $(seq 1 200); do
  f="many/$long/template-$(printf '%03d' "$i")-$(printf 'x%.0s' $(seq 1 150)).yaml"
  if [ "$i" -le 3 ]; then
    printf 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n' > "$f"
  else
    printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n' > "$f"
  fi
  files+=("$f")
done
git add -A && git commit -q -m many
hook "${files[@]}"
n=$(grep -c '\[CW105\]' <<<"$out" || true)
[ "$n" -eq 3 ] || fail "want the 3 CW105 findings of the staged templates once each, got $n"
! grep -q 'infra/channel.tf' <<<"$out" || fail "a finding of a file not staged was reported"
echo "pre-commit integration: ok"
