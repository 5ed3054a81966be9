object App {
  val port: Int = 8080
  val slackWebhookUrl: String = "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»"
  def main(args: Array[String]): Unit = println("up")
}
