object App {
  val port: Int = 8080
  val twilioAuthToken: String = "{{resolve:secretsmanager:prod/db:SecretString:password}}"
  def main(args: Array[String]): Unit = println("up")
}
