import Config

config :stripity_stripe, api_key: "sk_live_«A99»"
config :logger, level: :info
