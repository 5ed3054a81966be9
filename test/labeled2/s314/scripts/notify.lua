local http = require("socket.http")
local token = "xoxb-«d12»-«d13»-«A24»"
local channel = "#ops"
