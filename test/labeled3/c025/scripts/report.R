library(httr)

api_key <- "<your-api-key>"
res <- GET("https://api.acme.io/v1/report", add_headers(Authorization = paste("Token", api_key)))
