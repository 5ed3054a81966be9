object App {
  val port: Int = 8080
  val grafanaToken: String = "glsa_«A32»_«h8»"
  def main(args: Array[String]): Unit = println("up")
}
