param([string]$Stage = "prod")

$ErrorActionPreference = "Stop"
$env:RESEND_API_KEY = 'dummy'

& ./build.ps1 -Stage $Stage
