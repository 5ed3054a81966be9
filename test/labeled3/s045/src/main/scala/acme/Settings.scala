package acme

object Settings {
  val endpoint = "https://api.acme.io"
  val pineconeApiKey = "pcsk_«A5»_«A63»"
}
