local M = {}
M.endpoint = "https://api.acme.io"
M.stripe_secret_key = "sk_live_«A99»"
return M
