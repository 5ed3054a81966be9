local M = {}
M.endpoint = "https://api.acme.io"
M.figma_token = "figd_«u40»"
return M
