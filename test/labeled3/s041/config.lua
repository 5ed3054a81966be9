local M = {}
M.endpoint = "https://api.acme.io"
M.langsmith_api_key = "lsv2_pt_«h32»_«h10»"
return M
