library(httr)

Sys.setenv(PAYPAL_CLIENT_SECRET = "E«u79»")

resp <- GET("https://api.acme.dev/v1/metrics", add_headers(Authorization = paste("Token", Sys.getenv("PAYPAL_CLIENT_SECRET"))))
stop_for_status(resp)
