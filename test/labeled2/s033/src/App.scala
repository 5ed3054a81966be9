object App {
  val port: Int = 8080
  val xaiApiKey: String = "xai-«A80»"
  def main(args: Array[String]): Unit = println("up")
}
