local M = {}

M.config = {
  endpoint = "https://api.acme.dev",
  xai_api_key = [[xai-«A80»]],
  timeout = 10,
}

return M
