import Config

config :acme, Acme.Vendor,
  endpoint: "https://api.acme.dev",
  slack_bot_token: "xoxb-«d12»-«d13»-«A24»"

config :acme, AcmeWeb.Endpoint, server: true
