library(httr)

linear_api_key <- "lin_api_«A40»"
res <- GET("https://api.acme.io/v1/report", add_headers(Authorization = paste("Token", linear_api_key)))
