package acme

object Conf {
  val endpoint: String = "https://api.acme.dev"
  val accessToken: String = sys.env.getOrElse("ACCESS_TOKEN", "****************************abcd")
}
