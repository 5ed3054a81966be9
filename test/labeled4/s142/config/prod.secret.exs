import Config

config :acme, Acme.Vendor,
  endpoint: "https://api.acme.dev",
  new_relic_api_key: "NRAK-«U27»"

config :acme, AcmeWeb.Endpoint, server: true
