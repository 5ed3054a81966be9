library(httr)

sendgrid_api_key <- "SG.«u22».«u43»"
res <- GET("https://api.acme.io/v1/report", add_headers(Authorization = paste("Token", sendgrid_api_key)))
