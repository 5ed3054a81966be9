param([string]$Stage = "prod")

$ErrorActionPreference = "Stop"
$env:SHOPIFY_ADMIN_TOKEN = 'shpat_«h32»'

& ./build.ps1 -Stage $Stage
