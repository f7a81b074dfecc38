resource "aws_iam_policy" "p1" {
  policy = file("/etc/passwd")
}

resource "aws_iam_policy" "p2" {
  policy = file("../../outside.json")
}
