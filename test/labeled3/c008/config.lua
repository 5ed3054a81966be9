local M = {}
M.endpoint = "https://api.acme.io"
M.acme_token = "your-token-here"
return M
