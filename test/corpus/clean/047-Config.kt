object Config {
    val stripePublishableKey = "pk_live_«A24»"
}
