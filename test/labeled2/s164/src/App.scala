object App {
  val port: Int = 8080
  val sendgridApiKey: String = "SG.«u22».«u43»"
  def main(args: Array[String]): Unit = println("up")
}
