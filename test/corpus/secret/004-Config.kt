object Config {
    val awsAccessKeyId = "AKIAQ7FWMYZY3OMXC4EM"
}
