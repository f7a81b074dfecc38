resource "aws_sns_topic" "events" {
  name = "config-events"
}
