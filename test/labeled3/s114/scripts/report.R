library(httr)

buildkite_api_token <- "bkua_«h40»"
res <- GET("https://api.acme.io/v1/report", add_headers(Authorization = paste("Token", buildkite_api_token)))
