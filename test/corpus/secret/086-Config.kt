object Config {
    val hfToken = "hf_«L34»"
}
