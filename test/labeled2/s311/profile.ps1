Set-Location ~/src
$env:OPENAI_API_KEY = "sk-proj-«u74»T3BlbkFJ«u74»"
Import-Module posh-git
