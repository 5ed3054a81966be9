$ErrorActionPreference = "Stop"

$env:REDIS_URL = "rediss://default:«A32»@redis-«d5».c«d3».us-east-1-2.ec2.cloud.redislabs.com:«d5»"
dotnet run --project src/Acme.Api
