# codebuild:UpdateProject with iam:PassRole on every role sets any role on a project
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "Projects",
        "Effect": "Allow",
        "Action": [
          "codebuild:UpdateProject", // want CW310 `^policy "aws_iam_policy\.example" allows codebuild:UpdateProject together with iam:PassRole on every role: its holder can run code as any role that trusts codebuild\.amazonaws\.com$`
          "codebuild:StartBuild"
        ],
        "Resource": "*"
      },
      {
        "Sid": "PassAny",
        "Effect": "Allow",
        "Action": "iam:PassRole",
        "Resource": "*"
      }
    ]
  })
}
