package acme

object Settings {
  val endpoint = "https://api.acme.io"
  val alibabaCloudAccessKeySecret = "«A30»"
}
