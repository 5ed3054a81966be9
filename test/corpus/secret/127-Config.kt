object Config {
    val mongoUri = "mongodb+srv://admin:«A16»@cluster0.ab1cd.mongodb.net/prod?retryWrites=true"
}
