package acme

object Settings {
  val endpoint = "https://api.acme.io"
  val figmaToken = "figd_«u40»"
}
