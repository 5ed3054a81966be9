object App {
  val port: Int = 8080
  val jiraApiToken: String = "ATATT3xFfGF0«u180»=«H8»"
  def main(args: Array[String]): Unit = println("up")
}
