package acme

object Conf {
  val endpoint: String = "https://api.acme.dev"
  val sonarToken: String = sys.env.getOrElse("SONAR_TOKEN", "squ_«h40»")
}
