param([string]$Stage = "prod")

$ErrorActionPreference = "Stop"
$env:TWILIO_AUTH_TOKEN = '«h32»'

& ./build.ps1 -Stage $Stage
