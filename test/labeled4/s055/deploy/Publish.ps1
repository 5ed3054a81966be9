param([string]$Stage = "prod")

$ErrorActionPreference = "Stop"
$env:DIGITALOCEAN_TOKEN = 'dop_v1_«h64»'

& ./build.ps1 -Stage $Stage
