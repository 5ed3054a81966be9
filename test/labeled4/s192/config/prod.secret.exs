import Config

config :acme, Acme.Vendor,
  endpoint: "https://api.acme.dev",
  braintree_access_token: "access_token$production$«a16»$«h32»"

config :acme, AcmeWeb.Endpoint, server: true
