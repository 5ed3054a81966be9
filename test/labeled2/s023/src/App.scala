object App {
  val port: Int = 8080
  val hfToken: String = "hf_«L34»"
  def main(args: Array[String]): Unit = println("up")
}
