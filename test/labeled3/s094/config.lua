local M = {}
M.endpoint = "https://api.acme.io"
M.pypi_api_token = "pypi-AgEIcHlwaS5vcmc«u70»"
return M
