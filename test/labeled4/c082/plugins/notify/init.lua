local M = {}

M.config = {
  endpoint = "https://api.acme.dev",
  deepseek_api_key = [[***masked***]],
  timeout = 10,
}

return M
