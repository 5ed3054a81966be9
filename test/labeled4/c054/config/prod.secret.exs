import Config

config :acme, Acme.Vendor,
  endpoint: "https://api.acme.dev",
  okta_api_token: "sk-..."

config :acme, AcmeWeb.Endpoint, server: true
