$ErrorActionPreference = "Stop"

$env:GITHUB_WEBHOOK_SECRET = "«h40»"
dotnet run --project src/Acme.Api
