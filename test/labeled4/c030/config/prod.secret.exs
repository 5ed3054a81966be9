import Config

config :acme, Acme.Vendor,
  endpoint: "https://api.acme.dev",
  pypi_api_token: "0000000000000000000000000000000000000000"

config :acme, AcmeWeb.Endpoint, server: true
