#!/usr/bin/env bash
# Runs the pre-commit hook for real: pre-commit (Debian package) builds
# configward from this checkout with `language: golang` and runs it on a small
# git repository made here. Slow (try-repo builds the hook in a fresh store
# on every call), so it runs under `make integration`, not `make test`, and
# makes three calls: the staged-files cases together, a clean set, and
# --all-files with a file named like a flag.
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
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p infra templates a b legacy env
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
# Recorder a/ does not record global resources, b/'s does: a CI scan of the
# repository has no CW403, and neither may the hook when only a/ is staged.
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
# exclude (from .configward.yml) applies to staged files.
cp infra/channel.tf legacy/channel.tf
sed -i 's/"main"/"legacy"/' legacy/channel.tf
printf 'exclude: ["legacy/**"]\n' > .configward.yml
# A staged .tfvars brings in its module.
cat > env/main.tf <<'TF'
variable "bucket" {}
resource "aws_config_delivery_channel" "env" {
  name           = "env"
  s3_bucket_name = var.bucket
}
TF
printf 'bucket = "config-history"\n' > env/terraform.tfvars
# 200 templates under long names, so that pre-commit passes the staged
# files in batches: each finding of a staged file is reported once.
long=$(printf 'd%.0s' $(seq 1 200))/$(printf 'e%.0s' $(seq 1 200))/$(printf 'f%.0s' $(seq 1 200))/$(printf 'g%.0s' $(seq 1 200))
mkdir -p "many/$long"
many=()
for i in $(seq 1 200); do
  f="many/$long/template-$(printf '%03d' "$i")-$(printf 'x%.0s' $(seq 1 150)).yaml"
  if [ "$i" -le 3 ]; then
    printf 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n' >"$f"
  else
    printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n' >"$f"
  fi
  many+=("$f")
done
git add -A && git commit -q -m init

export PRE_COMMIT_HOME="$work/.pre-commit-cache"

# 1. Staged: bucket.tf (its module's other file has CW101), a/recorder.tf,
#    legacy/channel.tf (excluded), env/terraform.tfvars and the 200 templates.
status=0
out=$(pre-commit try-repo "$repo" configward --files infra/bucket.tf a/recorder.tf legacy/channel.tf \
  env/terraform.tfvars templates/clean.yaml package.json "${many[@]}" 2>&1) || status=$?
printf '%s\n' "$out" | grep -v '^    ' | cut -c1-300
[ "$status" -ne 0 ] || fail "the hook should fail"
grep -q 'infra/channel.tf:1:1: medium \[CW101\]' <<<"$out" || fail "CW101 in infra/channel.tf (bucket.tf's module) missing"
grep -q 'env/main.tf:2:1: medium \[CW101\]' <<<"$out" || fail "a staged .tfvars did not bring in its module"
! grep -q 'CW403' <<<"$out" || fail "CW403 judged the staged files alone, not the repository"
! grep -q 'legacy/channel.tf' <<<"$out" || fail "an excluded staged file was reported"
! grep -q 'b/recorder.tf' <<<"$out" || fail "a file that was not staged was reported"
n=$(grep -c '\[CW105\]' <<<"$out" || true)
[ "$n" -eq 3 ] || fail "want the 3 CW105 findings of the staged templates once each, got $n"
batches=$(grep -c '^scanned ' <<<"$out" || true)
[ "$batches" -ge 2 ] || fail "want pre-commit to pass the staged files in several batches, got $batches"
echo "pre-commit ran the hook in $batches batches"

# 2. Clean files pass.
status=0
out=$(pre-commit try-repo "$repo" configward --files templates/clean.yaml package.json 2>&1) || status=$?
printf '%s\n' "$out"
[ "$status" -eq 0 ] || fail "the hook should pass on clean files"

# 3. A committed file named like a flag is a path: the entry ends its flags
#    with --, so --output=main.tf neither overwrites main.tf nor changes the
#    report (--all-files passes names as git lists them, this one first).
printf 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n' > main.tf
orig=$(mktemp) && cp main.tf "$orig"
printf '# a file whose name looks like a flag\n' > ./--output=main.tf
git add -A && git commit -q -m flaglike
status=0
out=$(pre-commit try-repo "$repo" configward --all-files 2>&1) || status=$?
printf '%s\n' "$out" | grep -v '^    ' | cut -c1-300
cmp -s main.tf "$orig" || fail "a staged file name was read as --output"
grep -q '^main.tf:1:1: low \[CW105\]' <<<"$out" || fail "main.tf was not scanned"
echo "pre-commit integration: ok"
