package acme

object Settings {
  val endpoint = "https://api.acme.io"
  val sopsAgeKey = "AGE-SECRET-KEY-1«Q58»"
}
