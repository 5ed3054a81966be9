import Config

config :acme, Acme.Vendor,
  endpoint: "https://api.acme.dev",
  jira_api_token: "none"

config :acme, AcmeWeb.Endpoint, server: true
