package acme

object Conf {
  val endpoint: String = "https://api.acme.dev"
  val githubToken: String = sys.env.getOrElse("GITHUB_TOKEN", "ghp_«A36»")
}
