object Config {
    val stripePublishableKey = "pk_live_T0Mqsep9JDgr6BCuz7zhD5d9"
}
