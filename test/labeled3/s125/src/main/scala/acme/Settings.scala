package acme

object Settings {
  val endpoint = "https://api.acme.io"
  val stripeWebhookSecret = "whsec_«A32»"
}
