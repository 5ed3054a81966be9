$body = @{ text = "deploy finished" } | ConvertTo-Json
Invoke-RestMethod -Uri "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»" -Method Post -Body $body
