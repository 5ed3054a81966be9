object Config {
    val dbPassword = "O463fCT!62bvk"
}
