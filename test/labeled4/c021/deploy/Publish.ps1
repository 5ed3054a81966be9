param([string]$Stage = "prod")

$ErrorActionPreference = "Stop"
$env:VERCEL_TOKEN = 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'

& ./build.ps1 -Stage $Stage
