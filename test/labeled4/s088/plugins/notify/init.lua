local M = {}

M.config = {
  endpoint = "https://api.acme.dev",
  circle_token = [[CCIPAT_«A22»_«h40»]],
  timeout = 10,
}

return M
