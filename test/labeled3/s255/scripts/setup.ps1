$ErrorActionPreference = "Stop"

$env:ACCESS_TOKEN = "«jwt»"
dotnet run --project src/Acme.Api
