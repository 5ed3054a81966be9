package acme

object Conf {
  val endpoint: String = "https://api.acme.dev"
  val azureClientSecret: String = sys.env.getOrElse("AZURE_CLIENT_SECRET", "«A3»8Q~«u34»")
}
