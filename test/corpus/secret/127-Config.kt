object Config {
    val mongoUri = "mongodb+srv://admin:K6qztJuPUduGoM51@cluster0.ab1cd.mongodb.net/prod?retryWrites=true"
}
