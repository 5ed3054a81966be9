local M = {}
M.endpoint = "https://api.acme.io"
M.tfe_token = "«A14».atlasv1.«A67»"
return M
