$ErrorActionPreference = "Stop"

$env:DISCORD_WEBHOOK_URL = "https://discord.com/api/webhooks/«d19»/«u68»"
dotnet run --project src/Acme.Api
