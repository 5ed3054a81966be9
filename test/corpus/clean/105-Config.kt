object Config {
    val hfToken = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
}
