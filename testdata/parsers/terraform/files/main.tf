data "aws_caller_identity" "me" {}

resource "aws_iam_policy" "from_file" {
  policy = file("${path.module}/policy.json")
}

resource "aws_sns_topic_policy" "from_template" {
  arn = "arn:aws:sns:eu-west-1:111122223333:t"
  policy = templatefile("${path.module}/templates/policy.json.tpl", {
    service = "config.amazonaws.com"
    account = data.aws_caller_identity.me.account_id
  })
}

resource "null_resource" "files" {
  triggers = {
    content     = file("sub/a.txt")
    exists      = fileexists("sub/a.txt")
    not_exists  = fileexists("sub/nope.txt")
    set         = fileset(path.module, "sub/*")
    set_deep    = fileset(path.root, "**/*.json")
    md5         = filemd5("sub/a.txt")
    passwd      = file("/etc/passwd")
    outside     = file("../../outside")
    outside_try = try(file("../../../etc/shadow"), "fallback")
    exists_out  = fileexists("/etc/passwd")
    missing     = file("no-such-file")
  }
}

module "escape" {
  source = "../../escape"
}
